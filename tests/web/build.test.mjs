// The page build's conversion of wasm-bindgen's ES-module glue into a classic script.
import { test } from "node:test";
import assert from "node:assert/strict";
import { glueToClassicScript } from "../../web-demo/build.mjs";

const GLUE = `let wasm;
export class Scanner { scan() { return wasm.n; } }
export function scan(text) { return [text]; }
export function rules() { return []; }
function initSync({ module }) { wasm = { n: module }; return wasm; }
async function __wbg_init(path) { return new URL('x_bg.wasm', import.meta.url); }
export { initSync, __wbg_init as default };
`;

test("exports become the factory's return value; the default init is left out", () => {
  const script = glueToClassicScript(GLUE);
  const glue = new Function(`${script}; return keywardWasmGlue();`)();
  assert.deepEqual(Object.keys(glue).sort(), ["Scanner", "initSync", "rules", "scan"]);
  glue.initSync({ module: 42 });
  assert.equal(new glue.Scanner().scan(), 42);
  assert.ok(!/^export\s/m.test(script) && !script.includes("import.meta"));
});

test("glue the build cannot inline is refused with a clear message", () => {
  assert.throws(() => glueToClassicScript(`import * as s from "./snippets/x.js";\n${GLUE}`), /imports other modules/);
  assert.throws(() => glueToClassicScript(`${GLUE}export * from "./other.js";\n`), /export form/);
  assert.throws(() => glueToClassicScript(GLUE.replace("export function scan", "function scan")), /does not export scan\(\)/);
});
