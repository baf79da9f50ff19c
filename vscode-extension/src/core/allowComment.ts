/** "Allow on this line": the `keyward:allow` marker in the language's comment syntax. The core
 * honours the marker anywhere on the secret's line, or `keyward:allow-next-line` on the line before. */

import type { LineEdit } from "./envRead";

const MARKER = "keyward:allow";

type CommentStyle = { open: string; close?: string } | "lineAbove";

const STYLES: Record<string, CommentStyle> = {};
function define(languageIds: string[], style: CommentStyle): void {
  for (const id of languageIds) STYLES[id] = style;
}

define(
  ["python", "shellscript", "ruby", "perl", "r", "yaml", "dockercompose", "dockerfile", "makefile", "toml", "powershell", "elixir",
    "coffeescript", "julia", "terraform", "hcl", "cmake", "nim", "tcl", "ignore", "gitignore", "properties", "raku", "graphql"],
  { open: "#" },
);
define(
  ["javascript", "typescript", "javascriptreact", "typescriptreact", "go", "rust", "java", "kotlin", "scala", "groovy", "c", "cpp",
    "objective-c", "objective-cpp", "csharp", "fsharp", "swift", "dart", "php", "jsonc", "json5", "scss", "less", "zig", "proto", "solidity", "vue", "svelte"],
  { open: "//" },
);
define(["sql", "lua", "haskell", "elm", "ada", "plsql"], { open: "--" });
define(["ini", "clojure", "lisp", "scheme"], { open: ";" });
define(["latex", "tex", "erlang", "matlab", "octave"], { open: "%" });
define(["vb"], { open: "'" });
define(["html", "xml", "markdown", "xsl", "svg"], { open: "<!--", close: "-->" });
define(["css"], { open: "/*", close: "*/" });
define(["plaintext"], { open: "" });
// dotenv loaders disagree on inline comments (Docker's env_file keeps them in the value).
define(["dotenv", "env"], "lineAbove");

/** The edit that silences findings on `line`, or undefined for a language without comments
 * (JSON). `lines` is the document; `isDotenv` marks `.env` files whatever their language id. */
export function allowEdit(languageId: string, lines: string[], line: number, isDotenv = false): LineEdit | undefined {
  const style = isDotenv ? "lineAbove" : STYLES[languageId];
  if (!style) return undefined;
  const text = lines[line];
  if (style === "lineAbove") {
    const indent = /^\s*/.exec(text)?.[0] ?? "";
    return { line, start: 0, end: 0, text: `${indent}# ${MARKER}-next-line\n` };
  }
  const comment = [style.open, MARKER, style.close].filter(Boolean).join(" ");
  const end = text.replace(/\s+$/, "").length;
  return { line, start: end, end: text.length, text: ` ${comment}` };
}
