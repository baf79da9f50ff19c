// Scan speed of the npm package (wasm in Node) on the inputs written by
// `hostile write DIR SIZE` (see bench/hostile.sh). Prints, per file of DIR/index.tsv:
//   file<TAB>MB/s<TAB>findings<TAB>truncated
// Each figure is the median of timed scans after an untimed one (see below). A scan that
// would exceed TIMEOUT_S runs in a child process that is killed, and prints `timeout`.
// Usage: node bench/hostile-wasm.mjs DIR [FILE...]   Env: KEYWARD_PKG, HOSTILE_TIMEOUT_S (120)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const pkg = resolve(process.env.KEYWARD_PKG ?? join(root, 'packages/keyward'));
const timeoutS = Number(process.env.HOSTILE_TIMEOUT_S ?? 120);
const [dir, ...only] = process.argv.slice(2);
if (!dir) throw new Error('usage: node bench/hostile-wasm.mjs DIR [FILE...]');

if (only.length === 1 && process.env.HOSTILE_CHILD) {
  // Child: measure one file.
  const { scan } = createRequire(import.meta.url)(pkg);
  const text = readFileSync(join(dir, only[0]), 'utf8');
  const bytes = Buffer.byteLength(text);
  // Rules compile on first use and the lazy DFAs fill their caches over the first scans: one
  // untimed scan of the same text first (unless it alone took over 20 s), then the median of at
  // least three timed ones, or as many as fit in two seconds.
  let started = performance.now();
  let result = scan(text);
  const warmUp = performance.now() - started;
  const times = warmUp > 20000 ? [warmUp] : [];
  started = performance.now();
  while (times.length === 0 || (times.length < 9 && (times.length < 3 || performance.now() - started < 2000))) {
    const t = performance.now();
    result = scan(text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  console.log(`${(bytes / 1e6 / (ms / 1e3)).toFixed(2)}\t${result.length}\t${Boolean(result.truncated)}`);
} else {
  const files = only.length
    ? only
    : readFileSync(join(dir, 'index.tsv'), 'utf8').trim().split('\n').map((line) => line.split('\t')[0]);
  for (const file of files) {
    const child = spawnSync(process.execPath, [new URL(import.meta.url).pathname, dir, file], {
      env: { ...process.env, HOSTILE_CHILD: '1' },
      encoding: 'utf8',
      timeout: timeoutS * 1000,
      killSignal: 'SIGKILL',
    });
    const out = child.status === 0 ? child.stdout.trim() : child.signal ? `timeout ${timeoutS}s\t-\t-` : `error\t-\t-`;
    console.log(`${file}\t${out}`);
  }
}
