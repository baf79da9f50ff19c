// One run, as the native CLI's session (crates/keyward-cli/src/session.rs): the findings of every
// input, the fingerprints accepted by a baseline or a `.keywardignore`, and the counts and
// notices of the summary.
'use strict';

/** Bytes looked at for a NUL byte to decide that a file is binary (git's heuristic). */
const BINARY_PROBE = 8 * 1024;
// `ignoreBOM` keeps the byte-order mark as U+FEFF, as the native CLI's decode_text does: byte
// offsets then count it (3 UTF-8 bytes) and the core leaves it out of columns.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { ignoreBOM: true });

/**
 * What to scan of a file: UTF-16 with a byte-order mark (PowerShell writes `.env` files that way)
 * decoded to a string; other bytes with a NUL early on are binary (`null`); the rest are UTF-8,
 * scanned as bytes (as the native CLI does; decoding them to a string and back cost more than
 * the scan).
 */
function scannable(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes);
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return null;
  return bytes;
}

/** A file's text (see `scannable`), or `null` when binary. */
function decode(bytes) {
  const text = scannable(bytes);
  return typeof text === 'string' || text === null ? text : utf8.decode(text);
}

/** Orders paths as the native CLI does (by UTF-8 bytes), then positions. */
function byPathThenStart(a, b) {
  return Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)) || a.start - b.start;
}

class Session {
  /** `baseline`: fingerprints to hide (`--baseline`); `showSecret`: keep the raw secrets. */
  constructor({ showSecret = false, baseline = new Set() } = {}) {
    this.showSecret = showSecret;
    this.baseline = baseline;
    this.findings = [];
    this.notices = [];
    this.filesScanned = 0;
    this.bytesScanned = 0;
    this.filesSkipped = 0;
    this.errors = 0;
    this.hiddenByBaseline = 0;
    this.hiddenByIgnoreFile = 0;
  }

  /**
   * Scans one input's bytes with `setup`. `previous`: for a staged change, the bytes of the
   * version it replaces; a finding whose secret occurs anywhere in them is not the change's.
   */
  scan(setup, path, bytes, previous) {
    const text = scannable(bytes);
    if (text === null) return this.skipQuietly();
    this.filesScanned++;
    this.bytesScanned += bytes.length;
    const found = setup.scanner.scan(text, { includeSecret: true });
    if (found.truncated) {
      this.notice(path, "the scan stopped early (over 10000 findings, or the engine's work limit on hostile input): "
        + 'findings may be missing', 'warning');
    }
    const before = previous && decode(previous);
    for (const { secret, ...finding } of found) {
      if (before && before.includes(secret)) continue;
      if (this.baseline.has(finding.fingerprint)) {
        this.hiddenByBaseline++;
      } else if (setup.ignored.has(finding.fingerprint)) {
        this.hiddenByIgnoreFile++;
      } else {
        this.findings.push(this.showSecret ? { ...finding, path, secret } : { ...finding, path });
      }
    }
  }

  /** An input that could not be read: reported now, and the run cannot be called clean. */
  error(path, message) {
    this.errors++;
    this.notice(path, message, 'error');
  }

  notice(path, message, kind) {
    process.stderr.write(`keyward: ${kind}: ${path}: ${message}\n`);
    this.notices.push({ path, message, kind });
  }

  /** An input deliberately not scanned (too large, not a regular file, gone), named on stderr. */
  skip(path, reason) {
    this.filesSkipped++;
    process.stderr.write(`keyward: skipped ${path}: ${reason}\n`);
  }

  /** Binary files are common and never hold text keys: counted, not named. */
  skipQuietly() {
    this.filesSkipped++;
  }

  /** The run's outcome, findings sorted by path then position. */
  finish() {
    this.findings.sort(byPathThenStart);
    this.notices.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
    return this;
  }
}

module.exports = { Session };
