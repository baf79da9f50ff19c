// The JS API of the installed package: every Finding field, UTF-16 positions, redact, custom and
// disabled rules, scan options, rules().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AWS_KEY_ID, GITHUB_PAT, keyward } from './helpers.mjs';

const { scan, Scanner, rules, redact, precompile } = keyward;

/** Expected positions computed from JS string semantics alone. */
function spanOf(text, secret) {
  const startIndex = text.indexOf(secret);
  const lineStart = text.lastIndexOf('\n', startIndex) + 1;
  return {
    startIndex,
    endIndex: startIndex + secret.length,
    line: text.slice(0, startIndex).split('\n').length,
    column: startIndex - lineStart + 1,
    start: Buffer.byteLength(text.slice(0, startIndex)),
  };
}

test('a finding carries every field of the documented shape, with exact values', () => {
  const text = 'intro line\nconst token = "' + GITHUB_PAT + '";\n';
  const [finding, ...rest] = scan(text);
  assert.equal(rest.length, 0);
  const span = spanOf(text, GITHUB_PAT);
  assert.deepEqual(Object.keys(finding).sort(), [
    'column', 'confidence', 'end', 'endColumn', 'endIndex', 'endLine', 'fingerprint', 'line', 'provider',
    'redacted', 'revokeUrl', 'ruleId', 'severity', 'start', 'startIndex', 'title',
  ]);
  assert.equal(finding.ruleId, 'github-pat-classic');
  assert.equal(finding.provider, 'GitHub');
  assert.equal(finding.title, 'GitHub personal access token (classic)');
  assert.equal(finding.confidence, 'high');
  assert.equal(finding.severity, 'high');
  assert.equal(finding.start, span.start);
  assert.equal(finding.end, span.start + GITHUB_PAT.length);
  assert.equal(finding.line, 2);
  assert.equal(finding.column, span.column);
  assert.equal(finding.endLine, 2);
  assert.equal(finding.endColumn, span.column + GITHUB_PAT.length);
  assert.equal(finding.startIndex, span.startIndex);
  assert.equal(finding.endIndex, span.endIndex);
  assert.equal(finding.redacted, 'ghp_…Lq17');
  assert.match(finding.fingerprint, /^[0-9a-f]{32}$/);
  assert.equal(finding.revokeUrl, 'https://github.com/settings/tokens');
  assert.ok(!JSON.stringify(finding).includes(GITHUB_PAT), 'the secret is not in the finding by default');
  assert.equal(scan(text)[0].fingerprint, finding.fingerprint, 'fingerprints are stable');
});

test('positions are UTF-16 after emoji and CJK text, byte offsets are UTF-8', () => {
  const text = '# 設定ファイル 🔑🔑\nkey😀 = "中文" + "' + GITHUB_PAT + '" // 🙂\n';
  const [finding] = scan(text);
  const span = spanOf(text, GITHUB_PAT);
  assert.equal(text.slice(finding.startIndex, finding.endIndex), GITHUB_PAT);
  assert.deepEqual([finding.line, finding.column, finding.startIndex], [span.line, span.column, span.startIndex]);
  assert.equal(finding.column, 'key😀 = "中文" + "'.length + 1, 'the emoji counts 2, each CJK character 1');
  assert.equal(finding.start, span.start);
  assert.notEqual(finding.start, finding.startIndex, 'bytes and UTF-16 indices differ on this line');
  assert.equal(finding.endColumn - finding.column, GITHUB_PAT.length);
});

test('a string longer in UTF-8 than in UTF-16 reaches the wasm whole, wherever its first copy stops', () => {
  // The glue copies `length` bytes first (scripts/build.mjs), then the rest: vary where that copy
  // stops (inside an emoji's pair, after CJK, on a lone surrogate) and check every character arrives.
  for (const filler of ['😀', '中', 'é', '\uD800', 'a😀']) {
    for (const prefix of [0, 1, 7, 1000]) {
      const text = `${'x'.repeat(prefix)}${filler.repeat(50)} gh = "${GITHUB_PAT}" ${filler.repeat(3)}\n`;
      const [finding] = scan(text);
      assert.equal(text.slice(finding.startIndex, finding.endIndex), GITHUB_PAT, `${prefix} × x, then ${JSON.stringify(filler)}`);
      const wellFormed = text.replaceAll('\uD800', '\uFFFD'); // a lone surrogate becomes U+FFFD in UTF-8
      assert.equal(redact(text), wellFormed.replace(GITHUB_PAT, 'ghp_…Lq17'));
    }
  }
});

