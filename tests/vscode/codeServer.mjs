// Starts a real VS Code (code-server 4.100.3 from npm, TOOLING.md §4.3) on 127.0.0.1 with the
// built .vsix installed, and drives it with playwright-core + Debian's Chromium.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const toolsDir = process.env.KEYWARD_TOOLS_DIR ?? join(process.env.HOME, ".cache/keyward-tools");
const CODE_SERVER = join(toolsDir, "code-server/node_modules/.bin/code-server");
const { chromium } = createRequire(join(toolsDir, "npm/node_modules/"))("playwright-core");

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Installs `vsix`, starts code-server on `workspace`, opens it in Chromium. Call `close()`. */
export async function startVSCode({ vsix, workspace, settings = {} }) {
  const home = mkdtempSync(join(tmpdir(), "keyward-cs-"));
  const port = await freePort();
  const config = join(home, "config.yaml");
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const userDir = join(home, "user");
  mkdirSync(join(userDir, "User"), { recursive: true });
  // No welcome page, no chat, no minimap: the screenshot shows the code and the Problems panel.
  writeFileSync(join(userDir, "User/settings.json"), JSON.stringify({
    "workbench.startupEditor": "none", "editor.minimap.enabled": false, "editor.wordWrap": "on", "workbench.tips.enabled": false,
    "chat.commandCenter.enabled": false, "editor.quickSuggestions": { other: false, comments: false, strings: false },
    "editor.hover.delay": 100, "security.workspace.trust.enabled": false, "window.commandCenter": false,
    // Wrapping a 2 MB line (the hostile paste) would take the browser minutes.
    "[plaintext]": { "editor.wordWrap": "off" },
    // The extension's log lines are read from the Output view: one line each.
    "[log]": { "editor.wordWrap": "off" },
    ...settings,
  }));
  const common = ["--config", config, "--user-data-dir", userDir, "--extensions-dir", join(home, "ext")];
  execFileSync(CODE_SERVER, [...common, "--install-extension", vsix], { stdio: "pipe" });
  const server = spawn(CODE_SERVER, [...common, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
    "--disable-getting-started-override", workspace], { detached: true, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  // Nothing may leave this machine: the workbench's only off-host request (the extension
  // gallery query) is aborted, and so would be anything the extension tried.
  const offHost = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    offHost.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
  return {
    page, userDir, offHost,
    async close() {
      await browser.close().catch(() => {});
      try { process.kill(-server.pid, "SIGTERM"); } catch { /* already gone */ }
      // Wait for the server's processes to exit, or they write logs into the folder being removed.
      for (let i = 0; i < 50; i++) {
        try { process.kill(-server.pid, 0); } catch { break; }
        await new Promise((r) => setTimeout(r, 100));
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
