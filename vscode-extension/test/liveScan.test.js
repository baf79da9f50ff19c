// Unit tests of the live-scan helpers: the per-document debounce, the delay that follows the
// measured scan cost, and the scan statistics.
const { test, mock } = require("node:test");
const assert = require("node:assert/strict");
const { Debouncer } = require("../out/core/debounce.js");

test("one action per key, after the last schedule; keys are independent; cancel and dispose stop them", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const runs = [];
    const debouncer = new Debouncer();
    for (let i = 0; i < 5; i++) {
      debouncer.schedule("a", 150, () => runs.push(`a${i}`));
      mock.timers.tick(100);
    }
    debouncer.schedule("b", 150, () => runs.push("b"));
    debouncer.schedule("c", 150, () => runs.push("c"));
    debouncer.cancel("c");
    assert.deepEqual(runs, []);
    mock.timers.tick(150);
    assert.deepEqual(runs, ["a4", "b"]);
    debouncer.schedule("d", 0, () => runs.push("d"));
    mock.timers.tick(0);
    assert.deepEqual(runs, ["a4", "b", "d"], "a zero delay runs on the next turn of the event loop");
    debouncer.schedule("a", 150, () => runs.push("late"));
    debouncer.dispose();
    mock.timers.tick(1000);
    assert.deepEqual(runs, ["a4", "b", "d"]);
  } finally {
    mock.timers.reset();
  }
});

test("the delay after an edit follows the document's recent scan cost", () => {
  const { ScanCosts, MAX_DELAY_MS } = require("../out/core/scanCost.js");
  const costs = new ScanCosts();
  const edit = (key, ms) => costs.record(key, ms, 1000, true);
  assert.equal(costs.delayMs("a"), 0, "a document not scanned yet is scanned at once");
  for (const ms of [0.3, 0.2, 0.4]) edit("a", ms);
  assert.equal(costs.delayMs("a"), 0, "sub-millisecond scans: no delay");
  edit("a", 45);
  assert.equal(costs.delayMs("a"), 0, "one slow scan (a rule compiling on its first hit) does not count");
  costs.record("a", 300, 500_000, false);
  assert.equal(costs.delayMs("a"), 0, "nor does a scan no edit caused (the first, full scan of a large file)");
  edit("b", 40);
  assert.equal(costs.delayMs("b"), 80, "an expensive document waits for a pause in typing");
  edit("b", 30);
  assert.equal(costs.delayMs("b"), 60, "of two scans, the cheaper counts");
  edit("b", 0.2);
  assert.equal(costs.delayMs("b"), 60, "of three, the median");
  edit("b", 0.2);
  assert.equal(costs.delayMs("b"), 0, "once its scans are cheap again, so is the delay");
  edit("c", 60_000);
  assert.equal(costs.delayMs("c"), MAX_DELAY_MS);
  costs.forget("c");
  assert.equal(costs.delayMs("c"), 0);
});

test("a scan runs on the host only when it is measured (or, unmeasured, small enough) to be quick", () => {
  const { ScanCosts, HOST_SCAN_BUDGET_MS, UNMEASURED_HOST_MAX_CHARS } = require("../out/core/scanCost.js");
  const costs = new ScanCosts();
  assert.equal(costs.onHost("a", UNMEASURED_HOST_MAX_CHARS), true, "a small text of a document not measured yet");
  assert.equal(costs.onHost("a", UNMEASURED_HOST_MAX_CHARS + 1), false);
  costs.record("a", 20, 500_000, false); // plain text: 0.04 µs a character
  assert.equal(costs.onHost("a", 1000), true, "an edit's window");
  assert.equal(costs.onHost("a", 500_000), false, "the whole document: 20 ms, over the budget");
  assert.equal(costs.onHost("a", Math.floor(HOST_SCAN_BUDGET_MS / (20 / 500_000))), true);
  costs.record("h", 200, 16_000, true); // hostile text: 12.5 µs a character
  assert.equal(costs.onHost("h", 1000), false, "after a slow scan, even a window goes to the worker");
  costs.record("h", 0.3, 1000, true); // the worker's measurement: quick again
  assert.equal(costs.onHost("h", 1000), true);
});

test("scan statistics summarise durations and how many scans were windowed", () => {
  const { ScanStats } = require("../out/core/scanStats.js");
  const stats = new ScanStats(2);
  assert.equal(stats.summary(), "no scans yet");
  stats.record({ ms: 9, scannedLines: 10_000, documentLines: 10_000 }); // dropped: keeps the last 2 of each kind
  stats.record({ ms: 0.5, scannedLines: 17, documentLines: 10_000 });
  stats.record({ ms: 0.25, scannedLines: 20, documentLines: 10_000 });
  stats.record({ ms: 5, scannedLines: 3, documentLines: 3 });
  stats.record({ ms: 2, scannedLines: 3, documentLines: 3 });
  assert.equal(stats.recordOpen(4.5), true, "the first document's first diagnostics");
  assert.equal(stats.recordOpen(1.5), false);
  stats.recordEdit(0.75);
  assert.equal(stats.summary(), "windowed: 2 scans, median 0.50 ms, p90 0.50 ms, max 0.50 ms (up to 20 lines); full: 2 scans, median 5.00 ms, p90 5.00 ms, max 5.00 ms (up to 3 lines); edit → diagnostics: 1 edits, median 0.75 ms, p90 0.75 ms, max 0.75 ms; open → diagnostics: 2 documents, first 4.50 ms, median 4.50 ms, max 4.50 ms");
});

test("warm-up lines: the generic names and each rule's variable name once, with a value no rule reports", () => {
  const { warmUpLines } = require("../out/core/warmUp.js");
  const lines = warmUpLines([{ envVar: "OPENAI_API_KEY" }, { envVar: "" }, { envVar: "OPENAI_API_KEY" }, { envVar: "STRIPE_SECRET_KEY" }]);
  assert.ok(lines.includes('api_key = "x"'));
  assert.ok(lines.includes('password = "x"'));
  assert.equal(lines.filter((l) => l.startsWith("OPENAI_API_KEY")).length, 1);
  assert.ok(lines.includes('STRIPE_SECRET_KEY = "x"'));
  const { Scanner } = require("../../packages/keyward");
  const scanner = new Scanner({});
  assert.deepEqual(scanner.scan(warmUpLines(scanner.rules()).join("\n"), { minConfidence: "low" }), []);
});
