/** The detection core: the npm package's wasm build (wasm-bindgen `web` target), initialised from
 * bytes so the same code runs in the Node and the browser extension host, with no fetch. */

import { initSync, Scanner } from "../../packages/keyward/web/keyward_wasm.js";
import type { Settings } from "./core/settings";
import type { Finding, RuleInfo } from "./core/types";

let initialised = false;

/** Compiles and instantiates the wasm once; later calls are no-ops. */
export function initEngine(wasmBytes: Uint8Array): void {
  if (initialised) return;
  initSync({ module: wasmBytes });
  initialised = true;
}

/** A scanner configured from the settings. Never asks for the secret itself. */
export class Engine {
  readonly rules: ReadonlyMap<string, RuleInfo>;
  private readonly scanner: Scanner;

  /** Throws an Error with the core's message when a custom rule is invalid. */
  constructor(private readonly settings: Settings) {
    this.scanner = new Scanner({ disable: settings.disabledRules, customRules: settings.customRules });
    this.rules = new Map((this.scanner.rules() as RuleInfo[]).map((rule) => [rule.id, rule]));
  }

  scan(text: string): Finding[] {
    return this.scanner.scan(text, { minConfidence: this.settings.minimumConfidence }) as Finding[];
  }

  dispose(): void {
    this.scanner.free();
  }
}
