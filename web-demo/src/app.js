"use strict";
// Wires the page: text box -> scan worker -> highlights, findings list, redacted export.

/** Short enough to feel live while typing, long enough not to rescan on every key of a fast typist. */
const TYPING_DEBOUNCE_MS = 120;

function formatSize(chars) {
  if (chars < 1024) return `${chars} characters`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} K characters`;
  return `${(chars / 1024 / 1024).toFixed(1)} M characters`;
}

function summary(text, findings, scanMs) {
  const count = findings.length === 1 ? "1 secret found" : `${findings.length || "No"} secrets found`;
  return `${count} in ${formatSize(text.length)} (scanned in ${scanMs.toFixed(1)} ms, in a worker).`;
}

async function main() {
  const $ = (id) => document.getElementById(id);
  const textarea = $("text");
  const status = $("status");
  const exportStatus = $("export-status");
  const copyButton = $("copy-redacted");
  const downloadButton = $("download-redacted");
  $("csp").textContent = formatCsp(pageCsp());
  $("try-send").addEventListener("click", () => trySending($("send-log")));

  let client;
  try {
    client = await ScanClient.start();
  } catch (error) {
    status.textContent = `The scanner could not start: ${error.message}`;
    status.classList.add("error");
    status.dataset.state = "error";
    return;
  }
  performance.mark("keyward-scanner-ready"); // read by tests/web/bench.mjs
  const doc = new CheckedText(textarea);
  const highlighter = new Highlighter(textarea, $("highlights"));
  const drawHighlights = () => {
    const { text, findings } = doc.visible(current);
    highlighter.show(text, findings);
  };
  const view = new FindingsView({
    list: $("findings"), empty: $("empty"), template: $("finding-template"), rules: client.rules,
    onShow: (finding) => {
      if (doc.large !== null) {
        doc.showWindowAt(finding.startIndex);
        drawHighlights();
        status.textContent = scanSummary + doc.windowNote();
      }
      highlighter.select({ ...finding, startIndex: finding.startIndex - doc.offset, endIndex: finding.endIndex - doc.offset });
    },
  });
  /** The findings for the text currently checked, or null while a scan is pending. */
  let current = null;
  let scanSummary = "";

  /** Scans the text and shows the results; returns the error if the scan failed. */
  async function rescan() {
    const text = doc.value;
    const result = await client.scan(text).catch((error) => ({ error }));
    if (!result || text !== doc.value) return undefined; // superseded by newer input
    if (result.error) {
      status.textContent = `Scan failed: ${result.error.message}`;
      status.classList.add("error");
      return result.error;
    }
    current = result.findings;
    drawHighlights();
    view.render(text, current);
    status.classList.remove("error");
    scanSummary = text ? summary(text, current, result.scanMs) : "Ready. Paste, type or drop files.";
    status.textContent = scanSummary + doc.windowNote();
    status.dataset.chars = String(text.length);
    status.dataset.state = "done";
    copyButton.disabled = downloadButton.disabled = !text;
    return undefined;
  }

  let debounce = 0;
  function textChanged({ immediate }) {
    current = null;
    highlighter.clear();
    status.dataset.state = "scanning";
    exportStatus.textContent = "";
    clearTimeout(debounce);
    debounce = setTimeout(rescan, immediate ? 0 : TYPING_DEBOUNCE_MS);
  }
  textarea.addEventListener("paste", (event) => {
    if (!doc.pasteLarge(event.clipboardData.getData("text/plain"))) return;
    event.preventDefault();
    textChanged({ immediate: true });
  });
  textarea.addEventListener("input", (event) => {
    doc.adoptEdit();
    textChanged({ immediate: event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop" });
  });

  const loadText = (text) => {
    doc.set(text);
    textChanged({ immediate: true });
  };
  acceptFiles({
    input: $("file-input"), dropTarget: $("editor"), onText: loadText,
    onError: (error) => (status.textContent = `Could not read the files: ${error.message}`),
  });
  $("clear").addEventListener("click", () => {
    loadText("");
    textarea.focus();
  });

  /** Export only once the findings match the text, so nothing unscanned slips through. */
  async function redactedText() {
    while (current === null) {
      clearTimeout(debounce);
      const error = await rescan();
      if (error) throw error;
    }
    return redactWithFindings(doc.value, current);
  }
  copyButton.addEventListener("click", async () => {
    try {
      await copyText(await redactedText());
      exportStatus.textContent = "Copied the redacted text to the clipboard.";
    } catch (error) {
      exportStatus.textContent = `Could not copy: ${error.message}`;
    }
  });
  downloadButton.addEventListener("click", async () => {
    try {
      downloadText(await redactedText(), "redacted.txt");
      exportStatus.textContent = "Saved redacted.txt.";
    } catch (error) {
      exportStatus.textContent = `Could not save: ${error.message}`;
    }
  });

  await rescan();
}

main();
