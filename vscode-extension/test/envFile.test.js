// Unit tests of the .env and .gitignore helpers.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const env = require("../out/core/envFile.js");
const { GitignoreMatcher, excludeGlob } = require("../out/core/gitignore.js");

test("parseEnv reads names and values the way dotenv loaders do", () => {
  const values = env.parseEnv('# comment\nA=1\nexport B = "two words"\nC=\'x y\'\nD=plain # note\nE="line\\nbreak"\nnot a pair\n');
  assert.deepEqual([...values], [["A", "1"], ["B", "two words"], ["C", "x y"], ["D", "plain"], ["E", "line\nbreak"]]);
});

test("envVarName: the rule's suggestion, else one made from the rule id", () => {
  assert.equal(env.envVarName("OPENAI_API_KEY", "openai-project-key"), "OPENAI_API_KEY");
  assert.equal(env.envVarName("", "acme-internal.token"), "ACME_INTERNAL_TOKEN");
  assert.equal(env.envVarName(undefined, "1password-token"), "_1PASSWORD_TOKEN");
});

test("envVarName: without a suggestion, the name the secret is assigned to", () => {
  assert.equal(env.envVarName("", "generic-secret-assignment", "db_password: '"), "DB_PASSWORD");
  assert.equal(env.envVarName("", "generic-secret-assignment", 'config = { "auth_token": "'), "AUTH_TOKEN");
  assert.equal(env.envVarName("", "generic-secret-assignment", "client = Client(api_key="), "API_KEY");
  assert.equal(env.envVarName("", "generic-secret-assignment", "export STRIPE-KEY="), "STRIPE_KEY");
  assert.equal(env.envVarName("", "acme-token", "print("), "ACME_TOKEN");
  assert.equal(env.envVarName("OPENAI_API_KEY", "openai-project-key", "db_password = "), "OPENAI_API_KEY", "the rule's name wins");
});

test("chooseEnvName reuses the name already holding this secret and never overwrites another", () => {
  const existing = new Map([["OPENAI_API_KEY", "other"], ["OPENAI_API_KEY_2", "mine"]]);
  assert.deepEqual(env.chooseEnvName("OPENAI_API_KEY", existing, "mine"), { name: "OPENAI_API_KEY_2", alreadyStored: true });
  assert.deepEqual(env.chooseEnvName("OPENAI_API_KEY", existing, "new"), { name: "OPENAI_API_KEY_3", alreadyStored: false });
  assert.deepEqual(env.chooseEnvName("GITHUB_TOKEN", existing, "new"), { name: "GITHUB_TOKEN", alreadyStored: false });
});

test("appendEnvEntry adds a line, quoting values that need it, and round-trips through parseEnv", () => {
  assert.equal(env.appendEnvEntry("", "A", "abc-123_x.y/z+="), "A=abc-123_x.y/z+=\n");
  assert.equal(env.appendEnvEntry("X=1", "A", "b"), "X=1\nA=b\n");
  const block = '-----BEGIN KEY-----\nab"c\\d\n-----END KEY-----';
  const text = env.appendEnvEntry("X=1\n", "PEM", block);
  assert.equal(text, 'X=1\nPEM="-----BEGIN KEY-----\\nab\\"c\\\\d\\n-----END KEY-----"\n');
  assert.equal(env.parseEnv(text).get("PEM"), block.replace(/\\\\/g, "\\"));
});

test("isDotenvFileName: real env files yes, committed templates no", () => {
  for (const name of [".env", ".env.local", ".env.production", "prod.env"]) assert.ok(env.isDotenvFileName(name), name);
  for (const name of [".env.example", ".env.sample", ".env.template", "environment.ts", "env.js"]) assert.ok(!env.isDotenvFileName(name), name);
});

test("appendGitignoreEntry keeps existing lines", () => {
  assert.equal(env.appendGitignoreEntry("", ".env"), ".env\n");
  assert.equal(env.appendGitignoreEntry("node_modules", ".env"), "node_modules\n.env\n");
});

test("GitignoreMatcher follows git: nested files, negation, ignored folders", () => {
  const m = new GitignoreMatcher([
    { dir: "", content: ".env\n*.log\nbuild/\n" },
    { dir: "app", content: "!.env\n" },
  ]);
  assert.ok(m.ignores(".env"));
  assert.ok(m.ignores("lib/.env"));
  assert.ok(!m.ignores("app/.env"), "re-included by app/.gitignore");
  assert.ok(m.ignores("build/.env.local"));
  assert.ok(!m.ignores(".env.local"));
  assert.ok(!new GitignoreMatcher([]).ignores(".env"));
});

test("excludeGlob merges files.exclude (enabled entries only) with keyward.exclude", () => {
  assert.equal(excludeGlob({ "**/.git": true, "**/x": false, "**/*.js": { when: "$(basename).ts" } }, ["**/fixtures/**"]), "{**/.git,**/fixtures/**}");
  assert.equal(excludeGlob(undefined, []), undefined);
  assert.equal(excludeGlob({ "**/.git": true }, []), "**/.git");
});
