// Unit tests of settings parsing, comment syntax, diagnostics and hover text.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { parseSettings, DEFAULT_SETTINGS } = require("../out/core/settings.js");
const { allowEdit } = require("../out/core/allowComment.js");
const { diagnosticLevel, diagnosticSpec, hoverMarkdown } = require("../out/core/describe.js");

const settingsFrom = (values) => parseSettings((key) => values[key]);

test("no settings: the defaults, no problems", () => {
  assert.deepEqual(settingsFrom({}), { settings: DEFAULT_SETTINGS, problems: [] });
});

test("valid settings are taken as given", () => {
  const { settings, problems } = settingsFrom({
    enable: false, run: "onSave", minimumConfidence: "low", severity: { low: "hint" }, disabledRules: ["generic-api-key"],
    customRules: [{ id: "acme", regex: "acme_[a-z0-9]{32}", keywords: ["acme_"], confidence: "high", severity: "critical" }], exclude: ["**/fixtures/**"], maxFileSize: 10,
    gitIgnoredEnvFiles: "off",
  });
  assert.deepEqual(problems, []);
  assert.equal(settings.enable, false);
  assert.equal(settings.run, "onSave");
  assert.equal(settings.minimumConfidence, "low");
  assert.deepEqual(settings.severity, { high: "error", medium: "warning", low: "hint" });
  assert.deepEqual(settings.customRules, [{ id: "acme", regex: "acme_[a-z0-9]{32}", keywords: ["acme_"], confidence: "high", severity: "critical", title: undefined, provider: undefined }]);
  assert.equal(settings.maxFileSize, 10);
  assert.equal(settings.gitIgnoredEnvFiles, "off");
});

