// Node, CommonJS: the glue compiles and instantiates the wasm synchronously on require, so the
// API is ready at once. `init`/`initSync` exist so code shared with the
// browser entry (which must be initialized) runs unchanged.
'use strict';
const wasm = require('./node/keyward_wasm.cjs');

/** Already initialized in Node; resolves at once. */
async function init() {}
/** Already initialized in Node; does nothing. */
function initSync() {}

module.exports = {
  scan: wasm.scan,
  Scanner: wasm.Scanner,
  rules: wasm.rules,
  redact: wasm.redact,
  init,
  initSync,
  default: init,
};
