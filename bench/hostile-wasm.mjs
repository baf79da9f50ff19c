// Scan speed of the npm package (wasm in Node) on the inputs written by
// `hostile write DIR SIZE` (see bench/hostile.sh). Prints, per file of DIR/index.tsv:
//   file<TAB>MB/s<TAB>findings<TAB>truncated
// Each scan is the median of the runs that fit in about a second (at least one). A scan that
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
  scan('warm up: const key = "not a secret";\n');
  const times = [];
  let result;
  const started = performance.now();
  do {
    const t = performance.now();
    result = scan(text);
    times.push(performance.now() - t);
  } while (performance.now() - started < 1000 && times.length < 9);
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
