/** What the status-bar item says about the active document: a labelled count ("keyward: 0",
 * "keyward: 1 secret"), or why the document was not scanned, with a way to change that. */

import type { Placement } from "./describe";

export type DocumentStatus =
  /** Not scanned by the user's choice (disabled, `run: off`, excluded): the item is hidden. */
  | { kind: "hidden" }
  | { kind: "tooLarge"; length: number; limit: number }
  /** Waiting for the scan worker's first result for this document. */
  | { kind: "scanning" }
  /** The worker's scan ran past its time limit and was stopped. */
  | { kind: "stopped"; limitMs: number }
  | { kind: "failed"; message: string }
  | { kind: "scanned"; count: number; truncated: boolean; placement: Placement };

export interface StatusView {
  text: string;
  /** Markdown; command links in it are trusted (only `workbench.action.openSettings`). */
  tooltip: string;
  warning: boolean;
  command: { command: string; arguments?: unknown[] };
}

const PROBLEMS = { command: "workbench.actions.view.problems" };
const openSetting = (id: string) => ({ command: "workbench.action.openSettings", arguments: [id] });
const settingLink = (id: string) => `[${id}](command:workbench.action.openSettings?${encodeURIComponent(JSON.stringify([id]))})`;

const secrets = (n: number) => `${n.toLocaleString("en-US")} secret${n === 1 ? "" : "s"}`;

export function statusView(status: Exclude<DocumentStatus, { kind: "hidden" }>): StatusView {
  switch (status.kind) {
    case "tooLarge":
      return {
        text: "$(circle-slash) keyward: not scanned",
        tooltip: `keyward did not scan this file: it has ${status.length.toLocaleString("en-US")} characters, more than ${settingLink("keyward.maxFileSize")} (${status.limit.toLocaleString("en-US")}).`,
        warning: true,
        command: openSetting("keyward.maxFileSize"),
      };
    case "scanning":
      return { text: "$(sync~spin) keyward: scanning", tooltip: "keyward is scanning this file.", warning: false, command: PROBLEMS };
    case "stopped":
      return {
        text: "$(circle-slash) keyward: not scanned",
        tooltip: `keyward stopped scanning this file after ${status.limitMs / 1000} s, so that it does not hold up the editor. It tries again after the next edit.`,
        warning: true,
        command: PROBLEMS,
      };
    case "failed":
      return { text: "$(error) keyward: scan failed", tooltip: `keyward could not scan this file: ${status.message}`, warning: true, command: PROBLEMS };
    case "scanned": {
      const { count, truncated, placement } = status;
      const lines = [`keyward: ${count === 0 ? "no secrets" : secrets(count)} found in this file.`];
      if (placement === "gitIgnoredEnv" && count > 0) lines.push("This env file is git-ignored, which is where secrets belong.");
      if (truncated) lines.push("The scan hit a work or size cap, so some secrets may be missing.");
      return {
        text: `${count === 0 ? "$(shield)" : "$(key)"} keyward: ${count === 0 ? "0" : secrets(count)}${truncated ? " (truncated)" : ""}`,
        tooltip: lines.join("\n\n"),
        warning: truncated || (count > 0 && placement === "code"),
        command: PROBLEMS,
      };
    }
  }
}
