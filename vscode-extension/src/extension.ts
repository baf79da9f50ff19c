/** keyward for VS Code: flags secrets in open documents as you type and helps move them out.
 * The same file is bundled for the Node extension host (`main`) and the web one (`browser`):
 * it uses only the `vscode` API, `workspace.fs` and the wasm core. No network, no telemetry. */

import * as vscode from "vscode";
import { parseSettings, type Settings } from "./core/settings";
import { DocumentScanner } from "./documents";
import { Engine } from "./engine";
import { GitignoreCache } from "./files";
import { COMMANDS, KeywardFixes } from "./fixes";
import { KeywardHover } from "./hover";
import { platform } from "./platform";
import { FindingCount } from "./statusBar";
import { instantiate } from "./wasm";
import { DotenvGuard, scanWorkspace } from "./workspaceScan";

/** Settings and a scanner built from them. A setting the core rejects (an invalid custom regex)
 * is reported and left out, so one typo does not switch the extension off. */
function configure(log: vscode.LogOutputChannel, build: (settings: Settings) => Engine): { settings: Settings; engine: Engine } {
  const { settings, problems } = parseSettings((key) => vscode.workspace.getConfiguration("keyward").get(key));
  for (const problem of problems) {
    log.warn(problem);
    void vscode.window.showWarningMessage(`keyward: ${problem}`);
  }
  try {
    return { settings, engine: build(settings) };
  } catch (error) {
    const message = `keyward: custom rules ignored: ${error instanceof Error ? error.message : String(error)}`;
    log.error(message);
    void vscode.window.showErrorMessage(message);
    const fallback = { ...settings, customRules: [] };
    return { settings: fallback, engine: build(fallback) };
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel("keyward", { log: true });
  context.subscriptions.push(log);
  // Compiled once: the host instantiates it now, the scan worker gets the same module.
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, "dist", "keyward_wasm_bg.wasm"));
  const module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  instantiate(module);
  const wasmReady = performance.now();
  const workerScript = vscode.Uri.joinPath(context.extensionUri, ...platform.workerScript);
  const startWorker = await platform.scanWorkerStarter(workerScript, () => vscode.workspace.fs.readFile(workerScript));

  const build = (settings: Settings) => new Engine(settings, module, startWorker, log);
  let { settings, engine } = configure(log, build);
  const scannerReady = performance.now();
  const gitignore = new GitignoreCache();
  const scanner = new DocumentScanner(engine, settings, gitignore, log);
  const fixes = new KeywardFixes(scanner, () => engine);
  const count = new FindingCount(scanner);
  const guard = new DotenvGuard();
  const envWatcher = vscode.workspace.createFileSystemWatcher("**/{.env,.env.*,*.env}", false, true, true);
  const gitignoreWatcher = vscode.workspace.createFileSystemWatcher("**/.gitignore");
  const ws = vscode.workspace;
  let activation = "activating";

  context.subscriptions.push(
    scanner,
    count,
    envWatcher,
    gitignoreWatcher,
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
      ({ settings, engine } = configure(log, build));
      scanner.reconfigure(engine, settings);
      previous.dispose();
      engine.warmUp();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => count.update()),
    scanner.onDidChange(() => count.update()),
    envWatcher.onDidCreate(() => void guard.check()),
    ...[gitignoreWatcher.onDidCreate, gitignoreWatcher.onDidChange, gitignoreWatcher.onDidDelete].map((event) => event(() => void scanner.refreshPlacements())),
    vscode.languages.registerCodeActionsProvider("*", fixes, KeywardFixes.metadata),
    vscode.languages.registerHoverProvider("*", new KeywardHover(scanner, () => engine)),
    vscode.commands.registerCommand("keyward.scanWorkspace", () => scanWorkspace(scanner, engine, settings, log)),
    vscode.commands.registerCommand("keyward.showScanStatistics", () => {
      log.info(`scan statistics: ${scanner.stats.summary()}; ${activation}; ${engine.workerSummary()}`);
      log.show(true);
    }),
    vscode.commands.registerCommand(COMMANDS.moveToEnv, (uri: vscode.Uri, fingerprint: string) => fixes.moveToEnv(uri, fingerprint)),
    vscode.commands.registerCommand(COMMANDS.addToGitignore, (uri?: vscode.Uri) => fixes.addToGitignore(uri)),
    vscode.commands.registerCommand(COMMANDS.openRevokePage, (url: string) => vscode.env.openExternal(vscode.Uri.parse(url))),
  );

  const opened = ws.textDocuments.length;
  void scanner.rescanAll().then(() => log.info(`first scan of the ${opened} documents open at activation done ${(performance.now() - scannerReady).toFixed(1)} ms after the scanner was built`));
  count.update();
  void guard.check();
  activation = `activated in ${(performance.now() - started).toFixed(1)} ms (wasm compiled and instantiated in ${(wasmReady - started).toFixed(1)} ms, scanner built in ${(scannerReady - wasmReady).toFixed(1)} ms)`;
  log.info(activation);
  // Compiles the rules most files hit, in small steps between other events.
  engine.warmUp();
}

export function deactivate(): void {}
