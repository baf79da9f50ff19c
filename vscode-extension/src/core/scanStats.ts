/** How long the live scans take on the extension host, so "never blocks the host" is measured
 * in the real editor, not assumed: `keyward: Show scan statistics` prints this summary. */

export interface ScanSample {
  ms: number;
  scannedLines: number;
  documentLines: number;
}

export class ScanStats {
  private readonly samples: ScanSample[] = [];

  constructor(private readonly keep = 1000) {}

  record(sample: ScanSample): void {
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** e.g. `windowed: 40 scans, median 0.31 ms, p90 0.90 ms, max 1.20 ms (up to 25 lines); full: 2 scans, …` */
  summary(): string {
    if (this.samples.length === 0) return "no scans yet";
    const windowed = this.samples.filter((s) => s.scannedLines < s.documentLines);
    const full = this.samples.filter((s) => s.scannedLines >= s.documentLines);
    return [describe("windowed", windowed), describe("full", full)].join("; ");
  }
}

function describe(kind: string, samples: ScanSample[]): string {
  if (samples.length === 0) return `${kind}: 0 scans`;
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(2);
  const lines = Math.max(...samples.map((s) => s.scannedLines));
  return `${kind}: ${ms.length} scans, median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${ms[ms.length - 1].toFixed(2)} ms (up to ${lines} lines)`;
}
