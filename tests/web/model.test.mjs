// The findings panel's data (web-demo/src/findings-model.js, the page's classic script, evaluated
// here): grouping by fingerprint, headings without the provider said twice, revoke targets and
// severity counts, checked against the whole built-in catalogue of the built npm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const source = readFileSync(join(root, "web-demo/src/findings-model.js"), "utf8");
const { groupBySecret, severityCounts, headline, revokeTarget } =
  new Function(`${source}\nreturn { groupBySecret, severityCounts, headline, revokeTarget };`)();
const keyward = createRequire(import.meta.url)(join(root, "packages/keyward"));

/** How often `needle` occurs in `haystack`, ignoring case. */
function occurrences(haystack, needle) {
  return haystack.toLowerCase().split(needle.toLowerCase()).length - 1;
}

test("no heading in the catalogue says its provider twice, and each one names it", () => {
  const rules = keyward.rules();
  assert.ok(rules.length > 100, `${rules.length} rules`);
  for (const rule of rules) {
    const { title, provider } = headline(rule.title, rule.provider);
    assert.equal(title, rule.title);
    const shown = provider ? `${title} ${provider}` : title;
    // The page adds the provider only to a title that does not say it already.
    assert.ok(!provider || occurrences(title, rule.provider) === 0, `${rule.id}: "${shown}"`);
    // Either the provider is shown, or a word of its name is in the title.
    const words = rule.provider.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
    assert.ok(provider || words.some((w) => title.toLowerCase().includes(w)), `${rule.id}: "${shown}" lost the provider`);
  }
  assert.deepEqual(headline("OpenAI project API key", "OpenAI"), { title: "OpenAI project API key", provider: null });
  assert.deepEqual(headline("PostgreSQL connection string with password", "PostgreSQL"),
    { title: "PostgreSQL connection string with password", provider: null });
  assert.deepEqual(headline("AWS access key ID", "Amazon Web Services"), { title: "AWS access key ID", provider: "Amazon Web Services" });
  // "Cloud" alone is too common to count: "Cloud Run token" does not name Google.
  assert.deepEqual(headline("Cloud Run token", "Google Cloud"), { title: "Cloud Run token", provider: "Google Cloud" });
});

test("revoke targets: a link (with the note after it), instructions, or the provider's account when none is known", () => {
  assert.deepEqual(revokeTarget("https://platform.openai.com/api-keys", "OpenAI"),
    { url: "https://platform.openai.com/api-keys", label: "platform.openai.com/api-keys", note: "" });
  assert.deepEqual(revokeTarget("https://dashboard.stripe.com/apikeys (Roll key)", "Stripe"),
    { url: "https://dashboard.stripe.com/apikeys", label: "dashboard.stripe.com/apikeys", note: "(Roll key)" });
  assert.equal(revokeTarget("https://console.aws.amazon.com/iam/home#/security_credentials", "AWS").label,
    "console.aws.amazon.com/iam/home#/security_credentials");
  assert.equal(revokeTarget("https://grafana.com/orgs/<org>/access-policies", "Grafana").label, "grafana.com/orgs/<org>/access-policies");
  assert.deepEqual(revokeTarget(null, "PostgreSQL"), { text: "Revoke or rotate it in your PostgreSQL account." });
  assert.deepEqual(revokeTarget("", "Stripe"), { text: "Revoke or rotate it in your Stripe account." });
  assert.deepEqual(revokeTarget("Change the password", "MySQL"), { text: "Change the password" });
  for (const rule of keyward.rules()) {
    const target = revokeTarget(rule.revokeUrl, rule.provider);
    assert.ok(target.url ? target.label.length > 0 : target.text.length > 0, rule.id);
  }
});

test("one entry per fingerprint with every place in text order, most severe first; counts by severity", () => {
  const f = (fingerprint, severity, startIndex) => ({ fingerprint, severity, startIndex, ruleId: fingerprint });
  const secrets = groupBySecret([f("a", "high", 50), f("b", "critical", 90), f("a", "high", 10), f("c", "high", 30), f("d", "low", 0)]);
  assert.deepEqual(secrets.map((s) => [s.fingerprint, s.places.map((p) => p.startIndex)]),
    [["b", [90]], ["a", [10, 50]], ["c", [30]], ["d", [0]]]);
  assert.deepEqual(severityCounts(secrets), { critical: 1, high: 2, medium: 0, low: 1 });
  assert.deepEqual(groupBySecret([]), []);
});
