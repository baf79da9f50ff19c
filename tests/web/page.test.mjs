// The paste-checker page in real Chromium: findings and highlights, placeholders, redacted export,
// files, keyboard use, themes and phone width, offline/file://, a 5 MB paste, and proof that no
// request leaves the page's origin during the whole run.
//
//   node --test tests/web/      (after `make web`; `make test-web` does both)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bigLog, fakeKeys, PLACEHOLDER_TEXT, plantedText } from "./fixtures.mjs";
import { fileUrl, openBrowser, openPage, root, setText, waitForScan } from "./browser.mjs";

const screenshotDir = process.env.KEYWARD_SCREENSHOT_DIR || join(root, "dist/screenshots");
mkdirSync(screenshotDir, { recursive: true });

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env?.close();
});

/** Every planted key must be found, once, with the right rule and place, and nothing else. */
function assertFindsExactly(findings, expected) {
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.startIndex, f.endIndex]).sort(),
    expected.map((e) => [e.ruleId, e.startIndex, e.endIndex]).sort());
  for (const e of expected) {
    const f = findings.find((x) => x.startIndex === e.startIndex);
    assert.match(f.where, new RegExp(`^line ${e.line}, column ${e.column}$`), e.ruleId);
  }
}

function assertNoSecret(text, keys) {
  for (const [name, secret] of Object.entries(keys)) assert.ok(!text.includes(secret), `${name} leaked into the output`);
}

