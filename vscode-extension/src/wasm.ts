/** The detection core as both the extension host and the scan worker use it: the npm package's
 * wasm build (wasm-bindgen `web` target), instantiated from an already compiled module, so the
 * same code runs in Node, in a web worker and in a nested worker, with no fetch. */

import { initSync, Scanner } from "../../packages/keyward/web/keyward_wasm.js";
import type { CustomRule } from "./core/settings";
import type { Confidence, Findings, ScanResult } from "./core/types";

let instantiated = false;

/** Instantiates the wasm once; later calls are no-ops. */
export function instantiate(module: WebAssembly.Module): void {
  if (instantiated) return;
  initSync({ module });
  instantiated = true;
}

/** Throws an Error with the core's message when a custom rule is invalid. */
export function newScanner(disabledRules: string[], customRules: CustomRule[]): Scanner {
  return new Scanner({ disable: disabledRules, customRules });
}

/** Never asks for the secret itself. */
export function scanText(scanner: Scanner, text: string, minConfidence: Confidence): ScanResult {
  const found = scanner.scan(text, { minConfidence }) as Findings;
  // `truncated` is a non-enumerable own property: carried on its own (a structured clone to or
  // from the worker would drop it).
  return { findings: found, truncated: found.truncated === true };
}

export type { Scanner };
