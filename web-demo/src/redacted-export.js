"use strict";
// "Copy redacted" and "Download redacted": the text with every finding replaced by its redacted form
// (`sk-proj-…9xQa`). Built from the findings on screen, so what is highlighted is what is removed.

/** `text` with each finding's span (UTF-16 `startIndex`..`endIndex`) replaced by `finding.redacted`. */
function redactWithFindings(text, findings) {
  const parts = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.startIndex - b.startIndex)) {
    if (f.endIndex <= at) continue;
    parts.push(text.slice(at, Math.max(at, f.startIndex)), f.redacted);
    at = f.endIndex;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

async function copyText(text) {
  await navigator.clipboard.writeText(text);
}

/** Saves `text` as a file: a blob: URL on a temporary link, nothing leaves the machine. */
function downloadText(text, fileName) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
