// The npm CLI, installed from the tarball, against the native Rust CLI built from the same tree:
// on the same folders, configs, baselines and git indexes both must print the same report (text,
// JSON, SARIF, GitHub), the same summary and the same exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AWS_KEY_ID, GITHUB_PAT, runCli } from './helpers.mjs';

/** More checksum-valid GitHub tokens, made here so none sits in the repository. */
const TOKENS = ['q', 'r', 's', 't', 'u'].map((seed) => githubToken(seed));

function githubToken(seed) {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const body = Array.from({ length: 30 }, (_, i) => digits[(seed.charCodeAt(0) * 7 + i * 13) % 62]).join('');
  let crc = crc32(Buffer.from(body));
  let check = '';
  for (let i = 0; i < 6; i++) {
    check = digits[crc % 62] + check;
    crc = Math.floor(crc / 62);
  }
  return `ghp_${body}${check}`;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (~crc) >>> 0;
}

function plant(files, dir = mkdtempSync(join(tmpdir(), 'keyward-cli-'))) {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function git(dir, ...args) {
  return execFileSync('git', ['-C', dir, '-c', 'user.name=keyward', '-c', 'user.email=keyward@example.invalid',
    '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], { encoding: 'utf8' });
}

const native = (args, options = {}) => spawnSync(process.env.KEYWARD_NATIVE_CLI, args, { encoding: 'utf8', ...options });

/** The summary's timing differs from run to run. */
const stable = (stderr) => stderr.replace(/ in \d+\.\d\d s/g, ' in T s');

/** Reports compared as documents: a program's own version and URI aside. */
function normalized(format, stdout) {
  if (format !== 'json' && format !== 'sarif') return stdout;
  const document = JSON.parse(stdout);
  for (const run of document.runs ?? []) delete run.tool.driver.version, delete run.tool.driver.informationUri;
  return document;
}

/** Runs both CLIs with `args` in `cwd`; asserts the same status, report and stderr; returns the npm run. */
function assertSame(args, { cwd, input = '', format = 'text', expectStatus } = {}) {
  const js = runCli(args, { cwd, input, maxBuffer: 256 << 20 });
  const rust = native(args, { cwd, input, maxBuffer: 256 << 20 });
  const label = `keyward ${args.join(' ')} (in ${cwd})`;
  assert.equal(js.status, rust.status, `${label}: exit status\nnpm: ${js.stderr}\nnative: ${rust.stderr}`);
  if (expectStatus !== undefined) assert.equal(js.status, expectStatus, `${label}: ${js.stderr}`);
  assert.deepEqual(normalized(format, js.stdout), normalized(format, rust.stdout), label);
  assert.equal(stable(js.stderr), stable(rust.stderr), `${label}: stderr`);
  return js;
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
git(repo, 'init', '-q');

test('scan of a folder: exit 1, one text line per finding, secrets redacted', () => {
  const result = runCli(['scan', '.'], { cwd: repo });
  assert.equal(result.status, 1, result.stderr);
  assert.equal(result.stdout, [
    'deploy/.env:2:19: medium aws-access-key-id (high confidence) AWS access key ID: AKIA…CX',
    'docs/ユーザー 😀.md:2:10: high github-pat-classic (high confidence) GitHub personal access token (classic): ghp_…Lq17',
    'src/config.js:2:23: high github-pat-classic (high confidence) GitHub personal access token (classic): ghp_…Lq17',
    '',
  ].join('\n'));
  assert.match(result.stderr, /keyward: 3 findings \(2 high, 1 medium\) in 3 files; scanned 5 files .*1 skipped/);
  assert.ok(!(result.stdout + result.stderr).includes(GITHUB_PAT), 'no raw secret in the output');
});

for (const format of ['text', 'json', 'sarif', 'github']) {
  test(`--format ${format} matches the native CLI on the same folder`, () => {
    assertSame(['scan', '.', '--format', format], { cwd: repo, format, expectStatus: 1 });
    assertSame(['scan', 'src', 'deploy/.env', '--format', format, '--show-fingerprint'], { cwd: repo, format, expectStatus: 1 });
  });
}

test('a file with over 10,000 findings: the first 10,000 and a warning (SARIF: a notification), as the native CLI', () => {
  // Each key after a page of ordinary code, so that the engine's budget lets all of them through.
  const page = `${'// an ordinary line of code, nothing more in it\n'.repeat(18)}${AWS_KEY_ID}\n`;
  const dir = plant({ 'dump.txt': page.repeat(10_001) });
  const json = assertSame(['scan', '.', '--format', 'json'], { cwd: dir, format: 'json', expectStatus: 1 });
  assert.equal(JSON.parse(json.stdout).length, 10_000);
  assert.match(json.stderr, /keyward: warning: dump\.txt: the scan stopped early \(over 10000 findings/);
  const sarif = assertSame(['scan', '.', '--format', 'sarif'], { cwd: dir, format: 'sarif', expectStatus: 1 });
  assert.equal(JSON.parse(sarif.stdout).runs[0].invocations[0].toolExecutionNotifications[0].level, 'warning');
});

test('rules (text and json) match the native CLI', () => {
  assertSame(['rules'], { cwd: repo, expectStatus: 0 });
  assertSame(['rules', '--format', 'json'], { cwd: repo, format: 'json', expectStatus: 0 });
});

test('`-` (and the npm CLI\'s --stdin) scan standard input; --show-secret prints the secret', () => {
  const input = `line one\nconst key = '${GITHUB_PAT}'\n`;
  const hidden = assertSame(['scan', '-'], { cwd: repo, input, expectStatus: 1 });
  assert.match(hidden.stdout, /^<stdin>:2:14: high github-pat-classic/);
  assert.equal(runCli(['scan', '--stdin'], { cwd: repo, input }).stdout, hidden.stdout);
  const shown = assertSame(['scan', '-', '--show-secret', '--format', 'json'], { cwd: repo, input, format: 'json' });
  assert.equal(JSON.parse(shown.stdout)[0].secret, GITHUB_PAT);
  assertSame(['scan', '-'], { cwd: repo, input: 'all clean\n', expectStatus: 0 });
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
  assertSame(['scan', 'clean.txt'], { cwd: repo, expectStatus: 0 });
  assertSame(['scan', 'no-such-dir'], { cwd: repo, expectStatus: 2 });
  for (const args of [['scan', '--format', 'xml'], ['scan', '--min-confidence', 'max'], ['scan', '--bogus'],
    ['frobnicate'], ['scan', '--disable', 'no-such-rule', 'clean.txt'], ['scan', '--max-file-size', 'lots'], []]) {
    const result = runCli(args, { cwd: repo, input: '' });
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /keyward: error: |Usage:/);
  }
  const filtered = runCli(['scan', '.', '--disable', 'github-pat-classic', '--min-confidence', 'high'], { cwd: repo });
  assert.equal(filtered.stdout, 'deploy/.env:2:19: medium aws-access-key-id (high confidence) AWS access key ID: AKIA…CX\n');
});

/** A project whose settings are found from the scanned path: a root config, a nested one, ignore files. */
function configuredProject() {
  const dir = plant({
    '.keyward.toml': [
      'disable = ["aws-access-key-id"]',
      `allow = ['^${TOKENS[3].slice(0, 12)}']`,
      '[[rules]]',
      'id = "acme-token"',
      "pattern = 'acme_[a-z0-9]{24}'",
      'keywords = ["acme_"]',
      'provider = "Acme"',
      'title = "Acme API token"',
      'confidence = "high"',
      'severity = "critical"',
      '',
    ].join('\n'),
    'app.js': `const a = "${TOKENS[0]}";\nconst b = "acme_k3j5h7g9f1d3s5a7q9w1e3r5";\nconst c = "${AWS_KEY_ID}";\nconst d = "${TOKENS[3]}";\n`,
    'service/.keyward.toml': 'minConfidence = "high"\nexclude = ["fixtures/", "*.snap"]\nmaxFileSize = "1K"\n',
    'service/main.py': `TOKEN = "${TOKENS[1]}"\n`,
    'service/fixtures/keys.txt': `${TOKENS[2]}\n`,
    'service/out.snap': `${TOKENS[2]}\n`,
    'service/big.txt': `${'x'.repeat(2000)}\n${TOKENS[2]}\n`,
    'service/.keywardignore': '',
  });
  git(dir, 'init', '-q');
  return dir;
}

test('.keyward.toml and .keywardignore: the nearest upward from each scanned path, as the native CLI', () => {
  const dir = configuredProject();
  for (const format of ['text', 'json']) {
    assertSame(['scan', '.', '--format', format], { cwd: dir, format, expectStatus: 1 });
    assertSame(['scan', 'service', '--format', format], { cwd: dir, format });
    assertSame(['scan', join(dir, 'service'), join(dir, 'app.js'), '--format', format], { cwd: tmpdir(), format });
    assertSame(['scan', 'service/fixtures/keys.txt', '--format', format], { cwd: dir, format });
  }
  // The root config's custom rule, severity and disabled rule; the nested one's excludes and size.
  const root = runCli(['scan', 'app.js', '--format', 'json'], { cwd: dir });
  assert.deepEqual(JSON.parse(root.stdout).map((f) => [f.ruleId, f.severity]), [['github-pat-classic', 'high'], ['acme-token', 'critical']]);
  const nested = runCli(['scan', '.'], { cwd: join(dir, 'service') });
  assert.match(nested.stdout, /^main\.py:1:10: high github-pat-classic/);
  assert.match(nested.stderr, /skipped big\.txt: \d+ bytes, over the size limit of 1024 bytes/);
  // A fingerprint in the nearest .keywardignore hides that finding, and the summary says so.
  const [finding] = JSON.parse(runCli(['scan', 'service/main.py', '--format', 'json'], { cwd: dir }).stdout);
  writeFileSync(join(dir, 'service/.keywardignore'), `# accepted\n${finding.fingerprint}  # the test key\n`);
  const ignored = assertSame(['scan', 'service'], { cwd: dir, expectStatus: 0 });
  assert.match(ignored.stderr, /no findings \(1 hidden by \.keywardignore\)/);
  // --config names one file for every path.
  assertSame(['scan', '.', '--config', join(dir, 'service/.keyward.toml'), '--format', 'json'], { cwd: dir, format: 'json' });
});

test('a broken config or ignore file: exit 2 with a message naming the file, like the native CLI', () => {
  for (const [file, content, message] of [
    ['.keyward.toml', 'disable = [', /invalid config .*\.keyward\.toml/],
    ['.keyward.toml', 'disabel = []', /unknown field `disabel`/],
    ['.keyward.toml', 'disable = ["no-such-rule"]', /unknown rule id `no-such-rule`/],
    ['.keyward.toml', 'minConfidence = "extreme"', /extreme/],
    ['.keyward.toml', 'maxFileSize = "lots"', /`lots` is not a size/],
    ['.keyward.toml', "[[rules]]\nid = 'bad'\npattern = 'key_([a-z]+'\n", /rule `bad`: invalid regex/],
    ['.keywardignore', 'not-a-fingerprint\n', /\.keywardignore:1: `not-a-fingerprint` is not a fingerprint/],
  ]) {
    const dir = plant({ [file]: content, 'a.txt': 'clean\n' });
    const js = runCli(['scan', '.'], { cwd: dir });
    const rust = native(['scan', '.'], { cwd: dir });
    assert.deepEqual([js.status, rust.status], [2, 2], `${content}\nnpm: ${js.stderr}\nnative: ${rust.stderr}`);
    assert.match(js.stderr, message);
    assert.match(js.stderr, /^keyward: error: /);
    rmSync(dir, { recursive: true });
  }
});

test('baselines: each CLI reads the other\'s, and writes the same document', () => {
  const dir = configuredProject();
  const written = runCli(['baseline', '.', '-o', 'js-baseline.json'], { cwd: dir });
  assert.equal(written.status, 0, written.stderr);
  assert.equal(native(['baseline', '.', '-o', 'native-baseline.json'], { cwd: dir }).status, 0);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'js-baseline.json'), 'utf8')), JSON.parse(readFileSync(join(dir, 'native-baseline.json'), 'utf8')));
  for (const file of ['js-baseline.json', 'native-baseline.json']) {
    const result = assertSame(['scan', '.', '--baseline', file], { cwd: dir, expectStatus: 0 });
    assert.match(result.stderr, /no findings \(\d+ hidden by the baseline\)/);
  }
  writeFileSync(join(dir, 'new.env'), `GH=${TOKENS[4]}\n`);
  assertSame(['scan', '.', '--baseline', 'js-baseline.json', '--format', 'json'], { cwd: dir, format: 'json', expectStatus: 1 });
  writeFileSync(join(dir, 'bad-baseline.json'), '{"findings": 3}');
  const [js, rust] = [runCli, native].map((cli) => cli(['scan', '.', '--baseline', 'bad-baseline.json'], { cwd: dir }));
  assert.deepEqual([js.status, rust.status], [2, 2], js.stderr + rust.stderr);
  assert.match(js.stderr, /^keyward: error: invalid baseline bad-baseline\.json/);
});

