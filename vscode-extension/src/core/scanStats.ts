/** How long the live scans take on the extension host, so "never blocks the host" is measured
 * in the real editor, not assumed: `keyward: Show scan statistics` prints this summary. */

export interface ScanSample {
  ms: number;
  scannedLines: number;
  documentLines: number;
}

export class ScanStats {
  /** Kept apart, so a burst of small full scans does not push out the windowed ones. */
  private readonly windowed: ScanSample[] = [];
  private readonly full: ScanSample[] = [];
  /** Milliseconds from a document's opening to its first diagnostics. */
  private readonly opens: number[] = [];
  /** Milliseconds from an edit (the change event) to the diagnostics of that version. */
  private readonly edits: number[] = [];

  constructor(private readonly keep = 1000) {}

  record(sample: ScanSample): void {
    this.push(sample.scannedLines < sample.documentLines ? this.windowed : this.full, sample);
  }

  /** Returns true for the first one (worth a log line of its own). */
  recordOpen(ms: number): boolean {
    this.push(this.opens, ms);
    return this.opens.length === 1;
  }

  recordEdit(ms: number): void {
    this.push(this.edits, ms);
  }

  private push<T>(values: T[], value: T): void {
    values.push(value);
    if (values.length > this.keep) values.shift();
  }

  /** e.g. `windowed: 40 scans, median 0.31 ms, p90 0.90 ms, max 1.20 ms (up to 25 lines); full: 2 scans, …;
   * edit → diagnostics: 42 edits, median …; open → diagnostics: 3 documents, first …` */
  summary(): string {
    if (this.windowed.length + this.full.length === 0) return "no scans yet";
    return [describe("windowed", this.windowed), describe("full", this.full), describeEdits(this.edits), describeOpens(this.opens)].join("; ");
  }
}

function quantiles(values: number[]): { median: string; p90: string; max: string } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
  return { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1].toFixed(2) };
}

function describe(kind: string, samples: ScanSample[]): string {
  if (samples.length === 0) return `${kind}: 0 scans`;
  const { median, p90, max } = quantiles(samples.map((s) => s.ms));
  const lines = Math.max(...samples.map((s) => s.scannedLines));
  return `${kind}: ${samples.length} scans, median ${median} ms, p90 ${p90} ms, max ${max} ms (up to ${lines} lines)`;
}

function describeEdits(edits: number[]): string {
  if (edits.length === 0) return "edit → diagnostics: 0 edits";
  const { median, p90, max } = quantiles(edits);
  return `edit → diagnostics: ${edits.length} edits, median ${median} ms, p90 ${p90} ms, max ${max} ms`;
}

function describeOpens(opens: number[]): string {
  if (opens.length === 0) return "open → diagnostics: 0 documents";
  const { median, max } = quantiles(opens);
  return `open → diagnostics: ${opens.length} documents, first ${opens[0].toFixed(2)} ms, median ${median} ms, max ${max} ms`;
}
