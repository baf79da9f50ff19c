// The declarations describe the real shapes: tsc accepts correct use of every entry (for a
// browser consumer and a Node-only one) and rejects wrong use, so nothing is `any`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT } from './helpers.mjs';

const GOOD = `
import init, { scan, Scanner, rules, redact, initSync, type Finding, type RuleInfo, type Confidence } from 'keyward';
import * as inline from 'keyward/inline';
import * as web from 'keyward/web';

export async function use(text: string): Promise<string> {
  await init();
  const findings: Finding[] = scan(text, { minConfidence: 'high', includeSecret: true });
  const first: Finding | undefined = findings[0];
  const span: [number, number, number, number] = first ? [first.startIndex, first.endIndex, first.line, first.endColumn] : [0, 0, 0, 0];
  const secret: string | undefined = first?.secret;
  const confidence: Confidence | undefined = first?.confidence;
  const scanner = new Scanner({ disable: ['github-pat-classic'], allow: ['^test_'],
    customRules: [{ id: 'acme', regex: 'acme_[a-z]{8}', keywords: ['acme_'], confidence: 'low', title: 'ACME' }] });
  const active: RuleInfo[] = scanner.rules();
  const envVars: string[] = rules().map((r) => r.envVar);
  scanner.free();
  initSync({ module: new Uint8Array(0) });
  const viaInline: Finding[] = inline.scan(text);
  await web.default();
  return [span.join(), secret, confidence, active.length, envVars.length, viaInline.length, redact(text)].join();
}
`;

const BAD = `
import { scan, Scanner } from 'keyward';
scan(42);
scan('x', { minConfidence: 'extreme' });
new Scanner({ bogus: true });
const n: number = scan('x')[0].ruleId;
scan('x')[0].ruleid;
`;

function tsc(name, source, lib) {
  const dir = join(PROJECT, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.ts'), source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022',
      lib, types: ['node'], typeRoots: [process.env.TYPES_ROOT],
    },
    files: ['index.ts'],
  }));
  try {
    execFileSync(process.env.TSC, ['-p', dir], { encoding: 'utf8' });
    return '';
  } catch (error) {
    return error.stdout || String(error);
  }
}

test('tsc accepts correct use, in a browser project and a Node-only project', () => {
  assert.equal(tsc('types-dom', GOOD, ['es2022', 'dom']), '');
  assert.equal(tsc('types-node', GOOD, ['es2022']), '');
});

test('tsc rejects wrong use: the types are not any', () => {
  const errors = tsc('types-bad', BAD, ['es2022', 'dom']);
  for (const line of [3, 4, 5, 6, 7]) assert.match(errors, new RegExp(`index\\.ts\\(${line},\\d+\\): error TS`), errors);
});
