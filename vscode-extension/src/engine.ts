/** The scanner as the extension uses it: a scan known to be quick runs on the host's thread (an
 * edit's window of lines, a small file: well under a millisecond), any other in the scan worker,
 * so a huge or hostile document never blocks the extension host. */

import type * as vscode from "vscode";
import { UNMEASURED_HOST_MAX_CHARS } from "./core/scanCost";
import { ScanWorker, type WorkerOutcome } from "./core/scanWorker";
import type { Settings } from "./core/settings";
import type { RuleInfo, ScanResult } from "./core/types";
import { warmUpLines } from "./core/warmUp";
import type { WorkerHandle } from "./core/workerProtocol";
import { newScanner, scanText, type Scanner } from "./wasm";

export type ScanOutcome = WorkerOutcome;

/** The warm-up yields to other events after this much work. */
const WARM_UP_SLICE_MS = 4;

export class Engine {
  readonly rules: ReadonlyMap<string, RuleInfo>;
  private readonly scanner: Scanner;
  private readonly worker: ScanWorker;
  private warming: ReturnType<typeof setTimeout> | undefined;
  private warnedNoWorker = false;
  private readonly warmUpLines: string[];
  /** How long the scan worker took to start, once it has. */
  private workerReadyMs: number | undefined;

  /** Throws an Error with the core's message when a custom rule is invalid. */
  constructor(private readonly settings: Settings, module: WebAssembly.Module, startWorker: () => WorkerHandle, private readonly log: vscode.LogOutputChannel) {
    this.scanner = newScanner(settings.disabledRules, settings.customRules);
    const rules = this.scanner.rules() as RuleInfo[];
    this.rules = new Map(rules.map((rule) => [rule.id, rule]));
    this.warmUpLines = warmUpLines(rules);
    const init = { type: "init", module, disabledRules: settings.disabledRules, customRules: settings.customRules, minConfidence: settings.minimumConfidence, warmUp: this.warmUpLines } as const;
    this.worker = new ScanWorker(startWorker, init, (ms) => {
      this.workerReadyMs = ms;
      log.info(`scan worker ready in ${ms.toFixed(1)} ms (wasm instantiated, rules warmed up)`);
    });
  }

  /** Scans `text` of the document `key`: at once on the host when `onHost` (the returned outcome
   * is not a Promise then; by default, for a small text), else in the worker. Without a worker
   * (it could not start) every text is scanned on the host. */
  scan(text: string, key: string, onHost = text.length <= UNMEASURED_HOST_MAX_CHARS): ScanOutcome | Promise<ScanOutcome> {
    if (onHost || this.worker.startError !== undefined) return this.scanOnHost(text);
    return this.worker.scan(text, key).then((outcome) => {
      if (outcome.kind !== "failed" || this.worker.startError === undefined) return outcome;
      if (!this.warnedNoWorker) this.log.warn(`the scan worker could not start (${this.worker.startError}); large documents are scanned on the extension host`);
      this.warnedNoWorker = true;
      return this.scanOnHost(text);
    });
  }

  /** Forgets a document's scan still waiting for the worker. */
  drop(key: string): void {
    this.worker.drop(key);
  }

  /** Starts the scan worker, and compiles the rules ordinary files hit: a few milliseconds of
   * work at a time between yields to the host's event loop (one rule's compile cannot be split),
   * so the first scan of a document opened later does not pay for it. */
  warmUp(): void {
    this.worker.start();
    const lines = this.warmUpLines;
    const started = performance.now();
    let next = 0;
    const step = () => {
      const sliceStart = performance.now();
      while (next < lines.length && performance.now() - sliceStart < WARM_UP_SLICE_MS) scanText(this.scanner, lines[next++], this.settings.minimumConfidence);
      if (next < lines.length) {
        this.warming = setTimeout(step, 0);
        return;
      }
      this.warming = undefined;
      this.log.info(`scanner warmed up ${(performance.now() - started).toFixed(1)} ms after activation (${lines.length} lines)`);
    };
    this.warming = setTimeout(step, 0);
  }

  /** The scan worker's state, for the statistics. */
  workerSummary(): string {
    if (this.worker.startError !== undefined) return `scan worker: could not start (${this.worker.startError})`;
    return this.workerReadyMs === undefined ? "scan worker: not started" : `scan worker: ready in ${this.workerReadyMs.toFixed(1)} ms`;
  }

  private scanOnHost(text: string): ScanOutcome {
    const started = performance.now();
    const result: ScanResult = scanText(this.scanner, text, this.settings.minimumConfidence);
    return { kind: "done", result, ms: performance.now() - started };
  }

  dispose(): void {
    if (this.warming !== undefined) clearTimeout(this.warming);
    this.worker.dispose();
    this.scanner.free();
  }
}
