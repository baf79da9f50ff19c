#!/usr/bin/env node
// `npx keyward scan [paths] | --stdin | --staged`: the native CLI's commands, output formats and
// exit codes (0 clean, 1 findings, 2 error) on the wasm core, for JS projects without a Rust toolchain.
'use strict';
const { main } = require('../lib/cli.js');

// A closed pipe or a full disk on stdout is an error of the run (as in the native CLI), not a crash.
process.stdout.on('error', (error) => {
  process.stderr.write(`keyward: error: cannot write the report to standard output: ${error.message}\n`);
  process.exit(2);
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
