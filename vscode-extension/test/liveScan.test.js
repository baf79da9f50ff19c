// Unit test of the per-document debounce: a burst of changes gives one scan, 150 ms after the last.
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
