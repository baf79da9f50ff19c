// Node, CommonJS: the glue compiles and instantiates the wasm synchronously on require, so the
// API is ready at once. `init`/`initSync` exist so code shared with the browser entry (which must
// be initialized) runs unchanged.
'use strict';
const wasm = require('./node/keyward_wasm.cjs');

/** Already initialized in Node; resolves at once. */
async function init() {}
/** Already initialized in Node; does nothing. */
function initSync() {}

// index.d.ts declares `export default init`: TypeScript and Babel compile `import init from
// "keyward"` to `require("keyward").default` only when `__esModule` says so. Plain `exports.x =`
// assignments, so that tools reading the module statically (cjs-module-lexer, TypeScript) see them.
Object.defineProperty(exports, '__esModule', { value: true });
exports.scan = wasm.scan;
exports.Scanner = wasm.Scanner;
exports.rules = wasm.rules;
exports.redact = wasm.redact;
exports.precompile = wasm.precompile;
exports.init = init;
exports.initSync = initSync;
exports.default = init;
