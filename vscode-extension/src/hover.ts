/** Hover over a finding: provider, rule, severity, confidence and why, the redacted value, the
 * revoke page. */

import * as vscode from "vscode";
import { hoverMarkdown } from "./core/describe";
import { findingSpan } from "./core/types";
import type { DocumentScanner } from "./documents";
import type { Engine } from "./engine";

export class KeywardHover implements vscode.HoverProvider {
  constructor(private readonly scanner: DocumentScanner, private readonly engine: () => Engine) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    for (const finding of this.scanner.findings(document) ?? []) {
      const s = findingSpan(finding);
      const range = new vscode.Range(s.startLine, s.startCharacter, s.endLine, s.endCharacter);
      if (!range.contains(position)) continue;
      const textBefore = document.lineAt(s.startLine).text.slice(0, s.startCharacter);
      const markdown = new vscode.MarkdownString(hoverMarkdown(finding, this.engine().rules.get(finding.ruleId), document.languageId, textBefore, this.scanner.placementOf(document)));
      return new vscode.Hover(markdown, range);
    }
    return undefined;
  }
}
