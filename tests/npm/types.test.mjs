// The declarations are true in every modern resolution mode: @arethetypeswrong/cli finds no
// problem in the packed tarball, and tsc type-checks a consumer written as a TypeScript user
// would, as CommonJS and as ES modules under `nodenext`, and under `bundler`; the compiled
// consumers then run, so what the types promise (a callable default `init`, `truncated`, named
// `init`) is what the package does. Wrong use is rejected, so nothing is `any`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GITHUB_PAT, PROJECT } from './helpers.mjs';

/** Uses every export as the README shows it; returns what the run saw, checked below. */
const CONSUMER = `
import init, { init as namedInit, initSync, scan, Scanner, rules, redact } from 'keyward';
import type { Confidence, Finding, Findings, RuleInfo, Severity, TextOrBytes } from 'keyward';

export async function use(text: string) {
  await init();
  await namedInit();
  initSync({ module: new Uint8Array(0) });
  const findings: Findings = scan(text, { minConfidence: 'high', includeSecret: true });
  const truncated: boolean = findings.truncated;
  const asArray: Finding[] = findings;
  const first: Finding | undefined = asArray[0];
  const confidence: Confidence | undefined = first?.confidence;
  const severity: Severity | undefined = first?.severity;
  const revokeUrl: string | null | undefined = first?.revokeUrl;
  const span = first ? [first.startIndex, first.endIndex, first.line, first.endColumn] : [];
  const scanner = new Scanner({ disable: ['aws-access-key-id'], allow: ['^test_'],
    customRules: [{ id: 'acme', regex: 'acme_[a-z]{8}', keywords: ['acme_'], confidence: 'low', severity: 'medium', reportPlaceholders: true }] });
  const active: RuleInfo[] = scanner.rules();
  const custom: Severity | undefined = active.find((r) => r.custom)?.severity;
  const withNull: number = new Scanner(null).scan(text, null).length;
  scanner.free();
  const web = await import('keyward/web');
  const inline = await import('keyward/inline');
  const viaInline: Findings = inline.scan(text);
  const bytes: TextOrBytes = new TextEncoder().encode(text);
  const fromBytes: Findings = scan(bytes);
  return {
    ruleId: first?.ruleId, truncated, confidence, severity, revokeUrl, span: span.length, secret: first?.secret,
    custom, withNull, envVars: rules().every((r) => typeof r.envVar === 'string'), redacted: redact(text),
    webInit: typeof web.default === typeof web.init, inline: viaInline.length, bytes: fromBytes.length,
  };
}
`;

/** A consumer project under the scratch project (so `keyward` resolves to the installed tarball). */
function project(name, { type, module, moduleResolution, main }) {
  const dir = join(PROJECT, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type }));
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER);
  writeFileSync(join(dir, 'main.ts'), main);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, module, moduleResolution, target: 'es2022', outDir: 'out', lib: ['es2022'],
      types: ['node'], typeRoots: [process.env.TYPES_ROOT], skipLibCheck: false,
    },
    files: ['consumer.ts', 'main.ts'],
  }));
  return dir;
}

function tsc(dir, ...args) {
  const result = spawnSync(process.env.TSC, ['-p', dir, ...args], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stdout + result.stderr;
}

const TEXT = `token = "${GITHUB_PAT}"\n`;
const MAIN_ESM = `import { use } from './consumer.js';\nconsole.log(JSON.stringify(await use(process.argv[2])));\n`;
const MAIN_CJS = `import { use } from './consumer';\nuse(process.argv[2]).then((r) => console.log(JSON.stringify(r)));\n`;

const MODES = {
  'node16 from CommonJS': { type: 'commonjs', module: 'node16', moduleResolution: 'node16', main: MAIN_CJS },
  'node16 from ESM': { type: 'module', module: 'node16', moduleResolution: 'node16', main: MAIN_ESM },
  'nodenext from ESM': { type: 'module', module: 'nodenext', moduleResolution: 'nodenext', main: MAIN_ESM },
  bundler: { type: 'module', module: 'esnext', moduleResolution: 'bundler', main: MAIN_ESM },
};

for (const [mode, options] of Object.entries(MODES)) {
  test(`tsc (${mode}) accepts the documented use, and the compiled consumer runs as typed`, () => {
    const dir = project(`types-${mode.replace(/\W+/g, '-')}`, options);
    assert.equal(tsc(dir), '', `tsc failed in ${mode}`);
    const run = spawnSync(process.execPath, [join(dir, 'out', 'main.js'), TEXT], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      ruleId: 'github-pat-classic', truncated: false, confidence: 'high', severity: 'high',
      revokeUrl: 'https://github.com/settings/tokens', span: 4, secret: GITHUB_PAT, custom: 'medium', withNull: 1,
      envVars: true, redacted: 'token = "ghp_…Lq17"\n', webInit: true, inline: 1, bytes: 1,
    });
  });
}

test('tsc rejects wrong use: the types are not any', () => {
  const dir = project('types-bad', { ...MODES['nodenext from ESM'], main: `
import { scan, Scanner } from 'keyward';
scan(42);
scan('x', { minConfidence: 'extreme' });
new Scanner({ bogus: true });
const n: number = scan('x')[0].ruleId;
scan('x')[0].ruleid;
const url: string = scan('x')[0].revokeUrl;
scan('x').truncated = true;
new Scanner({ customRules: [{ id: 'a', regex: 'b', severity: 'urgent' }] });
scan(new Uint16Array(1));
` });
  const errors = tsc(dir, '--noEmit');
  for (const line of [3, 4, 5, 6, 7, 8, 9, 10, 11]) assert.match(errors, new RegExp(`main\\.ts\\(${line},\\d+\\): error TS`), errors);
});

test('@arethetypeswrong/cli --profile node16: no problem in the tarball but ESM-only subpaths', () => {
  const attw = join(dirname(createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');
  const table = spawnSync(process.execPath, [attw, process.env.KEYWARD_TARBALL, '--profile', 'node16',
    '--exclude-entrypoints', './keyward_wasm_bg.wasm', '--ignore-rules', 'cjs-resolves-to-esm'], { encoding: 'utf8' });
  console.log(table.stdout);
  assert.equal(table.status, 0, table.stdout + table.stderr);
  // The JSON report lists every problem, ignored or not: outside node10 (not supported for
  // subpaths) and the .wasm (an asset, not a module), only the ESM-only browser entries may show,
  // and only as "a require() gets ESM" (true: they are ES modules).
  const json = spawnSync(process.execPath, [attw, process.env.KEYWARD_TARBALL, '--format', 'json'], { encoding: 'utf8' });
  const problems = JSON.parse(json.stdout).analysis.problems
    .filter((p) => p.resolutionKind !== 'node10' && p.entrypoint !== './keyward_wasm_bg.wasm')
    .map((p) => `${p.kind} ${p.entrypoint} ${p.resolutionKind}`);
  assert.deepEqual(problems.sort(), ['CJSResolvesToESM ./inline node16-cjs', 'CJSResolvesToESM ./web node16-cjs']);
});
