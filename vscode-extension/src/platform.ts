/** The Node extension host: the scan worker is a worker thread running dist/node/worker.js. */

import { parentPort, Worker } from "node:worker_threads";
import type * as vscode from "vscode";
import type { Platform } from "./platformApi";

export const platform: Platform = {
  spawnScanWorker(extensionUri: vscode.Uri) {
    // `Uri.joinPath` would need the vscode module at run time; the worker bundle has none.
    const worker = new Worker(`${extensionUri.fsPath}/dist/node/worker.js`);
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => void worker.on("message", listener),
      onError: (listener) => {
        worker.on("error", (error) => listener(error.message));
        worker.on("exit", (code) => code !== 0 && listener(`the scan worker exited with code ${code}`));
      },
      terminate: () => void worker.terminate(),
    };
  },
  workerSide() {
    const port = parentPort;
    if (!port) throw new Error("keyward: the scan worker must run in a worker thread");
    return { post: (message) => port.postMessage(message), onMessage: (listener) => void port.on("message", listener) };
  },
};
