/** Status-bar item: the number of possible secrets in the active editor's document, labelled, or
 * why it was not scanned (too large, stopped) with a link to what to change. */

import * as vscode from "vscode";
import { statusView } from "./core/status";
import type { DocumentScanner } from "./documents";

export class FindingCount implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("keyward.count", vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly scanner: DocumentScanner) {
    this.item.name = "keyward";
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const status = document ? this.scanner.status(document) : { kind: "hidden" as const };
    if (status.kind === "hidden") {
      this.item.hide();
      return;
    }
    const view = statusView(status);
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip);
    tooltip.isTrusted = { enabledCommands: ["workbench.action.openSettings"] };
    this.item.tooltip = tooltip;
    this.item.command = { title: "keyward", ...view.command };
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
