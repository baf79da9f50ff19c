// The paste-checker page in real Chromium: findings and highlights, the findings panel at desktop and
// phone widths (summary by severity, one card per secret, compact cards, no overflow), placeholders,
// redacted export, files, keyboard use, themes, offline/file://, a 5 MB paste, a hostile line that is
// cancelled, the first result's timing, and proof that no request leaves the page's origin.
//
//   node --test tests/web/      (after `make web`; `make test-web` does both)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { bigLog, fakeKeys, manyKeysText, mixedText, PLACEHOLDER_TEXT, plantedText } from "./fixtures.mjs";
import { fileUrl, openBrowser, openPage, placesOfCards, root, setText, waitForScan } from "./browser.mjs";

/** The npm package the page embeds, run in Node: what the page should show, computed without it. */
const keyward = createRequire(import.meta.url)(join(root, "packages/keyward"));

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
function assertFindsExactly(cards, expected) {
  const findings = placesOfCards(cards);
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
  const cards = await setText(page, text);
  assertFindsExactly(cards, expected);
  const github = placesOfCards(cards).find((f) => f.ruleId === "github-pat-classic");
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

  // The playbook, folded away until asked for: revoke first, then rotate, check usage, scrub history.
  assert.equal(await page.isVisible(".finding:first-child .steps"), false);
  await page.click(".finding:first-child .details summary");
  const steps = await page.$$eval(".finding:first-child .steps li", (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(steps.map((s) => s.split(/[:.]/)[0]), ["Revoke it now", "Rotate", "Check usage", "Scrub history"]);
  assert.ok(await page.isVisible(".finding:first-child .steps"));
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** Per-pixel budget of a card with one place, details folded (it was ~265 px before the cards were compacted). */
const CARD_HEIGHT_BUDGET = { 1280: 160, 390: 220 };

for (const width of [1280, 390]) {
  test(`findings panel at ${width} px: summary by severity, one card per secret, compact, nothing overflows`, async () => {
    const page = await openPage(env.context, env.origin, { viewport: { width, height: 900 } });
    const { text, expected } = mixedText();
    const cards = await setText(page, text);

    // What the page should show, computed from the npm package in Node: one card per fingerprint.
    const bySecret = new Map();
    for (const f of keyward.scan(text)) bySecret.set(f.fingerprint, [...(bySecret.get(f.fingerprint) ?? []), f]);
    assert.equal(cards.length, bySecret.size);
    assert.equal(cards.length, expected.length);
    for (const card of cards) {
      const same = bySecret.get(card.fingerprint);
      assert.ok(same, `card ${card.ruleId} has a fingerprint of the scan`);
      assert.equal(card.severity, same[0].severity);
      assert.deepEqual(card.places.map((p) => [p.startIndex, p.endIndex]), same.map((f) => [f.startIndex, f.endIndex]));
      const planted = expected.find((e) => e.ruleId === card.ruleId);
      assert.deepEqual(card.places.map((p) => p.where), planted.places.map((p) => `line ${p.line}, column ${p.column}`));
      // Severity and confidence are shown apart; the provider is said once.
      assert.equal(card.severityShown, same[0].severity);
      assert.equal(card.confidence, `${same[0].confidence} confidence`);
      assert.equal(card.heading.split(same[0].provider).length - 1, 1, `"${card.heading}" names ${same[0].provider} once`);
      assert.ok(card.revoke || card.revokeText, `${card.ruleId} says where to revoke it`);
    }
    const openai = cards.find((c) => c.ruleId === "openai-project-key");
    assert.equal(openai.places.length, 2, "the key pasted twice is one card with two places");
    // Most severe first.
    const order = ["critical", "high", "medium", "low"];
    assert.deepEqual(cards.map((c) => c.severity), [...cards.map((c) => c.severity)].sort((a, b) => order.indexOf(a) - order.indexOf(b)));

    // The summary at the top of the panel counts distinct secrets by severity.
    const summary = await page.evaluate(() => ({
      count: document.querySelector("#summary-count").textContent,
      chips: [...document.querySelectorAll("#severity-counts li")].map((li) => [li.dataset.severity, Number(li.dataset.count), li.textContent]),
      top: document.querySelector("#status").getBoundingClientRect().top,
      firstCard: document.querySelector(".finding").getBoundingClientRect().top,
    }));
    assert.equal(summary.count, `${cards.length} secrets found, in ${cards.reduce((n, c) => n + c.places.length, 0)} places.`);
    const counts = {};
    for (const card of cards) counts[card.severity] = (counts[card.severity] ?? 0) + 1;
    assert.deepEqual(summary.chips, order.filter((s) => counts[s]).map((s) => [s, counts[s], `${counts[s]} ${s}`]));
    assert.ok(summary.top < summary.firstCard, "the summary comes before the cards");

    // Not everything red: a high badge is drawn unlike a critical one.
    const badges = await page.evaluate(() => Object.fromEntries(["critical", "high"].map((s) => {
      const style = getComputedStyle(document.querySelector(`.finding .severity-${s}`));
      return [s, `${style.color} on ${style.backgroundColor}`];
    })));
    assert.notEqual(badges.critical, badges.high);

    // Clicking the second place of the repeated key selects that occurrence and marks it as the current one.
    await page.click(`.finding[data-rule-id="openai-project-key"] .place >> nth=1`);
    const selected = await page.evaluate(() => {
      const box = document.querySelector("#text");
      return { start: box.selectionStart, end: box.selectionEnd, current: Number(document.querySelector("#highlights mark.current")?.dataset.start) };
    });
    assert.deepEqual(selected, { start: openai.places[1].startIndex, end: openai.places[1].endIndex, current: openai.places[1].startIndex });

    // Compact cards, long links wrapped: no card is wider than itself, the page no wider than the screen,
    // with the details folded (the height budget) and unfolded (the playbook's links too).
    const measureLayout = () => page.evaluate(() => ({
      pageWidth: document.documentElement.scrollWidth,
      view: window.innerWidth,
      cards: [...document.querySelectorAll(".finding")].map((card) => {
        const box = card.getBoundingClientRect();
        const links = [...card.querySelectorAll("a")].filter((a) => a.checkVisibility());
        return {
          ruleId: card.dataset.ruleId,
          places: card.querySelectorAll(".place").length,
          height: box.height,
          links: links.length,
          overflow: Math.max(card.scrollWidth - card.clientWidth, ...links.map((a) => a.getBoundingClientRect().right - box.right)),
        };
      }),
    }));
    for (const unfolded of [false, true]) {
      if (unfolded) await page.$$eval(".finding .details", (all) => all.forEach((details) => (details.open = true)));
      const layout = await measureLayout();
      assert.ok(layout.pageWidth <= layout.view, `page is ${layout.pageWidth}px wide in a ${layout.view}px viewport`);
      for (const card of layout.cards) {
        assert.ok(card.overflow <= 0, `${card.ruleId} overflows its card by ${card.overflow}px (details unfolded: ${unfolded})`);
        if (!unfolded && card.places === 1) assert.ok(card.height <= CARD_HEIGHT_BUDGET[width], `${card.ruleId} card is ${card.height}px tall`);
      }
      const linked = layout.cards.filter((card) => card.links > 0).length;
      assert.ok(linked >= 3, `links measured in ${linked} cards`);
    }
    if (width === 390) {
      const [input, results] = await page.$$eval(".input-panel, .results-panel", (els) => els.map((el) => el.getBoundingClientRect().top));
      assert.ok(results > input, "one column: results come below the text box");
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

for (const width of [1280, 390]) {
  test(`a paste at ${width} px shows the findings summary on screen`, async () => {
    const page = await openPage(env.context, env.origin, { viewport: { width, height: 844 } });
    const { text } = mixedText();
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.focus("#text");
    await page.keyboard.press("Control+V");
    await waitForScan(page, text.length);
    // Smooth scrolling: wait until the page stops moving.
    await page.waitForFunction(() => new Promise((resolve) => {
      const y = window.scrollY;
      setTimeout(() => resolve(window.scrollY === y), 150);
    }));
    const view = await page.evaluate(() => {
      const r = document.querySelector("#status").getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.innerHeight, scrollY: window.scrollY };
    });
    assert.ok(view.top >= 0 && view.bottom <= view.height, `summary at ${view.top}..${view.bottom} in a ${view.height}px viewport`);
    // On a wide screen the panel is beside the box: nothing moves.
    if (width === 1280) assert.equal(view.scrollY, 0);
    else assert.ok(view.scrollY > 0, "the phone layout scrolled to the findings");
    if (width === 390) await page.screenshot({ path: join(screenshotDir, "web-demo-phone.png") });
    await page.close();
  });
}

/**
 * At the moment the worker starts scanning a text of `chars` characters (in the microtask after the
 * scan is posted, so its result cannot have arrived yet), presses Clear (`replacement` null) or types
 * `replacement` over the text. Records every text length whose findings the page shows after this
 * call (`window.shownFor`). `window.duringScan` resolves with what the summary said just before the
 * change and the worker generations before and after it. (The page's CSP forbids eval, hence data.)
 */
async function changeDuringScan(page, chars, replacement) {
  await page.evaluate(({ chars, replacement }) => {
    const status = document.querySelector("#status");
    window.shownFor = [];
    new MutationObserver(() => {
      if (status.dataset.state === "done" && window.shownFor.at(-1) !== status.dataset.chars) window.shownFor.push(status.dataset.chars);
    }).observe(status, { attributes: true });
    window.duringScan = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (status.dataset.running !== String(chars)) return;
        observer.disconnect();
        const count = document.querySelector("#summary-count");
        const before = { worker: Number(status.dataset.worker), state: status.dataset.state, label: count.textContent, visible: count.checkVisibility() };
        if (replacement === null) {
          document.querySelector("#clear").click();
        } else {
          const box = document.querySelector("#text");
          box.value = replacement;
          box.dispatchEvent(new InputEvent("input", { inputType: "insertText", bubbles: true }));
        }
        resolve({ before, worker: Number(status.dataset.worker) });
      });
      observer.observe(status, { attributes: true });
    });
  }, { chars, replacement });
}

test("a hostile 2 MB line: the page says it is scanning, and Clear stops the scan (worker replaced)", async (t) => {
  const page = await openPage(env.context, env.origin);
  const hostile = "eyJhbGciOiJIUzI1NiJ9.".repeat(100_000);
  await page.evaluate((big) => navigator.clipboard.writeText(big), hostile);
  await changeDuringScan(page, hostile.length, null);
  await page.focus("#text");
  const pasted = Date.now();
  await page.keyboard.press("Control+V");
  const { before, worker } = await page.evaluate(() => window.duringScan);
  assert.equal(before.state, "scanning");
  assert.ok(before.visible, "the scanning state is on screen");
  assert.match(before.label, /^Scanning 2\.0 M characters…/);
  assert.equal(worker, before.worker + 1, "Clear terminated the busy worker and started a new one");
  await waitForScan(page, 0);
  t.diagnostic(`2 MB hostile paste cancelled by Clear; results for the empty text ${Date.now() - pasted} ms after the paste`);
  assert.equal(await page.textContent("#summary-count"), "Nothing to check yet.");
  // The page still scans with the new worker, and the old text's result never showed.
  const { text, expected } = plantedText();
  assertFindsExactly(await setText(page, text), expected);
  assert.deepEqual(await page.evaluate(() => window.shownFor), ["0", String(text.length)]);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("typing while a scan runs cancels it: only the new text's findings ever show", async () => {
  const page = await openPage(env.context, env.origin);
  const keys = fakeKeys(21);
  const old = bigLog(150 * 1024, [keys.anthropic]);
  const { text: replacement, expected } = plantedText(fakeKeys(22));
  await changeDuringScan(page, old.length, replacement);
  await page.fill("#text", old);
  const { before, worker } = await page.evaluate(() => window.duringScan);
  assert.equal(worker, before.worker + 1, "the running scan's worker was replaced");
  const cards = await waitForScan(page, replacement.length);
  assertFindsExactly(cards, expected);
  assert.ok(!cards.some((c) => c.redacted.endsWith(keys.anthropic.slice(-4))), "nothing from the old text");
  assert.deepEqual(await page.evaluate(() => window.shownFor), [String(replacement.length)], "the old text's result never showed");
  await page.close();
});

test("a scan that stopped early says so, and turns the redacted copy off", async () => {
  const page = await openPage(env.context, env.origin);
  const text = manyKeysText(10_100);
  const expected = keyward.scan(text);
  assert.equal(expected.truncated, true, "the npm package caps this text's findings");
  assert.equal(await page.isVisible("#truncated"), false);
  await page.evaluate((big) => navigator.clipboard.writeText(big), text);
  await page.focus("#text");
  await page.keyboard.press("Control+V");
  const cards = await waitForScan(page, text.length, 120_000);
  assert.ok(await page.isVisible("#truncated"), "the notice is shown");
  assert.match(await page.textContent("#truncated"), /stopped early/);
  assert.match(await page.textContent("#summary-count"), new RegExp(`^At least ${expected.length.toLocaleString("en-US")} secrets found\\.$`));
  assert.equal(await page.$$eval(".finding", (c) => c.length), 500, "cards are capped, the count is not");
  assert.ok(cards.length === 500 && await page.isDisabled("#copy-redacted") && await page.isDisabled("#download-redacted"));
  // A text that fits clears the notice and turns the copy back on.
  await page.click("#clear");
  await setText(page, plantedText().text);
  assert.equal(await page.isVisible("#truncated"), false);
  assert.equal(await page.isDisabled("#copy-redacted"), false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("first result after the first keystroke, timed by the page itself (reported, not asserted)", async (t) => {
  const runs = { paste: [], type: [] };
  const { text } = plantedText();
  for (let i = 0; i < 3; i++) {
    for (const how of ["paste", "type"]) {
      const page = await openPage(env.context, env.origin);
      await page.waitForTimeout(300); // the user's first keystroke comes after the page has settled
      await page.focus("#text");
      if (how === "paste") {
        await page.evaluate((t) => navigator.clipboard.writeText(t), text);
        await page.keyboard.press("Control+V");
        await waitForScan(page, text.length);
      } else {
        await page.keyboard.type("A");
        await waitForScan(page, 1);
      }
      const measure = await page.evaluate(async () => {
        while (!performance.getEntriesByName("keyward-first-result").length) await new Promise((r) => setTimeout(r, 20));
        const [m] = performance.getEntriesByName("keyward-first-result");
        return { duration: m.duration, ...m.detail };
      });
      assert.ok(measure, "the page measured its first result");
      assert.equal(measure.chars, how === "paste" ? text.length : 1);
      runs[how].push(measure);
      await page.close();
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [how, measures] of Object.entries(runs)) {
    const figures = (key) => {
      const xs = measures.map((m) => m[key]);
      return `${median(xs).toFixed(1)} ms (${xs.map((x) => x.toFixed(1)).join(", ")})`;
    };
    t.diagnostic(`first result after the first ${how === "paste" ? `paste (${text.length} characters)` : "keystroke"}, ` +
      `medians: painted ${figures("duration")}; in the page ${figures("renderedMs")}; the scan in the worker ${figures("scanMs")}`);
  }
});

test("once ready, the worker compiles the whole catalogue in idle slices (time reported)", async (t) => {
  const page = await openPage(env.context, env.origin);
  await page.waitForFunction(() => performance.getEntriesByName("keyward-rules-compiled").length > 0, null, { timeout: 20000 });
  const ms = await page.evaluate(() => performance.getEntriesByName("keyward-rules-compiled")[0].detail.ms);
  assert.ok(ms > 0);
  t.diagnostic(`catalogue compiled in the worker in ${ms.toFixed(0)} ms, in slices of 30 rules`);
  const { text, expected } = plantedText();
  assertFindsExactly(await setText(page, text), expected);
  await page.close();
});

test("placeholders, templates and documented example keys give no finding", async () => {
  const page = await openPage(env.context, env.origin);
  const cards = await setText(page, PLACEHOLDER_TEXT);
  assert.deepEqual(cards, []);
  assert.equal(await page.textContent("#summary-count"), "No secrets found.");
  assert.equal(await page.$$eval("#severity-counts li", (chips) => chips.length), 0);
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
  const cards = await waitForScan(page, text.length);
  assert.deepEqual(placesOfCards(cards).map((f) => f.where).sort(), ["app.env, line 2, column 16", "notes.txt, line 3, column 5"]);

  // Dropping works the same way (a DataTransfer carrying files, as a real drop does).
  const dropped = await page.evaluateHandle((key) => {
    const data = new DataTransfer();
    data.items.add(new File([`AWS_ACCESS_KEY_ID=${key}\n`], "aws.env", { type: "text/plain" }));
    return data;
  }, keys.awsKeyId);
  await page.dispatchEvent("#editor", "drop", { dataTransfer: dropped });
  await page.waitForFunction(() => document.querySelector("#text").value.startsWith("AWS_ACCESS_KEY_ID="));
  const afterDrop = await waitForScan(page, `AWS_ACCESS_KEY_ID=${keys.awsKeyId}\n`.length);
  assert.deepEqual(placesOfCards(afterDrop).map((f) => [f.ruleId, f.where]), [["aws-access-key-id", "line 1, column 19"]]);
  await page.close();
});

test("keyboard only: skip link, typing, and a finding's place selects the secret", async () => {
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
    if (await page.evaluate(() => document.activeElement.classList.contains("place"))) break;
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
    await setText(page, mixedText().text);
    const bodyBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = bodyBg.match(/\d+/g).map(Number).every((v) => v < 60);
    assert.equal(dark, scheme === "dark", `body background ${bodyBg}`);
    await page.click(".finding:first-child .details summary");
    const ratios = await contrastRatios(page, ["body", ".tagline", "#summary-count", "#summary-detail",
      "#severity-counts .severity-critical", "#severity-counts .severity-high", ".finding .title", ".finding .provider",
      ".finding .severity-critical", ".finding .severity-high", ".finding .confidence", ".facts dt",
      "#copy-redacted", ".place", ".revoke a", ".details summary", "#text"]);
    for (const [selector, ratio] of Object.entries(ratios)) assert.ok(ratio >= 4.5, `${selector}: contrast ${ratio.toFixed(2)}`);
    await page.screenshot({ path: join(screenshotDir, scheme === "dark" ? "web-demo-dark.png" : "web-demo.png"), fullPage: true });
    await page.close();
  });
}


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
  const cards = await waitForScan(page, text.length, 120_000);
  const findings = placesOfCards(cards);
  const elapsed = Date.now() - started;
  const { longTasks, status, boxChars, readOnly } = await page.evaluate(() => {
    const box = document.querySelector("#text");
    return {
      longTasks: window.longTasks.map(Math.round),
      status: document.querySelector("#status").textContent.replace(/\s+/g, " ").trim(),
      boxChars: box.value.length,
      readOnly: box.readOnly,
    };
  });
  assert.deepEqual(findings.map((f) => f.ruleId).sort(), ["anthropic-api-key", "github-pat-classic"]);
  assert.match(status, /^2 secrets found\. .*In 5\.0 M characters, scanned in/);
  // The box shows a read-only window, so Chromium never lays out 5 MB of textarea.
  assert.ok(readOnly && boxChars <= 50_000, `box holds ${boxChars} characters`);
  t.diagnostic(`5 MB paste: results after ${elapsed} ms; main-thread long tasks (ms): ${longTasks.join(", ") || "none"}`);
  await page.screenshot({ path: join(screenshotDir, "web-demo-5mb.png") });

  // "Show in text" moves the window to a secret deep in the text and selects it.
  const github = findings.find((f) => f.ruleId === "github-pat-classic");
  assert.equal(github.startIndex, text.indexOf(keys.github));
  await page.click(`.place[data-start="${github.startIndex}"]`);
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
