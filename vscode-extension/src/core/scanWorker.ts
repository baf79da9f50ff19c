/** The host's side of the scan worker: a queue of scans run one at a time, where a newer scan of
 * the same document replaces an older one still waiting, and a scan that runs past a time limit
 * is stopped by restarting the worker. So a huge or hostile document costs bounded work, and it
 * never holds up the host or, for longer than the limit, another document's scan. */

import type { ScanResult } from "./types";
import type { FromWorker, WorkerHandle, WorkerInit } from "./workerProtocol";

/** A scan in the worker that takes longer than this is stopped (plain text scans at tens of
 * megabytes a second: this is far beyond what the largest document scanned needs). */
export const WORKER_SCAN_TIME_LIMIT_MS = 5000;

export type WorkerOutcome =
  /** `ms`: the scan itself, in the worker (not the wait in the queue or the messages). */
  | { kind: "done"; result: ScanResult; ms: number }
  /** A newer scan of the same document replaced this one before it started. */
  | { kind: "superseded" }
  | { kind: "stopped"; limitMs: number }
  | { kind: "failed"; message: string };

interface Request {
  id: number;
  key: string;
  text: string;
  resolve(outcome: WorkerOutcome): void;
}

interface Running extends Request {
  timer: ReturnType<typeof setTimeout>;
}

export class ScanWorker {
  private handle: WorkerHandle | undefined;
  private ready = false;
  private readonly queue: Request[] = [];
  private running: Running | undefined;
  private nextId = 1;
  /** Why the worker could not start, if it could not: callers then scan on the host. */
  startError: string | undefined;

  constructor(
    private readonly spawn: () => WorkerHandle,
    private readonly init: WorkerInit,
    private readonly onReady: (ms: number) => void = () => {},
    private readonly timeLimitMs = WORKER_SCAN_TIME_LIMIT_MS,
  ) {}

  /** Scans `text` for the document `key` in the worker. */
  scan(text: string, key: string): Promise<WorkerOutcome> {
    return new Promise((resolve) => {
      this.drop(key);
      this.queue.push({ id: this.nextId++, key, text, resolve });
      this.pump();
    });
  }

  /** Starts the worker ahead of its first scan (it instantiates the wasm and warms up on its
   * own thread), so a large document's first scan does not wait for that. */
  start(): void {
    if (!this.handle && this.startError === undefined) this.launch();
  }

  /** Forgets a document's waiting scan (closed, or no longer to be scanned). */
  drop(key: string): void {
    const index = this.queue.findIndex((r) => r.key === key);
    if (index >= 0) this.queue.splice(index, 1)[0].resolve({ kind: "superseded" });
  }

  dispose(): void {
    this.stop();
    for (const request of this.queue.splice(0)) request.resolve({ kind: "superseded" });
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    if (!this.handle) return this.launch();
    if (!this.ready) return;
    const request = this.queue.shift()!;
    const timer = setTimeout(() => this.timeOut(), this.timeLimitMs);
    this.running = { ...request, timer };
    this.handle.post({ type: "scan", id: request.id, text: request.text });
  }

  private launch(): void {
    let handle: WorkerHandle;
    try {
      handle = this.spawn();
    } catch (error) {
      return this.fail(error instanceof Error ? error.message : String(error));
    }
    this.handle = handle;
    this.ready = false;
    handle.onMessage((message) => this.handle === handle && this.receive(message));
    handle.onError((message) => this.handle === handle && this.fail(message));
    handle.post(this.init);
  }

  private receive(message: FromWorker): void {
    if (message.type === "ready") {
      this.ready = true;
      this.onReady(message.ms);
      return this.pump();
    }
    if (message.type === "failed" && message.id === undefined) return this.fail(message.message);
    const running = this.running;
    if (!running || running.id !== message.id) return;
    clearTimeout(running.timer);
    this.running = undefined;
    running.resolve(
      message.type === "result"
        ? { kind: "done", result: { findings: message.findings, truncated: message.truncated }, ms: message.ms }
        : { kind: "failed", message: message.message },
    );
    this.pump();
  }

  /** The running scan took too long: restart the worker (a fresh one starts for the next scan). */
  private timeOut(): void {
    const running = this.running;
    this.stop();
    running?.resolve({ kind: "stopped", limitMs: this.timeLimitMs });
    this.pump();
  }

  /** The worker could not start or crashed: every waiting scan fails with the message, and the
   * next scan tries a fresh worker. */
  private fail(message: string): void {
    const running = this.running;
    const everStarted = this.ready;
    this.stop();
    if (!everStarted) this.startError = message;
    running?.resolve({ kind: "failed", message });
    for (const request of this.queue.splice(0)) request.resolve({ kind: "failed", message });
  }

  private stop(): void {
    if (this.running) clearTimeout(this.running.timer);
    this.running = undefined;
    this.handle?.terminate();
    this.handle = undefined;
    this.ready = false;
  }
}
