/** keyward for VS Code: flags secrets in open documents as you type and helps move them out.
 * The same file is bundled for the Node extension host (`main`) and the web one (`browser`):
 * it uses only the `vscode` API, `workspace.fs` and the wasm core. No network, no telemetry. */

import * as vscode from "vscode";
import { parseSettings, type Settings } from "./core/settings";
import { DocumentScanner } from "./documents";
import { Engine, initEngine } from "./engine";
import { COMMANDS, KeywardFixes } from "./fixes";
import { KeywardHover } from "./hover";
import { FindingCount } from "./statusBar";
import { DotenvGuard, scanWorkspace } from "./workspaceScan";

/** Settings and a scanner built from them. A setting the core rejects (an invalid custom regex)
 * is reported and left out, so one typo does not switch the extension off. */
function configure(log: vscode.LogOutputChannel): { settings: Settings; engine: Engine } {
  const { settings, problems } = parseSettings((key) => vscode.workspace.getConfiguration("keyward").get(key));
  for (const problem of problems) {
    log.warn(problem);
    void vscode.window.showWarningMessage(`keyward: ${problem}`);
  }
  try {
    return { settings, engine: new Engine(settings) };
  } catch (error) {
    const message = `keyward: custom rules ignored: ${error instanceof Error ? error.message : String(error)}`;
    log.error(message);
    void vscode.window.showErrorMessage(message);
    const fallback = { ...settings, customRules: [] };
    return { settings: fallback, engine: new Engine(fallback) };
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel("keyward", { log: true });
  context.subscriptions.push(log);
  initEngine(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, "dist", "keyward_wasm_bg.wasm")));
  const wasmReady = performance.now();

  let { settings, engine } = configure(log);
  const scanner = new DocumentScanner(engine, settings, log);
  const fixes = new KeywardFixes(scanner, () => engine);
  const count = new FindingCount(scanner);
  const guard = new DotenvGuard();
  const watcher = vscode.workspace.createFileSystemWatcher("**/{.env,.env.*,*.env}", false, true, true);
  const ws = vscode.workspace;

  context.subscriptions.push(
    scanner,
    count,
    watcher,
    { dispose: () => engine.dispose() },
    ws.onDidOpenTextDocument((d) => scanner.onOpen(d)),
    ws.onDidChangeTextDocument((e) => scanner.onChange(e)),
    ws.onDidSaveTextDocument((d) => scanner.onSave(d)),
    ws.onDidCloseTextDocument((d) => scanner.forget(d.uri)),
    ws.onDidDeleteFiles((e) => e.files.forEach((uri) => scanner.forget(uri))),
    ws.onDidRenameFiles((e) => e.files.forEach(({ oldUri }) => scanner.forget(oldUri))),
    ws.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration("keyward")) return;
      const previous = engine;
      ({ settings, engine } = configure(log));
      scanner.reconfigure(engine, settings);
      previous.dispose();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => count.update()),
    scanner.onDidChange(() => count.update()),
    watcher.onDidCreate(() => void guard.check()),
    vscode.languages.registerCodeActionsProvider("*", fixes, KeywardFixes.metadata),
    vscode.languages.registerHoverProvider("*", new KeywardHover(scanner, () => engine)),
    vscode.commands.registerCommand("keyward.scanWorkspace", () => scanWorkspace(scanner, engine, settings, log)),
    vscode.commands.registerCommand("keyward.showScanStatistics", () => {
      log.info(`scan statistics: ${scanner.stats.summary()}`);
      log.show(true);
    }),
    vscode.commands.registerCommand(COMMANDS.moveToEnv, (uri: vscode.Uri, fingerprint: string) => fixes.moveToEnv(uri, fingerprint)),
    vscode.commands.registerCommand(COMMANDS.addToGitignore, (uri?: vscode.Uri) => fixes.addToGitignore(uri)),
    vscode.commands.registerCommand(COMMANDS.openRevokePage, (url: string) => vscode.env.openExternal(vscode.Uri.parse(url))),
  );

  scanner.rescanAll();
  count.update();
  void guard.check();
  const done = performance.now();
  log.info(`activated in ${(done - started).toFixed(1)} ms (wasm load ${(wasmReady - started).toFixed(1)} ms, first scan of ${ws.textDocuments.length} open documents ${(done - wasmReady).toFixed(1)} ms)`);
}

export function deactivate(): void {}
