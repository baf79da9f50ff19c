/** The Node extension host: the scan worker is a worker thread running dist/node/worker.js. */

import { parentPort, Worker } from "node:worker_threads";
import type { Platform } from "./platformApi";

export const platform: Platform = {
  workerScript: ["dist", "node", "worker.js"],
  async scanWorkerStarter(uri) {
    return () => {
      const worker = new Worker(uri.fsPath);
      return {
        post: (message) => worker.postMessage(message),
        onMessage: (listener) => void worker.on("message", listener),
        onError: (listener) => {
          worker.on("error", (error) => listener(error.message));
          worker.on("exit", (code) => code !== 0 && listener(`the scan worker exited with code ${code}`));
        },
        terminate: () => void worker.terminate(),
      };
    };
  },
  workerSide() {
    const port = parentPort;
    if (!port) throw new Error("keyward: the scan worker must run in a worker thread");
    return { post: (message) => port.postMessage(message), onMessage: (listener) => void port.on("message", listener) };
  },
};
