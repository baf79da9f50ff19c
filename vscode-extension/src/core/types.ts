/** The Finding and rule shapes of the npm package `keyward` (DESIGN.md), and the extension's own. */

// The package's own declarations, so the extension cannot drift from what the wasm returns.
import type { Confidence, Finding, Severity } from "../../../packages/keyward/index";
export type { Confidence, Finding, Findings, RuleInfo, Severity } from "../../../packages/keyward/index";

/** A scan's findings; `truncated` when a work or size cap of the core dropped some (the array
 * returned by the package carries it as an own property). */
export interface ScanResult {
  findings: Finding[];
  truncated: boolean;
}

export const CONFIDENCES: readonly Confidence[] = ["low", "medium", "high"];
export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];

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
