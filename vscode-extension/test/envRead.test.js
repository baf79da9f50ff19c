// Unit tests of the "move to an environment variable" edit, per language.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { envReadEdits, envReadText } = require("../out/core/envRead.js");

const SECRET = "SECRET_VALUE_123";

/** Applies the edits (ordered top to bottom, on distinct lines or one line) to `text`. */
function apply(text, edits) {
  const lines = text.split("\n");
  for (const e of [...edits].sort((a, b) => b.line - a.line || b.start - a.start)) {
    lines[e.line] = lines[e.line].slice(0, e.start) + e.text + lines[e.line].slice(e.end);
  }
  return lines.join("\n");
}

/** Moves SECRET (its first occurrence) to variable NAME in `text` written in `languageId`. */
function move(languageId, text, name = "OPENAI_API_KEY") {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes(SECRET));
  const start = lines[line].indexOf(SECRET);
  const edits = envReadEdits(languageId, lines, line, start, start + SECRET.length, name);
  return edits && apply(text, edits);
}

test("each language reads the variable its own way", () => {
  const cases = {
    python: 'os.environ["OPENAI_API_KEY"]',
    javascript: "process.env.OPENAI_API_KEY",
    typescriptreact: "process.env.OPENAI_API_KEY",
    go: 'os.Getenv("OPENAI_API_KEY")',
    rust: 'std::env::var("OPENAI_API_KEY").expect("OPENAI_API_KEY is not set")',
    java: 'System.getenv("OPENAI_API_KEY")',
    csharp: 'System.Environment.GetEnvironmentVariable("OPENAI_API_KEY")',
    ruby: 'ENV.fetch("OPENAI_API_KEY")',
    php: "getenv('OPENAI_API_KEY')",
    powershell: "$env:OPENAI_API_KEY",
    shellscript: "${OPENAI_API_KEY}",
    makefile: "$(OPENAI_API_KEY)",
  };
  for (const [languageId, expected] of Object.entries(cases)) assert.equal(envReadText(languageId, "OPENAI_API_KEY"), expected, languageId);
  assert.equal(envReadText("plaintext", "X"), undefined);
  assert.equal(envReadText("json", "X"), undefined);
});

test("a whole string literal is replaced, quotes included", () => {
  assert.equal(move("javascript", `const key = "${SECRET}";`), "const key = process.env.OPENAI_API_KEY;");
  assert.equal(move("typescript", `const key = '${SECRET}';`), "const key = process.env.OPENAI_API_KEY;");
  assert.equal(move("rust", `let key = "${SECRET}";`), 'let key = std::env::var("OPENAI_API_KEY").expect("OPENAI_API_KEY is not set");');
  assert.equal(move("java", `String k = "${SECRET}";`), 'String k = System.getenv("OPENAI_API_KEY");');
});

test("python: string prefixes go with the literal, and `import os` is added once", () => {
  assert.equal(move("python", `key = r"${SECRET}"`), 'import os\nkey = os.environ["OPENAI_API_KEY"]');
  assert.equal(move("python", `import os\nkey = '${SECRET}'`), 'import os\nkey = os.environ["OPENAI_API_KEY"]');
  assert.equal(move("python", `import sys, os\nkey = '${SECRET}'`), 'import sys, os\nkey = os.environ["OPENAI_API_KEY"]');
  assert.equal(
    move("python", `#!/usr/bin/env python3\nfrom __future__ import annotations\nclient = Client(api_key="${SECRET}")`),
    '#!/usr/bin/env python3\nfrom __future__ import annotations\nimport os\nclient = Client(api_key=os.environ["OPENAI_API_KEY"])',
  );
});

test("go: the os import is added after the package clause when missing", () => {
  assert.equal(move("go", `package main\n\nvar key = "${SECRET}"`), 'package main\nimport "os"\n\nvar key = os.Getenv("OPENAI_API_KEY")');
  assert.equal(move("go", `package main\n\nimport "os"\n\nvar key = "${SECRET}"`), 'package main\n\nimport "os"\n\nvar key = os.Getenv("OPENAI_API_KEY")');
});

test("a secret inside a longer string is spliced in with the language's concatenation", () => {
  assert.equal(move("python", `h = "Bearer ${SECRET}"`), 'import os\nh = "Bearer " + os.environ["OPENAI_API_KEY"]');
  assert.equal(move("javascript", `u = "${SECRET}@host"`), 'u = process.env.OPENAI_API_KEY + "@host"');
  assert.equal(move("php", `$u = "a${SECRET}b";`), `$u = "a" . getenv('OPENAI_API_KEY') . "b";`);
  assert.equal(move("javascript", "h = `Bearer " + SECRET + "`"), "h = `Bearer ${process.env.OPENAI_API_KEY}`");
});

test("a language without string concatenation gets no edit for a partial literal", () => {
  assert.equal(move("rust", `let h = "Bearer ${SECRET}";`), undefined);
  assert.equal(move("c", `char *h = "Bearer ${SECRET}";`), undefined);
  assert.equal(move("plaintext", `key ${SECRET}`), undefined);
});

test("quotes of another kind or escaped quotes do not confuse the literal", () => {
  assert.equal(move("javascript", `log("it's", "${SECRET}")`), 'log("it\'s", process.env.OPENAI_API_KEY)');
  assert.equal(move("javascript", `s = "say \\"hi\\" ${SECRET}"`), 's = "say \\"hi\\" " + process.env.OPENAI_API_KEY');
  assert.equal(move("javascript", `x = 'a' + ${SECRET}`), "x = 'a' + process.env.OPENAI_API_KEY");
});

test("shell and config files substitute a reference; shell leaves single quotes first", () => {
  assert.equal(move("shellscript", `export KEY=${SECRET}`), "export KEY=${OPENAI_API_KEY}");
  assert.equal(move("shellscript", `curl -H "Authorization: Bearer ${SECRET}"`), 'curl -H "Authorization: Bearer ${OPENAI_API_KEY}"');
  assert.equal(move("shellscript", `KEY='${SECRET}'`), 'KEY="${OPENAI_API_KEY}"');
  assert.equal(move("shellscript", `H='Bearer ${SECRET}'`), `H='Bearer '"\${OPENAI_API_KEY}"''`);
  assert.equal(move("yaml", `api_key: "${SECRET}"`), 'api_key: "${OPENAI_API_KEY}"');
  assert.equal(move("dockerfile", `ENV KEY=${SECRET}`), "ENV KEY=${OPENAI_API_KEY}");
});
