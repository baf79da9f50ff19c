/** Live diagnostics: scans open documents on open, as you type or on save, keeps the findings
 * per document version, and owns keyward's one DiagnosticCollection. Small scans run on the
 * host's thread, large ones in the scan worker (engine.ts); the wait after an edit follows the
 * document's measured scan cost (scanCost.ts). */

import * as vscode from "vscode";
import { Debouncer } from "./core/debounce";
import { diagnosticSpec, type Placement } from "./core/describe";
import { isDotenvFileName } from "./core/envFile";
import { applyChange, FULL_SCAN_BELOW_CHARS, rescan, type IncrementalState, type LineSource } from "./core/incremental";
import { ScanCosts } from "./core/scanCost";
import { ScanStats } from "./core/scanStats";
import type { Settings, SeverityName } from "./core/settings";
import type { DocumentStatus } from "./core/status";
import type { Finding } from "./core/types";
import type { Engine, ScanOutcome } from "./engine";
import type { GitignoreCache } from "./files";

/** Views of text that are not the user's documents. */
const SKIPPED_SCHEMES = new Set(["output", "debug", "vscode-scm", "git", "gitfs", "comment", "vscode-settings", "keybindings"]);

const SEVERITY: Record<SeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Findings of one document: those of its last scan (`version`) moved along with later edits,
 * and the lines edited since (`dirty`), which the next scan covers. */
interface DocumentResult extends IncrementalState {
  version: number;
  placement: Placement;
}

/** A worker scan running this long shows "scanning" instead of the last result. */
const SHOW_SCANNING_AFTER_MS = 500;

/** Why a document is not scanned: by the user's choice (no status shown) or too large. */
type Skip = { kind: "hidden" } | { kind: "tooLarge"; length: number; limit: number };

/** A document's scan in progress. */
interface Run {
  done: Promise<void>;
}

/** A TextDocument as the incremental scanner reads it. */
function lineSource(document: vscode.TextDocument): LineSource {
  return {
    lineCount: document.lineCount,
    linesText: (start, end) => document.getText(new vscode.Range(start, 0, end + 1, 0)),
    offsetAt: (line, character) => document.offsetAt(new vscode.Position(line, character)),
  };
}

function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

export function isDotenvDocument(document: vscode.TextDocument): boolean {
  return document.languageId === "dotenv" || isDotenvFileName(document.uri.path.slice(document.uri.path.lastIndexOf("/") + 1));
}

function isOpen(uri: vscode.Uri, version?: number): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && (version === undefined || d.version === version));
}

