/** Workspace file access through `workspace.fs` (works in virtual and remote workspaces), and
 * the `.gitignore` checks built on it. */

import * as vscode from "vscode";
import { appendGitignoreEntry } from "./core/envFile";
import { GitignoreMatcher } from "./core/gitignore";

const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** The file's text (an open editor's unsaved text wins), or undefined if it does not exist. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = openDocument(uri);
  if (open) return open.getText();
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === "FileNotFound") return undefined;
    throw error;
  }
}

/** Writes the file; if it is open in an editor, edits and saves that document instead, so the
 * user's unsaved changes there are kept and no "file changed on disk" conflict appears. */
export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  const open = openDocument(uri);
  if (!open) {
    await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, open.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await open.save())) throw new Error(`could not save ${uri.toString(true)}`);
}

export function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  return uri.path.startsWith(`${folder.uri.path.replace(/\/$/, "")}/`) ? uri.path.slice(folder.uri.path.replace(/\/$/, "").length + 1) : uri.path;
}

/** All `.gitignore` files of the folder (outside node_modules), as one matcher. */
export async function loadGitignore(folder: vscode.WorkspaceFolder): Promise<GitignoreMatcher> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, "**/.gitignore"), "**/node_modules/**");
  const files = await Promise.all(
    uris.map(async (uri) => ({ dir: relativePath(folder, uri).replace(/\/?\.gitignore$/, ""), content: (await readText(uri)) ?? "" })),
  );
  return new GitignoreMatcher(files);
}

/** Whether git ignores a file, by the `.gitignore` files of its workspace folder: each folder's
 * are read once and read again after `invalidate()` (a `.gitignore` changed). */
export class GitignoreCache {
  private readonly matchers = new Map<string, Promise<GitignoreMatcher>>();

  async ignores(uri: vscode.Uri): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const key = folder.uri.toString();
    let matcher = this.matchers.get(key);
    // An unreadable .gitignore counts as empty: the file is then treated as one git would commit.
    if (!matcher) this.matchers.set(key, (matcher = loadGitignore(folder).catch(() => new GitignoreMatcher([]))));
    return (await matcher).ignores(relativePath(folder, uri));
  }

  invalidate(): void {
    this.matchers.clear();
  }
}

/** Makes sure git ignores `file`: appends its name to the folder's root `.gitignore` (created if
 * missing) unless it is already ignored. Returns true if `.gitignore` was changed. */
export async function ensureGitignored(folder: vscode.WorkspaceFolder, file: vscode.Uri): Promise<boolean> {
  const matcher = await loadGitignore(folder);
  if (matcher.ignores(relativePath(folder, file))) return false;
  const gitignore = vscode.Uri.joinPath(folder.uri, ".gitignore");
  const name = file.path.slice(file.path.lastIndexOf("/") + 1);
  await writeText(gitignore, appendGitignoreEntry((await readText(gitignore)) ?? "", name));
  return true;
}

/** The folder a document belongs to; untitled buffers and notebook cells fall back to the first. */
export function folderOf(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
}
