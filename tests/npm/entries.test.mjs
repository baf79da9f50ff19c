// Every entry of the installed package, resolved through its exports map as a consumer would:
// Node require and import, the web build with initSync/init, and the inlined build without fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GITHUB_PAT, nodeInProject, projectRequire } from './helpers.mjs';

const TEXT = `token = "${GITHUB_PAT}"`;

/** Runs an ESM snippet in the consumer project and returns what it printed as JSON. */
function esm(code) {
  const result = nodeInProject(['--input-type=module', '-e', code, TEXT]);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test('CommonJS: require("keyward") is ready at once', () => {
  assert.match(projectRequire.resolve('keyward'), /node_modules\/keyward\/index\.cjs$/);
  const keyward = projectRequire('keyward');
  assert.deepEqual(Object.keys(keyward).sort(), ['Scanner', 'default', 'init', 'initSync', 'precompile', 'redact', 'rules', 'scan']);
  assert.equal(keyward.scan(TEXT)[0].ruleId, 'github-pat-classic');
  // What index.d.ts declares (`export default init`) is how compiled `import init from` reads it.
  assert.equal(keyward.__esModule, true);
  assert.equal(keyward.default, keyward.init);
});

test('ESM: import from "keyward" in Node, init() resolves at once', () => {
  const out = esm(`import init, { init as named, scan, Scanner, rules, redact } from 'keyward';
    await init();
    await named();
    const text = process.argv[1];
    console.log(JSON.stringify([scan(text)[0].ruleId, new Scanner({}).scan(text).length, rules().length > 0, redact(text), init === named]));`);
  assert.deepEqual(out, ['github-pat-classic', 1, true, 'token = "ghp_…Lq17"', true]);
});

test('web build in Node: initSync with the .wasm bytes, and init() with them', () => {
  const out = esm(`import { createRequire } from 'node:module';
    import { readFileSync } from 'node:fs';
    import init, { init as named, initSync, scan } from 'keyward/web';
    const bytes = readFileSync(createRequire(process.cwd() + '/').resolve('keyward/keyward_wasm_bg.wasm'));
    initSync({ module: bytes });
    const first = scan(process.argv[1])[0].ruleId;
    await init({ module_or_path: bytes }); // a second init is a no-op
    console.log(JSON.stringify([first, scan(process.argv[1]).length, init === named]));`);
  assert.deepEqual(out, ['github-pat-classic', 1, true]);
});

test('inline build: works on import with fetch and file reads unavailable', () => {
  const out = esm(`globalThis.fetch = () => { throw new Error('fetch called'); };
    const { scan, Scanner, rules, redact, init } = await import('keyward/inline');
    await init();
    console.log(JSON.stringify([scan(process.argv[1])[0].ruleId, typeof Scanner, rules().length > 0, redact(process.argv[1])]));`);
  assert.deepEqual(out, ['github-pat-classic', 'function', true, 'token = "ghp_…Lq17"']);
  const source = readFileSync(projectRequire.resolve('keyward/inline'), 'utf8');
  assert.doesNotMatch(source, /^import /m, 'inline.mjs is one self-contained module (can be inlined in a page)');
});

test('the exports map gives each entry its own types, listed first in every condition set', () => {
  const manifest = projectRequire('keyward/package.json');
  const visit = (node, where) => {
    if (typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (!keys[0].startsWith('.') && keys.includes('types')) assert.equal(keys[0], 'types', `${where}: ${keys}`);
    for (const key of keys) visit(node[key], `${where}.${key}`);
  };
  visit(manifest.exports, 'exports');
  const { node, default: browser } = manifest.exports['.'];
  assert.deepEqual([node.require.types, node.import.types, browser.types], ['./index.d.ts', './index.d.mts', './index.d.mts']);
  assert.deepEqual([manifest.exports['./web'].types, manifest.exports['./inline'].types], ['./index.d.mts', './index.d.mts']);
  assert.deepEqual(Object.keys(manifest.scripts ?? {}).filter((s) => /install|prepare/.test(s)), [], 'no install scripts');
});