test('UTF-8 bytes (Uint8Array, Buffer) give the findings of their string, offsets in the bytes', () => {
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const texts = [
    '# 設定ファイル 🔑🔑\nkey😀 = "中文" + "' + GITHUB_PAT + '" // 🙂\n',
    `\uFEFFaws = "${AWS_KEY_ID}"\ngh = "${GITHUB_PAT}"\n`, // a byte-order mark, kept as U+FEFF
    '',
  ];
  for (const text of texts) {
    const bytes = new TextEncoder().encode(text);
    const fromString = scan(text, { includeSecret: true });
    assert.deepEqual(scan(bytes, { includeSecret: true }), fromString, JSON.stringify(text));
    assert.deepEqual(scan(Buffer.from(text)), scan(text));
    assert.deepEqual(new Scanner({ disable: ['aws-access-key-id'] }).scan(bytes), new Scanner({ disable: ['aws-access-key-id'] }).scan(text));
    assert.equal(redact(bytes), redact(text));
    for (const f of fromString) {
      assert.equal(utf8.decode(bytes.subarray(f.start, f.end)), f.secret);
      assert.equal(utf8.decode(bytes).slice(f.startIndex, f.endIndex), f.secret);
    }
  }
  assert.equal(texts.reduce((n, t) => n + scan(t).length, 0), 3, 'the texts hold keys');
  // A view into a larger buffer: only its own bytes are scanned.
  const whole = Buffer.from(`pad; gh = "${GITHUB_PAT}"\nsafe = 1\n`);
  assert.equal(scan(whole.subarray(5, 25)).length, 0);
  assert.deepEqual(scan(whole.subarray(5, 51)).map((f) => [f.start, f.end]), [[6, 46]]);
});

test('a view of a detached buffer is an empty text (its length is 0); shared memory is read', () => {
  const buffer = new ArrayBuffer(64);
  const view = new Uint8Array(buffer);
  view.set(Buffer.from(`gh = "${GITHUB_PAT}"`));
  structuredClone(buffer, { transfer: [buffer] });
  assert.equal(view.length, 0);
  assert.deepEqual(scan(view), []);
  assert.equal(redact(view), '');
  const shared = new Uint8Array(new SharedArrayBuffer(64));
  shared.set(Buffer.from(`gh = "${GITHUB_PAT}"`));
  assert.equal(scan(shared).length, 1);
});

test('invalid UTF-8 bytes are scanned as they are, as the CLI scans a file', () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82]), Buffer.from(` gh = "${GITHUB_PAT}"\n`)]);
  const [finding] = scan(bytes, { includeSecret: true });
  assert.equal(finding.secret, GITHUB_PAT);
  assert.equal(bytes.subarray(finding.start, finding.end).toString('latin1'), GITHUB_PAT);
  assert.ok(redact(bytes).startsWith('\uFFFD'), 'redact() returns the text TextDecoder makes of the bytes');
  assert.ok(redact(bytes).includes('ghp_…Lq17') && !redact(bytes).includes(GITHUB_PAT));
});

test('includeSecret adds the raw secret; minConfidence filters', () => {
  const text = `aws = "${AWS_KEY_ID}"\ngh = "${GITHUB_PAT}"\n`;
  const withSecrets = scan(text, { includeSecret: true });
  assert.deepEqual(withSecrets.map((f) => f.secret).sort(), [AWS_KEY_ID, GITHUB_PAT].sort());
  for (const f of withSecrets) assert.equal(text.slice(f.startIndex, f.endIndex), f.secret);

  const generic = new Scanner({ disable: ['github-pat-classic'] });
  const low = generic.scan(`token = "${GITHUB_PAT}"\n`);
  assert.ok(low.length > 0 && low.every((f) => f.confidence === 'low'), JSON.stringify(low));
  assert.deepEqual(generic.scan(`token = "${GITHUB_PAT}"\n`, { minConfidence: 'medium' }), []);
  assert.ok(scan(text, { minConfidence: 'high' }).every((f) => f.confidence === 'high'));
});

