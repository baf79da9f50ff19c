// Keystroke → squiggle and first diagnostics in a real VS Code (code-server), for one or more
// builds of the extension side by side (A/B alternated per round, both extension hosts), so a
// change can be compared on this machine under the same load. Measured, printed, never asserted.
//
//   node vscode-extension/bench/keystroke-latency.mjs [--rounds 3] [--hosts node,web] A.vsix [B.vsix …]
//
// Per build, host and round: a fresh code-server; 2 s after activation (the .env warning shows),
// as a user would, Quick Open a file with a key (page: Enter → squiggle; Node host also the extension's own log line
// "first diagnostics after activation: … ms after it was opened"); then 7 pastes of a key (one
// Ctrl+V each) at the end of a 3-line and of a 10,000-line file, timed from just before the
// keystroke to the squiggle in the DOM.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startVSCode } from "../../tests/vscode/codeServer.mjs";
import { anthropicKey, openaiKey } from "../../tests/vscode/fixtureKeys.mjs";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: "string", default: "3" }, hosts: { type: "string", default: "node,web" } } });
const builds = positionals.map((p) => resolve(p));
if (builds.length === 0) throw new Error("usage: keystroke-latency.mjs [--rounds N] [--hosts node,web] A.vsix [B.vsix …]");
const HOST_SETTINGS = { node: {}, web: { "remote.extensionKind": { "keyward.keyward": ["web"] } } };

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "keyward-bench-"));
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config/prod.env"), "DB_HOST=localhost\n");
  writeFileSync(join(dir, "small.py"), "import os\n\n");
  writeFileSync(join(dir, "fresh.py"), `import anthropic\n\nclient = anthropic.Anthropic(api_key="${anthropicKey(40)}")\n`);
  writeFileSync(join(dir, "big.py"), Array.from({ length: 10_000 }, (_, i) => `value_${i} = compute("item-${i}", ${i})  # line ${i + 1}`).join("\n") + "\n");
  execFileSync("git", ["init", "-q", dir]);
  return dir;
}

function findFile(dir, match) {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? findFile(path, match) : match(entry.name) && path;
    if (found) return found;
  }
  return undefined;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function measure(vsix, host) {
  const dir = workspace();
  const vs = await startVSCode({ vsix, workspace: dir, settings: HOST_SETTINGS[host] });
  const page = vs.page;
  const squiggles = () => page.locator(".editor-instance .squiggly-error").count();
  const open = async (name) => {
    await page.keyboard.press("Control+P");
    await page.keyboard.type(name);
    await page.waitForSelector(`.quick-input-list .monaco-list-row.focused[aria-label*="${name}"]`);
    const started = await page.evaluate(() => performance.now());
    await page.keyboard.press("Enter");
    await page.waitForSelector(`.tab.active[aria-label*="${name}"]`);
    return started;
  };
  try {
    await page.locator(".notification-toast", { hasText: "is not git-ignored" }).waitFor({ timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 2000));
    const opened = await open("fresh.py");
    await page.waitForSelector(".editor-instance .squiggly-error", { timeout: 30_000 });
    const openToSquiggle = (await page.evaluate(() => performance.now())) - opened;
    const log = host === "node" ? readFileSync(findFile(join(vs.userDir, "logs"), (n) => /keyward\.log$/.test(n)) ?? "/dev/null", "utf8") : "";
    const logged = /first diagnostics after activation: \S+ ([\d.]+) ms/.exec(log)?.[1];
    const pastes = {};
    for (const file of ["small.py", "big.py"]) {
      await open(file);
      await page.click(".editor-instance .monaco-editor .view-lines");
      await page.keyboard.press("Control+End");
      const samples = [];
      for (let i = 0; i < 7; i++) {
        await page.keyboard.insertText("k = ");
        await page.evaluate((text) => navigator.clipboard.writeText(text), `"${openaiKey(200 + i)}"`);
        await page.evaluate(() => {
          window.__kw = 0;
          const editor = document.querySelector(".editor-instance .monaco-editor");
          const observer = new MutationObserver(() => editor.querySelector(".squiggly-error") && ((window.__kw = performance.now()), observer.disconnect()));
          observer.observe(editor, { subtree: true, childList: true, attributes: true });
        });
        const start = await page.evaluate(() => performance.now());
        await page.keyboard.press("Control+V");
        let end = 0;
        for (let k = 0; k < 300 && !end; k++) end = await page.evaluate(() => window.__kw) || (await new Promise((r) => setTimeout(r, 50)));
        samples.push(end - start);
        await page.keyboard.press("Control+Z");
        await page.keyboard.press("Control+Z");
        for (let k = 0; k < 300 && (await squiggles()) > 0; k++) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 400)); // the rescan after the undo, whatever its delay
      }
      pastes[file] = median(samples);
    }
    return { openToSquiggle, logged: logged === undefined ? undefined : Number(logged), ...pastes };
  } finally {
    await vs.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = new Map();
const rounds = Number(values.rounds);
for (let round = 1; round <= rounds; round++) {
  for (const host of values.hosts.split(",")) {
    for (const vsix of builds) {
      const r = await measure(vsix, host);
      console.log(`round ${round} ${host} ${vsix}: paste → squiggle 3-line ${r["small.py"].toFixed(0)} ms, 10,000-line ${r["big.py"].toFixed(0)} ms; Quick Open → squiggle ${r.openToSquiggle.toFixed(0)} ms${r.logged === undefined ? "" : `; extension: first diagnostics ${r.logged} ms after open`}`);
      const key = `${host} ${vsix}`;
      results.set(key, [...(results.get(key) ?? []), r]);
    }
  }
}
console.log(`\nmedians over ${rounds} rounds (each round's figure is itself a median of 7 pastes):`);
for (const [key, rs] of results) {
  const m = (f) => median(rs.map(f).filter((x) => x !== undefined));
  const logged = rs.some((r) => r.logged !== undefined) ? `, first diagnostics (extension log) ${m((r) => r.logged).toFixed(1)} ms` : "";
  console.log(`${key}: paste → squiggle 3-line ${m((r) => r["small.py"]).toFixed(0)} ms, 10,000-line ${m((r) => r["big.py"]).toFixed(0)} ms; Quick Open → squiggle ${m((r) => r.openToSquiggle).toFixed(0)} ms${logged}`);
}
