// Start-up cost of the npm package in fresh Node processes (issue 12.3's "first scan"): the time
// of `require('keyward')` (read, compile and instantiate the wasm), of the first `scan()` (build
// the default scanner, compile the regexes the text needs), and of a second scan. With several
// package folders (e.g. a build of main and one of a branch) the runs alternate between them, so
// the machine's load hits each alike. Prints medians; asserts nothing (wall-clock on a shared
// machine is a measurement, not a test).
//
//   node tests/npm/first-scan.mjs [PACKAGE_DIR...]   (default: packages/keyward; RUNS=15)
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const packages = (process.argv.length > 2 ? process.argv.slice(2) : [new URL('../../packages/keyward', import.meta.url).pathname])
  .map((dir) => resolve(dir));
const runs = Number(process.env.RUNS ?? 15);
const TEXTS = {
  'a clean line': 'const key = "not a secret";\n',
  'a .env with a key': ['DB_HOST=localhost', 'DEBUG=false', `GITHUB_TOKEN=${['ghp', 'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17'].join('_')}`, ''].join('\n'),
};

/** Wall-clock and CPU time (user + system, all threads: V8 compiles wasm in the background) in ms. */
const probe = (pkg, text) => `const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const [w0, c0] = [performance.now(), cpu()];
  const { scan } = require(${JSON.stringify(pkg)});
  const [w1, c1] = [performance.now(), cpu()];
  const found = scan(${JSON.stringify(text)}).length;
  const [w2, c2] = [performance.now(), cpu()];
  scan(${JSON.stringify(text)});
  const w3 = performance.now();
  console.log(JSON.stringify([w1 - w0, w2 - w1, w3 - w2, c1 - c0, c2 - c1, found]));`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const [name, text] of Object.entries(TEXTS)) {
  const samples = new Map(packages.map((pkg) => [pkg, []]));
  for (let i = 0; i < runs; i++) {
    for (const pkg of packages) samples.get(pkg).push(JSON.parse(execFileSync(process.execPath, ['-e', probe(pkg, text)], { encoding: 'utf8' })));
  }
  for (const [pkg, list] of samples) {
    const [load, first, second, loadCpu, firstCpu] = [0, 1, 2, 3, 4].map((i) => median(list.map((s) => s[i])));
    console.log(`${pkg}, ${name} (${list[0][5]} finding${list[0][5] === 1 ? '' : 's'}): require ${load.toFixed(1)} ms `
      + `(CPU ${loadCpu.toFixed(1)}) + first scan ${first.toFixed(1)} ms (CPU ${firstCpu.toFixed(1)}) = ${(load + first).toFixed(1)} ms; `
      + `second scan ${second.toFixed(2)} ms (medians of ${runs} fresh processes)`);
  }
}
