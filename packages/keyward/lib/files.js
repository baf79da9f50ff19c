// What `scan PATH...` reads: standard input, files, and folders walked recursively. Inside a git
// work tree the file list comes from git itself, so .gitignore is honoured exactly; node_modules
// and .git are never entered; a config's `exclude` patterns apply to folders and files alike.
// Each path is scanned with the setup (config, ignore file) of the folder it is in.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const STDIN_NAME = '<stdin>';
const NEVER_ENTER = new Set(['node_modules', '.git']);

/** `./src/a.js` → `src/a.js`, as the native CLI prints paths. */
function displayPath(name) {
  return name.startsWith('./') ? name.slice(2) : name;
}

function tooLarge(size, limit) {
  return `${size === null ? '' : `${size} bytes, `}over the size limit of ${limit} bytes (see --max-file-size or maxFileSize)`;
}

/** Files under `dir` that git does not ignore (tracked and untracked), or null outside a work tree. */
function gitListed(dir) {
  try {
    const out = execFileSync('git', ['-C', dir, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    return out.toString('utf8').split('\0').filter(Boolean).map((name) => path.join(dir, name));
  } catch {
    return null; // not a git work tree, or no git
  }
}

function* walk(dir, isExcluded) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (!entry.isDirectory()) yield full;
    else if (!NEVER_ENTER.has(entry.name) && !isExcluded(full, true)) yield* walk(full, isExcluded);
  }
}

function filesUnder(dir, noIgnore, isExcluded) {
  const listed = (!noIgnore && gitListed(dir)) || [...walk(dir, isExcluded)];
  return listed.filter((file) => !file.split(path.sep).some((part) => NEVER_ENTER.has(part)));
}

/** Reads and scans one file: too large, gone, or not a file is a skip; other read errors are errors. */
function scanFile(file, setup, session, named) {
  const name = displayPath(file);
  let stat;
  try {
    // A symbolic link inside a folder is not followed (its target is scanned where it lives);
    // a dangling one is named, since it may be a file the user expected scanned.
    if (!named && fs.lstatSync(file).isSymbolicLink()) {
      if (!fs.existsSync(file)) session.skip(name, 'broken symbolic link');
      return;
    }
    stat = fs.statSync(file);
  } catch (error) {
    if (error.code === 'ENOENT') session.skip(name, 'deleted during the scan');
    else session.error(name, error.message);
    return;
  }
  if (!stat.isFile()) {
    if (named) session.skip(name, 'not a regular file');
    return;
  }
  if (stat.size > setup.maxFileSize) return session.skip(name, tooLarge(stat.size, setup.maxFileSize));
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error.code === 'ENOENT') session.skip(name, 'deleted during the scan');
    else session.error(name, error.message);
    return;
  }
  session.scan(setup, name, bytes);
}

function scanStdin(setup, session) {
  const bytes = fs.readFileSync(0);
  if (bytes.length > setup.maxFileSize) session.skip(STDIN_NAME, tooLarge(null, setup.maxFileSize));
  else session.scan(setup, STDIN_NAME, bytes);
}

/** A named path that does not exist (or is a dangling link), in plain words; true if it exists. */
function exists(given, session) {
  if (fs.existsSync(given)) return true;
  const dangling = fs.lstatSync(given, { throwIfNoEntry: false });
  session.error(displayPath(given), dangling ? 'broken symbolic link' : 'no such file or folder');
  return false;
}

/**
 * Scans `paths` (`-` is standard input) with the setup of each one's folder, into `session`.
 * Setups are all built first, so a bad config stops the run before anything is scanned.
 */
function scanPaths(paths, { noIgnore }, setups, session) {
  const cwd = process.cwd();
  const planned = paths.map((given) => {
    if (given === '-') return { given, setup: setups.forFolder(cwd) };
    const absolute = path.resolve(cwd, given);
    const isDir = fs.statSync(absolute, { throwIfNoEntry: false })?.isDirectory() ?? false;
    return { given, setup: setups.forFolder(isDir ? absolute : path.dirname(absolute)) };
  });
  for (const { given, setup } of planned.filter((p) => p.given === '-')) scanStdin(setup, session);
  for (const { given, setup } of planned.filter((p) => p.given !== '-')) {
    if (!exists(given, session)) continue;
    if (!fs.statSync(given).isDirectory()) {
      if (!setup.isExcluded(given, false)) scanFile(given, setup, session, true);
      continue;
    }
    for (const file of filesUnder(given, noIgnore, setup.isExcluded)) {
      if (!setup.isExcluded(file, false)) scanFile(file, setup, session, false);
    }
  }
}

module.exports = { scanPaths, STDIN_NAME };
