// The npm CLI: the native `keyward` CLI's `scan`, `baseline` and `rules` commands, options, output
// formats and exit codes (0 clean, 1 findings, 2 error) on the wasm core, for JS projects without
// a Rust toolchain. Inputs come from lib/files.js (paths, stdin) and lib/staged.js (git's index),
// settings from lib/config.js, output shapes from lib/format.js.
'use strict';
const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { ConfigError, Setups, parseSize } = require('./config.js');
const { scanPaths } = require('./files.js');
const { scanStaged, GitError } = require('./staged.js');
const { Session } = require('./session.js');
const format = require('./format.js');

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;
const FORMATS = ['text', 'json', 'sarif', 'github'];
const LIST_FORMATS = ['text', 'json'];
const CONFIDENCES = ['low', 'medium', 'high'];

const HELP = `keyward finds leaked credentials (API keys, tokens, private keys) in files, folders,
standard input and git's staged content. Nothing leaves the machine.

Usage:
  keyward scan [PATH...] [options]   scan files and folders (\`-\` or --stdin: standard input)
  keyward scan --staged [PATH...]    what the next commit adds (git's index against HEAD)
  keyward baseline [PATH...] -o FILE accept today's findings: write their fingerprints to FILE
  keyward rules [--format json]      list every rule

Options:
  -f, --format <text|json|sarif|github>
                                     output format (default: text; rules: text or json)
  -o, --output <FILE>                write the report (or the baseline) to FILE
      --staged                       scan what the next commit adds, for a pre-commit hook
      --stdin                        scan standard input (also the default when it is piped and no PATH is given)
      --config <FILE>                default: the nearest .keyward.toml upward from each scanned path,
                                     up to the git repository's root
      --baseline <FILE>              hide the findings whose fingerprints FILE lists (see \`baseline\`)
      --min-confidence <low|medium|high>
                                     report only findings of at least this confidence
      --disable <rule-id>            turn a rule off (repeatable)
      --show-fingerprint             print each finding's fingerprint (what .keywardignore lists)
      --show-secret                  print the raw secrets too (off: output is safe to share)
      --no-ignore                    also scan files that .gitignore would skip
      --max-file-size <SIZE>         skip larger files, e.g. 512K, 10M (default 10M; not for --staged)
  -h, --help, -V, --version

Exit status: 0 clean, 1 findings, 2 error (bad argument or config; an unreadable file when
nothing was found). \`keyward history\` (secrets in git history) is in the native CLI only.`;

/** Told when `--staged` blocks a commit (the native CLI's words). */
const STAGED_BLOCKED = `keyward: the commit is blocked: the staged changes add the secrets above. Remove them (and revoke
  any that was ever pushed or shared), then \`git add\` again. If a finding is not a secret:
  - allow its line with a \`# keyward:allow\` comment (any comment syntax);
  - or add its fingerprint to .keywardignore (\`keyward scan --staged --show-fingerprint\` prints it);
  - or accept every current finding: \`keyward baseline -o .keyward-baseline.json\`, then scan with
    \`--baseline .keyward-baseline.json\`.
  To bypass the check for this one commit: \`git commit --no-verify\`.
`;

class UsageError extends Error {}

function oneOf(name, value, allowed) {
  if (value !== undefined && !allowed.includes(value)) {
    throw new UsageError(`invalid value \`${value}\` for --${name} (expected one of: ${allowed.join(', ')})`);
  }
  return value;
}

function parse(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      staged: { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      config: { type: 'string' },
      baseline: { type: 'string' },
      'min-confidence': { type: 'string' },
      disable: { type: 'string', multiple: true, default: [] },
      'show-fingerprint': { type: 'boolean', default: false },
      'show-secret': { type: 'boolean', default: false },
      'no-ignore': { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      threads: { type: 'string', short: 'j' }, // accepted for CLI compatibility; the wasm scans on one thread
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'V', default: false },
    },
  });
  const command = positionals[0];
  const maxFileSize = values['max-file-size'];
  return {
    command,
    paths: positionals.slice(1),
    format: oneOf('format', values.format, command === 'rules' ? LIST_FORMATS : FORMATS) ?? 'text',
    output: values.output,
    staged: values.staged,
    stdin: values.stdin,
    baseline: values.baseline,
    showFingerprint: values['show-fingerprint'],
    showSecret: values['show-secret'],
    noIgnore: values['no-ignore'],
    rules: {
      config: values.config,
      minConfidence: oneOf('min-confidence', values['min-confidence'], CONFIDENCES),
      disable: values.disable,
      maxFileSize: maxFileSize === undefined ? undefined : parseSize(maxFileSize, '--max-file-size'),
    },
    help: values.help,
    version: values.version,
  };
}

