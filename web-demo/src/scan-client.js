"use strict";
// Runs keyward's wasm scanner in a worker so that a 5 MB paste never freezes the page.
//
// The worker is created from a blob: URL (CSP `worker-src blob:`), whose source is the wasm-bindgen
// glue (`keywardWasmGlue`, from keyward-glue.js) plus `scanWorkerMain`, both turned back into source
// text with Function.prototype.toString. The wasm is compiled once, here, from the base64 embedded in
// keyward-wasm.js (a fetch would be refused by `connect-src 'none'`) and the compiled module is
// posted to the worker.

/** Worker entry point. Runs inside the worker: it must use nothing from the page's scope. */
function scanWorkerMain(makeGlue) {
  let glue = null;
  self.onmessage = ({ data }) => {
    try {
      if (data.type === "init") {
        glue = makeGlue();
        glue.initSync({ module: data.module });
        self.postMessage({ type: "ready", rules: glue.rules() });
        return;
      }
      const started = performance.now();
      const findings = glue.scan(data.text);
      self.postMessage({ type: "result", id: data.id, findings, scanMs: performance.now() - started });
    } catch (error) {
      self.postMessage({ type: "error", id: data.id, message: String((error && error.message) || error) });
    }
  };
}

/** Decodes the embedded wasm (base64) into bytes. */
function embeddedWasmBytes() {
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
 * A scanner running in a worker. `scan(text)` resolves with `{findings, scanMs}` for that text, or
 * with `null` if a newer `scan` call superseded it before it started: while typing, only the latest
 * text is worth scanning.
 */
class ScanClient {
  static async start() {
    const module = await compileKeywardModule();
    const source = `"use strict";\n${keywardWasmGlue}\n(${scanWorkerMain})(keywardWasmGlue);\n`;
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const worker = new Worker(url);
    URL.revokeObjectURL(url);
    const rules = await new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data.type === "ready" ? resolve(data.rules) : reject(new Error(data.message)));
      worker.onerror = (event) => reject(new Error(event.message || "the scan worker failed to start"));
      worker.postMessage({ type: "init", module });
    });
    return new ScanClient(worker, rules);
  }

  constructor(worker, rules) {
    this.worker = worker;
    /** The catalogue: id, provider, title, category, revokeUrl, envVar. */
    this.rules = rules;
    this.nextId = 1;
    this.running = null; // {id, resolve, reject}
    this.waiting = null; // {text, resolve, reject}
    worker.onmessage = ({ data }) => this.settle(data);
    // A crashed worker (out of memory on a huge input, say) must not leave the page "scanning" forever.
    worker.onerror = (event) => this.settle({ type: "error", id: this.running?.id, message: event.message || "the scan worker crashed" });
  }

  scan(text) {
    return new Promise((resolve, reject) => {
      if (this.waiting) this.waiting.resolve(null);
      this.waiting = { text, resolve, reject };
      this.startNext();
    });
  }

  startNext() {
    if (this.running || !this.waiting) return;
    const { text, resolve, reject } = this.waiting;
    this.waiting = null;
    this.running = { id: this.nextId++, resolve, reject };
    this.worker.postMessage({ type: "scan", id: this.running.id, text });
  }

  settle(data) {
    const running = this.running;
    if (!running || data.id !== running.id) return;
    this.running = null;
    if (data.type === "result") running.resolve({ findings: data.findings, scanMs: data.scanMs });
    else running.reject(new Error(data.message));
    this.startNext();
  }
}
