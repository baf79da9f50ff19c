// Output in the Rust CLI's shapes (crates/keyward-cli/src/output): text lines, a JSON array of
// findings with `path`, SARIF 2.1.0, the rule list, and the stderr summary line.
'use strict';
const { version } = require('../package.json');

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://example.invalid/keyward';
const LEVELS = { high: 'error', medium: 'warning', low: 'note' };

/** Rust's `str::escape_debug` for the characters a secret can hold. */
function escapeDebug(text) {
  return text.replace(/[\\\n\r\t"'\0]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', "'": "\\'", '\0': '\\0' })[c]);
}

function text(findings) {
  return findings
    .map((f) => `${f.path}:${f.line}:${f.column}: ${f.ruleId} (${f.confidence}) ${f.title}: ${f.redacted}`
      + (f.secret === undefined ? '' : ` secret=${escapeDebug(f.secret)}`) + '\n')
    .join('');
}

/** DESIGN.md's Finding with `path` (and `secret` when shown); JS string indices are dropped. */
function json(findings) {
  const out = findings.map(({ startIndex, endIndex, secret, path, ...finding }) =>
    secret === undefined ? { ...finding, path } : { ...finding, path, secret });
  return JSON.stringify(out, null, 2) + '\n';
}

/** `src/my file.py` → `src/my%20file.py`: RFC 3986 unreserved characters and `/` kept. */
function uri(path) {
  return Array.from(Buffer.from(path, 'utf8'), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9\-._~/]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

function sarif(findings, rules) {
  const descriptors = rules.map((rule) => ({
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title} (${rule.provider})` },
    defaultConfiguration: { level: LEVELS[rule.confidence] },
    properties: { provider: rule.provider, category: rule.category, confidence: rule.confidence },
    ...(rule.revokeUrl && {
      helpUri: rule.revokeUrl,
      help: { text: `Revoke or rotate the credential: ${rule.revokeUrl}` },
    }),
  }));
  const results = findings.map((f) => {
    const ruleIndex = rules.findIndex((rule) => rule.id === f.ruleId);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex < 0 ? null : ruleIndex,
      level: LEVELS[f.confidence],
      message: { text: `${f.title} found: ${f.redacted}` },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: uri(f.path) },
          region: {
            startLine: f.line,
            startColumn: f.column,
            endLine: f.endLine,
            endColumn: f.endColumn,
            byteOffset: f.start,
            byteLength: f.end - f.start,
          },
        },
      }],
      partialFingerprints: { 'keyward/v1': f.fingerprint },
      properties: { confidence: f.confidence, redacted: f.redacted },
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'keyward', version, informationUri: INFORMATION_URI, rules: descriptors } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function findings(format, list, rules) {
  if (format === 'json') return json(list);
  if (format === 'sarif') return sarif(list, rules);
  return text(list);
}

function rulesList(format, rules) {
  if (format === 'json') {
    // The native list prints the rule's field as it is: an empty string when no page is known.
    const list = rules.map(({ id, provider, title, category, confidence, revokeUrl, custom }) =>
      ({ id, provider, title, category, confidence, revokeUrl: revokeUrl ?? '', custom }));
    return JSON.stringify(list, null, 2) + '\n';
  }
  const idWidth = Math.max(0, ...rules.map((r) => r.id.length));
  const providerWidth = Math.max(0, ...rules.map((r) => [...r.provider].length));
  return rules
    .map((r) => `${r.id.padEnd(idWidth)}  ${r.provider.padEnd(providerWidth + r.provider.length - [...r.provider].length)}  ${r.confidence.padEnd(6)}  ${r.title}\n`)
    .join('');
}

const plural = (n) => (n === 1 ? '' : 's');

/** `keyward: 2 findings (1 high, 1 medium, 0 low) in 1 file; scanned 3 files (0.0 MB) in 0.01 s` */
function summary(outcome, seconds) {
  const { findings: list } = outcome;
  const count = (level) => list.filter((f) => f.confidence === level).length;
  const files = new Set(list.map((f) => f.path)).size;
  const found = list.length === 0
    ? 'no findings'
    : `${list.length} finding${plural(list.length)} (${count('high')} high, ${count('medium')} medium, ${count('low')} low) in ${files} file${plural(files)}`;
  let line = `keyward: ${found}; scanned ${outcome.filesScanned} file${plural(outcome.filesScanned)} `
    + `(${(outcome.bytesScanned / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s`;
  if (outcome.filesSkipped > 0) line += `, ${outcome.filesSkipped} skipped (binary, too large or not a file)`;
  if (outcome.errors > 0) line += `, ${outcome.errors} error${plural(outcome.errors)}`;
  return line;
}

module.exports = { findings, rules: rulesList, summary };
