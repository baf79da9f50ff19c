/** What differs between the Node extension host and the web-worker one: how the scan worker is
 * started and how it talks back. `platform.ts` (Node) and `platform.web.ts` implement it; esbuild
 * picks one per bundle (esbuild.mjs). */

import type * as vscode from "vscode";
import type { WorkerHandle, WorkerSide } from "./core/workerProtocol";

export interface Platform {
  spawnScanWorker(extensionUri: vscode.Uri): WorkerHandle;
  workerSide(): WorkerSide;
}
