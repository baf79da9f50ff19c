// The npm CLI, installed from the tarball, on folders with planted keys: exit codes, formats,
// skipped files, stdin, and output identical to the native Rust CLI on the same folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AWS_KEY_ID, GITHUB_PAT, runCli } from './helpers.mjs';

function plant(files) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A git work tree with keys in tracked, ignored, vendored and binary files. */
const repo = plant({
  'src/config.js': `// settings\nexport const token = "${GITHUB_PAT}";\n`,
  'deploy/.env': `REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${AWS_KEY_ID}\n`,
  'docs/ユーザー 😀.md': `# Notes 😀\nold key: ${GITHUB_PAT}\n`,
  'clean.txt': 'nothing to see\n',
  'ignored.env': `TOKEN=${GITHUB_PAT}\n`,
  'node_modules/dep/index.js': `module.exports = "${GITHUB_PAT}";\n`,
  'image.bin': Buffer.concat([Buffer.from([0x89, 0x50, 0, 1]), Buffer.from(GITHUB_PAT)]),
  '.gitignore': 'ignored.env\nnode_modules/\n',
});
execFileSync('git', ['init', '-q', repo]);

const native = (args, options = {}) =>
  spawnSync(process.env.KEYWARD_NATIVE_CLI, args, { encoding: 'utf8', cwd: repo, ...options });

test('scan of a folder: exit 1, one text line per finding, secrets redacted', () => {
  const result = runCli(['scan', '.'], { cwd: repo });
  assert.equal(result.status, 1, result.stderr);
  assert.equal(result.stdout, [
    'deploy/.env:2:19: aws-access-key-id (high) AWS access key ID: AKIA…CX',
    'docs/ユーザー 😀.md:2:10: github-pat-classic (high) GitHub personal access token (classic): ghp_…Lq17',
    'src/config.js:2:23: github-pat-classic (high) GitHub personal access token (classic): ghp_…Lq17',
    '',
  ].join('\n'));
  assert.match(result.stderr, /keyward: 3 findings \(3 high, 0 medium, 0 low\) in 3 files; scanned 5 files .*1 skipped/);
  assert.ok(!(result.stdout + result.stderr).includes(GITHUB_PAT), 'no raw secret in the output');
});

for (const format of ['text', 'json', 'sarif']) {
  test(`--format ${format} matches the native CLI on the same folder`, () => {
    const js = runCli(['scan', '.', '--format', format], { cwd: repo });
    const rust = native(['scan', '.', '--format', format]);
    assert.equal(js.status, 1, js.stderr);
    assert.equal(rust.status, 1, rust.stderr);
    if (format === 'text') return assert.equal(js.stdout, rust.stdout);
    const [a, b] = [JSON.parse(js.stdout), JSON.parse(rust.stdout)];
    if (format === 'sarif') {
      // Tool version and URI are each program's own; everything else (rules, results) is shared.
      for (const log of [a, b]) delete log.runs[0].tool.driver.version, delete log.runs[0].tool.driver.informationUri;
      assert.equal(a.runs[0].results.length, 3);
      assert.equal(a.runs[0].results[0].locations[0].physicalLocation.region.startColumn, 19);
    }
    assert.deepEqual(a, b);
  });
}

test('rules --format json matches the native CLI', () => {
  const js = runCli(['rules', '--format', 'json']);
  assert.equal(js.status, 0, js.stderr);
  assert.deepEqual(JSON.parse(js.stdout), JSON.parse(native(['rules', '--format', 'json']).stdout));
});

test('--stdin (and `-`) scan standard input; --show-secret prints the secret', () => {
  const input = `line one\nconst key = '${GITHUB_PAT}'\n`;
  const hidden = runCli(['scan', '--stdin'], { input });
  assert.equal(hidden.status, 1);
  assert.equal(hidden.stdout, '<stdin>:2:14: github-pat-classic (high) GitHub personal access token (classic): ghp_…Lq17\n');
  const shown = runCli(['scan', '-', '--show-secret', '--format', 'json'], { input });
  assert.equal(JSON.parse(shown.stdout)[0].secret, GITHUB_PAT);
  assert.equal(JSON.parse(shown.stdout)[0].path, '<stdin>');
  assert.equal(runCli(['scan', '--stdin'], { input: 'all clean\n' }).status, 0);
});

test('outside git: node_modules and .git are skipped, everything else scanned', () => {
  const dir = plant({
    'app/.env': `GITHUB_TOKEN=${GITHUB_PAT}\n`,
    'node_modules/x/key.js': `k = "${AWS_KEY_ID}"\n`,
    '.git/config': `token = ${AWS_KEY_ID}\n`,
  });
  const result = runCli(['scan', dir, '--format', 'json']);
  assert.equal(result.status, 1, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout).map((f) => f.path), [join(dir, 'app/.env')]);
});

test('exit codes: 0 clean, 2 on a missing path or a bad argument', () => {
  assert.equal(runCli(['scan', 'clean.txt'], { cwd: repo }).status, 0);
  const missing = runCli(['scan', 'no-such-dir'], { cwd: repo });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /keyward: error: no-such-dir: no such file or folder/);
  for (const args of [['scan', '--format', 'xml'], ['scan', '--min-confidence', 'max'], ['scan', '--bogus'],
    ['frobnicate'], ['scan', '--disable', 'no-such-rule', 'clean.txt'], []]) {
    const result = runCli(args, { cwd: repo, input: '' });
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /keyward: error: |Usage:/);
  }
  const filtered = runCli(['scan', '.', '--disable', 'github-pat-classic', '--min-confidence', 'high'], { cwd: repo });
  assert.equal(filtered.stdout, 'deploy/.env:2:19: aws-access-key-id (high) AWS access key ID: AKIA…CX\n');
});
