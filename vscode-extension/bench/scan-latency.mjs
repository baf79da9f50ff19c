// The extension's scan path timed in Node: the same wasm build (web target, initSync from bytes)
// and the same call the extension makes on every debounced change, on a 10,000-line document.
// Run: node bench/scan-latency.mjs   (after `make vsix`, which copies the wasm into dist/)
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { initSync, Scanner } from "../../packages/keyward/web/keyward_wasm.js";

const started = performance.now();
initSync({ module: readFileSync(new URL("../dist/keyward_wasm_bg.wasm", import.meta.url)) });
const scanner = new Scanner({ disable: [], customRules: [] });
const ready = performance.now();

const lines = Array.from({ length: 10_000 }, (_, i) => `value_${i} = compute("item-${i}", ${i})  # line ${i + 1}`);
const text = lines.join("\n") + "\n";
const time = (fn, runs) => {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[runs >> 1], p90: samples[Math.floor(runs * 0.9)], max: samples[runs - 1] };
};
const first = performance.now();
scanner.scan(text, { minConfidence: "medium" });
const firstScan = performance.now() - first;
const stats = time(() => scanner.scan(text, { minConfidence: "medium" }), 50);
// What an edit costs with incremental rescans: the edited line plus 8 lines of context each side.
const window = lines.slice(5000 - 8, 5000 + 9).join("\n") + "\n";
const windowStats = time(() => scanner.scan(window, { minConfidence: "medium" }), 200);
const fmt = (ms) => `${ms.toFixed(2)} ms`;
console.log(`wasm compile + instantiate + new Scanner: ${fmt(ready - started)}`);
console.log(`document: 10,000 lines, ${text.length} characters`);
console.log(`full scan: first ${fmt(firstScan)} (compiles the rules it needs); next 50: median ${fmt(stats.median)}, p90 ${fmt(stats.p90)}, max ${fmt(stats.max)}`);
console.log(`windowed scan (17 lines, ${window.length} characters), 200 runs: median ${fmt(windowStats.median)}, p90 ${fmt(windowStats.p90)}, max ${fmt(windowStats.max)}`);
