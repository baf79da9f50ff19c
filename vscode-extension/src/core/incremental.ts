/** Incremental re-scanning: after an edit only the changed lines, plus enough lines around them
 * for every rule's context, are scanned again; findings elsewhere are kept and moved by the
 * number of lines inserted or deleted above them. So a keystroke in a 10,000-line file costs a
 * scan of a few dozen lines, not of the whole file. A full scan is done whenever a window could
 * be unsound (multi-line secrets such as PEM blocks) or would not be much smaller. */

import type { Finding, ScanResult } from "./types";

/** Lines scanned above and below the changed ones: more than any rule's `context_lines` (≤ 3),
 * and covers `keyward:allow-next-line` on the line before. */
export const CONTEXT_LINES = 8;

/** Documents smaller than this are always scanned whole: that takes well under a millisecond. */
export const FULL_SCAN_BELOW_CHARS = 16 * 1024;

/** One `TextDocumentContentChangeEvent` by lines: lines [startLine, endLine] of the document as
 * it was before this change were replaced by text spanning `newLineCount` lines. */
export interface LineChange {
  startLine: number;
  endLine: number;
  newLineCount: number;
}

/** Zero-based inclusive line range, in the coordinates of the current document. */
export interface LineRange {
  start: number;
  end: number;
}

export interface IncrementalState {
  /** Findings of the last scan, moved to the current document's lines (indices not updated). */
  findings: Finding[];
  /** Lines changed since the last scan; undefined if none. */
  dirty?: LineRange;
  /** A cap of the core dropped findings in a scan these findings come from. */
  truncated?: boolean;
}

/** The document as the scanner needs it: a VS Code TextDocument, or a string in tests. */
export interface LineSource {
  lineCount: number;
  /** Text of lines [start, end] including the line break after `end` if there is one. */
  linesText(start: number, end: number): string;
  /** UTF-16 offset of (line, character) in the whole document. */
  offsetAt(line: number, character: number): number;
}

const first = (f: Finding) => f.line - 1;
const last = (f: Finding) => f.endLine - 1;
const moved = (f: Finding, delta: number): Finding => (delta === 0 ? f : { ...f, line: f.line + delta, endLine: f.endLine + delta });

/** Applies one change (in the order VS Code reports them): findings below it move, findings on
 * its lines are dropped and their lines become dirty. */
export function applyChange(state: IncrementalState, change: LineChange): IncrementalState {
  const delta = change.newLineCount - 1 - (change.endLine - change.startLine);
  let dirty: LineRange = { start: change.startLine, end: change.startLine + change.newLineCount - 1 };
  const cover = (range: LineRange) => (dirty = { start: Math.min(dirty.start, range.start), end: Math.max(dirty.end, range.end) });
  const findings: Finding[] = [];
  for (const f of state.findings) {
    if (last(f) < change.startLine) findings.push(f);
    else if (first(f) > change.endLine) findings.push(moved(f, delta));
    else cover({ start: Math.min(first(f), change.startLine), end: Math.max(last(f) + delta, dirty.end) });
  }
  const previous = state.dirty;
  if (previous) {
    if (previous.end < change.startLine) cover(previous);
    else if (previous.start > change.endLine) cover({ start: previous.start + delta, end: previous.end + delta });
    else cover({ start: Math.min(previous.start, change.startLine), end: Math.max(previous.end + delta, dirty.end) });
  }
  return { findings, dirty, truncated: state.truncated };
}

/** The lines to scan again: the dirty lines plus context, grown to include every kept finding
 * that overlaps them (so it is found again, or not, as a whole). */
export function scanWindow(state: IncrementalState, lineCount: number): LineRange | undefined {
  if (!state.dirty) return undefined;
  let start = Math.max(0, state.dirty.start - CONTEXT_LINES);
  let end = Math.min(lineCount - 1, state.dirty.end + CONTEXT_LINES);
  for (const f of state.findings) {
    if (last(f) >= start && first(f) <= end) {
      start = Math.min(start, first(f));
      end = Math.max(end, last(f));
    }
  }
  return { start, end };
}

export interface Rescanned {
  findings: Finding[];
  scannedLines: number;
  truncated: boolean;
}

/** A value now, or later when the scan runs in the worker. */
export type Maybe<T> = T | Promise<T>;

/** Applies `f` to `value` now, or once it resolves: a scan on the host stays synchronous. */
function andThen<T, U>(value: Maybe<T>, f: (value: T) => U): Maybe<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** Rescans what changed and returns all findings of the current document, with correct lines,
 * columns and indices, at once if `scan` answers at once. `scan` is the engine (undefined: it
 * gave no result, e.g. superseded); `full` forces a whole-document scan. A window keeps
 * `truncated` from the findings it keeps. */
export function rescan(
  state: IncrementalState | undefined,
  source: LineSource,
  scan: (text: string) => Maybe<ScanResult | undefined>,
  full = false,
): Maybe<Rescanned | undefined> {
  const whole = () => andThen(scan(source.linesText(0, source.lineCount - 1)), (result) => result && { ...result, scannedLines: source.lineCount });
  if (!state || full) return whole();
  const window = scanWindow(state, source.lineCount);
  if (!window) return { findings: withIndices(state.findings, source), scannedLines: 0, truncated: state.truncated ?? false };
  const text = source.linesText(window.start, window.end);
  // A window could cut a multi-line secret (a PEM block) in two; and one nearly as big as the
  // document saves nothing.
  if (text.includes("-----") || (window.end - window.start + 1) * 2 > source.lineCount) return whole();
  const base = source.offsetAt(window.start, 0);
  return andThen(scan(text), (result) => {
    if (!result) return undefined;
    const found = result.findings.map((f) => ({ ...f, line: f.line + window.start, endLine: f.endLine + window.start, startIndex: f.startIndex + base, endIndex: f.endIndex + base }));
    const kept = state.findings.filter((f) => last(f) < window.start || first(f) > window.end);
    const findings = [...withIndices(kept, source), ...found].sort((a, b) => a.line - b.line || a.column - b.column);
    return { findings, scannedLines: window.end - window.start + 1, truncated: (state.truncated ?? false) || result.truncated };
  });
}

/** Kept findings moved by lines: their UTF-16 indices recomputed from line and column. */
function withIndices(findings: Finding[], source: LineSource): Finding[] {
  return findings.map((f) => ({ ...f, startIndex: source.offsetAt(first(f), f.column - 1), endIndex: source.offsetAt(last(f), f.endColumn - 1) }));
}