test('--output writes the report to a file, identical to the native one', () => {
  const dir = configuredProject();
  for (const [cli, file] of [[runCli, 'js.sarif'], [native, 'native.sarif']]) {
    assert.equal(cli(['scan', '.', '-f', 'sarif', '-o', file], { cwd: dir }).status, 1);
  }
  assert.deepEqual(normalized('sarif', readFileSync(join(dir, 'js.sarif'), 'utf8')), normalized('sarif', readFileSync(join(dir, 'native.sarif'), 'utf8')));
});

/**
 * A repository whose HEAD holds keys, with a staged commit that moves, edits and adds files: the
 * diff-aware cases of docs/cli.md ("scan --staged").
 */
function stagedRepo() {
  const dir = plant({
    'keep/old.js': `// a key committed long ago\nconst legacy = "${TOKENS[0]}";\nconst n = 1;\n`,
    'edit/config.py': `LEGACY = "${TOKENS[1]}"\nDEBUG = False\n`,
    'grow/notes.md': `# notes\nkey: ${TOKENS[2]}\n`,
    'gone.txt': `${TOKENS[3]}\n`,
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'old keys');
  git(dir, 'mv', 'keep/old.js', 'keep/renamed.js'); // a rename: the old key is not the commit's doing
  writeFileSync(join(dir, 'edit/config.py'), `LEGACY = "${TOKENS[1]}"\nDEBUG = True\n`); // an edit elsewhere
  writeFileSync(join(dir, 'grow/notes.md'), `# notes\nkey: ${TOKENS[2]}\nnew: ${GITHUB_PAT}\n`); // a new key
  writeFileSync(join(dir, 'pasted.env'), `OLD=${TOKENS[0]}\n`); // an old key in a new file
  writeFileSync(join(dir, 'utf16.env'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`AWS=${AWS_KEY_ID}\r\n`, 'utf16le')]));
  writeFileSync(join(dir, 'bom.env'), `\uFEFFAWS=${AWS_KEY_ID}\n`); // UTF-8 with a byte-order mark
  writeFileSync(join(dir, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(GITHUB_PAT)]));
  writeFileSync(join(dir, 'dump.sql'), `${'-- filler line\n'.repeat(700_000)}-- token '${TOKENS[4]}';\n`); // over 10 MB
  symlinkSync('grow/notes.md', join(dir, 'link.md'));
  git(dir, 'rm', '-q', 'gone.txt');
  writeFileSync(join(dir, 'unstaged.txt'), `${TOKENS[3]}\n`); // in the work tree only
  git(dir, 'add', 'keep', 'edit', 'grow', 'pasted.env', 'utf16.env', 'bom.env', 'blob.bin', 'dump.sql', 'link.md');
  writeFileSync(join(dir, 'edit/config.py'), `LEGACY = "${TOKENS[1]}"\nDEBUG = True\nNEW = "${TOKENS[3]}"\n`); // unstaged
  return dir;
}