/** Fingerprints a `--baseline` file lists (`keyward baseline` writes it). */
function readBaseline(file) {
  if (!file) return new Set();
  let document;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(error.code ? `cannot read baseline ${file}: ${error.message}`
      : `invalid baseline ${file}: ${error.message} (write one with \`keyward baseline -o FILE\`)`);
  }
  if (document?.keywardBaseline !== 1 || !Array.isArray(document.findings)
    || document.findings.some((entry) => typeof entry?.fingerprint !== 'string')) {
    throw new ConfigError(`invalid baseline ${file}: not a keyward baseline of version 1 (write one with \`keyward baseline -o FILE\`)`);
  }
  return new Set(document.findings.map((entry) => entry.fingerprint));
}

/** Writes a finished document to `file` or standard output; a failed file write leaves no file. */
function deliver(document, file, out) {
  if (file === undefined) return out.write(document);
  try {
    fs.writeFileSync(file, document);
  } catch (error) {
    if (fs.lstatSync(file, { throwIfNoEntry: false })?.isFile()) fs.rmSync(file, { force: true });
    throw new ConfigError(`cannot write ${file}: ${error.message}`);
  }
}

/** Runs the scan of `args` (paths, stdin or the index) into a new session; returns the report base. */
async function collect(args, session, setups) {
  const cwd = process.cwd();
  if (args.staged) {
    if (args.paths.includes('-') || args.stdin) {
      throw new UsageError('--staged reads git\'s index: `-` (standard input) cannot be named with it');
    }
    return scanStaged(args.paths, setups.forFolder(cwd), session);
  }
  let paths = args.stdin ? ['-', ...args.paths] : args.paths;
  if (paths.length === 0) paths = [stdinIsPiped() ? '-' : '.'];
  scanPaths(paths, args, setups, session);
  return cwd;
}

/** A file, pipe or socket on stdin means "scan it"; a terminal or /dev/null (CI, git hooks) does not. */
function stdinIsPiped() {
  try {
    const stat = fs.fstatSync(0);
    return stat.isFile() || stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

async function scanCommand(args, out) {
  const started = process.hrtime.bigint();
  const session = new Session({ showSecret: args.showSecret, baseline: readBaseline(args.baseline) });
  const setups = new Setups(args.rules);
  try {
    const base = await collect(args, session, setups);
    const outcome = session.finish();
    const rules = [...new Map(setups.list().flatMap((setup) => setup.scanner.rules()).map((r) => [r.id, r])).values()];
    deliver(format.report(args.format, outcome, { rules, base, showFingerprint: args.showFingerprint }), args.output, out);
    process.stderr.write(format.summary(outcome, Number(process.hrtime.bigint() - started) / 1e9) + '\n');
    if (args.staged && outcome.findings.length > 0) process.stderr.write(STAGED_BLOCKED);
    if (outcome.findings.length > 0) return EXIT_FINDINGS;
    return outcome.errors > 0 ? EXIT_ERROR : EXIT_CLEAN;
  } finally {
    setups.free();
  }
}

async function baselineCommand(args, out) {
  const session = new Session();
  const setups = new Setups(args.rules);
  try {
    await collect(args, session, setups);
    const outcome = session.finish();
    deliver(format.baseline(outcome.findings), args.output, out);
    process.stderr.write(`keyward: baseline of ${outcome.findings.length} finding(s) written to ${args.output ?? 'standard output'}\n`);
    return outcome.errors > 0 ? EXIT_ERROR : EXIT_CLEAN;
  } finally {
    setups.free();
  }
}

function rulesCommand(args, out) {
  const setups = new Setups(args.rules);
  try {
    out.write(format.rules(args.format, setups.forFolder(process.cwd()).scanner.rules()));
    return EXIT_CLEAN;
  } finally {
    setups.free();
  }
}

const COMMANDS = { scan: scanCommand, baseline: baselineCommand, rules: rulesCommand };

/** Runs the CLI; resolves to the exit status. Output goes to stdout, messages to stderr. */
async function main(argv, out = process.stdout) {
  try {
    const args = parse(argv);
    if (args.version) {
      out.write(`keyward ${require('../package.json').version}\n`);
      return EXIT_CLEAN;
    }
    if (args.help || args.command === undefined) {
      (args.help ? out : process.stderr).write(HELP + '\n');
      return args.help ? EXIT_CLEAN : EXIT_ERROR;
    }
    if (args.command === 'history') throw new UsageError('`history` needs the native CLI (cargo install keyward); the npm CLI scans files, stdin and staged changes');
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`unknown command \`${args.command}\` (expected scan, baseline or rules; see --help)`);
    return await command(args, out);
  } catch (error) {
    // Bad arguments (ours or parseArgs'), a refused config or baseline, git failing. Anything
    // else is a bug: say so with its stack.
    const expected = error instanceof UsageError || error instanceof ConfigError || error instanceof GitError
      || error.code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`keyward: error: ${expected ? error.message.replace(/^keyward: /, '') : error.stack}\n`);
    return EXIT_ERROR;
  }
}

module.exports = { main };
