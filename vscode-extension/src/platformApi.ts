/** What differs between the Node extension host and the web-worker one: how the scan worker is
 * started and how it talks back. `platform.ts` (Node) and `platform.web.ts` implement it; esbuild
 * picks one per bundle (esbuild.mjs). Neither imports `vscode` at run time: the worker bundles
 * include this code too. */

import type * as vscode from "vscode";
import type { WorkerHandle, WorkerSide } from "./core/workerProtocol";

export interface Platform {
  /** The scan worker's script, as path segments under the extension's folder. */
  readonly workerScript: readonly string[];
  /** Prepares starting scan workers from the script at `uri`, whose bytes `read` gives. */
  scanWorkerStarter(uri: vscode.Uri, read: () => Thenable<Uint8Array>): Promise<() => WorkerHandle>;
  /** The worker's end of the channel, inside the worker. */
  workerSide(): WorkerSide;
}