test('scan --staged reports what the commit adds, exactly as the native CLI', () => {
  const dir = stagedRepo();
  for (const format of ['text', 'json', 'sarif', 'github']) {
    assertSame(['scan', '--staged', '--format', format], { cwd: dir, format, expectStatus: 1 });
  }
  const result = runCli(['scan', '--staged', '--format', 'json'], { cwd: dir });
  const reported = JSON.parse(result.stdout).map((f) => `${f.path}:${f.line} ${f.ruleId}`);
  assert.deepEqual(reported.sort(), [
    'bom.env:1 aws-access-key-id',
    'dump.sql:700001 github-pat-classic',
    'grow/notes.md:3 github-pat-classic',
    'pasted.env:1 github-pat-classic',
    'utf16.env:1 aws-access-key-id',
  ]);
  assert.match(result.stderr, /the commit is blocked/);
  assert.match(result.stderr, /keyward:allow/);
  assert.match(result.stderr, /git commit --no-verify/);
  assert.ok(!result.stdout.includes(GITHUB_PAT) && !result.stderr.includes(GITHUB_PAT), 'redacted');
  // Named paths limit the scan; from a subfolder, named paths are relative to it, reported ones
  // to the repository root, and the whole index is compared with HEAD (as `git diff --cached`).
  const named = assertSame(['scan', '--staged', 'grow/notes.md', 'keep'], { cwd: dir, expectStatus: 1 });
  assert.equal(runCli(['scan', '--staged', 'notes.md', '../keep'], { cwd: join(dir, 'grow') }).stdout, named.stdout);
  const fromSubfolder = runCli(['scan', '--staged', '--format', 'json'], { cwd: join(dir, 'grow') });
  assert.deepEqual(JSON.parse(fromSubfolder.stdout), JSON.parse(result.stdout));
  assertSame(['scan', '--staged', join(dir, 'edit/config.py'), join(dir, 'keep/renamed.js')], { cwd: dir, expectStatus: 0 });
  // A named file without a staged change is scanned whole, as the index holds it.
  git(dir, 'commit', '-q', '-m', 'staged');
  assertSame(['scan', '--staged'], { cwd: dir, expectStatus: 0 });
  assertSame(['scan', '--staged', 'grow/notes.md'], { cwd: dir, expectStatus: 1 });
});