test('redact() replaces every secret and leaves the rest of the text as it was', () => {
  const text = `first ${GITHUB_PAT} then 😀 ${AWS_KEY_ID} end\n`;
  const out = redact(text);
  assert.ok(!out.includes(GITHUB_PAT) && !out.includes(AWS_KEY_ID), out);
  assert.ok(out.startsWith('first ghp_…Lq17 then 😀 '), out);
  assert.ok(out.endsWith(' end\n'));
  assert.equal(redact('nothing secret here\n'), 'nothing secret here\n');
  assert.equal(new Scanner({ disable: ['github-pat-classic', 'generic-secret-assignment'] }).redact(`x ${GITHUB_PAT}`),
    `x ${GITHUB_PAT}`, 'a scanner redacts only what its own rules find');
});

test('custom rules: regex or pattern, keywords, confidence, title, a secret group', () => {
  const scanner = new Scanner({
    customRules: [
      { id: 'acme-token', regex: 'acme_[A-Za-z0-9]{24}', keywords: ['acme_'], confidence: 'high', title: 'ACME token' },
      { id: 'internal-pass', pattern: 'INTERNAL_PASS=(?P<secret>[A-Za-z0-9]{12,})', provider: 'Internal',
        severity: 'low', revokeUrl: 'https://internal.example/rotate' },
    ],
  });
  const text = 'x = "acme_Xk29fPq81LmZ3vT7bN4wQ0sR"\nINTERNAL_PASS=Hq7vR2mX9pLw4\n';
  const found = scanner.scan(text, { includeSecret: true });
  const acme = found.find((f) => f.ruleId === 'acme-token');
  assert.ok(acme, JSON.stringify(found));
  assert.deepEqual([acme.confidence, acme.title, acme.provider], ['high', 'ACME token', 'Custom']);
  assert.deepEqual([acme.severity, acme.revokeUrl], ['high', null], 'defaults: high severity, no revoke page');
  assert.equal(acme.secret, 'acme_Xk29fPq81LmZ3vT7bN4wQ0sR');
  const pass = found.find((f) => f.ruleId === 'internal-pass');
  assert.ok(pass, JSON.stringify(found));
  assert.deepEqual([pass.secret, pass.confidence, pass.provider, pass.severity, pass.revokeUrl],
    ['Hq7vR2mX9pLw4', 'medium', 'Internal', 'low', 'https://internal.example/rotate']);
  assert.equal(text.slice(pass.startIndex, pass.endIndex), 'Hq7vR2mX9pLw4');
  const listed = scanner.rules().filter((r) => r.custom).map((r) => r.id);
  assert.deepEqual(listed, ['acme-token', 'internal-pass']);
  assert.deepEqual(scan(text).filter((f) => f.ruleId === 'acme-token'), [], 'the default scanner is unchanged');
});

test('custom rules drop placeholder-looking matches unless reportPlaceholders', () => {
  const text = 'token = "acme_0123456789abcdefghijklmnopqrstuv"\n';
  const rule = { id: 'acme-token', regex: 'acme_[a-z0-9]{32}', keywords: ['acme_'] };
  assert.deepEqual(new Scanner({ customRules: [rule] }).scan(text).filter((f) => f.ruleId === 'acme-token'), []);
  const reported = new Scanner({ customRules: [{ ...rule, reportPlaceholders: true }] }).scan(text, { includeSecret: true });
  assert.deepEqual(reported.filter((f) => f.ruleId === 'acme-token').map((f) => f.secret), ['acme_0123456789abcdefghijklmnopqrstuv']);
});

test('disabled rules are neither run nor listed', () => {
  const scanner = new Scanner({ disable: ['github-pat-classic', 'aws-access-key-id'] });
  const ids = scanner.scan(`a ${GITHUB_PAT} b ${AWS_KEY_ID}\n`).map((f) => f.ruleId);
  assert.ok(!ids.includes('github-pat-classic') && !ids.includes('aws-access-key-id'), ids.join());
  const active = scanner.rules().map((r) => r.id);
  assert.equal(active.length, rules().length - 2);
  assert.ok(!active.includes('github-pat-classic'));
});

