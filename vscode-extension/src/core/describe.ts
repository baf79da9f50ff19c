/** What the user reads about a finding: the one-line diagnostic and the hover. Built from the
 * finding's redacted form only, never from the secret. */

import { envVarName } from "./envFile";
import { envReadText } from "./envRead";
import type { SeverityName } from "./settings";
import { findingSpan, type Confidence, type Finding, type RuleInfo, type Severity, type Span } from "./types";

/** Only https links become links: a custom rule's revoke "URL" may be anything. */
export function revokeLink(finding: Finding): string | undefined {
  const url = finding.revokeUrl ?? "";
  return /^https:\/\/\S+$/.test(url) ? url : undefined;
}

/** Where the finding is, as far as the advice goes: in a `.env`-style file that git ignores the
 * secret is where it belongs (the move-to-.env fix puts it there). */
export type Placement = "code" | "gitIgnoredEnv";

export interface DiagnosticSpec {
  span: Span;
  message: string;
  severity: SeverityName;
  source: "keyward";
  code: { value: string; target?: string };
}

const LEVELS: readonly SeverityName[] = ["error", "warning", "information", "hint"];

/** Levels below the confidence's setting: a test key or half of a pair is less urgent than a
 * live key, and a value that is public by design is only worth a note. */
const STEPS_DOWN: Record<Severity, number> = { critical: 0, high: 0, medium: 1, low: 2 };

/** The diagnostic severity of a finding: `byConfidence` (the `keyward.severity` setting) gives
 * the level of critical and high findings of each confidence; medium ones get one level less,
 * low ones two, but never less than information unless the setting itself says hint. With the
 * defaults: error only for a high-confidence critical or high finding. */
export function diagnosticLevel(finding: Finding, byConfidence: Record<Confidence, SeverityName>): SeverityName {
  const cap = LEVELS.indexOf(byConfidence[finding.confidence]);
  const floor = Math.max(cap, LEVELS.indexOf("information"));
  return LEVELS[Math.min(cap + (STEPS_DOWN[finding.severity] ?? 0), floor)];
}

export function diagnosticSpec(finding: Finding, byConfidence: Record<Confidence, SeverityName>, placement: Placement = "code"): DiagnosticSpec {
  const what = `${finding.title} ${finding.redacted} (${finding.severity} severity, ${finding.confidence} confidence)`;
  const inEnv = placement === "gitIgnoredEnv";
  const link = revokeLink(finding);
  return {
    span: findingSpan(finding),
    message: oneLine(`${what}: ${inEnv ? "in a git-ignored env file, where it belongs" : advice(finding.severity)}`),
    severity: inEnv ? "information" : diagnosticLevel(finding, byConfidence),
    source: "keyward",
    code: link ? { value: finding.ruleId, target: link } : { value: finding.ruleId },
  };
}

function advice(severity: Severity): string {
  return severity === "low"
    ? "usually public by design; check that it is meant to be shared"
    : "move it to an environment variable and revoke it if it was shared";
}

/** What is at stake, in the words of DESIGN.md's severity levels. */
function whatIsAtStake(severity: Severity): string {
  switch (severity) {
    case "critical":
      return "a live key to money, cloud infrastructure or a billed account";
    case "high":
      return "a secret that grants access";
    case "medium":
      return "a test key, or one half of a credential pair";
    case "low":
      return "an identifier that is public by design";
  }
}

/** Why a finding of this confidence fired, in the words of DESIGN.md's confidence levels. */
function whyItFired(confidence: Confidence): string {
  switch (confidence) {
    case "high":
      return "the value has the provider's unique prefix and exact length, or a checksum that verifies";
    case "medium":
      return "the value has the provider's shape and a provider keyword is nearby";
    case "low":
      return "a secret-like name is assigned a random-looking value";
  }
}

/** Markdown for the hover over a finding in a document of `languageId`; `textBefore` is the
 * finding's line up to the secret (for the variable name). */
export function hoverMarkdown(finding: Finding, rule: RuleInfo | undefined, languageId: string, textBefore = "", placement: Placement = "code"): string {
  const provider = escapeMarkdown(oneLine(finding.provider));
  const lines = [
    `**keyward: ${escapeMarkdown(oneLine(finding.title))}**`,
    "",
    `- Provider: ${provider}`,
    `- Rule: \`${finding.ruleId}\``,
    `- Severity: ${finding.severity} (${whatIsAtStake(finding.severity)})`,
    `- Confidence: ${finding.confidence} (${whyItFired(finding.confidence)})`,
    `- Value: \`${finding.redacted.replace(/`/g, "'")}\``,
  ];
  if (placement === "gitIgnoredEnv") {
    lines.push("", "This env file is git-ignored: the secret is where it belongs.");
  } else {
    const name = envVarName(rule?.envVar, finding.ruleId, textBefore);
    const read = envReadText(languageId, name);
    lines.push(`- Suggested variable: \`${name}\`${read ? `, read with \`${read}\`` : ""}`);
  }
  const link = revokeLink(finding);
  if (link) lines.push("", `[Revoke or rotate this key at ${provider}](${link})`);
  else if (finding.revokeUrl) lines.push("", `To revoke or rotate it: ${escapeMarkdown(oneLine(finding.revokeUrl))}`);
  else lines.push("", `Revoke or rotate it in your ${provider} account.`);
  return lines.join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, "\\$&");
}
