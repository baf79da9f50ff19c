// The scan worker: the real worker bundle (dist/node/worker.js, built by `node esbuild.mjs`)
// started by the Node platform code scans like the package does; a newer scan of a document
// replaces its waiting one; and, with a fake worker, a scan past the time limit is stopped and
// the worker restarted, and a worker that cannot start is reported.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, mock } from "node:test";
import { anthropicKey, openaiKey } from "../../tests/vscode/fixtureKeys.mjs";

const require = createRequire(import.meta.url);
const { ScanWorker, WORKER_SCAN_TIME_LIMIT_MS } = require("../out/core/scanWorker.js");
const { warmUpLines } = require("../out/core/warmUp.js");
const { platform } = require("../out/platform.js");
const { Scanner } = require("../../packages/keyward");

const extensionDir = new URL("..", import.meta.url).pathname;
const module = new WebAssembly.Module(readFileSync(new URL("../dist/keyward_wasm_bg.wasm", import.meta.url)));
const packageScanner = new Scanner({});
const init = { type: "init", module, disabledRules: [], customRules: [], minConfidence: "medium", warmUp: warmUpLines(packageScanner.rules()) };
const shape = (findings) => findings.map((f) => `${f.ruleId} ${f.line}:${f.column} [${f.startIndex},${f.endIndex}) ${f.fingerprint}`);

/** A document larger than the host's share, with keys in it. */
function bigText(seed) {
  const lines = Array.from({ length: 2000 }, (_, i) => `value_${i} = compute("item-${i}", ${i})`);
  lines[100] = `OPENAI_API_KEY = "${openaiKey(seed)}"`;
  lines[1900] = `client = Anthropic(api_key="${anthropicKey(seed)}")`;
  return lines.join("\n");
}

test("the real worker scans as the package does; a newer scan of a document replaces its waiting one", async () => {
  let readyMs;
  const start = await platform.scanWorkerStarter({ fsPath: `${extensionDir}dist/node/worker.js` });
  const worker = new ScanWorker(start, init, (ms) => (readyMs = ms));
  try {
    // All three wait for the worker to start, so the third replaces the first.
    const [first, other, latest] = await Promise.all([worker.scan(bigText(1), "a"), worker.scan(bigText(2), "b"), worker.scan(bigText(3), "a")]);
    assert.deepEqual(first, { kind: "superseded" });
    for (const [outcome, seed] of [[other, 2], [latest, 3]]) {
      assert.equal(outcome.kind, "done");
      assert.equal(outcome.result.truncated, false);
      assert.equal(outcome.result.findings.length, 2);
      assert.deepEqual(shape(outcome.result.findings), shape(packageScanner.scan(bigText(seed), { minConfidence: "medium" })));
    }
    assert.ok(readyMs > 0, "the worker reported its start-up time");
    assert.equal(worker.startError, undefined);
  } finally {
    worker.dispose();
  }
});

test("a worker script that cannot load: the scan fails with the reason and the worker counts as unavailable", async () => {
  const worker = new ScanWorker(await platform.scanWorkerStarter({ fsPath: "/nonexistent-keyward/worker.js" }), init);
  const outcome = await worker.scan("x".repeat(20_000), "a");
  assert.equal(outcome.kind, "failed");
  assert.match(worker.startError, /Cannot find module|nonexistent-keyward/);
  worker.dispose();
});

/** A worker that answers only when told to. */
function fakeWorkers() {
  const spawned = [];
  const spawn = () => {
    const handle = { posted: [], terminated: false, listeners: {}, errorListeners: [] };
    handle.post = (message) => handle.posted.push(message);
    handle.onMessage = (listener) => (handle.listener = listener);
    handle.onError = (listener) => handle.errorListeners.push(listener);
    handle.terminate = () => (handle.terminated = true);
    spawned.push(handle);
    return handle;
  };
  return { spawned, spawn };
}

test("a scan past the time limit is stopped, the worker restarted, and the next scan runs in a fresh one", async () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const { spawned, spawn } = fakeWorkers();
    const worker = new ScanWorker(spawn, init);
    worker.start();
    worker.start();
    assert.equal(spawned.length, 1, "started ahead of the first scan, once");
    const slow = worker.scan("slow", "a");
    assert.equal(spawned.length, 1);
    assert.equal(spawned[0].posted[0].type, "init");
    spawned[0].listener({ type: "ready", ms: 1 });
    assert.deepEqual(spawned[0].posted[1], { type: "scan", id: 1, text: "slow" });
    const waiting = worker.scan("next", "b");
    mock.timers.tick(WORKER_SCAN_TIME_LIMIT_MS);
    assert.deepEqual(await slow, { kind: "stopped", limitMs: WORKER_SCAN_TIME_LIMIT_MS });
    assert.equal(spawned[0].terminated, true);
    assert.equal(spawned.length, 2, "a fresh worker for the waiting scan");
    spawned[1].listener({ type: "ready", ms: 1 });
    spawned[1].listener({ type: "result", id: 2, findings: [], truncated: true, ms: 1 });
    const next = await waiting;
    assert.equal(next.kind, "done");
    assert.deepEqual(next.result, { findings: [], truncated: true });
    spawned[0].listener({ type: "result", id: 1, findings: [], truncated: false, ms: 1 }); // too late: ignored
    worker.dispose();
  } finally {
    mock.timers.reset();
  }
});

test("a worker that crashes mid-scan fails that scan; the next one starts a new worker", async () => {
  const { spawned, spawn } = fakeWorkers();
  const worker = new ScanWorker(spawn, init);
  const scan = worker.scan("text", "a");
  spawned[0].listener({ type: "ready", ms: 1 });
  spawned[0].errorListeners.forEach((listener) => listener("out of memory"));
  assert.deepEqual(await scan, { kind: "failed", message: "out of memory" });
  assert.equal(worker.startError, undefined, "it had started: not a start-up failure");
  const again = worker.scan("text", "a");
  assert.equal(spawned.length, 2);
  spawned[1].listener({ type: "ready", ms: 1 });
  spawned[1].listener({ type: "failed", id: 2, message: "keyward: bad input" });
  assert.deepEqual(await again, { kind: "failed", message: "keyward: bad input" });
  worker.dispose();
});
