// The page's first result after the user's first paste or keystroke, measured the same way for this
// build and, optionally, an older one (A/B alternated in one run; not part of `make test`, nothing is
// asserted). Each run opens a fresh page, waits until the scanner is ready and 300 ms more, then
// pastes the planted text (561 characters) or types one character.
//
// Measured from outside the page code, so any build can be compared: from the first paste/input
// event's timestamp to the findings in the DOM (`#status` done for that text), and to the next frame
// painted after that. The scanner's ready time is the page's own `keyward-scanner-ready` mark.
//
//   make web && source ~/.cache/keyward-tools/env.sh && \
//     KEYWARD_WEB_BASELINE=/path/to/older/dist/web RUNS=7 node tests/web/first-result.mjs
import { startServer } from "../../web-demo/serve.mjs";
import { distDir, openBrowser } from "./browser.mjs";
import { plantedText } from "./fixtures.mjs";

const RUNS = Number(process.env.RUNS || 7);
const env = await openBrowser();
const builds = [{ name: "this build", origin: env.origin, context: env.context }];
let baselineServer = null;
if (process.env.KEYWARD_WEB_BASELINE) {
  const { server, url } = await startServer(process.env.KEYWARD_WEB_BASELINE);
  baselineServer = server;
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url.replace(/\/$/, "") });
  builds.unshift({ name: `baseline (${process.env.KEYWARD_WEB_BASELINE})`, origin: url, context });
}

/** Installed before the page's own scripts: records the first edit and when its findings are shown and painted. */
function observeFirstResult() {
  window.firstResult = {};
  const record = (event) => {
    if (window.firstResult.input === undefined) window.firstResult.input = event.timeStamp;
  };
  document.addEventListener("paste", record, true);
  document.addEventListener("input", record, true);
  new MutationObserver(() => {
    const status = document.querySelector("#status");
    const m = window.firstResult;
    if (!status || m.input === undefined || m.shown !== undefined) return;
    if (status.dataset.state !== "done" || status.dataset.chars !== String(window.expectedChars)) return;
    m.shown = performance.now();
    requestAnimationFrame(() => setTimeout(() => (m.painted = performance.now())));
  }).observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
}

async function firstResult(build, how, text) {
  const page = await build.context.newPage();
  await page.addInitScript(observeFirstResult);
  await page.goto(build.origin);
  await page.waitForFunction(() => performance.getEntriesByName("keyward-scanner-ready").length > 0
    && document.querySelector("#status").dataset.state === "done");
  await page.waitForTimeout(300);
  const ready = await page.evaluate(() => performance.getEntriesByName("keyward-scanner-ready")[0].startTime);
  await page.evaluate((n) => (window.expectedChars = n), how === "paste" ? text.length : 1);
  await page.focus("#text");
  if (how === "paste") {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.keyboard.press("Control+V");
  } else {
    await page.keyboard.type("A");
  }
  await page.waitForFunction(() => window.firstResult.painted !== undefined, null, { timeout: 60_000 });
  const m = await page.evaluate(() => window.firstResult);
  await page.close();
  return { ready, shown: m.shown - m.input, painted: m.painted - m.input };
}

const { text } = plantedText();
const results = new Map(builds.map((b) => [b.name, { paste: [], type: [] }]));
for (let run = 0; run < RUNS; run++) {
  for (const how of ["paste", "type"]) {
    for (const build of builds) results.get(build.name)[how].push(await firstResult(build, how, text));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
console.log(`first result, median of ${RUNS} fresh pages (range), ms; build under test: ${distDir}`);
const rows = [];
for (const [name, byHow] of results) {
  for (const [how, samples] of Object.entries(byHow)) {
    const column = (key) => `${median(samples.map((s) => s[key])).toFixed(1)} (${range(samples.map((s) => s[key]))})`;
    rows.push({ build: name, input: how === "paste" ? `paste ${text.length} chars` : "type 1 char", "findings in the DOM": column("shown"), painted: column("painted"), "scanner ready after load": column("ready") });
  }
}
console.table(rows);
await env.close();
baselineServer?.close();
