/** The measured cost of a document's scans, and what follows from it: where a scan runs (on the
 * extension host's thread only when it is measured to be quick there) and how long to wait after
 * an edit before scanning (nothing for a sub-millisecond scan; longer for an expensive document,
 * so that its scans never pile up). */

/** A scan expected to take longer than this runs in the scan worker, not on the host's thread. */
export const HOST_SCAN_BUDGET_MS = 5;
/** Before a document's scan speed is measured, only texts this small are scanned on the host
 * (an edit's window of lines, a small file); with the core's linear-time bound that is quick
 * even for hostile text. */
export const UNMEASURED_HOST_MAX_CHARS = 4 * 1024;

/** The delay is this multiple of the recent scan cost, so a document spends at most about a
 * third of a typing burst being scanned. */
const DELAY_PER_SCAN_MS = 2;
/** Never wait longer than this after the last edit. */
export const MAX_DELAY_MS = 1000;
/** Scans remembered per document. */
const RECENT = 3;

export class ScanCosts<K> {
  /** Durations of the last scans that edits caused. */
  private readonly recent = new Map<K, number[]>();
  /** Milliseconds per character of the last scan. */
  private readonly rates = new Map<K, number>();

  /** A scan of `chars` characters took `ms` (the scan itself, wherever it ran); `afterEdit`
   * when an edit caused it (the cost that sets the wait after the next edit). */
  record(key: K, ms: number, chars: number, afterEdit: boolean): void {
    this.rates.set(key, ms / Math.max(chars, 1));
    if (!afterEdit) return;
    const samples = this.recent.get(key) ?? [];
    samples.push(ms);
    if (samples.length > RECENT) samples.shift();
    this.recent.set(key, samples);
  }

  /** Whether a scan of `chars` characters of this document should run on the host's thread: its
   * expected time, at the speed of the document's last scan, is within the budget. A slow scan
   * (hostile text, or a rule compiling on its first hit) sends the next one to the worker, whose
   * own measurement brings the document back when it is quick again. */
  onHost(key: K, chars: number): boolean {
    const rate = this.rates.get(key);
    return rate === undefined ? chars <= UNMEASURED_HOST_MAX_CHARS : rate * chars <= HOST_SCAN_BUDGET_MS;
  }

  /** Milliseconds to wait after an edit: twice the median of the document's last scans after
   * edits (one slow scan, e.g. the first hit of a rule that then compiles, does not count; of two,
   * the cheaper), so zero for sub-millisecond scans: those run right away. A document not yet
   * scanned after an edit waits nothing. */
  delayMs(key: K): number {
    const samples = this.recent.get(key);
    if (!samples) return 0;
    const median = [...samples].sort((a, b) => a - b)[(samples.length - 1) >> 1];
    return Math.min(MAX_DELAY_MS, Math.floor(DELAY_PER_SCAN_MS * median));
  }

  forget(key: K): void {
    this.recent.delete(key);
    this.rates.delete(key);
  }

  clear(): void {
    this.recent.clear();
    this.rates.clear();
  }
}
