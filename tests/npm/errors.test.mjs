// Bad input: each error path is a thrown `Error` with a clear message, never a wasm trap, and
// the scanners stay usable afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GITHUB_PAT, keyward, nodeInProject } from './helpers.mjs';

const { scan, Scanner, redact } = keyward;

function assertThrowsClearly(fn, pattern) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error, `not an Error: ${error}`);
    assert.ok(!(error instanceof WebAssembly.RuntimeError), 'a wasm trap');
    assert.doesNotMatch(error.message, /unreachable|RuntimeError|panicked/);
    assert.match(error.message, pattern);
    return true;
  });
}

const scanner = new Scanner({});
const cases = [
  ['scan(number)', () => scan(42), /scan\(\): `text` must be a string or a Uint8Array, got number/],
  ['scan()', () => scan(), /`text` must be a string or a Uint8Array, got undefined/],
  ['scan(null)', () => scan(null), /`text` must be a string or a Uint8Array, got null/],
  ['scan(Uint16Array)', () => scan(new Uint16Array([0x61])), /`text` must be a string or a Uint8Array, got Uint16Array/],
  ['scan(ArrayBuffer)', () => scan(new ArrayBuffer(4)), /`text` must be a string or a Uint8Array, got ArrayBuffer/],
  ['scan(DataView)', () => scan(new DataView(new ArrayBuffer(4))), /`text` must be a string or a Uint8Array, got DataView/],
  ['scan(array of bytes)', () => scan([0x61]), /`text` must be a string or a Uint8Array, got array/],
  ['options not an object', () => scan('x', 'high'), /scan\(\) options must be an object, got string/],
  ['options an array', () => scan('x', ['high']), /options must be an object, got array/],
  ['unknown option', () => scan('x', { minconfidence: 'high' }), /unknown scan\(\) options field `minconfidence` \(expected one of: minConfidence, includeSecret\)/],
  ['minConfidence value', () => scan('x', { minConfidence: 'extreme' }), /unknown variant `extreme`, expected one of `low`, `medium`, `high`/],
  ['minConfidence type', () => scan('x', { minConfidence: 3 }), /invalid scan\(\) options: .*3/],
  ['includeSecret type', () => scan('x', { includeSecret: 'yes' }), /invalid scan\(\) options: invalid type: string "yes", expected a boolean/],
  ['redact(number)', () => redact(7), /redact\(\): `text` must be a string or a Uint8Array, got number/],
  ['Scanner.scan(object)', () => scanner.scan({}), /Scanner\.scan\(\): `text` must be a string or a Uint8Array, got object/],
  ['Scanner.redact()', () => scanner.redact(), /Scanner\.redact\(\): `text` must be a string or a Uint8Array/],
  ['config not an object', () => new Scanner('strict'), /new Scanner\(\) config must be an object, got string/],
  ['unknown config field', () => new Scanner({ disabled: ['x'] }), /unknown new Scanner\(\) config field `disabled`/],
  ['disable not a list', () => new Scanner({ disable: 'github-pat-classic' }), /new Scanner\(\) config: `disable` must be an array, got string/],
  ['unknown rule id', () => new Scanner({ disable: ['no-such-rule'] }), /unknown rule id `no-such-rule`/],
  ['invalid custom regex', () => new Scanner({ customRules: [{ id: 'bad', regex: 'key_([a-z]+' }] }), /rule `bad`: invalid regex: [\s\S]*unclosed group/],
  ['custom regex matching empty', () => new Scanner({ customRules: [{ id: 'empty', regex: 'a*' }] }), /rule `empty`: the regex can match the empty string/],
  ['custom rule without regex', () => new Scanner({ customRules: [{ id: 'x' }] }), /missing field `pattern`/],
  ['custom rule unknown field', () => new Scanner({ customRules: [{ id: 'x', regex: 'ab', severty: 'high' }] }), /customRules\[0\] field `severty`/],
  ['custom rule severity', () => new Scanner({ customRules: [{ id: 'x', regex: 'ab', severity: 'urgent' }] }), /unknown variant `urgent`, expected one of `low`, `medium`, `high`, `critical`/],
  ['reportPlaceholders type', () => new Scanner({ customRules: [{ id: 'p', regex: 'ab', reportPlaceholders: 'yes' }] }), /invalid type: string "yes", expected a boolean/],
  ['keywords not a list', () => new Scanner({ customRules: [{ id: 'k', regex: 'ab', keywords: 'ab' }] }), /customRules\[0\]: `keywords` must be an array, got string/],
  ['custom rule not an object', () => new Scanner({ customRules: ['ab'] }), /customRules\[0\] must be an object, got string/],
  ['custom rule id taken', () => new Scanner({ customRules: [{ id: 'github-pat-classic', regex: 'ab' }] }), /`github-pat-classic` is already taken/],
  ['custom rule empty id', () => new Scanner({ customRules: [{ id: ' ', regex: 'ab' }] }), /non-empty `id`/],
  ['custom keyword not ASCII', () => new Scanner({ customRules: [{ id: 'k', regex: 'ab', keywords: ['ключ'] }] }), /keyword `ключ` must be non-empty ASCII/],
  ['invalid allow regex', () => new Scanner({ allow: ['(['] }), /allow pattern `\(\[` is not a valid regex/],
];

