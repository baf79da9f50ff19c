// Types of the `keyward` package: one API for every entry (Node require/import, `keyward/web`,
// `keyward/inline`). In browsers and bundlers the default entry must be initialized first:
// `await init()` (fetches the .wasm next to the glue) or `initSync({ module: bytes })`.
//
// This file describes the CommonJS entry (index.cjs, which sets `__esModule`, so `import init
// from "keyward"` compiled to CommonJS gets `exports.default`); index.d.mts re-exports it for the
// ES module entries (index.mjs, keyward/web, keyward/inline).

/** How sure the match is. */
export type Confidence = "low" | "medium" | "high";

/**
 * What is at stake if the finding is a live credential, independent of confidence:
 * `critical` for live payment keys, cloud admin and AI keys that bill; `high` for other
 * secrets; `medium` for test keys and half of a credential pair; `low` for public-by-design ids.
 */
export type Severity = "low" | "medium" | "high" | "critical";

/** A secret found in the text. The secret itself is included only with `includeSecret: true`. */
export interface Finding {
  /** Rule id, e.g. `"github-pat-classic"`. */
  ruleId: string;
  provider: string;
  title: string;
  confidence: Confidence;
  severity: Severity;
  /** Byte offsets of the secret in the text encoded as UTF-8. */
  start: number;
  end: number;
  /** 1-based line of the secret's first character. */
  line: number;
  /** 1-based column in UTF-16 code units (JS string and VS Code columns). */
  column: number;
  endLine: number;
  /** Column just after the secret (exclusive), in UTF-16 code units. */
  endColumn: number;
  /**
   * The secret's span as JS string indices: `text.slice(startIndex, endIndex)` is the secret (for
   * bytes, in the string `new TextDecoder("utf-8", { ignoreBOM: true })` makes of valid UTF-8).
   */
  startIndex: number;
  endIndex: number;
  /** Safe to show: the rule's public prefix, an ellipsis and a short tail, e.g. `"ghp_…Lq17"`. */
  redacted: string;
  /** Stable hex hash of (rule id, secret); never the secret. For baselines and dedup. */
  fingerprint: string;
  /**
   * Where the owner revokes or rotates the credential; `null` when no key-management page is
   * known (then: "revoke or rotate it in your <provider> account").
   */
  revokeUrl: string | null;
  /** The raw secret; present only when the scan was asked for it with `includeSecret: true`. */
  secret?: string;
}

/**
 * What `scan()` returns: the findings in text order, at most 10,000 of them. `truncated` (an own,
 * non-enumerable property, so `JSON.stringify` and `Object.keys` ignore it) is true when findings
 * may be missing: more than 10,000 were found, or the engine's work caps stopped part of the scan.
 */
export type Findings = Finding[] & { readonly truncated: boolean };

/** Options of a scan; `undefined` or `null` mean the defaults. */
export interface ScanOptions {
  /** Drop findings below this confidence (default: report all). */
  minConfidence?: Confidence;
  /** Add the raw `secret` to each finding (default: false). */
  includeSecret?: boolean;
}

/** A user-defined rule. Patterns use keyward's ASCII-mode regex syntax (Rust `regex`). */
export interface CustomRule {
  id: string;
  /** The regex; a named group `(?P<secret>…)` marks the secret inside a larger match. */
  regex?: string;
  /** Same as `regex`. */
  pattern?: string;
  /** ASCII literals that must appear near a match; without keywords the whole text is searched. */
  keywords?: string[];
  /** Default: `"medium"`. */
  confidence?: Confidence;
  /** Default: `"high"`. */
  severity?: Severity;
  title?: string;
  provider?: string;
  revokeUrl?: string;
  /**
   * Also report matches that look like placeholders (`xxxx`, `your-key-here`, `0123456789abcdef`,
   * template variables), which every rule drops by default. For formats whose real values look
   * like that, and for trying a rule on a made-up value. Default: `false`.
   */
  reportPlaceholders?: boolean;
}

/** A scanner's configuration; `undefined` or `null` mean the defaults. */
export interface ScannerConfig {
  /** Built-in rule ids to turn off (an unknown id is an error). */
  disable?: string[];
  customRules?: CustomRule[];
  /** Regexes: a finding whose secret matches one is dropped (e.g. a known test key). */
  allow?: string[];
  /** Fingerprints of accepted findings (a baseline). */
  allowFingerprints?: string[];
  /** Findings below this confidence are dropped by every scan of this scanner. */
  minConfidence?: Confidence;
}

/** What `rules()` tells about a rule. */
export interface RuleInfo {
  id: string;
  provider: string;
  title: string;
  category: string;
  /** As in `Finding`: `null` when no key-management page is known. */
  revokeUrl: string | null;
  /** Suggested environment variable for the credential, e.g. `"OPENAI_API_KEY"` (may be empty). */
  envVar: string;
  confidence: Confidence;
  severity: Severity;
  /** True for rules from `customRules`. */
  custom: boolean;
}

/**
 * A text to scan: a string, or its UTF-8 bytes (a `Uint8Array`, Node's `Buffer`), scanned as
 * they are like a file by the CLI: faster when you have bytes (no decoding to a string and back).
 */
export type TextOrBytes = string | Uint8Array;

/** Scans `text` with the built-in rules. Throws an `Error` on a bad argument. */
export function scan(text: TextOrBytes, options?: ScanOptions | null): Findings;

/** The built-in rule catalogue. */
export function rules(): RuleInfo[];

/** `text` with every secret replaced by its redacted form (bytes are decoded as UTF-8 first). */
export function redact(text: TextOrBytes): string;
/**
 * Compiles `count` built-in rules from index `from` (of `rules()`) now rather than on their first
 * hit, so that the first scan of a text holding keys pays nothing for them. Meant for idle time, in
 * slices short enough to let a scan through; returns the index after the last rule compiled, which
 * is `rules().length` once all are.
 */
export function precompile(from: number, count: number): number;

/** A scanner with its own rules; build once, scan many texts. */
export class Scanner {
  /** Throws an `Error` naming the problem: unknown option or rule id, invalid regex, wrong type. */
  constructor(config?: ScannerConfig | null);
  scan(text: TextOrBytes, options?: ScanOptions | null): Findings;
  /** The active rules: built-in minus disabled, then custom. */
  rules(): RuleInfo[];
  redact(text: TextOrBytes): string;
  /** Frees the wasm memory now instead of at garbage collection; later calls throw an `Error`. */
  free(): void;
}

/**
 * Where `init()` gets the wasm: a URL or path to fetch, a fetch `Response`, the bytes, or a
 * compiled `WebAssembly.Module`. Typed without DOM names, so Node-only projects compile too.
 */
export type InitInput = string | URL | ArrayBuffer | ArrayBufferView | { arrayBuffer(): Promise<ArrayBuffer> } | object;

/**
 * Loads the wasm (browser and bundler entry: required once before any call, which otherwise
 * throws; fetches `keyward_wasm_bg.wasm` next to the glue by default). In Node and
 * `keyward/inline` it is already done and this resolves at once. Also the default export.
 */
export function init(input?: { module_or_path: InitInput | Promise<InitInput> }): Promise<unknown>;
export default init;

/** Synchronous `init` from the wasm bytes or a compiled `WebAssembly.Module` (no fetch). */
export function initSync(input: { module: ArrayBuffer | ArrayBufferView | object }): unknown;
