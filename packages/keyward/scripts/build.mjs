// Builds the npm package from crates/keyward-wasm with one wasm-pack run (`web` target), then
// derives from that one .wasm and its glue:
//   node/keyward_wasm.cjs  CommonJS for Node, instantiated synchronously on require;
//   inline.mjs             the wasm embedded as base64, no fetch (strict CSP, file://).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const crate = resolve(pkg, '../../crates/keyward-wasm');
const OUT_NAME = 'keyward_wasm';
// 128-bit SIMD (every current browser, Node >= 16.4): memchr, and through it the keyword and
// literal searches of aho-corasick and regex, use it; scalar wasm scanned at a third of native.
const WASM_RUSTFLAGS = '-C target-feature=+simd128';

/**
 * wasm-pack into `<stage>/web` with the size-tuned `wasm-release` profile (root Cargo.toml);
 * `--mode no-install` fails fast instead of installing tools. wasm-opt (npm binaryen, first in
 * PATH via env.sh) runs here rather than inside wasm-pack, whose settings cover only its own profiles.
 *
 * `-ocimfs 200`: a function with one caller is inlined only when small (by default always). Whole
 * call chains inlined into one caller made 40 KB functions (the regex builder), which V8 recompiles
 * with its optimizing compiler during the first scan, taking the cores the scan runs on: the first
 * scan of a .env with a key took 26.0 ms with them, 21.9 ms without (medians of 41 fresh Node
 * processes, tests/npm/first-scan.mjs's measure, 2 CPUs); throughput did not change.
 */
