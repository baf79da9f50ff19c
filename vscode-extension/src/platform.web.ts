/** The web-worker extension host (vscode.dev, code-server): the scan worker is a nested web
 * worker running dist/web/worker.js. VS Code cannot start a worker from an extension installed on
 * a remote (a `vscode-remote:` URI), so the script is read like the wasm, through
 * `workspace.fs`, and started from a blob URL. */

import type { FromWorker, ToWorker } from "./core/workerProtocol";
import type { Platform } from "./platformApi";

/** The global scope of a dedicated worker, typed without the WebWorker lib (the host's tsconfig
 * has DOM, whose `self` is a Window). */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
}

export const platform: Platform = {
  workerScript: ["dist", "web", "worker.js"],
  async scanWorkerStarter(_uri, read) {
    const url = URL.createObjectURL(new Blob([(await read()) as Uint8Array<ArrayBuffer>], { type: "text/javascript" }));
    return () => {
      const worker = new Worker(url);
      return {
        post: (message) => worker.postMessage(message),
        onMessage: (listener) => worker.addEventListener("message", (event: MessageEvent<FromWorker>) => listener(event.data)),
        onError: (listener) => worker.addEventListener("error", (event: ErrorEvent) => listener(event.message || "the scan worker failed to load")),
        terminate: () => worker.terminate(),
      };
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
