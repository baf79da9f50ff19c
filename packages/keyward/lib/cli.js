// The npm CLI: argument parsing and the scan/rules commands. Files come from lib/files.js,
// output shapes from lib/format.js; the scanning is the wasm core's.
'use strict';
const { parseArgs } = require('node:util');
const { Scanner } = require('../index.cjs');
const { collectInputs } = require('./files.js');
const format = require('./format.js');

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;
const FORMATS = ['text', 'json', 'sarif'];
const CONFIDENCES = ['low', 'medium', 'high'];
const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

const HELP = `keyward finds leaked credentials (API keys, tokens, private keys) in files, folders and
standard input. Nothing leaves the machine.

Usage:
  keyward scan [PATH...] [options]   scan files and folders (\`-\` or --stdin: standard input)
  keyward rules [--format json]      list every rule

Options:
  -f, --format <text|json|sarif>     output format (default: text)
      --stdin                        scan standard input (also the default when it is piped and no PATH is given)
      --min-confidence <low|medium|high>
                                     report only findings of at least this confidence
      --disable <rule-id>            turn a rule off (repeatable)
      --show-secret                  print the raw secrets too (off: output is safe to share)
      --no-ignore                    also scan files that .gitignore would skip
      --max-file-size <SIZE>         skip larger files, e.g. 512K, 10M (default 10M)
  -h, --help, -V, --version

Exit status: 0 clean, 1 findings, 2 error (bad argument; an unreadable file when nothing was found).`;

class UsageError extends Error {}

/** `512K`, `10M`, `1G` or a byte count. */
function parseSize(text) {
  const match = /^(\d+)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!match) throw new UsageError(`invalid size \`${text}\` (expected e.g. 512K, 10M)`);
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase()];
  return Number(match[1]) * scale;
}

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
      format: { type: 'string', short: 'f', default: 'text' },
      stdin: { type: 'boolean', default: false },
      'min-confidence': { type: 'string' },
      disable: { type: 'string', multiple: true, default: [] },
      'show-secret': { type: 'boolean', default: false },
      'no-ignore': { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      threads: { type: 'string', short: 'j' }, // accepted for CLI compatibility; the wasm scans on one thread
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'V', default: false },
    },
  });
  return {
    command: positionals[0],
    paths: positionals.slice(1),
    format: oneOf('format', values.format, FORMATS),
    stdin: values.stdin,
    minConfidence: oneOf('min-confidence', values['min-confidence'], CONFIDENCES),
    disable: values.disable,
    showSecret: values['show-secret'],
    noIgnore: values['no-ignore'],
    maxFileSize: values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(values['max-file-size']),
    help: values.help,
    version: values.version,
  };
}

function scanCommand(args, out) {
  const started = process.hrtime.bigint();
  const scanner = new Scanner({ disable: args.disable, minConfidence: args.minConfidence });
  const paths = args.stdin ? ['-', ...args.paths] : args.paths;
  const useStdin = paths.length === 0 && !process.stdin.isTTY;
  const outcome = { findings: [], filesScanned: 0, bytesScanned: 0, filesSkipped: 0, errors: 0 };
  const report = {
    error(message) {
      outcome.errors++;
      process.stderr.write(`keyward: error: ${message}\n`);
    },
    skip(path, reason) {
      outcome.filesSkipped++;
      if (reason) process.stderr.write(`keyward: skipped ${path}: ${reason}\n`);
    },
  };
  for (const { path, text } of collectInputs(useStdin ? ['-'] : paths.length ? paths : ['.'], args, report)) {
    outcome.filesScanned++;
    outcome.bytesScanned += Buffer.byteLength(text);
    for (const finding of scanner.scan(text, { includeSecret: args.showSecret })) {
      outcome.findings.push({ ...finding, path });
    }
  }
  outcome.findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start));
  out.write(format.findings(args.format, outcome.findings, scanner.rules()));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(format.summary(outcome, seconds) + '\n');
  scanner.free();
  if (outcome.findings.length > 0) return EXIT_FINDINGS;
  return outcome.errors > 0 ? EXIT_ERROR : EXIT_CLEAN;
}

function rulesCommand(args, out) {
  if (args.format === 'sarif') throw new UsageError('`rules` prints text or json, not sarif');
  const scanner = new Scanner({ disable: args.disable });
  out.write(format.rules(args.format, scanner.rules()));
  scanner.free();
  return EXIT_CLEAN;
}

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
    if (args.command === 'scan') return scanCommand(args, out);
    if (args.command === 'rules') return rulesCommand(args, out);
    throw new UsageError(`unknown command \`${args.command}\` (expected scan or rules; see --help)`);
  } catch (error) {
    // Bad arguments (ours or parseArgs'), or a Scanner config the core refused (unknown rule id).
    process.stderr.write(`keyward: error: ${error.message.replace(/^keyward: /, '')}\n`);
    return EXIT_ERROR;
  }
}

module.exports = { main };
