/** "keyward: Scan workspace": every file that `files.exclude`, keyward.exclude and .gitignore let
 * through, with progress and cancel; results go to the Problems panel. Also the warning about
 * `.env` files that git does not ignore. */

import * as vscode from "vscode";
import { isDotenvFileName } from "./core/envFile";
import { excludeGlob, type GitignoreMatcher } from "./core/gitignore";
import type { Settings } from "./core/settings";
import type { DocumentScanner } from "./documents";
import type { Engine } from "./engine";
import { ensureGitignored, loadGitignore, relativePath } from "./files";

const decoder = new TextDecoder("utf-8");

/** Files that git would commit: not ignored by `.gitignore`, grouped with their folder. */
async function candidateFiles(settings: Settings, token?: vscode.CancellationToken): Promise<{ folder: vscode.WorkspaceFolder; uri: vscode.Uri }[]> {
  const filesExclude = vscode.workspace.getConfiguration("files").get<Record<string, unknown>>("exclude");
  const exclude = excludeGlob(filesExclude, settings.exclude);
  const result: { folder: vscode.WorkspaceFolder; uri: vscode.Uri }[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const [uris, matcher] = await Promise.all([
      vscode.workspace.findFiles(new vscode.RelativePattern(folder, "**/*"), exclude, undefined, token),
      loadGitignore(folder),
    ]);
    for (const uri of uris) if (!matcher.ignores(relativePath(folder, uri))) result.push({ folder, uri });
  }
  return result;
}

export async function scanWorkspace(scanner: DocumentScanner, engine: Engine, settings: Settings, log: vscode.LogOutputChannel): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "keyward: scanning workspace", cancellable: true },
    async (progress, token) => {
      const started = performance.now();
      const files = await candidateFiles(settings, token);
      let scanned = 0;
      let withFindings = 0;
      let total = 0;
      for (const [index, { folder, uri }] of files.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ increment: 100 / files.length, message: `${index + 1}/${files.length} ${relativePath(folder, uri)}` });
        const count = await scanFile(scanner, engine, settings, uri);
        if (count === undefined) continue;
        scanned++;
        total += count;
        if (count > 0) withFindings++;
        // Let the host serve other requests between files.
        if (index % 16 === 15) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const summary = `${total} possible secret(s) in ${withFindings} of ${scanned} files scanned${token.isCancellationRequested ? " (cancelled)" : ""}`;
      log.info(`workspace scan: ${summary}, ${(performance.now() - started).toFixed(0)} ms`);
      void vscode.window.showInformationMessage(`keyward: ${summary}.`);
    },
  );
}

/** Number of findings, or undefined for files skipped (too big, binary, unreadable, or a scan
 * that was stopped). Large files are scanned in the scan worker, so the host stays responsive. */
async function scanFile(scanner: DocumentScanner, engine: Engine, settings: Settings, uri: vscode.Uri): Promise<number | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    if (scanner.skip(open)) return undefined;
    await scanner.scan(open);
    return scanner.findings(open)?.length;
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > settings.maxFileSize * 3) return undefined; // UTF-8 takes ≤ 3 bytes per UTF-16 unit
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.subarray(0, 8000).includes(0)) return undefined;
    const text = decoder.decode(bytes);
    if (text.length > settings.maxFileSize) return undefined;
    const outcome = await engine.scan(text, uri.toString());
    if (outcome.kind !== "done") return undefined;
    scanner.publishFromDisk(uri, outcome.result.findings, outcome.result.truncated);
    return outcome.result.findings.length;
  } catch {
    return undefined;
  }
}

/** Warns once per session about each `.env`-style file that git would commit. */
export class DotenvGuard {
  private readonly warned = new Set<string>();

  async check(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, "**/*env*"), "**/node_modules/**", 200);
      const dotenvs = uris.filter((uri) => isDotenvFileName(uri.path.slice(uri.path.lastIndexOf("/") + 1)));
      if (dotenvs.length === 0) continue;
      const matcher: GitignoreMatcher = await loadGitignore(folder);
      for (const uri of dotenvs) {
        const path = relativePath(folder, uri);
        if (matcher.ignores(path) || this.warned.has(uri.toString())) continue;
        this.warned.add(uri.toString());
        void this.warn(folder, uri, path);
      }
    }
  }

  private async warn(folder: vscode.WorkspaceFolder, uri: vscode.Uri, path: string): Promise<void> {
    const choice = await vscode.window.showWarningMessage(`keyward: ${path} is not git-ignored, so the secrets in it could be committed.`, "Add to .gitignore");
    if (choice) await ensureGitignored(folder, uri);
  }
}
