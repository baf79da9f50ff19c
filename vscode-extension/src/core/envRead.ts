/** "Move to an environment variable": how each language reads an environment variable, and the
 * edit that swaps a secret literal for that read. Works on one line of text, so it is pure. */

/** An edit of one line: replace characters [start, end) of `line` with `text` (insert if equal). */
export interface LineEdit {
  line: number;
  start: number;
  end: number;
  text: string;
}

interface ExpressionSyntax {
  kind: "expression";
  /** The expression that reads variable `name`, e.g. `os.environ["NAME"]`. */
  read: (name: string) => string;
  /** Operator that joins strings, to splice the read into a longer literal. Without one, only a
   * secret that is the whole literal (or bare) can be replaced. */
  concat?: string;
  /** String prefixes that belong to the literal (`r"…"`, `f"…"`), replaced with it. */
  stringPrefix?: RegExp;
  /** The import line the read needs, and where it goes, when `text` lacks it. */
  importFor?: (lines: string[]) => LineEdit | undefined;
}

interface SubstitutionSyntax {
  kind: "substitution";
  /** The reference that a shell or config loader expands, e.g. `${NAME}`. */
  ref: (name: string) => string;
  /** POSIX shells: single quotes do not expand, so the reference must leave them. */
  singleQuotesAreLiteral?: boolean;
}

type EnvSyntax = ExpressionSyntax | SubstitutionSyntax;

const call = (fn: string) => (name: string) => `${fn}("${name}")`;

