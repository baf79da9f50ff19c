// keyward/inline in real Chromium: a page opened from file:// whose CSP forbids every connection
// (connect-src 'none') scans with the package's inline build, and the page makes no request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GITHUB_PAT, projectRequire } from './helpers.mjs';

// playwright-core comes from the tools folder (NODE_PATH, set by env.sh) and drives Debian's Chromium.
const { chromium } = createRequire(join(process.env.NODE_PATH ?? '', '/'))('playwright-core');

const CSP = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; connect-src 'none'";

/** One self-contained HTML file: the inline build as an inline module script, then a scan. */
function page() {
  const inline = readFileSync(projectRequire.resolve('keyward/inline'), 'utf8');
  const check = `
    const text = "config 😀 = '${GITHUB_PAT}'";
    const [f] = scan(text);
    document.title = JSON.stringify({ ruleId: f.ruleId, column: f.column, secret: text.slice(f.startIndex, f.endIndex), redacted: redact(text) });`;
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}"><title>pending</title></head>
<body><script type="module">${inline.replaceAll('</script', '<\\/script')}\n${check}</script></body></html>`;
}

test('inline build scans in Chromium from file:// under connect-src \'none\', with no request', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'keyward-inline-')), 'page.html');
  writeFileSync(file, page());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext();
    const requests = [];
    const errors = [];
    context.on('request', (request) => requests.push(request.url()));
    const tab = await context.newPage();
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    tab.on('pageerror', (error) => errors.push(String(error)));
    await tab.goto(pathToFileURL(file).href);
    await tab.waitForFunction(() => document.title !== 'pending', null, { timeout: 20_000 });
    assert.deepEqual(JSON.parse(await tab.title()), {
      ruleId: 'github-pat-classic',
      column: "config 😀 = '".length + 1,
      secret: GITHUB_PAT,
      redacted: "config 😀 = 'ghp_…Lq17'",
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [pathToFileURL(file).href], 'the page itself is the only request');
  } finally {
    await browser.close();
  }
});
