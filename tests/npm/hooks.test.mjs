// `npx keyward scan --staged` as a JS project runs it: a scratch project installs the packed
// keyward, husky and lint-staged from npm (the versions pinned in this folder's lockfile, so from
// npm's cache), and real `git commit`s go through husky's pre-commit hook, once with lint-staged
// passing the staged files and once calling keyward directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_KEY_ID, GITHUB_PAT } from './helpers.mjs';

const { devDependencies } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
const pinned = (name) => `${name}@${devDependencies[name]}`;
/** Hooks run with this repository's environment, not the test runner's git variables. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));

function run(dir, command, args) {
  return spawnSync(command, args, { cwd: dir, encoding: 'utf8', env });
}

function git(dir, ...args) {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env });
}

/** `git commit`: `{ status, output }` with the hook's stdout and stderr. */
function commit(dir, message) {
  const result = run(dir, 'git', ['commit', '-m', message]);
  return { status: result.status, output: result.stdout + result.stderr };
}

/** A JS project with keyward, husky and lint-staged installed and a first commit holding an old key. */
function project(hook, lintStaged) {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-hooks-'));
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.name', 'keyward');
  git(dir, 'config', 'user.email', 'keyward@example.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, ...(lintStaged && { 'lint-staged': lintStaged }) }, null, 2));
  const install = run(dir, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev',
    process.env.KEYWARD_TARBALL, pinned('husky'), pinned('lint-staged')]);
  assert.equal(install.status, 0, install.stderr);
  const husky = run(dir, 'npx', ['--no-install', 'husky']);
  assert.equal(husky.status, 0, husky.stderr + husky.stdout);
  writeFileSync(join(dir, '.husky', 'pre-commit'), `${hook}\n`);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
  writeFileSync(join(dir, 'legacy.js'), `// committed before keyward was set up\nexport const token = "${GITHUB_PAT}";\n`);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '--no-verify', '-m', 'legacy');
  return dir;
}

for (const [name, hook, lintStaged] of [
  ['husky + lint-staged', 'npx lint-staged', { '*': 'keyward scan --staged' }],
  ['husky alone', 'npx --no-install keyward scan --staged', undefined],
]) {
  test(`${name}: a commit that adds a key is blocked, moving or editing around an old one is not`, () => {
    const dir = project(hook, lintStaged);

    // git mv of the file holding the old key, and an edit elsewhere in it: not the commit's doing.
    git(dir, 'mv', 'legacy.js', 'old.js');
    writeFileSync(join(dir, 'old.js'), `${readFileSync(join(dir, 'old.js'), 'utf8')}export const retries = 3;\n`);
    git(dir, 'add', 'old.js');
    const moved = commit(dir, 'move');
    assert.equal(moved.status, 0, moved.output);

    // A new key: blocked, with the finding (redacted) and how to proceed.
    writeFileSync(join(dir, '.env'), `AWS_ACCESS_KEY_ID=${AWS_KEY_ID}\n`);
    git(dir, 'add', '.env');
    const blocked = commit(dir, 'add env');
    assert.notEqual(blocked.status, 0, blocked.output);
    assert.match(blocked.output, /\.env:1:19: medium aws-access-key-id \(high confidence\) AWS access key ID: AKIA…CX/);
    assert.match(blocked.output, /the commit is blocked/);
    assert.match(blocked.output, /keyward:allow[\s\S]*\.keywardignore[\s\S]*git commit --no-verify/);
    assert.ok(!blocked.output.includes(AWS_KEY_ID), 'the hook never prints the key');
    assert.equal(git(dir, 'log', '--format=%s', '-1').trim(), 'move', 'nothing was committed');

    // Allowed on its line, the same commit goes through.
    writeFileSync(join(dir, '.env'), `AWS_ACCESS_KEY_ID=${AWS_KEY_ID} # keyward:allow (a documented test key)\n`);
    git(dir, 'add', '.env');
    const allowed = commit(dir, 'add env');
    assert.equal(allowed.status, 0, allowed.output);
    assert.equal(git(dir, 'log', '--format=%s', '-1').trim(), 'add env');
  });
}