test("planted keys of several providers are found, placed and highlighted (emoji before one)", async () => {
  const page = await openPage(env.context, env.origin);
  const { text, expected } = plantedText();
  const findings = await setText(page, text);
  assertFindsExactly(findings, expected);
  const github = findings.find((f) => f.ruleId === "github-pat-classic");
  assert.equal(github.where, `line 6, column ${"🎉 shipped! ci uses ".length + 1}`, "UTF-16 column after the emoji");
  assert.equal(github.redacted, `ghp_…${fakeKeys().github.slice(-4)}`);
  assert.equal(github.revoke, "https://github.com/settings/tokens");

  // The mirror behind the textarea holds exactly the box's text, with each secret in a <mark>.
  const mirror = await page.$eval("#highlights", (el) => ({
    text: el.textContent,
    marks: [...el.querySelectorAll("mark")].map((m) => ({ start: Number(m.dataset.start), text: m.textContent })),
  }));
  assert.equal(mirror.text, `${text} `);
  assert.deepEqual(mirror.marks.sort((a, b) => a.start - b.start),
    [...expected].sort((a, b) => a.startIndex - b.startIndex).map((e) => ({ start: e.startIndex, text: e.secret })));
  // Laid out like the textarea: the GitHub mark starts on the 6th visual line, right of the emoji.
  const box = await page.$eval(`#highlights mark[data-start="${expected[4].startIndex}"]`, (m) => {
    const r = m.getClientRects()[0];
    const t = document.querySelector("#text").getBoundingClientRect();
    return { top: r.top - t.top, left: r.left - t.left, lineHeight: parseFloat(getComputedStyle(m.parentElement).lineHeight) };
  });
  assert.ok(box.left > 100, `mark starts after the text before it (left=${box.left})`);
  assert.ok(box.top >= 5 * box.lineHeight, `mark is on line 6 or below (top=${box.top})`);

  // The playbook: revoke first, then rotate, check usage, scrub history.
  const steps = await page.$$eval(".finding:first-child .steps li", (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(steps.map((s) => s.split(/[:.]/)[0]), ["Revoke it now", "Rotate", "Check usage", "Scrub history"]);
  await page.click(".finding:first-child .playbook summary");
  await page.screenshot({ path: join(screenshotDir, "web-demo.png"), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("placeholders, templates and documented example keys give no finding", async () => {
  const page = await openPage(env.context, env.origin);
  const findings = await setText(page, PLACEHOLDER_TEXT);
  assert.deepEqual(findings, []);
  assert.equal(await page.textContent("#empty"), "No secrets found.");
  assert.equal(await page.$$eval("#highlights mark", (m) => m.length), 0);
  await page.close();
});

test("copy redacted and download redacted contain no secret and keep the rest", async () => {
  const page = await openPage(env.context, env.origin);
  const { text, keys } = plantedText();
  await setText(page, text);
  await page.click("#copy-redacted");
  await page.waitForFunction(() => document.querySelector("#export-status").textContent.startsWith("Copied"));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assertNoSecret(copied, keys);
  assert.ok(copied.includes(`ghp_…${keys.github.slice(-4)}`));
  assert.ok(copied.includes("🎉 shipped! ci uses ghp_…"));
  assert.ok(copied.includes("db_host = localhost"));

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-redacted")]);
  assert.equal(download.suggestedFilename(), "redacted.txt");
  const saved = readFileSync(await download.path(), "utf8");
  assert.equal(saved, copied);
  await page.close();
});

test("several files dropped or opened at once are scanned, each finding names its file", async () => {
  const page = await openPage(env.context, env.origin);
  const keys = fakeKeys(11);
  await page.setInputFiles("#file-input", [
    { name: "app.env", mimeType: "text/plain", buffer: Buffer.from(`DEBUG=1\nOPENAI_API_KEY=${keys.openai}\n`) },
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from(`nothing here\n\nuse ${keys.github}\n`) },
  ]);
  await page.waitForFunction(() => document.querySelector("#text").value.includes("==> notes.txt <=="));
  const text = await page.inputValue("#text");
  const findings = await waitForScan(page, text.length);
  assert.deepEqual(findings.map((f) => f.where).sort(), ["app.env, line 2, column 16", "notes.txt, line 3, column 5"]);

  // Dropping works the same way (a DataTransfer carrying files, as a real drop does).
  const dropped = await page.evaluateHandle((key) => {
    const data = new DataTransfer();
    data.items.add(new File([`AWS_ACCESS_KEY_ID=${key}\n`], "aws.env", { type: "text/plain" }));
    return data;
  }, keys.awsKeyId);
  await page.dispatchEvent("#editor", "drop", { dataTransfer: dropped });
  await page.waitForFunction(() => document.querySelector("#text").value.startsWith("AWS_ACCESS_KEY_ID="));
  const afterDrop = await waitForScan(page, `AWS_ACCESS_KEY_ID=${keys.awsKeyId}\n`.length);
  assert.deepEqual(afterDrop.map((f) => [f.ruleId, f.where]), [["aws-access-key-id", "line 1, column 19"]]);
  await page.close();
});

test("keyboard only: skip link, typing, and Show in text selects the secret", async () => {
  const page = await openPage(env.context, env.origin);
  const key = fakeKeys(3).github;
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "text");
  const typed = `deploy with ${key}\n`;
  await page.keyboard.type(typed);
  await waitForScan(page, typed.length);
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement.classList.contains("show-in-text"))) break;
  }
  await page.keyboard.press("Enter");
  const selection = await page.evaluate(() => {
    const t = document.activeElement;
    return { id: t.id, text: t.value.slice(t.selectionStart, t.selectionEnd) };
  });
  assert.deepEqual(selection, { id: "text", text: key });
  // Every control has an accessible name.
  const unnamed = await page.$$eval("button, textarea, input, a[href]", (els) =>
    els.filter((el) => !(el.labels?.[0]?.textContent.trim() || el.getAttribute("aria-label") || el.textContent.trim()))
      .map((el) => el.outerHTML));
  assert.deepEqual(unnamed, []);
  await page.close();
});

/** WCAG contrast ratio of an element's text against its nearest opaque background. */
async function contrastRatios(page, selectors) {
  return page.evaluate((list) => {
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
      const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (el) => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    return Object.fromEntries(list.map((selector) => {
      const el = document.querySelector(selector);
      const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(background(el))];
      return [selector, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
    }));
  }, selectors);
}

for (const scheme of ["light", "dark"]) {
  test(`${scheme} theme follows the system, text has AA contrast`, async () => {
    const page = await openPage(env.context, env.origin);
    await page.emulateMedia({ colorScheme: scheme });
    await setText(page, plantedText().text);
    const bodyBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = bodyBg.match(/\d+/g).map(Number).every((v) => v < 60);
    assert.equal(dark, scheme === "dark", `body background ${bodyBg}`);
    const ratios = await contrastRatios(page, ["body", ".tagline", "#status", ".finding .provider", ".facts dt",
      ".finding .confidence-high", "#copy-redacted", ".show-in-text", ".revoke a", "#text"]);
    for (const [selector, ratio] of Object.entries(ratios)) assert.ok(ratio >= 4.5, `${selector}: contrast ${ratio.toFixed(2)}`);
    if (scheme === "dark") await page.screenshot({ path: join(screenshotDir, "web-demo-dark.png"), fullPage: true });
    await page.close();
  });
}

test("phone width: one column, nothing wider than the screen", async () => {
  const page = await openPage(env.context, env.origin, { viewport: { width: 375, height: 800 } });
  await setText(page, plantedText().text);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.scroll <= widths.view, `page is ${widths.scroll}px wide in a ${widths.view}px viewport`);
  const [input, results] = await page.$$eval(".input-panel, .results-panel", (els) => els.map((el) => el.getBoundingClientRect().top));
  assert.ok(results > input, "results come below the text box");
  await page.screenshot({ path: join(screenshotDir, "web-demo-phone.png"), fullPage: true });
  await page.close();
});

