// Unit tests of settings parsing, comment syntax, diagnostics and hover text.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { parseSettings, DEFAULT_SETTINGS } = require("../out/core/settings.js");
const { allowEdit } = require("../out/core/allowComment.js");
const { diagnosticSpec, hoverMarkdown } = require("../out/core/describe.js");

const settingsFrom = (values) => parseSettings((key) => values[key]);

test("no settings: the defaults, no problems", () => {
  assert.deepEqual(settingsFrom({}), { settings: DEFAULT_SETTINGS, problems: [] });
});

test("valid settings are taken as given", () => {
  const { settings, problems } = settingsFrom({
    enable: false, run: "onSave", minimumConfidence: "low", severity: { low: "hint" }, disabledRules: ["generic-api-key"],
    customRules: [{ id: "acme", regex: "acme_[a-z0-9]{32}", keywords: ["acme_"], confidence: "high" }], exclude: ["**/fixtures/**"], maxFileSize: 10,
  });
  assert.deepEqual(problems, []);
  assert.equal(settings.enable, false);
  assert.equal(settings.run, "onSave");
  assert.equal(settings.minimumConfidence, "low");
  assert.deepEqual(settings.severity, { high: "error", medium: "warning", low: "hint" });
  assert.deepEqual(settings.customRules, [{ id: "acme", regex: "acme_[a-z0-9]{32}", keywords: ["acme_"], confidence: "high", title: undefined, provider: undefined }]);
  assert.equal(settings.maxFileSize, 10);
});

test("bad values fall back to defaults with a message naming the setting", () => {
  const { settings, problems } = settingsFrom({
    run: "always", minimumConfidence: 3, severity: { high: "fatal", extreme: "error" }, disabledRules: "generic",
    customRules: [{ id: "x" }, { id: "y", regex: "y+", confidence: "sure" }, { id: "z", regex: "z+" }], maxFileSize: -1,
  });
  assert.equal(settings.run, "onType");
  assert.equal(settings.minimumConfidence, "medium");
  assert.deepEqual(settings.severity, DEFAULT_SETTINGS.severity);
  assert.deepEqual(settings.disabledRules, []);
  assert.deepEqual(settings.customRules.map((r) => r.id), ["z"]);
  assert.equal(settings.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
  for (const fragment of ["keyward.run", "keyward.minimumConfidence", "keyward.severity.high", '"extreme"', "keyward.disabledRules", "customRules[0]", "customRules[1].confidence", "keyward.maxFileSize"]) {
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
  ruleId: "openai-project-key", provider: "OpenAI", title: "OpenAI project API key", confidence: "high",
  line: 3, column: 9, endLine: 3, endColumn: 173, redacted: "sk-proj-…9xQa", fingerprint: "f", revokeUrl: "https://platform.openai.com/api-keys", startIndex: 0, endIndex: 1,
};

test("diagnostics: zero-based range, one-line message with the redacted form, code linking to the rule's page", () => {
  const spec = diagnosticSpec({ ...finding, title: "Multi\nline title" }, DEFAULT_SETTINGS.severity);
  assert.deepEqual(spec.span, { startLine: 2, startCharacter: 8, endLine: 2, endCharacter: 172 });
  assert.equal(spec.source, "keyward");
  assert.equal(spec.severity, "error");
  assert.deepEqual(spec.code, { value: "openai-project-key", target: "https://platform.openai.com/api-keys" });
  assert.ok(!spec.message.includes("\n"));
  assert.ok(spec.message.includes("sk-proj-…9xQa"));
  assert.equal(diagnosticSpec({ ...finding, confidence: "low", revokeUrl: "" }, DEFAULT_SETTINGS.severity).severity, "information");
  assert.deepEqual(diagnosticSpec({ ...finding, revokeUrl: "" }, DEFAULT_SETTINGS.severity).code, { value: "openai-project-key" });
});

test("hover: provider, rule, confidence with the reason, redacted value, revoke link", () => {
  const md = hoverMarkdown(finding, { envVar: "OPENAI_API_KEY" }, "python");
  for (const part of ["OpenAI project API key", "`openai-project-key`", "high (the value has the provider's unique prefix", "`sk-proj-…9xQa`",
    'Suggested variable: `OPENAI_API_KEY`, read with `os.environ["OPENAI_API_KEY"]`', "(https://platform.openai.com/api-keys)"]) {
    assert.ok(md.includes(part), `${part} in ${md}`);
  }
});

test("a revoke 'URL' that is advice, not an https link, is shown as text and never linked", () => {
  const advice = { ...finding, ruleId: "generic-secret-assignment", revokeUrl: "Rotate the credential with whoever issued it" };
  assert.deepEqual(diagnosticSpec(advice, DEFAULT_SETTINGS.severity).code, { value: "generic-secret-assignment" });
  const md = hoverMarkdown(advice, undefined, "shellscript", "export DB_PASSWORD=");
  assert.ok(md.includes("Suggested variable: `DB_PASSWORD`, read with `${DB_PASSWORD}`\n"), md);
  assert.ok(md.includes("To revoke: Rotate the credential with whoever issued it"), md);
  assert.ok(!md.includes("]("), md);
});
