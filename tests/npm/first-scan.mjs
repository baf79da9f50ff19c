// Start-up cost of the npm package in fresh Node processes (issue 12.3's "first scan"): the time
// of `require('keyward')` (read, compile and instantiate the wasm), of the first `scan()` (build
// the default scanner, compile the regexes the text needs), and of a second scan. Prints medians;
// asserts nothing (wall-clock on a shared machine is a measurement, not a test).
//
//   node tests/npm/first-scan.mjs [PACKAGE_DIR] [RUNS]   (default: packages/keyward, 15)
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const pkg = resolve(process.argv[2] ?? new URL('../../packages/keyward', import.meta.url).pathname);
const runs = Number(process.argv[3] ?? 15);
const TEXTS = {
  'a clean line': 'const key = "not a secret";\n',
  'a .env with a key': ['DB_HOST=localhost', 'DEBUG=false', `GITHUB_TOKEN=${['ghp', 'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17'].join('_')}`, ''].join('\n'),
};

const probe = (text) => `const t0 = performance.now();
  const { scan } = require(${JSON.stringify(pkg)});
  const t1 = performance.now();
  const found = scan(${JSON.stringify(text)}).length;
  const t2 = performance.now();
  scan(${JSON.stringify(text)});
  const t3 = performance.now();
  console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2, found]));`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const [name, text] of Object.entries(TEXTS)) {
  const samples = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, ['-e', probe(text)], { encoding: 'utf8' })));
  const [load, first, second] = [0, 1, 2].map((i) => median(samples.map((s) => s[i])));
  console.log(`${name} (${samples[0][3]} finding${samples[0][3] === 1 ? '' : 's'}): require ${load.toFixed(1)} ms + first scan `
    + `${first.toFixed(1)} ms = ${(load + first).toFixed(1)} ms; second scan ${second.toFixed(2)} ms (medians of ${runs} fresh processes)`);
}
