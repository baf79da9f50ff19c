// What the CLI scans: standard input, files, and folders walked recursively. Inside a git work
// tree the file list comes from git itself, so .gitignore is honoured exactly; node_modules
// and .git are never entered. Binary files (a NUL byte in the first 8 KiB) are skipped quietly.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const STDIN_NAME = '<stdin>';
const BINARY_PROBE = 8 * 1024;
const NEVER_ENTER = new Set(['node_modules', '.git']);
const decoder = new TextDecoder();

/** `./src/a.js` → `src/a.js`, as the Rust CLI prints paths. */
function displayPath(name) {
  return name.startsWith('./') ? name.slice(2) : name;
}

function isBinary(bytes) {
  return bytes.subarray(0, BINARY_PROBE).includes(0);
}

function tooLarge(size, limit) {
  return `${size} bytes, over the size limit of ${limit} bytes (see --max-file-size or maxFileSize)`;
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

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (NEVER_ENTER.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

function filesUnder(dir, noIgnore) {
  const listed = (!noIgnore && gitListed(dir)) || [...walk(dir)];
  return listed.filter((file) => !file.split(path.sep).some((part) => NEVER_ENTER.has(part))).sort();
}

function load(name, bytes, report) {
  if (isBinary(bytes)) {
    report.skip(name, null);
    return null;
  }
  return { path: name, text: decoder.decode(bytes) };
}

function loadFile(file, options, report) {
  const name = displayPath(file);
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return null; // deleted since listed, or a socket/fifo: nothing to read
    if (stat.size > options.maxFileSize) {
      report.skip(name, tooLarge(stat.size, options.maxFileSize));
      return null;
    }
    return load(name, fs.readFileSync(file), report);
  } catch (error) {
    report.error(`${name}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
    return null;
  }
}

/** Yields `{path, text}` for every input; unreadable and skipped ones are told to `report`. */
function* collectInputs(paths, options, report) {
  for (const given of paths) {
    if (given === '-') {
      const bytes = fs.readFileSync(0);
      if (bytes.length > options.maxFileSize) report.skip(STDIN_NAME, tooLarge(bytes.length, options.maxFileSize));
      else {
        const input = load(STDIN_NAME, bytes, report);
        if (input) yield input;
      }
      continue;
    }
    let stat;
    try {
      stat = fs.statSync(given);
    } catch {
      const dangling = fs.lstatSync(given, { throwIfNoEntry: false });
      report.error(`${displayPath(given)}: ${dangling ? 'broken symbolic link' : 'no such file or folder'}`);
      continue;
    }
    const files = stat.isDirectory() ? filesUnder(given, options.noIgnore) : [given];
    for (const file of files) {
      const input = loadFile(file, options, report);
      if (input) yield input;
    }
  }
}

module.exports = { collectInputs };