test('scan --staged: the first commit, excludes, .keywardignore and a baseline apply; outside git is an error', () => {
  const dir = plant({
    '.keyward.toml': 'exclude = ["fixtures/"]\n',
    'fixtures/key.txt': `${TOKENS[0]}\n`,
    'app.js': `const t = "${TOKENS[1]}";\nconst u = "${TOKENS[2]}";\n`,
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  const first = assertSame(['scan', '--staged', '--format', 'json'], { cwd: dir, format: 'json', expectStatus: 1 });
  const [one, two] = JSON.parse(first.stdout);
  assert.deepEqual([one.path, two.path], ['app.js', 'app.js']);
  writeFileSync(join(dir, '.keywardignore'), `${one.fingerprint}\n`);
  writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ keywardBaseline: 1, findings: [{ fingerprint: two.fingerprint }] }));
  const accepted = assertSame(['scan', '--staged', '--baseline', 'baseline.json'], { cwd: dir, expectStatus: 0 });
  assert.match(accepted.stderr, /1 hidden by the baseline, 1 hidden by \.keywardignore/);
  const outside = mkdtempSync(join(tmpdir(), 'keyward-no-git-'));
  const [js, rust] = [runCli, native].map((cli) => cli(['scan', '--staged'], { cwd: outside }));
  assert.deepEqual([js.status, rust.status], [2, 2], js.stderr + rust.stderr);
  assert.match(js.stderr, /^keyward: error: --staged: .*not a git repository/);
});
