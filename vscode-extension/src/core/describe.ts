/** What the user reads about a finding: the one-line diagnostic and the hover. Built from the
 * finding's redacted form only, never from the secret. */

import { envVarName } from "./envFile";
import { envReadText } from "./envRead";
import type { SeverityName } from "./settings";
import { findingSpan, type Confidence, type Finding, type RuleInfo, type Span } from "./types";

/** The revoke "URL" of a generic rule is advice ("Rotate the credential with whoever issued
 * it"), not a page: only https links become links. */
export function revokeLink(finding: Finding): string | undefined {
  const url = finding.revokeUrl ?? "";
  return /^https:\/\/\S+$/.test(url) ? url : undefined;
}

export interface DiagnosticSpec {
  span: Span;
  message: string;
  severity: SeverityName;
  source: "keyward";
  code: { value: string; target?: string };
}

export function diagnosticSpec(finding: Finding, severity: Record<Confidence, SeverityName>): DiagnosticSpec {
  return {
    span: findingSpan(finding),
    message: oneLine(`${finding.title} ${finding.redacted} (${finding.confidence} confidence): move it to an environment variable and revoke it if it was shared`),
    severity: severity[finding.confidence],
    source: "keyward",
    code: revokeLink(finding) ? { value: finding.ruleId, target: revokeLink(finding) } : { value: finding.ruleId },
  };
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
export function hoverMarkdown(finding: Finding, rule: RuleInfo | undefined, languageId: string, textBefore = ""): string {
  const lines = [
    `**keyward: ${escapeMarkdown(oneLine(finding.title))}**`,
    "",
    `- Provider: ${escapeMarkdown(oneLine(finding.provider))}`,
    `- Rule: \`${finding.ruleId}\``,
    `- Confidence: ${finding.confidence} (${whyItFired(finding.confidence)})`,
    `- Value: \`${finding.redacted.replace(/`/g, "'")}\``,
  ];
  const name = envVarName(rule?.envVar, finding.ruleId, textBefore);
  const read = envReadText(languageId, name);
  lines.push(`- Suggested variable: \`${name}\`${read ? `, read with \`${read}\`` : ""}`);
  const link = revokeLink(finding);
  if (link) lines.push("", `[Revoke or rotate this key at ${escapeMarkdown(oneLine(finding.provider))}](${link})`);
  else if (finding.revokeUrl) lines.push("", `To revoke: ${escapeMarkdown(oneLine(finding.revokeUrl))}`);
  return lines.join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, "\\$&");
}
