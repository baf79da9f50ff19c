// A bundler resolving `import ... from "keyward"` for the browser gets the web build (the exports
// map's "default" condition): esbuild bundles it, and the bundle runs once given the .wasm bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GITHUB_PAT, PROJECT, projectRequire } from './helpers.mjs';

const esbuild = createRequire(import.meta.url)('esbuild');

test('esbuild (platform browser) bundles the web build; the bundle scans after initSync', async () => {
  const outfile = join(PROJECT, 'bundle', 'app.mjs');
  const result = await esbuild.build({
    stdin: { contents: "export { default as init, initSync, scan, Scanner } from 'keyward';", resolveDir: PROJECT },
    bundle: true, platform: 'browser', format: 'esm', outfile, metafile: true, logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((path) => path.endsWith('node_modules/keyward/web/keyward_wasm.js')), inputs.join());
  assert.ok(!inputs.some((path) => /index\.c?js$|node\//.test(path)), 'no Node entry in a browser bundle');
  const app = await import(pathToFileURL(outfile).href);
  app.initSync({ module: readFileSync(projectRequire.resolve('keyward/keyward_wasm_bg.wasm')) });
  assert.equal(app.scan(`k = ${GITHUB_PAT}`)[0].ruleId, 'github-pat-classic');
  assert.deepEqual(new app.Scanner({ disable: ['github-pat-classic'] }).scan(`k = ${GITHUB_PAT}`), []);
});