const pythonImport = (lines: string[]): LineEdit | undefined => {
  if (lines.some((l) => /^\s*(import\s+os\b|import\s+.*,\s*os\b|from\s+os\s+import\b)/.test(l))) return undefined;
  // After a shebang, an encoding line and `from __future__` imports, which must come first.
  let line = 0;
  while (line < lines.length && /^(#!|#.*coding[:=]|from\s+__future__\s+import\b)/.test(lines[line])) line++;
  return { line, start: 0, end: 0, text: "import os\n" };
};

const goImport = (lines: string[]): LineEdit | undefined => {
  if (lines.some((l) => /^\s*(import\s+)?(\w+\s+)?"os"\s*$/.test(l))) return undefined;
  const pkg = lines.findIndex((l) => /^\s*package\s+\w+/.test(l));
  return pkg < 0 ? undefined : { line: pkg + 1, start: 0, end: 0, text: 'import "os"\n' };
};

const SYNTAX: Record<string, EnvSyntax> = {};
function define(languageIds: string[], syntax: EnvSyntax): void {
  for (const id of languageIds) SYNTAX[id] = syntax;
}

define(["python"], { kind: "expression", read: (n) => `os.environ["${n}"]`, concat: " + ", stringPrefix: /(?<![\w])[rRbBuUfF]{1,2}$/, importFor: pythonImport });
define(["javascript", "typescript", "javascriptreact", "typescriptreact", "vue", "svelte"], { kind: "expression", read: (n) => `process.env.${n}`, concat: " + " });
define(["go"], { kind: "expression", read: call("os.Getenv"), concat: " + ", importFor: goImport });
define(["rust"], { kind: "expression", read: (n) => `std::env::var("${n}").expect("${n} is not set")` });
define(["java", "kotlin", "groovy"], { kind: "expression", read: call("System.getenv"), concat: " + " });
define(["scala"], { kind: "expression", read: (n) => `sys.env("${n}")`, concat: " + " });
define(["csharp"], { kind: "expression", read: call("System.Environment.GetEnvironmentVariable"), concat: " + " });
define(["fsharp"], { kind: "expression", read: call("System.Environment.GetEnvironmentVariable"), concat: " + " });
define(["ruby"], { kind: "expression", read: (n) => `ENV.fetch("${n}")`, concat: " + " });
define(["php"], { kind: "expression", read: (n) => `getenv('${n}')`, concat: " . " });
define(["perl"], { kind: "expression", read: (n) => `$ENV{${n}}`, concat: " . " });
define(["lua"], { kind: "expression", read: call("os.getenv"), concat: " .. " });
define(["r"], { kind: "expression", read: call("Sys.getenv") });
define(["elixir"], { kind: "expression", read: call("System.fetch_env!"), concat: " <> " });
define(["swift"], { kind: "expression", read: (n) => `ProcessInfo.processInfo.environment["${n}"]!`, concat: " + " });
define(["dart"], { kind: "expression", read: (n) => `Platform.environment['${n}']!`, concat: " + " });
define(["c", "cpp", "objective-c", "objective-cpp"], { kind: "expression", read: call("getenv") });
define(["julia"], { kind: "expression", read: (n) => `ENV["${n}"]`, concat: " * " });
define(["powershell"], { kind: "expression", read: (n) => `$env:${n}`, concat: " + " });
define(["shellscript"], { kind: "substitution", ref: (n) => `\${${n}}`, singleQuotesAreLiteral: true });
define(["yaml", "dockercompose", "dockerfile", "properties", "terraform", "hcl"], { kind: "substitution", ref: (n) => `\${${n}}` });
define(["makefile"], { kind: "substitution", ref: (n) => `$(${n})` });

/** The expression or reference reading `name` in `languageId`, e.g. `process.env.NAME`. */
export function envReadText(languageId: string, name: string): string | undefined {
  const syntax = SYNTAX[languageId];
  if (!syntax) return undefined;
  return syntax.kind === "expression" ? syntax.read(name) : syntax.ref(name);
}

/** The edits that replace the secret at `line`, characters [start, end), with a read of `name`,
 * plus any import the read needs. Undefined when the language has no env read, or when the
 * secret sits inside a longer string that the language cannot splice an expression into. */
export function envReadEdits(languageId: string, lines: string[], line: number, start: number, end: number, name: string): LineEdit[] | undefined {
  const syntax = SYNTAX[languageId];
  if (!syntax) return undefined;
  const text = lines[line];
  const literal = enclosingLiteral(text, start, end);
  const edit = syntax.kind === "expression" ? expressionEdit(syntax, text, literal, start, end, name) : substitutionEdit(syntax, literal, start, end, name);
  if (!edit) return undefined;
  const lineEdit = { line, ...edit };
  const imported = syntax.kind === "expression" ? syntax.importFor?.(lines) : undefined;
  return imported ? [imported, lineEdit] : [lineEdit];
}

interface Literal {
  quote: string;
  /** Index of the opening and of the closing quote. */
  open: number;
  close: number;
}

type Replacement = { start: number; end: number; text: string };

function expressionEdit(syntax: ExpressionSyntax, text: string, literal: Literal | undefined, start: number, end: number, name: string): Replacement | undefined {
  const read = syntax.read(name);
  if (!literal) return { start, end, text: read };
  const { quote, open, close } = literal;
  const wholeLiteral = open === start - 1 && close === end;
  if (wholeLiteral) {
    const prefix = syntax.stringPrefix?.exec(text.slice(0, open))?.[0].length ?? 0;
    return { start: open - prefix, end: close + 1, text: read };
  }
  if (quote === "`" && read.includes("process.env")) return { start, end, text: `\${${read}}` };
  const join = syntax.concat;
  if (!join) return undefined;
  if (open === start - 1) return { start: open, end, text: `${read}${join}${quote}` };
  if (close === end) return { start, end: close + 1, text: `${quote}${join}${read}` };
  return { start, end, text: `${quote}${join}${read}${join}${quote}` };
}

function substitutionEdit(syntax: SubstitutionSyntax, literal: Literal | undefined, start: number, end: number, name: string): Replacement {
  const ref = syntax.ref(name);
  if (syntax.singleQuotesAreLiteral && literal?.quote === "'") {
    const wholeLiteral = literal.open === start - 1 && literal.close === end;
    return wholeLiteral ? { start: literal.open, end: literal.close + 1, text: `"${ref}"` } : { start, end, text: `'"${ref}"'` };
  }
  return { start, end, text: ref };
}

/** The innermost quoted string on the line that contains [start, end): quotes of one kind are
 * paired left to right, skipping backslash-escaped ones. */
function enclosingLiteral(text: string, start: number, end: number): Literal | undefined {
  let best: Literal | undefined;
  for (const quote of ['"', "'", "`"]) {
    const positions: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === quote && !isEscaped(text, i)) positions.push(i);
    }
    for (let p = 0; p + 1 < positions.length; p += 2) {
      const [open, close] = [positions[p], positions[p + 1]];
      if (open < start && close >= end && (!best || open > best.open)) best = { quote, open, close };
    }
  }
  return best;
}

function isEscaped(text: string, index: number): boolean {
  let slashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === "\\"; i--) slashes++;
  return slashes % 2 === 1;
}
