/** The web-worker extension host (vscode.dev): the scan worker is a nested web worker running
 * dist/web/worker.js (VS Code maps the extension's URI to one the browser can load). */

import type * as vscode from "vscode";
import type { FromWorker, ToWorker } from "./core/workerProtocol";
import type { Platform } from "./platformApi";

/** The global scope of a dedicated worker, typed without the WebWorker lib (the host's tsconfig
 * has DOM, whose `self` is a Window). */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
}

export const platform: Platform = {
  spawnScanWorker(extensionUri: vscode.Uri) {
    const worker = new Worker(`${extensionUri.toString(true)}/dist/web/worker.js`);
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.addEventListener("message", (event: MessageEvent<FromWorker>) => listener(event.data)),
      onError: (listener) => worker.addEventListener("error", (event: ErrorEvent) => listener(event.message || "the scan worker failed to load")),
      terminate: () => worker.terminate(),
    };
  },
  workerSide() {
    const scope = globalThis as unknown as WorkerScope;
    return {
      post: (message) => scope.postMessage(message),
      onMessage: (listener) => (scope.onmessage = (event) => listener(event.data)),
    };
  },
};
