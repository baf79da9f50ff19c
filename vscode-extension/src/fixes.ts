/** Quick fixes on keyward diagnostics and the commands behind them: move the secret to an
 * environment variable, allow it on this line, open the revoke page, git-ignore a .env file. */

import * as vscode from "vscode";
import { allowEdit } from "./core/allowComment";
import { revokeLink } from "./core/describe";
import { appendEnvEntry, chooseEnvName, envVarName, parseEnv } from "./core/envFile";
import { envReadEdits, type LineEdit } from "./core/envRead";
import type { Finding } from "./core/types";
import { isDotenvDocument, type DocumentScanner } from "./documents";
import type { Engine } from "./engine";
import { ensureGitignored, folderOf, readText, writeText } from "./files";

export const COMMANDS = {
  moveToEnv: "keyward.moveToEnv",
  openRevokePage: "keyward.openRevokePage",
  addToGitignore: "keyward.addToGitignore",
} as const;

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf("/") + 1);
}

function documentLines(document: vscode.TextDocument): string[] {
  return Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
}

function toWorkspaceEdit(uri: vscode.Uri, edits: LineEdit[], edit = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of edits) edit.replace(uri, new vscode.Range(e.line, e.start, e.line, e.end), e.text);
  return edit;
}

export class KeywardFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly scanner: DocumentScanner, private readonly engine: () => Engine) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.scanner.findings(document) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== "keyward") continue;
      const finding = findings.find((f) => f.line - 1 === diagnostic.range.start.line && f.column - 1 === diagnostic.range.start.character);
      if (finding) actions.push(...this.actionsFor(document, finding, diagnostic));
    }
    return actions;
  }

  private actionsFor(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const lines = documentLines(document);
    const dotenv = isDotenvDocument(document);
    const placement = this.scanner.placementOf(document);
    // In a git-ignored env file the secret is where the move fix puts secrets: nothing to fix,
    // only the revoke page to offer.
    if (placement !== "gitIgnoredEnv") {
      const name = this.envName(finding, lines);
      const movable = !dotenv && finding.line === finding.endLine && envReadEdits(document.languageId, lines, finding.line - 1, finding.column - 1, finding.endColumn - 1, name);
      if (movable) {
        const move = new vscode.CodeAction(`Move to environment variable ${name} (.env)`, vscode.CodeActionKind.QuickFix);
        move.command = { title: move.title, command: COMMANDS.moveToEnv, arguments: [document.uri, finding.fingerprint] };
        move.diagnostics = [diagnostic];
        move.isPreferred = true;
        actions.push(move);
      }
      const allow = allowEdit(document.languageId, lines, finding.endLine - 1, dotenv);
      if (allow) {
        const action = new vscode.CodeAction("Allow this secret on this line (keyward:allow)", vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document.uri, [allow]);
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    const link = revokeLink(finding);
    if (link) {
      const open = new vscode.CodeAction(`Open the ${finding.provider} page to revoke or rotate this key`, vscode.CodeActionKind.QuickFix);
      open.command = { title: open.title, command: COMMANDS.openRevokePage, arguments: [link] };
      actions.push(open);
    }
    if (dotenv && placement === "code" && vscode.workspace.getWorkspaceFolder(document.uri)) {
      const ignore = new vscode.CodeAction(`Add ${fileName(document.uri)} to .gitignore`, vscode.CodeActionKind.QuickFix);
      ignore.command = { title: ignore.title, command: COMMANDS.addToGitignore, arguments: [document.uri] };
      actions.push(ignore);
    }
    return actions;
  }

  private envName(finding: Finding, lines: string[]): string {
    const textBefore = lines[finding.line - 1].slice(0, finding.column - 1);
    return envVarName(this.engine().rules.get(finding.ruleId)?.envVar, finding.ruleId, textBefore);
  }

  /** Stores the secret in the folder's `.env` (git-ignored), then replaces it in the document
   * with the language's read of that variable. The finding is looked up again by fingerprint in
   * the document's current text, so a stale code action cannot edit the wrong characters. */
  async moveToEnv(uri: vscode.Uri, fingerprint: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const outcome = await this.engine().scan(text, `${uri.toString()}#move-to-env`);
    const finding = outcome.kind === "done" ? outcome.result.findings.find((f) => f.fingerprint === fingerprint) : undefined;
    if (!finding) {
      void vscode.window.showWarningMessage("keyward: that secret is no longer in the document.");
      return;
    }
    const folder = folderOf(uri);
    if (!folder) {
      void vscode.window.showErrorMessage("keyward: open a folder first; the secret goes into that folder's .env file.");
      return;
    }
    const secret = text.slice(finding.startIndex, finding.endIndex);
    const envUri = vscode.Uri.joinPath(folder.uri, ".env");
    const envText = (await readText(envUri)) ?? "";
    const lines = documentLines(document);
    const { name, alreadyStored } = chooseEnvName(this.envName(finding, lines), parseEnv(envText), secret);
    const edits = envReadEdits(document.languageId, lines, finding.line - 1, finding.column - 1, finding.endColumn - 1, name);
    if (!edits) return;
    // Ignore first, so the .env watcher never sees a moment when the secret is not ignored.
    if (await ensureGitignored(folder, envUri)) await this.scanner.refreshPlacements();
    if (!alreadyStored) await writeText(envUri, appendEnvEntry(envText, name, secret));
    if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(uri, edits)))) {
      void vscode.window.showErrorMessage(`keyward: stored ${name} in .env but could not edit the document.`);
      return;
    }
    void vscode.window.showInformationMessage(`keyward: moved the ${finding.provider} key to .env as ${name}. If it was ever committed or shared, revoke it.`);
  }

  async addToGitignore(uri?: vscode.Uri): Promise<void> {
    const folder = uri ? folderOf(uri) : vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showErrorMessage("keyward: open a folder first.");
      return;
    }
    const file = uri ?? vscode.Uri.joinPath(folder.uri, ".env");
    const changed = await ensureGitignored(folder, file);
    if (changed) await this.scanner.refreshPlacements();
    void vscode.window.showInformationMessage(changed ? `keyward: added ${fileName(file)} to .gitignore.` : `keyward: ${fileName(file)} is already git-ignored.`);
  }
}
