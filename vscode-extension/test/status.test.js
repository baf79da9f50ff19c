// Unit tests of what the status-bar item says: a labelled count, and why a file was not scanned.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { statusView } = require("../out/core/status.js");

const scanned = (count, extra = {}) => statusView({ kind: "scanned", count, truncated: false, placement: "code", ...extra });

test("the count is labelled, with the noun in the right number", () => {
  assert.equal(scanned(0).text, "$(shield) keyward: 0");
  assert.equal(scanned(1).text, "$(key) keyward: 1 secret");
  assert.equal(scanned(3).text, "$(key) keyward: 3 secrets");
  assert.equal(scanned(10_000).text, "$(key) keyward: 10,000 secrets");
  assert.equal(scanned(0).tooltip, "keyward: no secrets found in this file.");
  assert.equal(scanned(0).warning, false);
  assert.equal(scanned(1).warning, true);
  assert.deepEqual(scanned(1).command, { command: "workbench.actions.view.problems" });
});

test("a truncated scan says so", () => {
  const view = scanned(2, { truncated: true });
  assert.equal(view.text, "$(key) keyward: 2 secrets (truncated)");
  assert.match(view.tooltip, /hit a work or size cap, so some secrets may be missing/);
  assert.equal(view.warning, true);
});

test("secrets in a git-ignored env file are counted without the warning colour", () => {
  const view = scanned(1, { placement: "gitIgnoredEnv" });
  assert.equal(view.text, "$(key) keyward: 1 secret");
  assert.equal(view.warning, false);
  assert.match(view.tooltip, /git-ignored, which is where secrets belong/);
});

test("a file over maxFileSize: not scanned, why, and a link to the setting", () => {
  const view = statusView({ kind: "tooLarge", length: 2_345_678, limit: 2_000_000 });
  assert.equal(view.text, "$(circle-slash) keyward: not scanned");
  assert.equal(view.tooltip, "keyward did not scan this file: it has 2,345,678 characters, more than [keyward.maxFileSize](command:workbench.action.openSettings?%5B%22keyward.maxFileSize%22%5D) (2,000,000).");
  assert.deepEqual(view.command, { command: "workbench.action.openSettings", arguments: ["keyward.maxFileSize"] });
  assert.equal(view.warning, true);
});

test("a scan in the worker, a stopped scan and a failed one", () => {
  assert.equal(statusView({ kind: "scanning" }).text, "$(sync~spin) keyward: scanning");
  const stopped = statusView({ kind: "stopped", limitMs: 5000 });
  assert.equal(stopped.text, "$(circle-slash) keyward: not scanned");
  assert.match(stopped.tooltip, /stopped scanning this file after 5 s/);
  assert.match(statusView({ kind: "failed", message: "boom" }).tooltip, /could not scan this file: boom/);
});