test('allow patterns and fingerprints drop known findings', () => {
  const [finding] = scan(`k = ${GITHUB_PAT}`);
  assert.deepEqual(new Scanner({ allowFingerprints: [finding.fingerprint] }).scan(`k = ${GITHUB_PAT}`)
    .filter((f) => f.ruleId === 'github-pat-classic'), []);
  assert.deepEqual(new Scanner({ allow: ['^ghp_zQWB'] }).scan(`k = ${GITHUB_PAT}`)
    .filter((f) => f.ruleId === 'github-pat-classic'), []);
});

test('rules() describes the whole catalogue', () => {
  const list = rules();
  assert.ok(list.length >= 200, `only ${list.length} rules`);
  assert.equal(new Set(list.map((r) => r.id)).size, list.length, 'ids are unique');
  for (const rule of list) {
    assert.deepEqual(Object.keys(rule).sort(),
      ['category', 'confidence', 'custom', 'envVar', 'id', 'provider', 'revokeUrl', 'severity', 'title']);
    assert.ok(['low', 'medium', 'high'].includes(rule.confidence));
    assert.ok(['low', 'medium', 'high', 'critical'].includes(rule.severity));
    assert.ok(rule.revokeUrl === null || rule.revokeUrl.length > 0, JSON.stringify(rule));
    assert.equal(rule.custom, false);
    assert.ok(rule.id && rule.provider && rule.title && rule.category, JSON.stringify(rule));
  }
  const gh = list.find((r) => r.id === 'github-pat-classic');
  assert.equal(gh.revokeUrl, 'https://github.com/settings/tokens');
  assert.equal(list.find((r) => r.id === 'openai-project-key')?.severity, 'critical', 'AI keys that bill');
});

test('the returned array says whether it is complete: truncated, not enumerable', () => {
  const found = scan(`k = ${GITHUB_PAT}\n`);
  assert.equal(found.truncated, false);
  assert.deepEqual(Object.keys(found), ['0'], 'JSON.stringify and Object.keys ignore it');
  assert.equal(JSON.stringify(found), JSON.stringify([found[0]]));
  assert.equal(new Scanner().scan('nothing\n').truncated, false);
  // Past 10,000 findings a call stops building them: the first 10,000, in text order, and truncated.
  // Each key follows a page of ordinary code: the engine's budget cuts only texts denser in keys.
  const page = `${'// an ordinary line of code, nothing more in it\n'.repeat(18)}${AWS_KEY_ID}\n`;
  const text = page.repeat(10_001);
  const capped = scan(text);
  assert.equal(capped.length, 10_000);
  assert.equal(capped.truncated, true);
  assert.deepEqual([capped[0].line, capped[9_999].line], [19, 190_000]);
  const exact = scan(text.slice(0, page.length * 10_000));
  assert.deepEqual([exact.length, exact.truncated], [10_000, false]);
  // A text that is nothing but keys is cut by that budget after its first few hundred, and says so.
  const dump = scan(`${AWS_KEY_ID}\n`.repeat(10_001));
  assert.ok(dump.length >= 300 && dump.length < 10_000 && dump.truncated, `${dump.length} findings`);
});

test('a 10,000-line text is scanned whole, positions right at the end', () => {
  const lines = Array.from({ length: 10_000 }, (_, i) => `const value${i} = compute(${i}); // ✓ 日本`);
  lines[9_998] = `export const token = "${GITHUB_PAT}";`;
  const text = lines.join('\n');
  const [finding] = scan(text);
  assert.equal(finding.line, 9_999);
  assert.equal(text.slice(finding.startIndex, finding.endIndex), GITHUB_PAT);
});

test('precompile() walks the catalogue in slices and changes no result', () => {
  const text = `token = ${GITHUB_PAT}\naws_access_key_id = ${AWS_KEY_ID}\n`;
  const before = scan(text);
  const total = rules().length;
  let next = 0;
  let slices = 0;
  while (next < total) {
    const after = precompile(next, 100);
    assert.equal(after, Math.min(next + 100, total));
    next = after;
    slices++;
  }
  assert.equal(slices, Math.ceil(total / 100));
  assert.equal(precompile(total, 5), total, 'past the end: nothing to do');
  assert.equal(precompile(total + 10, 5), total);
  // Numbers the way WebAssembly reads them: no trap, no throw.
  assert.equal(precompile('x', undefined), 0);
  assert.equal(precompile(-1, 1), total);
  assert.deepEqual(scan(text), before);
});
