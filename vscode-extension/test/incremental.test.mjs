// Incremental re-scanning against the real engine (the npm package's Node build): after random
// edits, the windowed rescan must report exactly what a full scan of the document reports.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { anthropicKey, openaiKey } from "../../tests/vscode/fixtureKeys.mjs";

const require = createRequire(import.meta.url);
const { applyChange, rescan, scanWindow, CONTEXT_LINES } = require("../out/core/incremental.js");
const { Scanner } = require("../../packages/keyward");

const scanner = new Scanner({});
const scan = (text) => {
  const findings = scanner.scan(text, { minConfidence: "low" });
  return { findings, truncated: findings.truncated === true };
};

/** A LineSource over an array of lines joined with "\n". */
function source(lines) {
  const starts = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return {
    lineCount: lines.length,
    linesText: (start, end) => lines.slice(start, end + 1).join("\n") + (end < lines.length - 1 ? "\n" : ""),
    offsetAt: (line, character) => starts[line] + character,
  };
}

const shape = (findings) => findings.map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} [${f.startIndex},${f.endIndex}) ${f.fingerprint}`);

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function random(seed) {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor(state / 65536) % n;
  };
}

function keyLine(rnd, i) {
  switch (rnd(5)) {
    case 0: return `OPENAI_API_KEY = "${openaiKey(i)}"`;
    case 1: return `client = Anthropic(api_key="${anthropicKey(i)}")${rnd(2) ? "  # keyward:allow" : ""}`;
    case 2: return `db_password: 'q8R-2mT7kLp4xWc9bNd3h${i}'`;
    case 3: return "# keyward:allow-next-line";
    default: return `value_${i} = compute("item-${i}")`;
  }
}

test("windows: dirty lines plus context, grown to whole overlapping findings", () => {
  const f = { line: 20, endLine: 26, column: 1, endColumn: 5 };
  const state = applyChange({ findings: [f] }, { startLine: 30, endLine: 30, newLineCount: 1 });
  assert.deepEqual(state.dirty, { start: 30, end: 30 });
  assert.deepEqual(scanWindow(state, 1000), { start: 19, end: 30 + CONTEXT_LINES });
  const moved = applyChange({ findings: [f] }, { startLine: 2, endLine: 4, newLineCount: 1 });
  assert.deepEqual(moved.findings.map((x) => [x.line, x.endLine]), [[18, 24]], "two lines deleted above");
  assert.equal(scanWindow({ findings: [f] }, 1000), undefined, "nothing changed, nothing to scan");
});

test("after random edits, the incremental rescan equals a full scan", async () => {
  const rnd = random(42);
  const lines = Array.from({ length: 3000 }, (_, i) => (i % 97 === 0 ? keyLine(rnd, i) : `value_${i} = compute("item-${i}", ${i})`));
  let state = { findings: (await rescan(undefined, source(lines), scan)).findings };
  assert.ok(state.findings.length >= 10, `the document has findings to move (${state.findings.length})`);
  let windowed = 0;
  let compared = 0;
  for (let step = 0; step < 400; step++) {
    const at = rnd(lines.length);
    let change;
    switch (rnd(5)) {
      case 0: { // insert lines, sometimes with a key
        const inserted = Array.from({ length: 1 + rnd(3) }, (_, k) => keyLine(rnd, step * 10 + k));
        lines.splice(at, 0, ...inserted);
        change = { startLine: at, endLine: at, newLineCount: inserted.length + 1 };
        break;
      }
      case 1: { // delete lines: the line before the range is joined with the one after it
        const count = Math.min(1 + rnd(4), lines.length - at - 1);
        if (at === 0 || count < 1) continue;
        lines.splice(at, count);
        change = { startLine: at - 1, endLine: at + count - 1, newLineCount: 1 };
        break;
      }
      case 2: // type one character into a line (breaks a key, or changes a generic value)
        lines[at] = lines[at].slice(0, 20) + "x" + lines[at].slice(20);
        change = { startLine: at, endLine: at, newLineCount: 1 };
        break;
      case 3: { // split a line in two
        const cut = rnd(lines[at].length + 1);
        lines.splice(at, 1, lines[at].slice(0, cut), lines[at].slice(cut));
        change = { startLine: at, endLine: at, newLineCount: 2 };
        break;
      }
      default: // replace a line with a key line
        lines[at] = keyLine(rnd, step);
        change = { startLine: at, endLine: at, newLineCount: 1 };
    }
    state = applyChange(state, change);
    if (rnd(3) !== 0) continue; // several edits between scans, as with the debounce
    const doc = source(lines);
    const result = await rescan(state, doc, scan);
    if (result.scannedLines < lines.length) windowed++;
    compared++;
    assert.deepEqual(shape(result.findings), shape(scan(doc.linesText(0, lines.length - 1)).findings), `step ${step}`);
    state = { findings: result.findings };
  }
  // Edits far apart between two scans share one covering window, which may be too big to pay off.
  assert.ok(windowed > compared / 2, `rescans used a window (${windowed} of ${compared})`);
});

test("a truncated scan stays truncated until a full scan says otherwise; no result gives no result", async () => {
  const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
  const doc = source(lines);
  const fake = (truncated) => () => ({ findings: [], truncated });
  const first = await rescan(undefined, doc, fake(true));
  assert.equal(first.truncated, true);
  const edited = applyChange({ findings: [], truncated: true }, { startLine: 50, endLine: 50, newLineCount: 1 });
  const windowed = await rescan(edited, doc, fake(false));
  assert.ok(windowed.scannedLines < lines.length, "a window was scanned");
  assert.equal(windowed.truncated, true, "the lines outside the window come from a truncated scan");
  assert.equal((await rescan(edited, doc, fake(false), true)).truncated, false, "a full scan decides alone");
  assert.equal(await rescan(edited, doc, () => undefined), undefined);
  assert.equal(await rescan(edited, doc, async () => undefined), undefined, "the scan may be asynchronous (the worker)");
});
