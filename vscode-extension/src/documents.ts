/** Live diagnostics: scans open documents on open, as you type (debounced) or on save, keeps the
 * findings per document version, and owns keyward's one DiagnosticCollection. */

import * as vscode from "vscode";
import { Debouncer } from "./core/debounce";
import { diagnosticSpec } from "./core/describe";
import { applyChange, FULL_SCAN_BELOW_CHARS, rescan, type IncrementalState, type LineSource } from "./core/incremental";
import { ScanStats } from "./core/scanStats";
import type { Settings, SeverityName } from "./core/settings";
import type { Finding } from "./core/types";
import type { Engine } from "./engine";

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
interface ScanResult extends IncrementalState {
  version: number;
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

export class DocumentScanner implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection("keyward");
  private readonly results = new Map<string, ScanResult>();
  private readonly debouncer = new Debouncer<string>(150);
  /** Durations of the live scans (`keyward: Show scan statistics`). */
  readonly stats = new ScanStats();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's findings change (status bar). */
  readonly onDidChange = this.changed.event;

  constructor(private engine: Engine, private settings: Settings, private readonly log: vscode.LogOutputChannel) {}

  /** New settings or scanner: re-scan every open document. */
  reconfigure(engine: Engine, settings: Settings): void {
    this.engine = engine;
    this.settings = settings;
    this.debouncer.dispose();
    this.results.clear();
    this.rescanAll();
  }

  rescanAll(): void {
    for (const document of vscode.workspace.textDocuments) this.scan(document);
  }

  onOpen(document: vscode.TextDocument): void {
    this.scan(document);
  }

  /** Moves the findings along with the edit at once (cheap), and scans 150 ms after the last edit. */
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
      this.results.set(key, { ...state, version: result.version });
    }
    if (this.settings.run === "onType") this.debouncer.schedule(key, () => this.scan(document));
  }

  onSave(document: vscode.TextDocument): void {
    if (this.settings.run !== "off") this.scan(document);
  }

  /** Close, delete or rename: the findings of that URI are gone. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debouncer.cancel(key);
    this.results.delete(key);
    this.collection.delete(uri);
    this.changed.fire(uri);
  }

  /** Findings of the document's current version, or undefined if it was not scanned since it changed. */
  findings(document: vscode.TextDocument): Finding[] | undefined {
    const result = this.results.get(document.uri.toString());
    return result && result.version === document.version ? result.findings : undefined;
  }

  /** Scans a document now, unless settings say not to: only the lines edited since the last
   * scan (plus context) when the document is large, else all of it. Synchronous: a windowed
   * scan takes well under a millisecond and a full scan of a 10,000-line file a few (measured:
   * see README), so it runs on the host thread. */
  scan(document: vscode.TextDocument): void {
    if (!this.shouldScan(document)) {
      if (this.results.has(document.uri.toString()) || this.collection.has(document.uri)) this.forget(document.uri);
      return;
    }
    const previous = this.results.get(document.uri.toString());
    if (previous?.version === document.version && !previous.dirty) return;
    const started = performance.now();
    // Incremental only from a scan of this document followed by tracked edits (not from a
    // workspace-scan result read from disk, version -1).
    const base = previous?.dirty && previous.version >= 0 ? previous : undefined;
    const full = documentLength(document) < FULL_SCAN_BELOW_CHARS;
    const { findings, scannedLines } = rescan(base, lineSource(document), (text) => this.engine.scan(text), full);
    const elapsed = performance.now() - started;
    this.stats.record({ ms: elapsed, scannedLines, documentLines: document.lineCount });
    this.log.trace(`scanned ${document.uri.toString(true)} v${document.version}: ${scannedLines} of ${document.lineCount} lines, ${findings.length} findings, ${elapsed.toFixed(2)} ms`);
    this.publish(document.uri, document.version, findings);
  }

  /** Stores findings computed for `version`; a result for an older version than the document's
   * current one is dropped (it would put squiggles in the wrong places). */
  publish(uri: vscode.Uri, version: number, findings: Finding[]): void {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && open.version !== version) return;
    this.results.set(uri.toString(), { version, findings });
    this.collection.set(uri, findings.map((f) => this.toDiagnostic(f)));
    this.changed.fire(uri);
  }

  /** Whether `document` is scanned at all: enabled, not excluded, not too big. */
  isScannable(document: vscode.TextDocument): boolean {
    const { enable, exclude, maxFileSize } = this.settings;
    if (!enable || SKIPPED_SCHEMES.has(document.uri.scheme)) return false;
    if (exclude.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return false;
    return documentLength(document) <= maxFileSize;
  }

  private shouldScan(document: vscode.TextDocument): boolean {
    return this.settings.run !== "off" && this.isScannable(document);
  }

  private toDiagnostic(finding: Finding): vscode.Diagnostic {
    const spec = diagnosticSpec(finding, this.settings.severity);
    const { startLine, startCharacter, endLine, endCharacter } = spec.span;
    const diagnostic = new vscode.Diagnostic(new vscode.Range(startLine, startCharacter, endLine, endCharacter), spec.message, SEVERITY[spec.severity]);
    diagnostic.source = spec.source;
    diagnostic.code = spec.code.target ? { value: spec.code.value, target: vscode.Uri.parse(spec.code.target) } : spec.code.value;
    return diagnostic;
  }

  dispose(): void {
    this.debouncer.dispose();
    this.collection.dispose();
    this.changed.dispose();
  }
}