function wasmPackWeb() {
  const out = join(stage, 'web');
  execFileSync('wasm-pack', ['build', crate, '--mode', 'no-install', '--profile', 'wasm-release', '--no-opt',
    '--target', 'web', '--out-dir', out, '--out-name', OUT_NAME, '--no-pack', '--no-gitignore'],
    { stdio: 'inherit', env: { ...process.env, CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: WASM_RUSTFLAGS } });
  const wasm = join(out, `${OUT_NAME}_bg.wasm`);
  execFileSync('wasm-opt', ['-Oz', '-ocimfs', '200', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-simd', wasm, '-o', wasm],
    { stdio: 'inherit' });
  // The package root is CommonJS; the web glue is ESM and says so for Node and bundlers.
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
}

/** Replaces `from` (which must occur) in generated glue: a wasm-bindgen upgrade fails loudly here. */
function mustReplace(text, from, to) {
  if (!(typeof from === 'string' ? text.includes(from) : from.test(text))) {
    throw new Error(`build.mjs: the wasm-bindgen glue no longer contains ${from}`);
  }
  return text.replaceAll(from, to);
}

/**
 * Edits wasm-bindgen's web glue in place so that misuse throws a clear `Error` instead of a
 * `TypeError` from inside the glue: a call before `init()` (the glue reads `wasm.scan` of
 * `undefined`), and a `Scanner` method after `free()` (wasm-bindgen's "null pointer passed to
 * rust"). Also exports `init` by name, as the Node entries do.
 */
function hardenWebGlue() {
  const file = join(stage, 'web', `${OUT_NAME}.js`);
  let glue = readFileSync(file, 'utf8');
  glue = mustReplace(glue, 'let wasmModule, wasmInstance, wasm;', `// scripts/build.mjs: every use of \`wasm\` before init() lands here and throws a clear Error.
const NOT_INITIALIZED = new Proxy({}, {
    get() {
        throw new Error('keyward: not initialized: call \`await init()\` (or \`initSync({ module })\`) once before scan(), rules(), redact(), precompile() or new Scanner()');
    },
});
let wasmModule, wasmInstance, wasm = NOT_INITIALIZED;`);
  glue = mustReplace(glue, 'if (wasm !== undefined) return wasm;', 'if (wasm !== NOT_INITIALIZED) return wasm;');
  glue = mustReplace(glue, /wasm\.scanner_(\w+)\(this\.__wbg_ptr\b/g, "wasm.scanner_$1(livePointer(this, '$1')");
  glue = encodeStringsNatively(glue);
  // A second free() (or Symbol.dispose after free) does nothing, as dispose methods should.
  glue = mustReplace(glue, 'wasm.__wbg_scanner_free(ptr, 0);', 'if (ptr) wasm.__wbg_scanner_free(ptr, 0);');
  glue = mustReplace(glue, 'export { initSync, __wbg_init as default };', `// scripts/build.mjs: a freed Scanner's pointer is 0; say so rather than "null pointer passed to rust".
function livePointer(scanner, method) {
    if (!scanner.__wbg_ptr) throw new Error(\`keyward: Scanner.\${method}() called after free()\`);
    return scanner.__wbg_ptr;
}

export { initSync, __wbg_init as init, __wbg_init as default };`);
  writeFileSync(file, glue);
}

/**
 * wasm-bindgen copies a string into the wasm memory with a JS loop over its ASCII prefix, then
 * `encodeInto` for the rest: on ASCII source code the loop was ~20% of a wasm scan (V8 encodes a
 * one-byte string natively, several times faster). One `encodeInto` into the same `len` bytes
 * first; if the string is longer in UTF-8, the rest goes where the glue put it (at most 3 bytes
 * per UTF-16 unit left), so memory use stays what it was.
 */
function encodeStringsNatively(glue) {
  return mustReplace(glue, `    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
`, `    // scripts/build.mjs: one native encodeInto, not a JS loop over the ASCII prefix.
    const first = cachedTextEncoder.encodeInto(arg, mem.subarray(ptr, ptr + len));
    let offset = first.written;
    if (first.read !== arg.length) {
        arg = arg.slice(first.read);
`);
}

/** node/keyward_wasm.cjs: the web glue as CommonJS, initialized from web/'s .wasm on require. */
function writeNodeCjs() {
  let glue = readFileSync(join(stage, 'web', `${OUT_NAME}.js`), 'utf8');
  glue = mustReplace(glue, /^export (class|function) /gm, '$1 ');
  glue = mustReplace(glue, 'export { initSync, __wbg_init as init, __wbg_init as default };', '');
  glue = mustReplace(glue, 'import.meta.url', "require('node:url').pathToFileURL(__filename)");
  const source = `// Generated by scripts/build.mjs from web/${OUT_NAME}.js: the same glue and .wasm, as CommonJS.
'use strict';
${glue}
initSync({ module: require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'web', '${OUT_NAME}_bg.wasm')) });
module.exports = { Scanner, scan, rules, redact, precompile };
`;
  const out = join(stage, 'node');
  mkdirSync(out);
  writeFileSync(join(out, `${OUT_NAME}.cjs`), source);
}

/** inline.mjs: the web glue, the wasm as base64, and a synchronous initSync on import. */
function writeInline() {
  const glue = readFileSync(join(stage, 'web', `${OUT_NAME}.js`), 'utf8');
  const wasmBase64 = readFileSync(join(stage, 'web', `${OUT_NAME}_bg.wasm`)).toString('base64');
  const source = `// Generated by scripts/build.mjs: keyward with its WebAssembly inlined, initialized on import.
${glue}
const WASM_BASE64 = "${wasmBase64}";

function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

initSync({ module: decodeBase64(WASM_BASE64) });
`;
  writeFileSync(join(stage, 'inline.mjs'), source);
}

/** Moves the finished outputs into the package, so readers never see a half-built package. */
function publishStage() {
  for (const name of ['web', 'node', 'inline.mjs']) {
    rmSync(join(pkg, name), { recursive: true, force: true });
    renameSync(join(stage, name), join(pkg, name));
  }
  rmSync(stage, { recursive: true, force: true });
}

const stage = join(pkg, '.stage');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage);
wasmPackWeb();
hardenWebGlue();
writeNodeCjs();
writeInline();
publishStage();
