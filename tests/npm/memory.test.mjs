// A 50 MB string stays within the README's memory bound: each scan runs in a fresh Node process
// with a small JS heap (--max-old-space-size), and the process's peak resident memory (VmHWM)
// is compared with what it was before the scan. The worst case is a text that is one key after
// another: every call returns at most 10,000 findings (truncated) and the core never builds the
// rest, where it used to return all 1.2 million (about 1 GB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AWS_KEY_ID, nodeInProject } from './helpers.mjs';

const TEXT_BYTES = 50_000_000;
const HEAP_MB = 192;

/** Peak resident memory added by one `scan()` of ~50 MB of `line` repeated, in a fresh process. */
function measure(line) {
  const result = nodeInProject([`--max-old-space-size=${HEAP_MB}`, '-e', `
    const { readFileSync, writeFileSync } = require('node:fs');
    const { scan } = require('keyward');
    const status = (field) => Number(new RegExp(field + ':\\\\s+(\\\\d+)').exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
    const line = process.argv[1];
    const copies = Math.floor(${TEXT_BYTES} / Buffer.byteLength(line));
    const text = Buffer.alloc(copies * Buffer.byteLength(line), line).toString('utf8'); // a flat string, as read from a file
    // Peak resident memory restarts from the current one (Linux: 5 > clear_refs), so the
    // Buffer that made the text does not count.
    writeFileSync('/proc/self/clear_refs', '5');
    const before = status('VmRSS');
    const findings = scan(text);
    console.log(JSON.stringify({ bytes: Buffer.byteLength(text), growth: status('VmHWM') - before, count: findings.length,
      truncated: findings.truncated, last: findings.at(-1)?.line ?? 0 }));`, line]);
  assert.equal(result.status, 0, result.stderr);
  const outcome = JSON.parse(result.stdout);
  console.log(`${JSON.stringify(line)}: ${(outcome.bytes / 1e6).toFixed(0)} MB text, peak RSS +${(outcome.growth / 1e6).toFixed(0)} MB `
    + `(${(outcome.growth / outcome.bytes).toFixed(2)}× the text), ${outcome.count} findings, truncated: ${outcome.truncated}`);
  return outcome;
}

test('50 MB of ordinary text: peak memory under 2× the text', () => {
  const { bytes, growth, count, truncated } = measure('const value = compute(42); // nothing secret here\n');
  assert.deepEqual([count, truncated], [0, false]);
  assert.ok(growth <= 2 * bytes, `peak grew by ${growth} bytes`);
});

test('50 MB of non-ASCII text: peak memory under 2× the text', () => {
  const { bytes, growth, count } = measure('const 値 = "日本語のテキスト"; // 😀 nothing secret\n');
  assert.equal(count, 0);
  assert.ok(growth <= 2 * bytes, `peak grew by ${growth} bytes`);
});

test('50 MB that is one key after another: 10,000 findings, truncated, peak memory under 5× the text', () => {
  const { bytes, growth, count, truncated, last } = measure(`aws_access_key_id = ${AWS_KEY_ID}\n`);
  assert.deepEqual([count, truncated], [10_000, true]);
  // Past its first few hundred keys the engine's budget lets one through now and then: the
  // 10,000th comes from far into the text.
  assert.ok(last > 10_000, `last finding on line ${last}`);
  assert.ok(growth <= 5 * bytes, `peak grew by ${growth} bytes`);
});
