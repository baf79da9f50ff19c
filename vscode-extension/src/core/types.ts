/** The Finding and rule shapes of the npm package `keyward` (DESIGN.md), as the extension uses them. */

export type Confidence = "low" | "medium" | "high";

export const CONFIDENCES: readonly Confidence[] = ["low", "medium", "high"];

export interface Finding {
  ruleId: string;
  provider: string;
  title: string;
  confidence: Confidence;
  /** 1-based line and UTF-16 column of the secret's first character. */
  line: number;
  column: number;
  /** 1-based line and UTF-16 column just after the secret (exclusive). */
  endLine: number;
  endColumn: number;
  redacted: string;
  fingerprint: string;
  revokeUrl: string;
  /** `text.slice(startIndex, endIndex)` is the secret. */
  startIndex: number;
  endIndex: number;
}

export interface RuleInfo {
  id: string;
  provider: string;
  title: string;
  category: string;
  revokeUrl: string;
  envVar: string;
}

/** A zero-based range, the way VS Code counts (UTF-16 characters). */
export interface Span {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/** The zero-based editor range of a finding. */
export function findingSpan(finding: Finding): Span {
  return {
    startLine: finding.line - 1,
    startCharacter: finding.column - 1,
    endLine: finding.endLine - 1,
    endCharacter: finding.endColumn - 1,
  };
}
