/** The measured cost of a document's scans, and what follows from it: how long to wait after an
 * edit before scanning. A keystroke in an ordinary file is rescanned at once (its scans take well
 * under a millisecond), while a document whose scans are expensive waits for a pause in typing,
 * so that its scans never pile up. */

/** A scan of at most this many characters runs on the extension host's thread, synchronously:
 * with the core's linear-time bound it takes a millisecond or so even on hostile text. Larger
 * texts go to the scan worker. Also the size below which a document is always scanned whole. */
export const HOST_SCAN_MAX_CHARS = 16 * 1024;

/** The delay is this multiple of the recent scan cost, so a document spends at most about a
 * third of a typing burst being scanned. */
const DELAY_PER_SCAN_MS = 2;
/** Never wait longer than this after the last edit. */
export const MAX_DELAY_MS = 1000;
/** Scans remembered per document. */
const RECENT = 3;

export class ScanCosts<K> {
  private readonly recent = new Map<K, number[]>();

  record(key: K, ms: number): void {
    const samples = this.recent.get(key) ?? [];
    samples.push(ms);
    if (samples.length > RECENT) samples.shift();
    this.recent.set(key, samples);
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
  }

  clear(): void {
    this.recent.clear();
  }
}
