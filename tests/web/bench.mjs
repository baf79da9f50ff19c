// Measurements for the paste-checker page in Chromium (not part of `make test`; nothing is asserted):
// - scan time on the main thread vs in the worker (round trip), typical inputs and a 5 MB paste;
// - cost of laying text out in the text box and the highlight mirror (why large texts get a window);
// - the page's total transfer size, raw and gzipped.
//
//   make web && source ~/.cache/keyward-tools/env.sh && node tests/web/bench.mjs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { bigLog, fakeKeys, plantedText } from "./fixtures.mjs";
import { distDir, openBrowser, openPage } from "./browser.mjs";

const RUNS = 7;
const env = await openBrowser();
const page = await openPage(env.context, env.origin);
const loaded = [...new Set(env.requests.map((url) => new URL(url).pathname))];
const readyMs = await page.evaluate(() => performance.getEntriesByName("keyward-scanner-ready")[0].startTime);

const keys = fakeKeys(9);
const inputs = {
  "config paste (0.5 KB)": plantedText(keys).text,
  "log paste (20 KB)": bigLog(20 * 1024, [keys.github]),
  "log paste (200 KB)": bigLog(200 * 1024, [keys.github, keys.openai]),
  "log paste (5 MB)": bigLog(5 * 1024 * 1024, [keys.anthropic, keys.github]),
};

const timings = await page.evaluate(async ({ inputs, runs }) => {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const glue = keywardWasmGlue();
  glue.initSync({ module: await compileKeywardModule() });
  const client = await ScanClient.start();
  const rows = [];
  for (const [name, text] of Object.entries(inputs)) {
    const main = [];
    const worker = [];
    const inWorker = [];
    let count = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      count = glue.scan(text).length;
      main.push(performance.now() - t0);
      const t1 = performance.now();
      const result = await client.scan(text);
      worker.push(performance.now() - t1);
      inWorker.push(result.scanMs);
    }
    rows.push({ name, chars: text.length, findings: count, mainMs: median(main), workerRoundTripMs: median(worker), workerScanMs: median(inWorker) });
  }
  return rows;
}, { inputs, runs: RUNS });

// Laying text out in the textarea, and again in the highlight mirror: what sets LARGE_TEXT_CHARS
// and WINDOW_CHARS in web-demo/src/checked-text.js.
const layout = await page.evaluate(async (sizes) => {
  const textarea = document.querySelector("#text");
  const mirror = document.querySelector("#highlights");
  const rows = [];
  for (const [name, text] of Object.entries(sizes)) {
    textarea.value = "";
    mirror.replaceChildren();
    await new Promise(requestAnimationFrame);
    const t0 = performance.now();
    textarea.value = text;
    void textarea.scrollHeight;
    const t1 = performance.now();
    mirror.replaceChildren(text.slice(0, 10), Object.assign(document.createElement("mark"), { textContent: text.slice(10, 20) }), text.slice(20));
    void mirror.scrollHeight;
    rows.push({ name, chars: text.length, textareaMs: t1 - t0, mirrorMs: performance.now() - t1 });
  }
  textarea.value = "";
  mirror.replaceChildren();
  return rows;
}, Object.fromEntries([50_000, 100_000, 200_000, 1_000_000, 5 * 1024 * 1024].map((n) => [`${n} chars`, inputs["log paste (5 MB)"].slice(0, n)])));

let raw = 0;
let gz = 0;
const files = [];
for (const path of loaded) {
  const body = readFileSync(join(distDir, path.endsWith("/") ? `${path}index.html` : path));
  const zipped = gzipSync(body, { level: 9 }).length;
  raw += body.length;
  gz += zipped;
  files.push(`${path} ${body.length} / ${zipped}`);
}

console.log("scan timings (median of %d, ms):", RUNS);
console.table(timings.map((r) => ({ ...r, mainMs: +r.mainMs.toFixed(2), workerRoundTripMs: +r.workerRoundTripMs.toFixed(2), workerScanMs: +r.workerScanMs.toFixed(2) })));
console.log("layout of the text box and the highlight mirror (ms, one run each):");
console.table(layout.map((r) => ({ ...r, textareaMs: +r.textareaMs.toFixed(1), mirrorMs: +r.mirrorMs.toFixed(1) })));
console.log(`scanner ready ${readyMs.toFixed(0)} ms after navigation (wasm compiled, worker started)`);
console.log(`page transfer: ${raw} bytes raw, ${gz} bytes gzip -9, ${loaded.length} files:\n  ${files.join("\n  ")}`);
await env.close();
