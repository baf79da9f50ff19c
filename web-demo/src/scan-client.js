"use strict";
// Runs keyward's wasm scanner in a worker, so that no input (a 5 MB paste, a hostile line that takes
// seconds) ever freezes the page, and a scan that is no longer wanted can be stopped: a wasm call
// cannot be interrupted, so cancelling terminates the worker and starts a fresh one.
//
// The worker is created from a blob: URL (CSP `worker-src blob:`), whose source is the wasm-bindgen
// glue (`keywardWasmGlue`, from keyward-glue.js) plus `scanWorkerMain`, both turned back into source
// text with Function.prototype.toString. The wasm is compiled once, here, from the base64 embedded in
// keyward-wasm.js (a fetch would be refused by `connect-src 'none'`); every worker gets the compiled
// module.

/**
 * Scanned by each new worker before it reports ready, so that the one-time costs of a first scan
 * (growing the wasm memory, the names most pastes contain) are paid before the user's first text.
 * Holds no secret.
 */
const WARM_UP_TEXT = "# warm-up\napi_key = example\npassword: example\ntoken=example\nAuthorization: Bearer example\n";

/** Worker entry point. Runs inside the worker: it must use nothing from the page's scope. */
function scanWorkerMain(makeGlue) {
  /** Rules compiled per slice: a few milliseconds, so a scan asked for meanwhile waits little. */
  const PRECOMPILE_SLICE = 30;
  let glue = null;
  // Once ready, the catalogue's regexes are compiled in short slices while the worker is idle, so
  // that the first text holding keys pays nothing for them (they compile on first use otherwise:
  // most of a first paste's scan). A scan message is handled between two slices.
  const precompileWhileIdle = (total) => {
    const started = performance.now();
    let next = 0;
    const slice = () => {
      try {
        next = glue.precompile(next, PRECOMPILE_SLICE);
      } catch {
        return; // rules then compile on first use, as without this
      }
      if (next < total) setTimeout(slice, 0);
      else self.postMessage({ type: "compiled", ms: performance.now() - started });
    };
    setTimeout(slice, 0);
  };
  self.onmessage = ({ data }) => {
    try {
      if (data.type === "init") {
        const started = performance.now();
        glue = makeGlue();
        glue.initSync({ module: data.module });
        const rules = glue.rules();
        glue.scan(data.warmUpText);
        self.postMessage({ type: "ready", rules, warmUpMs: performance.now() - started });
        precompileWhileIdle(rules.length);
        return;
      }
      const started = performance.now();
      const findings = glue.scan(data.text);
      // `truncated` is an own property of the array; say it explicitly rather than rely on cloning it.
      self.postMessage({ type: "result", id: data.id, findings, truncated: findings.truncated === true, scanMs: performance.now() - started });
    } catch (error) {
      self.postMessage({ type: "error", id: data.id, message: String((error && error.message) || error) });
    }
  };
}

/** The embedded wasm (base64) as bytes. */
function embeddedWasmBytes() {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(KEYWARD_WASM_BASE64);
  const binary = atob(KEYWARD_WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Compiles the embedded wasm off the main thread's critical path (async compile). */
function compileKeywardModule() {
  return WebAssembly.compile(embeddedWasmBytes());
}

/**
 * A scanner running in a worker, started at once and warmed up before any text arrives.
 *
 * `scan(text)` resolves with `{findings, truncated, scanMs}` for that text, or with `null` if it was
 * superseded (a newer `scan` before it started) or cancelled: only the latest text is worth scanning.
 * `cancel()` drops the waiting scan and stops the running one by replacing the worker, so a result
 * for an old text can never arrive.
 */
class ScanClient {
  /** Compiles the wasm, then starts the first worker; scans wait until a worker is ready. */
  static async start({ onScanStart = (client, text) => {} } = {}) {
    return new ScanClient(await compileKeywardModule(), onScanStart);
  }

  constructor(module, onScanStart) {
    this.module = module;
    this.onScanStart = onScanStart;
    const source = `"use strict";\n${keywardWasmGlue}\n(${scanWorkerMain})(keywardWasmGlue);\n`;
    // Kept for the page's lifetime: every replacement worker starts from it.
    this.workerUrl = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    /** Counts the workers started, so a replaced worker is visible (tests read it). */
    this.generation = 0;
    this.nextId = 1;
    this.waiting = null; // {text, resolve, reject}
    this.running = null; // {id, resolve, reject}
    /** Resolves with the catalogue (id, provider, title, category, revokeUrl, envVar, severity...) once the first worker is ready. */
    this.rules = new Promise((resolve, reject) => (this.firstReady = { resolve, reject }));
    this.startWorker();
  }

  startWorker() {
    const worker = new Worker(this.workerUrl);
    this.worker = worker;
    this.ready = false;
    this.generation++;
    worker.onmessage = ({ data }) => {
      if (this.worker === worker) this.receive(data);
    };
    // A worker that crashes (out of memory on a huge input, say) must not leave the page "scanning" forever.
    worker.onerror = (event) => {
      if (this.worker === worker) this.crashed(event.message || "the scan worker crashed");
    };
    worker.postMessage({ type: "init", module: this.module, warmUpText: WARM_UP_TEXT });
  }

  receive(data) {
    if (data.type === "compiled") {
      // Read by tests/web/page.test.mjs: the first worker compiled the whole catalogue while idle.
      if (this.compiledMs === undefined) performance.mark("keyward-rules-compiled", { detail: { ms: data.ms } });
      this.compiledMs = data.ms;
      return;
    }
    if (data.type === "ready") {
      this.ready = true;
      this.warmUpMs = data.warmUpMs;
      this.firstReady?.resolve(data.rules);
      this.firstReady = null;
      this.startNext();
      return;
    }
    const running = this.running;
    if (!running || data.id !== running.id) return;
    this.running = null;
    if (data.type === "result") running.resolve({ findings: data.findings, truncated: data.truncated, scanMs: data.scanMs });
    else running.reject(new Error(data.message));
    this.startNext();
  }

  crashed(message) {
    const error = new Error(message);
    if (!this.ready && this.firstReady) {
      // The very first worker failed to start: the scanner cannot run here at all.
      this.firstReady.reject(error);
      this.firstReady = null;
      this.waiting?.reject(error);
      this.waiting = null;
      return;
    }
    this.running?.reject(error);
    this.running = null;
    this.worker.terminate();
    this.startWorker();
  }

  scan(text) {
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null);
      this.waiting = { text, resolve, reject };
      this.startNext();
    });
  }

  /** Drops the waiting scan; stops the running one (its worker is terminated and replaced). */
  cancel() {
    this.waiting?.resolve(null);
    this.waiting = null;
    if (!this.running) return false;
    this.running.resolve(null);
    this.running = null;
    this.worker.terminate();
    this.startWorker();
    return true;
  }

  startNext() {
    if (this.running || !this.waiting || !this.ready) return;
    const { text, resolve, reject } = this.waiting;
    this.waiting = null;
    this.running = { id: this.nextId++, resolve, reject };
    this.worker.postMessage({ type: "scan", id: this.running.id, text });
    this.onScanStart(this, text);
  }
}
