// Output in the native CLI's shapes (crates/keyward-cli/src/output): text lines, a JSON array of
// findings with `path`, SARIF 2.1.0, GitHub workflow commands, the rule list, and the stderr
// summary line. Findings here are the JS API's plus `path` (and `secret` when shown).
'use strict';
const { version } = require('../package.json');

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://example.invalid/keyward';
const SRCROOT = '%SRCROOT%';
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
/** SARIF levels and GitHub commands by confidence. */
const LEVELS = { high: 'error', medium: 'warning', low: 'note' };
const COMMANDS = { high: 'error', medium: 'warning', low: 'notice' };
/** GitHub's security-severity scale: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, below low. */
const SECURITY_SEVERITY = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };
const SEVERITY_COLOURS = { critical: '1;31', high: '31', medium: '33', low: '36' };

/** Rust's `str::escape_debug` for the characters a secret can hold. */
function escapeDebug(text) {
  return text.replace(/[\\\n\r\t"'\0]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', "'": "\\'", '\0': '\\0' })[c]);
}

/** Colours only when standard output is a terminal and NO_COLOR is unset, as the native CLI. */
function paint(code, text) {
  return process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[${code}m${text}\x1b[0m` : text;
}

/** `path:line:column: severity rule-id (confidence confidence) Title: redacted`. */
function text(findings, { showFingerprint }) {
  return findings.map((f) => `${paint('35', f.path)}:${f.line}:${f.column}: ${paint(SEVERITY_COLOURS[f.severity], f.severity)} `
    + `${paint('1', f.ruleId)} (${f.confidence} confidence) ${f.title}: ${f.redacted}`
    + (showFingerprint ? ` fingerprint=${f.fingerprint}` : '')
    + (f.secret === undefined ? '' : ` secret=${escapeDebug(f.secret)}`) + '\n').join('');
}

/** The shared Finding shape with `path` (and `secret` when shown); JS string indices are dropped. */
function json(findings) {
  const out = findings.map(({ startIndex, endIndex, secret, path, ...finding }) =>
    secret === undefined ? { ...finding, path } : { ...finding, path, secret });
  return JSON.stringify(out, null, 2) + '\n';
}

/** `/` separators kept, everything outside RFC 3986's unreserved set percent-encoded. */
function percentEncode(path) {
  return Array.from(Buffer.from(path, 'utf8'), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9\-._~/]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** An absolute path as a `file://` URI; a relative one relative to `%SRCROOT%`. */
function artifact(path) {
  return path.startsWith('/') ? { uri: `file://${percentEncode(path)}` } : { uri: percentEncode(path), uriBaseId: SRCROOT };
}

function descriptor(rule) {
  return {
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title} (${rule.provider})` },
    defaultConfiguration: { level: LEVELS[rule.confidence] },
    properties: {
      provider: rule.provider,
      category: rule.category,
      confidence: rule.confidence,
      severity: rule.severity,
      'security-severity': SECURITY_SEVERITY[rule.severity],
      tags: ['security', 'secret', rule.category],
    },
    ...(rule.revokeUrl && {
      helpUri: rule.revokeUrl,
      help: { text: `Revoke or rotate the credential: ${rule.revokeUrl}` },
    }),
  };
}

/** SARIF 2.1.0 describing only the rules that have results. */
function sarif(outcome, { rules, base }) {
  const used = [];
  for (const f of outcome.findings) {
    if (!used.some((rule) => rule.id === f.ruleId)) used.push(rules.find((rule) => rule.id === f.ruleId));
  }
  const results = outcome.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: used.findIndex((rule) => rule.id === f.ruleId),
    level: LEVELS[f.confidence],
    message: { text: `${f.title} found: ${f.redacted}` },
    locations: [{
      physicalLocation: {
        artifactLocation: artifact(f.path),
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
    properties: { severity: f.severity, confidence: f.confidence, redacted: f.redacted },
  }));
  const notifications = outcome.notices.map((notice) => ({
    level: notice.kind,
    message: { text: `${notice.path}: ${notice.message}` },
    locations: [{ physicalLocation: { artifactLocation: artifact(notice.path) } }],
  }));
  const baseUri = `file://${percentEncode(base)}${base.endsWith('/') ? '' : '/'}`;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'keyward', version, informationUri: INFORMATION_URI, rules: used.map(descriptor) } },
      invocations: [{ executionSuccessful: outcome.errors === 0, toolExecutionNotifications: notifications }],
      originalUriBaseIds: { [SRCROOT]: { uri: baseUri } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A workflow command's message and property values, escaped as @actions/core does. */
const escapeData = (text) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…::…`: annotations on a GitHub pull request. */
function github(findings) {
  return findings.map((f) => {
    const revoke = f.revokeUrl ? `Revoke or rotate it: ${f.revokeUrl}` : `Revoke or rotate it in your ${f.provider} account.`;
    const message = `${f.title} (${f.severity} severity, ${f.confidence} confidence): ${f.redacted}. ${revoke} Fingerprint ${f.fingerprint}.`;
    return `::${COMMANDS[f.confidence]} file=${escapeProperty(f.path)},line=${f.line},endLine=${f.endLine},col=${f.column},`
      + `endColumn=${f.endColumn},title=${escapeProperty(`keyward: ${f.ruleId}`)}::${escapeData(message)}\n`;
  }).join('');
}

/** The report of a run in `format`; `options`: `{ rules, base, showFingerprint }`. */
function report(format, outcome, options) {
  if (format === 'json') return json(outcome.findings);
  if (format === 'sarif') return sarif(outcome, options);
  if (format === 'github') return github(outcome.findings);
  return text(outcome.findings, options);
}

function rulesList(format, rules) {
  if (format === 'json') {
    // The native list prints the rule's field as it is: an empty string when no page is known.
    const list = rules.map(({ id, provider, title, category, confidence, severity, revokeUrl, custom }) =>
      ({ id, provider, title, category, confidence, severity, revokeUrl: revokeUrl ?? '', custom }));
    return JSON.stringify(list, null, 2) + '\n';
  }
  const chars = (s) => [...s].length;
  const idWidth = Math.max(0, ...rules.map((r) => r.id.length));
  const providerWidth = Math.max(0, ...rules.map((r) => chars(r.provider)));
  return rules
    .map((r) => `${r.id.padEnd(idWidth)}  ${r.provider + ' '.repeat(providerWidth - chars(r.provider))}  `
      + `${r.severity.padEnd(8)}  ${r.confidence.padEnd(6)}  ${r.title}\n`)
    .join('');
}

const plural = (n) => (n === 1 ? '' : 's');

/** `keyward: 2 findings (1 critical, 1 high) in 1 file; scanned 3 files (0.0 MB) in 0.01 s` */
function summary(outcome, seconds) {
  const { findings } = outcome;
  let found = 'no findings';
  if (findings.length > 0) {
    const bySeverity = SEVERITIES.map((level) => [level, findings.filter((f) => f.severity === level).length])
      .filter(([, count]) => count > 0).map(([level, count]) => `${count} ${level}`);
    const files = new Set(findings.map((f) => f.path)).size;
    found = `${findings.length} finding${plural(findings.length)} (${bySeverity.join(', ')}) in ${files} file${plural(files)}`;
  }
  const hidden = [];
  if (outcome.hiddenByBaseline > 0) hidden.push(`${outcome.hiddenByBaseline} hidden by the baseline`);
  if (outcome.hiddenByIgnoreFile > 0) hidden.push(`${outcome.hiddenByIgnoreFile} hidden by .keywardignore`);
  let line = `keyward: ${found}${hidden.length ? ` (${hidden.join(', ')})` : ''}; scanned ${outcome.filesScanned} `
    + `file${plural(outcome.filesScanned)} (${(outcome.bytesScanned / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s`;
  if (outcome.filesSkipped > 0) line += `, ${outcome.filesSkipped} skipped (binary, too large, not a file or gone)`;
  if (outcome.errors > 0) line += `, ${outcome.errors} error${plural(outcome.errors)}`;
  return line;
}

/** The baseline document: the fingerprints of a run's findings, with what helps a reviewer. */
function baseline(findings) {
  const entries = findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path, line: f.line, redacted: f.redacted }));
  return JSON.stringify({ keywardBaseline: 1, findings: entries }, null, 2) + '\n';
}

module.exports = { report, rules: rulesList, summary, baseline };
