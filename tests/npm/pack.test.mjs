// What `npm pack` ships: the exact file list, no fake tokens inside, and the wasm size budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { keyward, PROJECT } from './helpers.mjs';

const pack = JSON.parse(readFileSync(process.env.KEYWARD_PACK_JSON, 'utf8'))[0];
const installed = join(PROJECT, 'node_modules', 'keyward');
// Guards against growth by accident (Unicode tables, a forgotten debug build). Raised from 400 KB
// for the built-in keyword index's layout (+16 KB gzipped: the keywords and the prefilter's choices
// computed at build time), which took 11-14 ms off the first scan (packages/keyward/README.md),
// then from 420 KB for the searches at each hit of a merged window (+5.9 KB: a lazy DFA and its
// cache pool of their own, core/src/hit_search.rs), which took wasm scans of minified code from
// 228-237 to 276-279 MB/s (bench/wasm-bench.mjs on code-server).
const GZIP_BUDGET = 430 * 1000;

test('the tarball holds exactly the package files', () => {
  const files = pack.files.map((f) => f.path).sort();
  console.log(`npm pack: ${pack.filename}, ${pack.size} bytes packed, ${pack.unpackedSize} unpacked\n  ${files.join('\n  ')}`);
  assert.deepEqual(files, [
    'README.md', 'bin/keyward.js', 'index.cjs', 'index.d.mts', 'index.d.ts', 'index.mjs', 'inline.mjs',
    'lib/cli.js', 'lib/config.js', 'lib/files.js', 'lib/format.js', 'lib/session.js', 'lib/staged.js',
    'node/keyward_wasm.cjs', 'package.json',
    'web/keyward_wasm.js', 'web/keyward_wasm_bg.wasm', 'web/package.json',
  ]);
});

/** The fake tokens of the catalogue's examples (valid checksums): what must never ship. */
function catalogueTokens() {
  const dir = new URL('../../crates/keyward-core/rules/', import.meta.url);
  const tokens = new Set();
  const files = readdirSync(dir, { recursive: true }).filter((n) => n.endsWith('.toml'));
  for (const name of files) {
    const file = parse(readFileSync(new URL(name, dir), 'utf8'));
    for (const rule of file.rule ?? []) {
      for (const example of rule.examples ?? []) {
        for (const f of keyward.scan(example, { includeSecret: true })) tokens.add(f.secret);
      }
    }
    // A context entry's examples are the bare values themselves.
    for (const entry of file.context ?? []) for (const value of entry.examples) tokens.add(value);
  }
  return [...tokens].filter((token) => token.length >= 12);
}

test('no file in the package contains a fake token of the catalogue', () => {
  const tokens = catalogueTokens();
  assert.ok(tokens.length >= 200, `only ${tokens.length} example tokens found`);
  for (const { path } of pack.files) {
    const bytes = readFileSync(join(installed, path));
    const leaked = tokens.filter((token) => bytes.includes(token));
    assert.deepEqual(leaked.map((t) => t.slice(0, 6) + '…'), [], path);
  }
});

test("the package's text files hold nothing keyward reports", () => {
  // The .wasm (and its base64 copy in inline.mjs) hold the rule tables, whose packed strings
  // can look like assignments; the token check above covers them.
  for (const { path } of pack.files.filter((f) => !/\.wasm$|^inline\.mjs$/.test(f.path))) {
    const findings = keyward.scan(readFileSync(join(installed, path), 'utf8'));
    assert.deepEqual(findings.map((f) => `${f.ruleId} at ${f.line}:${f.column}`), [], path);
  }
});

test('inline.mjs embeds exactly the web build\'s .wasm', () => {
  const inline = readFileSync(join(installed, 'inline.mjs'), 'utf8');
  const base64 = /const WASM_BASE64 = "([A-Za-z0-9+/=]+)";/.exec(inline)[1];
  assert.ok(Buffer.from(base64, 'base64').equals(readFileSync(join(installed, 'web', 'keyward_wasm_bg.wasm'))));
  assert.ok(inline.includes(readFileSync(join(installed, 'web', 'keyward_wasm.js'), 'utf8')), 'and the web glue');
});

test(`the gzipped .wasm is within the ${GZIP_BUDGET / 1000} KB budget`, () => {
  const wasm = readFileSync(join(installed, 'web', 'keyward_wasm_bg.wasm'));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  console.log(`wasm: ${wasm.length} bytes raw, ${gzipped} bytes gzipped (-9), ${keyward.rules().length} rules`);
  assert.ok(gzipped <= GZIP_BUDGET, `${gzipped} bytes gzipped is over the budget`);
});