for (const [name, fn, pattern] of cases) {
  test(`bad input throws a clear Error: ${name}`, () => assertThrowsClearly(fn, pattern));
}

test('every scanner still works after all those errors', () => {
  for (const [, fn] of cases) assert.throws(fn);
  assert.equal(scan(`k = ${GITHUB_PAT}`)[0].ruleId, 'github-pat-classic');
  assert.equal(scanner.scan(`k = ${GITHUB_PAT}`)[0].ruleId, 'github-pat-classic');
  assert.equal(new Scanner().scan(`k = ${GITHUB_PAT}`).length, 1);
  assert.equal(redact(`k = ${GITHUB_PAT}`), 'k = ghp_…Lq17');
});

test('undefined and null options mean the defaults', () => {
  assert.equal(scan(`k = ${GITHUB_PAT}`, undefined).length, 1);
  assert.equal(scan(`k = ${GITHUB_PAT}`, null).length, 1);
  assert.equal(new Scanner(null).scan(`k = ${GITHUB_PAT}`, {}).length, 1);
  assert.equal(new Scanner(undefined).scan(`k = ${GITHUB_PAT}`, null).length, 1);
});

test('a freed Scanner throws a clear Error on every method; a second free() does nothing', () => {
  const freed = new Scanner({});
  freed.free();
  assertThrowsClearly(() => freed.scan('x'), /^keyward: Scanner\.scan\(\) called after free\(\)$/);
  assertThrowsClearly(() => freed.rules(), /^keyward: Scanner\.rules\(\) called after free\(\)$/);
  assertThrowsClearly(() => freed.redact('x'), /^keyward: Scanner\.redact\(\) called after free\(\)$/);
  freed.free();
  freed[Symbol.dispose]?.();
  assert.equal(scan(`k = ${GITHUB_PAT}`).length, 1, 'other scanners are unaffected');
});

test('keyward/web before init(): every call throws a clear Error, and works once initialized', () => {
  const result = nodeInProject(['--input-type=module', '-e', `
    import { createRequire } from 'node:module';
    import { readFileSync } from 'node:fs';
    import { initSync, scan, rules, redact, precompile, Scanner } from 'keyward/web';
    const outcomes = [];
    for (const call of [() => scan('x'), () => rules(), () => redact('x'), () => precompile(0, 1), () => new Scanner()]) {
      try { call(); outcomes.push('no error'); } catch (e) { outcomes.push(e.constructor.name + ': ' + e.message); }
    }
    initSync({ module: readFileSync(createRequire(process.cwd() + '/').resolve('keyward/keyward_wasm_bg.wasm')) });
    outcomes.push(scan('k = ${GITHUB_PAT}').length);
    console.log(JSON.stringify(outcomes));`]);
  assert.equal(result.status, 0, result.stderr);
  const message = 'Error: keyward: not initialized: call `await init()` (or `initSync({ module })`) once before scan(), rules(), redact(), precompile() or new Scanner()';
  assert.deepEqual(JSON.parse(result.stdout), [message, message, message, message, message, 1]);
});
