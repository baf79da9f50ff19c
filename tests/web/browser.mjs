// Shared set-up for the page tests and the benchmark: the built page on a local server, Debian's
// Chromium driven by playwright-core, and a network observer that aborts (and records) every request
// that would leave the page's origin.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startServer } from "../../web-demo/serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");
export const distDir = process.env.KEYWARD_WEB_DIST || join(root, "dist/web");
export const fileUrl = pathToFileURL(join(distDir, "index.html")).href;

// playwright-core lives in the tools folder (NODE_PATH, set by ~/.cache/keyward-tools/env.sh); NODE_PATH
// does not apply to `import`, so load it through require.
const requireTool = createRequire(join(process.env.NODE_PATH || join(root, "node_modules"), "/"));
const { chromium } = requireTool("playwright-core");

/** Flags that stop Chromium's own background traffic, which a page-level observer cannot see. */
const QUIET_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only",
];

/**
 * Starts the server and Chromium. `requests` records every request the browser context reports;
 * `offOrigin` those that reached the network stage without being for the page's own files (each one
 * is aborted there, before it is sent); `blockedByCsp` those the page's CSP refused before that stage.
 */
export async function openBrowser() {
  const { server, url: origin } = await startServer(distDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: QUIET_FLAGS });
  const context = await browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: origin.replace(/\/$/, "") });
  const requests = [];
  const offOrigin = [];
  const blockedByCsp = [];
  const isOwn = (url) => url.startsWith(origin) || url.startsWith(pathToFileURL(distDir).href) || url.startsWith("blob:") || url.startsWith("data:");
  context.on("request", (request) => requests.push(request.url()));
  context.on("requestfailed", (request) => {
    if (request.failure()?.errorText === "csp") blockedByCsp.push(request.url());
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isOwn(url)) return route.continue();
    offOrigin.push(url);
    return route.abort("blockedbyclient");
  });
  return {
    origin, browser, context, requests, offOrigin, blockedByCsp, isOwn,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Opens the page and waits until the scanner is ready (first status after loading); throws if it failed. */
export async function openPage(context, url, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.errors = errors;
  await page.goto(url);
  await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]');
  const state = await page.getAttribute("#status", "data-state");
  if (state !== "done") throw new Error(`the page did not start: ${await page.textContent("#status")}`);
  return page;
}

/** Replaces the box's text (with an input event, as typing would) and waits for the scan of that text. */
export async function setText(page, text) {
  await page.fill("#text", text);
  return waitForScan(page, text.length);
}

/**
 * Waits until the findings on screen belong to a text of `length` characters; returns the cards, one
 * per distinct secret, each with its places.
 */
export async function waitForScan(page, length, timeout = 60_000) {
  await page.waitForFunction((n) => {
    const { state, chars } = document.querySelector("#status").dataset;
    return state === "done" && chars === String(n);
  }, length, { timeout, polling: 50 });
  return page.$$eval("#findings .finding", (cards) => cards.map((card) => ({
    fingerprint: card.dataset.fingerprint,
    ruleId: card.dataset.ruleId,
    severity: card.dataset.severity,
    severityShown: card.querySelector(".finding-head .severity").textContent,
    heading: card.querySelector(".finding-title").textContent.trim(),
    confidence: card.querySelector(".confidence").textContent,
    redacted: card.querySelector(".redacted").textContent,
    revoke: card.querySelector(".revoke a")?.href ?? null,
    revokeText: card.querySelector(".revoke").textContent.replace(/^Revoke:\s*/, ""),
    places: [...card.querySelectorAll(".place")].map((button) => ({
      startIndex: Number(button.dataset.start),
      endIndex: Number(button.dataset.end),
      where: button.textContent,
    })),
  })));
}

/** The cards' places as one finding per place: `{ruleId, startIndex, endIndex, where, redacted, ...}`. */
export function placesOfCards(cards) {
  return cards.flatMap(({ places, ...card }) => places.map((place) => ({ ...card, ...place })));
}