export class DocumentScanner implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection("keyward");
  private readonly results = new Map<string, DocumentResult>();
  /** Documents not scanned, and scans that gave no result (stopped, failed), for the status item. */
  private readonly unscanned = new Map<string, Skip | Extract<DocumentStatus, { kind: "stopped" | "failed" }>>();
  /** The scan running for each document, and the documents to scan again once it is done. */
  private readonly running = new Map<string, Run>();
  private readonly again = new Set<string>();
  /** Documents whose scan is in the worker, and since when. */
  private readonly inWorker = new Map<string, number>();
  /** When each document was opened, until its first diagnostics (first-diagnostics latency). */
  private readonly openedAt = new Map<string, number>();
  /** When each document was last edited, until the diagnostics of that edit (edit latency). */
  private readonly editedAt = new Map<string, number>();
  private readonly debouncer = new Debouncer<string>();
  private readonly costs = new ScanCosts<string>();
  /** Durations of the live scans (`keyward: Show scan statistics`). */
  readonly stats = new ScanStats();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's findings or status change (status bar). */
  readonly onDidChange = this.changed.event;

  constructor(private engine: Engine, private settings: Settings, private readonly gitignore: GitignoreCache, private readonly log: vscode.LogOutputChannel) {}

  /** New settings or scanner: re-scan every open document. */
  reconfigure(engine: Engine, settings: Settings): void {
    this.engine = engine;
    this.settings = settings;
    this.debouncer.dispose();
    this.results.clear();
    this.unscanned.clear();
    this.running.clear();
    this.again.clear();
    this.inWorker.clear();
    this.costs.clear();
    void this.rescanAll();
  }

  rescanAll(): Promise<void[]> {
    return Promise.all(vscode.workspace.textDocuments.map((document) => this.scan(document)));
  }

  onOpen(document: vscode.TextDocument): void {
    this.openedAt.set(document.uri.toString(), performance.now());
    void this.scan(document);
  }

  /** Moves the findings along with the edit at once (cheap), and scans after a delay that
   * follows the document's scan cost: right away for a sub-millisecond scan. */
  onChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const document = event.document;
    const key = document.uri.toString();
    const result = this.results.get(key);
    if (result) {
      let state: IncrementalState = result;
      for (const change of event.contentChanges) {
        state = applyChange(state, { startLine: change.range.start.line, endLine: change.range.end.line, newLineCount: lineCount(change.text) });
      }
      this.results.set(key, { ...result, ...state });
    }
    if (this.settings.run !== "onType") return;
    this.editedAt.set(key, performance.now());
    const delay = this.costs.delayMs(key);
    if (delay > 0) return this.debouncer.schedule(key, delay, () => void this.scan(document));
    // A sub-millisecond scan: now, without a timer's round trip through a busy event loop.
    this.debouncer.cancel(key);
    void this.scan(document);
  }

  onSave(document: vscode.TextDocument): void {
    if (this.settings.run !== "off") void this.scan(document);
  }

  /** Close, delete or rename: the findings of that URI are gone. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debouncer.cancel(key);
    this.engine.drop(key);
    this.running.delete(key);
    this.again.delete(key);
    this.results.delete(key);
    this.unscanned.delete(key);
    this.inWorker.delete(key);
    this.openedAt.delete(key);
    this.editedAt.delete(key);
    this.costs.forget(key);
    this.collection.delete(uri);
    this.changed.fire(uri);
  }

  /** Findings shown for the document's current version (none in a git-ignored env file when
   * `keyward.gitIgnoredEnvFiles` is off), or undefined if it was not scanned since it changed. */
  findings(document: vscode.TextDocument): Finding[] | undefined {
    const result = this.results.get(document.uri.toString());
    if (!result || result.version !== document.version) return undefined;
    return this.hidden(result.placement) ? [] : result.findings;
  }

  /** What the status item says about the document. */
  status(document: vscode.TextDocument): DocumentStatus {
    const key = document.uri.toString();
    const unscanned = this.unscanned.get(key);
    const result = this.results.get(key);
    const scanning = this.inWorker.get(key);
    // The last result (moved with the edits) stands until a newer one lands, unless a long scan
    // in the worker is on its way.
    if (scanning !== undefined && (unscanned || !result || performance.now() - scanning >= SHOW_SCANNING_AFTER_MS)) return { kind: "scanning" };
    if (unscanned) return unscanned;
    if (result) return { kind: "scanned", count: result.findings.length, truncated: result.truncated ?? false, placement: result.placement };
    return { kind: "hidden" };
  }

  /** Scans a document now, unless settings say not to; one scan at a time per document. A scan
   * asked for while one runs (a burst of change events, edits during a worker scan) follows it
   * if the document changed meanwhile. */
  scan(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const running = this.running.get(key);
    if (running) {
      this.again.add(key);
      return running.done;
    }
    const run: Run = { done: Promise.resolve() };
    this.running.set(key, run);
    // A run that was forgotten (document closed, settings changed) stores nothing.
    const current = () => this.running.get(key) === run;
    run.done = this.scanOnce(document, current).then((scannedVersion) => {
      if (!current()) return;
      this.running.delete(key);
      if (this.again.delete(key) && isOpen(document.uri) && document.version !== scannedVersion) void this.scan(document);
    });
    return run.done;
  }

  /** Only the lines edited since the last scan (plus context) when the document is large, else
   * all of it. Returns the version it covered. */
  private async scanOnce(document: vscode.TextDocument, current: () => boolean): Promise<number> {
    const key = document.uri.toString();
    // An env file's placement may need the .gitignore files read: first, so what follows sees
    // the document as it is then. Any other document is scanned without a pause (on the host,
    // synchronously: before other extensions' handlers of the same event run).
    const placement: Placement = isDotenvDocument(document) ? await this.placement(document) : "code";
    const version = document.version;
    if (!current()) return version;
    const skip = this.skip(document);
    if (skip) {
      if (this.results.has(key) || this.collection.has(document.uri)) this.forget(document.uri);
      this.unscanned.set(key, skip);
      this.openedAt.delete(key);
      this.changed.fire(document.uri);
      return version;
    }
    const previous = this.results.get(key);
    if (previous?.version === version && !previous.dirty) return version;
    const started = performance.now();
    // The cost that sets the wait after an edit is that of the scans edits cause (a large
    // document's edits are scanned by windows, far cheaper than its first, full scan).
    const afterEdit = this.editedAt.has(key);
    // Incremental only from a scan of this document followed by tracked edits (not from a
    // workspace-scan result read from disk, version -1).
    const base = previous?.dirty && previous.version >= 0 ? previous : undefined;
    const full = documentLength(document) < FULL_SCAN_BELOW_CHARS;
    let outcome: ScanOutcome | undefined;
    let scannedChars = 0;
    const resultOf = (scanned: ScanOutcome) => {
      outcome = scanned;
      return scanned.kind === "done" ? scanned.result : undefined;
    };
    const rescanning = rescan(base, lineSource(document), (text) => {
      scannedChars = text.length;
      const pending = this.engine.scan(text, key, this.costs.onHost(key, text.length));
      if (!(pending instanceof Promise)) return resultOf(pending);
      this.inWorker.set(key, performance.now());
      this.changed.fire(document.uri);
      const later = setTimeout(() => this.inWorker.has(key) && this.changed.fire(document.uri), SHOW_SCANNING_AFTER_MS);
      return pending.then((scanned) => {
        clearTimeout(later);
        return resultOf(scanned);
      });
    }, full);
    const rescanned = rescanning instanceof Promise ? await rescanning : rescanning;
    if (outcome?.kind === "done") this.costs.record(key, outcome.ms, scannedChars, afterEdit);
    if (outcome?.kind === "stopped") this.costs.record(key, outcome.limitMs, scannedChars, afterEdit);
    if (current()) this.inWorker.delete(key);
    if (!current() || !isOpen(document.uri, version)) return version; // closed, or edited meanwhile: scanned again
    if (!rescanned) {
      if (outcome?.kind === "stopped" || outcome?.kind === "failed") {
        this.log.warn(`not scanned: ${document.uri.toString(true)} v${version}: ${outcome.kind === "stopped" ? `stopped after ${outcome.limitMs} ms` : outcome.message}`);
        this.unscanned.set(key, outcome);
        this.changed.fire(document.uri);
      }
      return version;
    }
    const elapsed = performance.now() - started;
    this.stats.record({ ms: elapsed, scannedLines: rescanned.scannedLines, documentLines: document.lineCount });
    this.log.trace(`scanned ${document.uri.toString(true)} v${version}: ${rescanned.scannedLines} of ${document.lineCount} lines, ${rescanned.findings.length} findings${rescanned.truncated ? " (truncated)" : ""}, ${elapsed.toFixed(2)} ms`);
    this.unscanned.delete(key);
    this.store(document.uri, { version, findings: rescanned.findings, truncated: rescanned.truncated, placement });
    const now = performance.now();
    const edited = this.editedAt.get(key);
    if (edited !== undefined) {
      this.editedAt.delete(key);
      this.stats.recordEdit(now - edited);
    }
    const opened = this.openedAt.get(key);
    if (opened !== undefined) {
      this.openedAt.delete(key);
      if (this.stats.recordOpen(now - opened)) this.log.info(`first diagnostics after activation: ${document.uri.toString(true)} ${(now - opened).toFixed(1)} ms after it was opened`);
    }
    return version;
  }

  /** Stores findings of a file that is not open, scanned by the workspace command (version -1). */
  publishFromDisk(uri: vscode.Uri, findings: Finding[], truncated: boolean): void {
    if (isOpen(uri)) return;
    this.store(uri, { version: -1, findings, truncated, placement: "code" });
  }

  /** After a `.gitignore` changed: whether each open env file is git-ignored may have changed. */
  async refreshPlacements(): Promise<void> {
    this.gitignore.invalidate();
    for (const document of vscode.workspace.textDocuments) {
      const key = document.uri.toString();
      const result = this.results.get(key);
      if (!result || !isDotenvDocument(document)) continue;
      const placement = await this.placement(document);
      const current = this.results.get(key);
      if (current && current.placement !== placement) this.store(document.uri, { ...current, placement });
    }
  }

  /** Why `document` is not scanned at all (disabled, excluded, too big), or undefined. */
  skip(document: vscode.TextDocument): Skip | undefined {
    const { enable, run, exclude, maxFileSize } = this.settings;
    if (!enable || run === "off" || SKIPPED_SCHEMES.has(document.uri.scheme)) return { kind: "hidden" };
    if (exclude.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return { kind: "hidden" };
    const length = documentLength(document);
    return length > maxFileSize ? { kind: "tooLarge", length, limit: maxFileSize } : undefined;
  }

  private async placement(document: vscode.TextDocument): Promise<Placement> {
    return isDotenvDocument(document) && (await this.gitignore.ignores(document.uri)) ? "gitIgnoredEnv" : "code";
  }

  private hidden(placement: Placement): boolean {
    return placement === "gitIgnoredEnv" && this.settings.gitIgnoredEnvFiles === "off";
  }

  private store(uri: vscode.Uri, result: DocumentResult): void {
    this.results.set(uri.toString(), result);
    const shown = this.hidden(result.placement) ? [] : result.findings;
    this.collection.set(uri, shown.map((f) => this.toDiagnostic(f, result.placement)));
    this.changed.fire(uri);
  }

  private toDiagnostic(finding: Finding, placement: Placement): vscode.Diagnostic {
    const spec = diagnosticSpec(finding, this.settings.severity, placement);
    const { startLine, startCharacter, endLine, endCharacter } = spec.span;
    const diagnostic = new vscode.Diagnostic(new vscode.Range(startLine, startCharacter, endLine, endCharacter), spec.message, SEVERITY[spec.severity]);
    diagnostic.source = spec.source;
    diagnostic.code = spec.code.target ? { value: spec.code.value, target: vscode.Uri.parse(spec.code.target) } : spec.code.value;
    return diagnostic;
  }

  /** The placement the document's findings were shown with (for the quick fixes). */
  placementOf(document: vscode.TextDocument): Placement | undefined {
    return this.results.get(document.uri.toString())?.placement;
  }

  dispose(): void {
    this.debouncer.dispose();
    this.collection.dispose();
    this.changed.dispose();
  }
}
