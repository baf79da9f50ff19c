/** Messages between the extension host and the scan worker (a Node worker thread or a web
 * worker), which scans the texts too large to scan on the host's thread. */

import type { Confidence, Finding } from "./types";
import type { CustomRule } from "./settings";

/** What the worker needs to build the same scanner as the host. */
export interface WorkerInit {
  type: "init";
  /** The compiled wasm, shared with the host (no second compile, no fetch). */
  module: WebAssembly.Module;
  disabledRules: string[];
  customRules: CustomRule[];
  minConfidence: Confidence;
  /** Lines scanned once at start-up, so the rules most files hit are compiled before a real scan. */
  warmUp: string[];
}

export type ToWorker = WorkerInit | { type: "scan"; id: number; text: string };

export type FromWorker =
  | { type: "ready"; ms: number }
  | { type: "result"; id: number; findings: Finding[]; truncated: boolean; ms: number }
  /** `id` is absent when the worker could not start (init failed). */
  | { type: "failed"; id?: number; message: string };

/** The host's end of a scan worker. */
export interface WorkerHandle {
  post(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** The worker failed to load or threw outside a request. */
  onError(listener: (message: string) => void): void;
  terminate(): void;
}

/** The worker's end. */
export interface WorkerSide {
  post(message: FromWorker): void;
  onMessage(listener: (message: ToWorker) => void): void;
}
