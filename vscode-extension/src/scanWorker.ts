/** The scan worker's entry (dist/node/worker.js, dist/web/worker.js): scans, one at a time, the
 * texts too large to scan on the extension host's thread, so that a huge or hostile document
 * never holds up the editor. */

import type { ToWorker } from "./core/workerProtocol";
import type { Confidence } from "./core/types";
import { platform } from "./platform";
import { instantiate, newScanner, scanText, type Scanner } from "./wasm";

const side = platform.workerSide();
let scanner: Scanner | undefined;
let minConfidence: Confidence = "medium";

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

side.onMessage((message: ToWorker) => {
  const started = performance.now();
  if (message.type === "init") {
    try {
      instantiate(message.module);
      scanner = newScanner(message.disabledRules, message.customRules);
      minConfidence = message.minConfidence;
      for (const line of message.warmUp) scanText(scanner, line, minConfidence);
      side.post({ type: "ready", ms: performance.now() - started });
    } catch (error) {
      side.post({ type: "failed", message: errorMessage(error) });
    }
    return;
  }
  try {
    if (!scanner) throw new Error("the scan worker was not initialised");
    const { findings, truncated } = scanText(scanner, message.text, minConfidence);
    side.post({ type: "result", id: message.id, findings, truncated, ms: performance.now() - started });
  } catch (error) {
    side.post({ type: "failed", id: message.id, message: errorMessage(error) });
  }
});
