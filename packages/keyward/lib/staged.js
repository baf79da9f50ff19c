// `scan --staged`: what the next commit adds, with the native CLI's semantics (docs/cli.md,
// "scan --staged"), read through git child processes:
//   git diff --cached --raw -z -M   the index's added, modified and renamed files against HEAD
//                                   (every staged file before the first commit), with the staged
//                                   blob and the blob it replaces (HEAD's, or the rename source's);
//   git ls-files --stage -z         the index's files, when paths are named (lint-staged, pre-commit);
//   git cat-file --batch            the blobs' contents, streamed through one process.
// Staged blobs are scanned whole (no size limit); a finding counts only when its secret does not
// occur in the blob the file replaces.
'use strict';
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');

/** Modes of regular files (symbolic links, submodules and folders are not scanned). */
const REGULAR_FILE = /^100(644|755)$/;

class GitError extends Error {}

function git(args, cwd) {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: Infinity });
  } catch (error) {
    const detail = error.stderr?.toString().trim() || error.message;
    throw new GitError(`--staged: git ${args[0]} failed: ${detail}`);
  }
}

/** The work tree's root of the repository around `cwd`. */
function repoRoot(cwd) {
  return git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').replace(/\n$/, '');
}

/** `{path, blob, previous}` for each staged regular file that differs from HEAD, sorted by path. */
function stagedChanges(root) {
  const fields = git(['diff', '--cached', '--raw', '-z', '-M', '--no-abbrev', '--no-color', '--no-ext-diff'], root)
    .toString('utf8').split('\0');
  const changes = [];
  for (let i = 0; i + 1 < fields.length;) {
    // `:old-mode new-mode old-blob new-blob STATUS`, then the path (two for a rename or copy).
    const [, newMode, oldBlob, newBlob, status] = fields[i].slice(1).split(' ');
    const kind = status[0];
    const file = kind === 'R' || kind === 'C' ? fields[i + 2] : fields[i + 1];
    i += kind === 'R' || kind === 'C' ? 3 : 2;
    if (!'AMRT'.includes(kind) || !REGULAR_FILE.test(newMode)) continue;
    changes.push({ path: file, blob: newBlob, previous: kind === 'A' ? null : oldBlob });
  }
  return changes.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

/** Every regular file of the index (stage 0) with its staged blob. */
function indexFiles(root) {
  return git(['ls-files', '--stage', '-z'], root).toString('utf8').split('\0').filter(Boolean).flatMap((entry) => {
    const tab = entry.indexOf('\t');
    const [mode, blob, stage] = entry.slice(0, tab).split(' ');
    return stage === '0' && REGULAR_FILE.test(mode) ? [{ path: entry.slice(tab + 1), blob }] : [];
  });
}

/** True when `file` is `prefix` or inside the folder `prefix` (`''` is the whole repository). */
function isUnder(file, prefix) {
  return prefix === '' || file === prefix || file.startsWith(`${prefix}/`);
}

/**
 * The files to scan: every staged change, or with named paths only the index's files under them
 * (a named file without a staged change is scanned whole, as the index holds it).
 */
function targets(root, named, cwd, session) {
  const changes = stagedChanges(root);
  if (named.length === 0) return changes;
  const prefixes = named.flatMap((given) => {
    const relative = path.relative(root, path.resolve(cwd, given)).split(path.sep).join('/');
    if (relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) {
      session.error(given, 'not inside the repository');
      return [];
    }
    return [relative];
  });
  const previous = new Map(changes.map((change) => [change.path, change.previous]));
  return indexFiles(root)
    .filter((file) => prefixes.some((prefix) => isUnder(file.path, prefix)))
    .map((file) => ({ ...file, previous: previous.get(file.path) ?? null }));
}

/**
 * Yields each requested blob's bytes, in order, from one `git cat-file --batch`: chunks are kept
 * as they arrive and joined once per blob, so a large blob is copied once.
 */
async function* readBlobs(root, ids) {
  if (ids.length === 0) return;
  const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('close', resolve));
  child.stdin.end(ids.join('\n') + '\n');
  let chunks = [];
  let buffered = 0;
  let want = null; // bytes of the current blob plus its trailing newline, once its header is read
  for await (const chunk of child.stdout) {
    chunks.push(chunk);
    buffered += chunk.length;
    for (;;) {
      if (want === null) {
        const head = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        const newline = head.indexOf(10);
        if (newline < 0) { chunks = [head]; break; }
        const header = head.subarray(0, newline).toString('utf8');
        const size = /^\S+ blob (\d+)$/.exec(header);
        if (!size) throw new GitError(`--staged: git cat-file: unexpected \`${header}\``);
        want = Number(size[1]) + 1;
        chunks = [head.subarray(newline + 1)];
        buffered = chunks[0].length;
      }
      if (buffered < want) break;
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      yield all.subarray(0, want - 1);
      chunks = [all.subarray(want)];
      buffered = chunks[0].length;
      want = null;
    }
  }
  const status = await exited;
  if (status !== 0 || want !== null) throw new GitError(`--staged: git cat-file failed: ${stderr.trim() || `exit status ${status}`}`);
}

/** Scans what the next commit adds into `session`; paths are relative to the repository root. */
async function scanStaged(named, setup, session) {
  const cwd = process.cwd();
  const root = repoRoot(cwd);
  const files = targets(root, named, cwd, session).filter((file) => !setup.isExcluded(path.join(root, file.path), false));
  const ids = files.flatMap((file) => (file.previous ? [file.blob, file.previous] : [file.blob]));
  const blobs = readBlobs(root, ids);
  for (const file of files) {
    const staged = (await blobs.next()).value;
    const previous = file.previous ? (await blobs.next()).value : undefined;
    session.scan(setup, file.path, staged, previous);
  }
  await blobs.next(); // lets the reader check git's exit status
  return root;
}

module.exports = { scanStaged, repoRoot, GitError };
