/** Status-bar item: the number of possible secrets in the active editor's document. */

import * as vscode from "vscode";
import type { DocumentScanner } from "./documents";

export class FindingCount implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("keyward.count", vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly scanner: DocumentScanner) {
    this.item.name = "keyward";
    this.item.command = "workbench.actions.view.problems";
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const findings = document && this.scanner.findings(document);
    if (!findings) {
      this.item.hide();
      return;
    }
    this.item.text = findings.length ? `$(key) ${findings.length}` : "$(shield) 0";
    this.item.tooltip = `keyward: ${findings.length} possible secret(s) in this file`;
    this.item.backgroundColor = findings.length ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
