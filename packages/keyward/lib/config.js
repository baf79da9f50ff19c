// `.keyward.toml` and `.keywardignore`, as the native CLI reads them (docs/cli.md): each is the
// nearest one upward from the scanned folder, up to the root of the git repository around it;
// `--config FILE` names the config instead. A setup is what a scanned path gets: its config, the
// scanner built from it and the command line's overrides, and the fingerprints its ignore file
// accepts. The TOML is parsed by smol-toml; excludes are gitignore patterns (the `ignore` package).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parse: parseToml } = require('smol-toml');
const createIgnore = require('ignore');
const { Scanner } = require('../index.cjs');

const CONFIG_FILE_NAME = '.keyward.toml';
const IGNORE_FILE_NAME = '.keywardignore';
const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
const CONFIDENCES = ['low', 'medium', 'high'];
/** The file's keys (camelCase, like the JS API), with the check each value must pass. */
const CONFIG_KEYS = {
  disable: stringList,
  allow: stringList,
  exclude: stringList,
  rules: (value, key) => {
    if (!Array.isArray(value) || value.some((rule) => typeof rule !== 'object' || rule === null || Array.isArray(rule))) {
      throw new ConfigError(`\`${key}\` must be an array of tables ([[rules]])`);
    }
  },
  minConfidence: (value, key) => {
    if (!CONFIDENCES.includes(value)) throw new ConfigError(`\`${key}\`: unknown variant \`${value}\`, expected one of ${CONFIDENCES.map((c) => `\`${c}\``).join(', ')}`);
  },
  maxFileSize: (value, key) => {
    if (typeof value === 'number' || typeof value === 'bigint') return;
    parseSize(value, key);
  },
};

/** A refused config, baseline or ignore file: exit status 2 with this message. */
class ConfigError extends Error {}

function stringList(value, key) {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new ConfigError(`\`${key}\` must be an array of strings`);
  }
}

/** `4096`, `512K`, `10M`, `1G` (binary units; an optional trailing `B` or `iB`). */
function parseSize(text, what = 'size') {
  const match = typeof text === 'string' && /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  const bytes = match && Number(match[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase()];
  if (!match || !Number.isSafeInteger(bytes)) {
    throw new ConfigError(`${what}: \`${String(text).trim()}\` is not a size (examples: 4096, 512K, 10M, 1G)`);
  }
  return bytes;
}

/**
 * The file `name` nearest to `start` (a folder): in `start`, then in each parent folder up to and
 * including the root of the git repository that contains `start`; outside a repository, up to
 * the file system's root.
 */
function discover(start, name) {
  for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, name);
    if (isFile(candidate)) return candidate;
    if (fs.existsSync(path.join(folder, '.git')) || path.dirname(folder) === folder) return null;
  }
}

function isFile(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function readText(file, what) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${what}${file}: ${error.message}`);
  }
}

/** The config file's settings, validated; `{}` when there is no file. */
function loadConfig(file) {
  if (!file) return {};
  const named = (message) => new ConfigError(`invalid config ${file}: ${message}`);
  let settings;
  try {
    settings = parseToml(readText(file, 'config '));
  } catch (error) {
    throw error instanceof ConfigError ? error : named(error.message.trim());
  }
  for (const [key, value] of Object.entries(settings)) {
    const check = CONFIG_KEYS[key];
    if (!check) {
      throw named(`unknown field \`${key}\`, expected one of ${Object.keys(CONFIG_KEYS).map((k) => `\`${k}\``).join(', ')}`);
    }
    try {
      check(value, key);
    } catch (error) {
      throw named(error.message);
    }
  }
  return settings;
}

/** Fingerprints listed in a `.keywardignore`: one per line, `#` starts a comment. */
function readIgnoreFile(file) {
  const fingerprints = new Set();
  readText(file, '').split(/\r?\n/).forEach((line, index) => {
    const entry = line.split('#')[0].trim();
    if (!entry) return;
    if (!/^[0-9a-fA-F]{32}$/.test(entry)) {
      throw new ConfigError(`${file}:${index + 1}: \`${entry}\` is not a fingerprint (32 hex digits, as in \`keyward scan --format json\`)`);
    }
    fingerprints.add(entry.toLowerCase());
  });
  return fingerprints;
}

/** A config's excludes: gitignore patterns relative to the config file's folder. */
function excluder(patterns, root) {
  if (!patterns?.length) return () => false;
  const matcher = createIgnore().add(patterns);
  return (file, isDir) => {
    const relative = path.relative(root, path.resolve(file)).split(path.sep).join('/');
    // Paths outside the config's folder are never excluded.
    if (!relative || relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) return false;
    return matcher.ignores(isDir ? `${relative}/` : relative);
  };
}

/**
 * What a scanned path gets: `{ scanner, ignored, maxFileSize, isExcluded(file, isDir) }`, one
 * per distinct (config file, ignore file) pair, built on first use. `options` are the command
 * line's: `config`, `minConfidence`, `maxFileSize`, `disable`.
 */
class Setups {
  constructor(options) {
    this.options = options;
    this.byKey = new Map();
  }

  forFolder(folder) {
    const configFile = this.options.config ?? discover(folder, CONFIG_FILE_NAME);
    const ignoreFile = discover(folder, IGNORE_FILE_NAME);
    const key = `${configFile}\0${ignoreFile}`;
    if (!this.byKey.has(key)) this.byKey.set(key, this.build(configFile, ignoreFile, folder));
    return this.byKey.get(key);
  }

  build(configFile, ignoreFile, folder) {
    const settings = loadConfig(configFile);
    const root = configFile ? path.dirname(path.resolve(configFile)) : path.resolve(folder);
    let scanner;
    try {
      scanner = new Scanner({
        disable: [...(settings.disable ?? []), ...this.options.disable],
        customRules: settings.rules ?? [],
        allow: settings.allow ?? [],
        minConfidence: this.options.minConfidence ?? settings.minConfidence,
      });
    } catch (error) {
      // The JS API names its own argument (`new Scanner() config: customRules[0]`); say `rules[0]`.
      const message = error.message.replace(/^keyward: /, '').replace(/new Scanner\(\)( config)?:? ?/, '')
        .replace(/customRules\[/g, 'rules[');
      throw new ConfigError(configFile ? `invalid config ${configFile}: ${message}` : message);
    }
    const fileSize = settings.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE
      : typeof settings.maxFileSize === 'string' ? parseSize(settings.maxFileSize) : Number(settings.maxFileSize);
    return {
      scanner,
      ignored: ignoreFile ? readIgnoreFile(ignoreFile) : new Set(),
      maxFileSize: this.options.maxFileSize ?? fileSize,
      isExcluded: excluder(settings.exclude, root),
    };
  }

  /** Every setup built so far. */
  list() {
    return [...this.byKey.values()];
  }

  free() {
    for (const setup of this.list()) setup.scanner.free();
  }
}

module.exports = { ConfigError, Setups, parseSize, discover, CONFIG_FILE_NAME };
