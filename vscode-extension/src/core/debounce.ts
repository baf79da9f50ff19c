/** Per-document debouncing: a burst of edits causes one scan, `delayMs` after the last one (the
 * delay follows the document's measured scan cost, see scanCost.ts). */

export class Debouncer<K> {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();

  /** Runs `action` after `delayMs` unless `key` is scheduled again before then. */
  schedule(key: K, delayMs: number, action: () => void): void {
    this.cancel(key);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      action();
    }, delayMs));
  }

  cancel(key: K): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
