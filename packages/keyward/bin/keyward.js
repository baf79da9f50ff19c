#!/usr/bin/env node
// `npx keyward scan [paths] | --stdin`: the Rust CLI's output formats and exit codes
// (0 clean, 1 findings, 2 error) on the wasm core, for JS projects without a Rust toolchain.
'use strict';
const { main } = require('../lib/cli.js');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
