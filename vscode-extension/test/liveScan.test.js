// Unit tests of the live-scan helpers: the per-document debounce and the scan statistics.
const { test, mock } = require("node:test");
const assert = require("node:assert/strict");
const { Debouncer } = require("../out/core/debounce.js");

test("one action per key, after the last schedule; keys are independent; cancel and dispose stop them", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const runs = [];
    const debouncer = new Debouncer(150);
    for (let i = 0; i < 5; i++) {
      debouncer.schedule("a", () => runs.push(`a${i}`));
      mock.timers.tick(100);
    }
    debouncer.schedule("b", () => runs.push("b"));
    debouncer.schedule("c", () => runs.push("c"));
    debouncer.cancel("c");
    assert.deepEqual(runs, []);
    mock.timers.tick(150);
    assert.deepEqual(runs, ["a4", "b"]);
    debouncer.schedule("a", () => runs.push("late"));
    debouncer.dispose();
    mock.timers.tick(1000);
    assert.deepEqual(runs, ["a4", "b"]);
  } finally {
    mock.timers.reset();
  }
});

test("scan statistics summarise durations and how many scans were windowed", () => {
  const { ScanStats } = require("../out/core/scanStats.js");
  const stats = new ScanStats(3);
  assert.equal(stats.summary(), "no scans yet");
  stats.record({ ms: 9, scannedLines: 10_000, documentLines: 10_000 }); // dropped: keeps the last 3
  stats.record({ ms: 0.5, scannedLines: 17, documentLines: 10_000 });
  stats.record({ ms: 0.25, scannedLines: 20, documentLines: 10_000 });
  stats.record({ ms: 2, scannedLines: 3, documentLines: 3 });
  assert.equal(stats.summary(), "windowed: 2 scans, median 0.50 ms, p90 0.50 ms, max 0.50 ms (up to 20 lines); full: 1 scans, median 2.00 ms, p90 2.00 ms, max 2.00 ms (up to 3 lines)");
});
