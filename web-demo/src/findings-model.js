"use strict";
// What the findings panel shows, as plain data (no DOM, so tests/web/model.test.mjs checks it in
// Node against the whole catalogue): one entry per distinct secret, its heading without the provider
// said twice, where to revoke it, and the counts by severity.

/** Most severe first. `severity` is what is at stake; `confidence` how sure the match is. */
const SEVERITIES = ["critical", "high", "medium", "low"];

/**
 * One entry per distinct secret: the findings that share a fingerprint (same rule, same secret) become
 * one entry listing every place, in text order. Entries are ordered by severity, then by first place.
 */
function groupBySecret(findings) {
  const groups = new Map();
  for (const finding of findings) {
    const group = groups.get(finding.fingerprint);
    if (group) group.places.push(finding);
    else groups.set(finding.fingerprint, { ...finding, places: [finding] });
  }
  const rank = (severity) => (SEVERITIES.includes(severity) ? SEVERITIES.indexOf(severity) : SEVERITIES.length);
  const secrets = [...groups.values()];
  for (const secret of secrets) secret.places.sort((a, b) => a.startIndex - b.startIndex);
  return secrets.sort((a, b) => rank(a.severity) - rank(b.severity) || a.places[0].startIndex - b.places[0].startIndex);
}

/** `{critical: 2, high: 1, ...}`: distinct secrets per severity, each severity present (0 if none). */
function severityCounts(secrets) {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0]));
  for (const secret of secrets) counts[secret.severity] = (counts[secret.severity] ?? 0) + 1;
  return counts;
}

/** Words of a provider name too common to say that a title names the provider ("Google Cloud" vs "Cloud Run"). */
const GENERIC_WORDS = new Set(["and", "the", "for", "web", "cloud", "labs", "services", "platform", "app", "api", "inc"]);

/** Lower-case words (letters, digits and dots: "z.ai"); ASCII, as the catalogue's names are. */
function words(text) {
  return text.toLowerCase().split(/[^a-z0-9.]+/).map((word) => word.replace(/^\.+|\.+$/g, "")).filter(Boolean);
}

/**
 * The card's heading: the rule's title, plus the provider only when the title does not already name it
 * ("OpenAI project API key" stays as it is; "AWS access key ID" gets "Amazon Web Services").
 */
function headline(title, provider) {
  const titleWords = new Set(words(title).flatMap((word) => [word, ...word.split(".")])); // "ollama.com" names Ollama
  const named = words(provider).some((word) => word.length >= 3 && !GENERIC_WORDS.has(word) && titleWords.has(word));
  return { title, provider: named ? null : provider };
}

/**
 * Where to revoke: `{url, label, note}` when the catalogue gives a page (anything after the URL is a
 * note), `{text}` when it gives instructions instead, or `{text}` naming the provider's account when it
 * knows no page (`revokeUrl: null`).
 */
function revokeTarget(revokeUrl, provider) {
  if (!revokeUrl) return { text: `Revoke or rotate it in your ${provider} account.` };
  const match = /^(https:\/\/\S+)(?:\s+(.*))?$/s.exec(revokeUrl.trim());
  if (match) {
    try {
      const url = new URL(match[1]);
      const label = decodeURI(url.host + url.pathname.replace(/\/$/, "") + url.hash);
      return { url: url.href, label, note: match[2] || "" };
    } catch {
      // not a URL after all: shown as text below
    }
  }
  return { text: revokeUrl };
}