test("the page shows its policy and the browser blocks the deliberate send", async () => {
  const page = await openPage(env.context, env.origin);
  const shown = await page.textContent("#csp");
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.equal(shown.replace(/\n/g, " "), meta);
  assert.match(meta, /connect-src 'none'/);
  assert.match(meta, /default-src 'none'/);
  const messages = [];
  page.on("console", (m) => messages.push(m.text()));
  await page.click("#try-send");
  await page.waitForFunction(() => document.querySelectorAll("#send-log li").length === 2);
  const log = await page.$$eval("#send-log li", (lis) => lis.map((li) => [li.className, li.textContent]));
  assert.deepEqual(log.map(([cls]) => cls), ["blocked", "blocked"]);
  assert.match(log[0][1], /connect-src/);
  assert.match(log[1][1], /img-src/);
  assert.ok(messages.some((m) => /violates the following Content Security Policy directive: "connect-src 'none'"/.test(m)), messages.join("\n"));
  await page.close();
});

test("works offline from file:// (no server involved)", async () => {
  const page = await openPage(env.context, fileUrl);
  const { text, expected } = plantedText();
  assertFindsExactly(await setText(page, text), expected);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a 5 MB paste completes without freezing the page", async (t) => {
  const page = await openPage(env.context, env.origin);
  const keys = fakeKeys(5);
  const text = bigLog(5 * 1024 * 1024, [keys.anthropic, keys.github]);
  await page.evaluate((big) => navigator.clipboard.writeText(big), text);
  // Record main-thread long tasks (> 50 ms) while the paste is handled: that is what a freeze is.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: "longtask" });
  });
  await page.focus("#text");
  const started = Date.now();
  await page.keyboard.press("Control+V");
  const findings = await waitForScan(page, text.length, 120_000);
  const elapsed = Date.now() - started;
  const { longTasks, status, boxChars, readOnly } = await page.evaluate(() => {
    const box = document.querySelector("#text");
    return {
      longTasks: window.longTasks.map(Math.round),
      status: document.querySelector("#status").textContent,
      boxChars: box.value.length,
      readOnly: box.readOnly,
    };
  });
  assert.deepEqual(findings.map((f) => f.ruleId).sort(), ["anthropic-api-key", "github-pat-classic"]);
  assert.match(status, /^2 secrets found in 5\.0 M characters/);
  // The box shows a read-only window, so Chromium never lays out 5 MB of textarea.
  assert.ok(readOnly && boxChars <= 50_000, `box holds ${boxChars} characters`);
  t.diagnostic(`5 MB paste: results after ${elapsed} ms; main-thread long tasks (ms): ${longTasks.join(", ") || "none"}`);
  await page.screenshot({ path: join(screenshotDir, "web-demo-5mb.png") });

  // "Show in text" moves the window to a secret deep in the text and selects it.
  const github = findings.find((f) => f.ruleId === "github-pat-classic");
  assert.equal(github.startIndex, text.indexOf(keys.github));
  await page.click(`.finding[data-start="${github.startIndex}"] .show-in-text`);
  const selected = await page.evaluate(() => {
    const box = document.querySelector("#text");
    return box.value.slice(box.selectionStart, box.selectionEnd);
  });
  assert.equal(selected, keys.github);
  assert.equal(await page.$eval("#highlights mark", (m) => m.textContent), keys.github);

  await page.click("#copy-redacted");
  await page.waitForFunction(() => document.querySelector("#export-status").textContent.startsWith("Copied"));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assertNoSecret(copied, { anthropic: keys.anthropic, github: keys.github });
  assert.ok(copied.length > 5_000_000 && copied.startsWith(text.slice(0, 1000)));
  await page.close();
});

test("control: the observer does see and stop an off-origin request (from a page without the CSP)", async () => {
  const control = await env.browser.newContext();
  const seen = [];
  await control.route("**/*", (route) => {
    seen.push(route.request().url());
    return route.abort();
  });
  const page = await control.newPage();
  await page.evaluate(() => fetch("http://127.0.0.2:9/beacon").catch(() => {}));
  assert.deepEqual(seen, ["http://127.0.0.2:9/beacon"]);
  await control.close();
});

test("across the whole run, no request left the page's origin", () => {
  assert.ok(env.requests.length > 10, `observer saw the page's own requests (${env.requests.length})`);
  // Nothing off-origin reached the network stage...
  assert.deepEqual(env.offOrigin, []);
  // ...and every off-origin request Chromium reported is one the CSP refused (the deliberate image beacon).
  const offOriginReported = env.requests.filter((url) => !env.isOwn(url));
  assert.deepEqual(offOriginReported.filter((url) => !env.blockedByCsp.includes(url)), []);
  assert.ok(env.blockedByCsp.some((url) => url.includes("collect.gif")), "the image beacon was refused by the CSP");
});