test("bad values fall back to defaults with a message naming the setting", () => {
  const { settings, problems } = settingsFrom({
    run: "always", minimumConfidence: 3, severity: { high: "fatal", extreme: "error" }, disabledRules: "generic",
    customRules: [{ id: "x" }, { id: "y", regex: "y+", confidence: "sure" }, { id: "w", regex: "w+", severity: "extreme" }, { id: "z", regex: "z+" }], maxFileSize: -1,
    gitIgnoredEnvFiles: "error",
  });
  assert.equal(settings.run, "onType");
  assert.equal(settings.minimumConfidence, "medium");
  assert.deepEqual(settings.severity, DEFAULT_SETTINGS.severity);
  assert.deepEqual(settings.disabledRules, []);
  assert.deepEqual(settings.customRules.map((r) => r.id), ["z"]);
  assert.equal(settings.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
  assert.equal(settings.gitIgnoredEnvFiles, "information");
  for (const fragment of ["keyward.gitIgnoredEnvFiles", "keyward.run", "keyward.minimumConfidence", "keyward.severity.high", '"extreme"', "keyward.disabledRules", "customRules[0]", "customRules[1].confidence", "customRules[2].severity", "keyward.maxFileSize"]) {
    assert.ok(problems.some((p) => p.includes(fragment)), `a problem mentions ${fragment}: ${problems.join(" | ")}`);
  }
});

test("allow comments use the language's comment syntax at the end of the line", () => {
  const at = (languageId, line, isDotenv) => allowEdit(languageId, [line], 0, isDotenv);
  assert.deepEqual(at("python", 'k = "x"  '), { line: 0, start: 7, end: 9, text: " # keyward:allow" });
  assert.equal(at("typescript", "const k = 'x';").text, " // keyward:allow");
  assert.equal(at("sql", "select 'x'").text, " -- keyward:allow");
  assert.equal(at("html", "<a data-k='x'>").text, " <!-- keyward:allow -->");
  assert.equal(at("css", "a { --k: x }").text, " /* keyward:allow */");
  assert.equal(at("plaintext", "x").text, " keyward:allow");
  assert.equal(at("json", '{"k": "x"}'), undefined);
});

test("allow in .env files goes on the line above, since loaders may keep inline comments", () => {
  assert.deepEqual(allowEdit("properties", ["A=1", "  KEY=x"], 1, true), { line: 1, start: 0, end: 0, text: "  # keyward:allow-next-line\n" });
  assert.equal(allowEdit("dotenv", ["KEY=x"], 0).text, "# keyward:allow-next-line\n");
});

const finding = {
  ruleId: "openai-project-key", provider: "OpenAI", title: "OpenAI project API key", confidence: "high", severity: "critical",
  line: 3, column: 9, endLine: 3, endColumn: 173, redacted: "sk-proj-…9xQa", fingerprint: "f", revokeUrl: "https://platform.openai.com/api-keys", startIndex: 0, endIndex: 1,
};

test("diagnostics: zero-based range, one-line message with the redacted form, severity and confidence, code linking to the rule's page", () => {
  const spec = diagnosticSpec({ ...finding, title: "Multi\nline title" }, DEFAULT_SETTINGS.severity);
  assert.deepEqual(spec.span, { startLine: 2, startCharacter: 8, endLine: 2, endCharacter: 172 });
  assert.equal(spec.source, "keyward");
  assert.equal(spec.severity, "error");
  assert.deepEqual(spec.code, { value: "openai-project-key", target: "https://platform.openai.com/api-keys" });
  assert.equal(spec.message, "Multi line title sk-proj-…9xQa (critical severity, high confidence): move it to an environment variable and revoke it if it was shared");
  assert.equal(diagnosticSpec({ ...finding, confidence: "low", revokeUrl: null }, DEFAULT_SETTINGS.severity).severity, "information");
  assert.deepEqual(diagnosticSpec({ ...finding, revokeUrl: null }, DEFAULT_SETTINGS.severity).code, { value: "openai-project-key" });
  assert.match(diagnosticSpec({ ...finding, severity: "low" }, DEFAULT_SETTINGS.severity).message, /\(low severity, high confidence\): usually public by design/);
});

test("diagnostic severity: error only for a sure critical or high finding; test keys and public values less", () => {
  const level = (severity, confidence, byConfidence = DEFAULT_SETTINGS.severity) => diagnosticLevel({ ...finding, severity, confidence }, byConfidence);
  const table = Object.fromEntries(["high", "medium", "low"].map((c) => [c, ["critical", "high", "medium", "low"].map((s) => level(s, c))]));
  assert.deepEqual(table, {
    high: ["error", "error", "warning", "information"],
    medium: ["warning", "warning", "information", "information"],
    low: ["information", "information", "information", "information"],
  });
  const quiet = { high: "warning", medium: "hint", low: "hint" };
  assert.deepEqual(["critical", "medium", "low"].map((s) => level(s, "high", quiet)), ["warning", "information", "information"]);
  assert.equal(level("critical", "medium", quiet), "hint", "the setting may ask for less than information");
});

test("in a git-ignored env file a finding is information that says it belongs there, whatever its severity", () => {
  const spec = diagnosticSpec(finding, DEFAULT_SETTINGS.severity, "gitIgnoredEnv");
  assert.equal(spec.severity, "information");
  assert.equal(spec.message, "OpenAI project API key sk-proj-…9xQa (critical severity, high confidence): in a git-ignored env file, where it belongs");
  const md = hoverMarkdown(finding, { envVar: "OPENAI_API_KEY" }, "dotenv", "OPENAI_API_KEY=", "gitIgnoredEnv");
  assert.ok(md.includes("This env file is git-ignored: the secret is where it belongs."), md);
  assert.ok(!md.includes("Suggested variable"), "no advice to move it again");
});

test("hover: provider, rule, severity and confidence with their reasons, redacted value, revoke link", () => {
  const md = hoverMarkdown(finding, { envVar: "OPENAI_API_KEY" }, "python");
  for (const part of ["OpenAI project API key", "`openai-project-key`", "Severity: critical (a live key to money", "Confidence: high (the value has the provider's unique prefix", "`sk-proj-…9xQa`",
    'Suggested variable: `OPENAI_API_KEY`, read with `os.environ["OPENAI_API_KEY"]`', "[Revoke or rotate this key at OpenAI](https://platform.openai.com/api-keys)"]) {
    assert.ok(md.includes(part), `${part} in ${md}`);
  }
});

test("without a key-management page (revokeUrl null) the hover sends the user to the provider account", () => {
  const md = hoverMarkdown({ ...finding, provider: "Acme Cloud", revokeUrl: null }, undefined, "python");
  assert.ok(md.endsWith("\n\nRevoke or rotate it in your Acme Cloud account."), md);
  assert.ok(!md.includes("]("), md);
});

test("a revoke 'URL' that is not an https link (a custom rule's) is shown as text and never linked", () => {
  const advice = { ...finding, ruleId: "acme-token", revokeUrl: "http://intranet/keys" };
  assert.deepEqual(diagnosticSpec(advice, DEFAULT_SETTINGS.severity).code, { value: "acme-token" });
  const md = hoverMarkdown(advice, undefined, "shellscript", "export DB_PASSWORD=");
  assert.ok(md.includes("Suggested variable: `DB_PASSWORD`, read with `${DB_PASSWORD}`\n"), md);
  assert.ok(md.includes("To revoke or rotate it: http://intranet/keys"), md);
  assert.ok(!md.includes("]("), md);
});
