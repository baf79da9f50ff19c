"use strict";
// Wires the page: text box -> scan worker -> highlights, findings panel, redacted export.

/** Typing rescans at once while a scan-and-draw takes less than a frame; slower ones wait for a pause. */
const FRAME_MS = 16;
/** Short enough to feel live while typing, long enough not to rescan on every key of a fast typist. */
const TYPING_DEBOUNCE_MS = 120;
/** While typing, "Scanning…" appears only for a scan slower than this (no flicker on every key). */
const TYPING_SCANNING_LABEL_MS = 300;

function formatSize(chars) {
  if (chars < 1024) return chars === 1 ? "1 character" : `${chars} characters`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} K characters`;
  return `${(chars / 1024 / 1024).toFixed(1)} M characters`;
}

/** Scrolls `panel` to the top of the screen if `element` in it is not on screen (on a phone the findings come below the box). */
function reveal(element, panel) {
  const { top, bottom } = element.getBoundingClientRect();
  if (top >= 0 && bottom <= window.innerHeight) return;
  const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  panel.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
}

function main() {
  const $ = (id) => document.getElementById(id);
  const textarea = $("text");
  const status = $("status");
  const resultsPanel = document.querySelector(".results-panel");
  const inputNote = $("input-note");
  const exportStatus = $("export-status");
  const copyButton = $("copy-redacted");
  const downloadButton = $("download-redacted");
  $("csp").textContent = formatCsp(pageCsp());
  $("try-send").addEventListener("click", () => trySending($("send-log")));

  const doc = new CheckedText(textarea);
  const highlighter = new Highlighter(textarea, $("highlights"));
  const drawHighlights = () => {
    const { text, findings } = doc.visible(current);
    highlighter.show(text, findings);
  };
  const view = new FindingsView({
    list: $("findings"), template: $("finding-template"), truncatedNotice: $("truncated"),
    summary: { root: status, count: $("summary-count"), severities: $("severity-counts"), detail: $("summary-detail") },
    onSelect: (place) => {
      if (doc.large !== null) {
        doc.showWindowAt(place.startIndex);
        drawHighlights();
        inputNote.textContent = doc.windowNote();
      }
      highlighter.select({ startIndex: place.startIndex - doc.offset, endIndex: place.endIndex - doc.offset });
    },
  });

  let client = null;
  /** The client once the wasm is compiled; null if it could not start (the panel says why). */
  const scanner = ScanClient.start({
    // For the tests: the length of the text in the worker, and which worker (a cancel replaces it).
    onScanStart: (started, text) => {
      status.dataset.running = String(text.length);
      status.dataset.worker = String(started.generation);
    },
  }).then(async (started) => {
    client = started;
    status.dataset.worker = String(client.generation);
    view.setRules(await client.rules);
    performance.mark("keyward-scanner-ready"); // read by tests/web/bench.mjs
    return client;
  }).catch((error) => {
    stopScanningLabel();
    view.showState("error", "The scanner could not start.", error.message);
    return null;
  });

  /** The findings for the text currently checked, or null while a scan is pending. */
  let current = null;
  /** Milliseconds from the last text change to its findings on screen: sets the typing delay. */
  let lastCycleMs = 0;
  /** When the text last changed (null until the first edit: the initial empty scan sets no delay). */
  let changedAt = null;
  /** Set by a paste or drop: bring the findings into view when they (or "Scanning…") show. */
  let revealPending = false;
  /** Time of the first edit, for the "keyward-first-result" measure (read by tests/web/page.test.mjs). */
  let firstInputAt = null;
  let firstResultShown = false;

  let scanningLabel = 0;
  let elapsedTicker = 0;
  function showScanning() {
    const started = performance.now();
    const chars = doc.value.length;
    const label = () => {
      const seconds = Math.floor((performance.now() - started) / 1000);
      view.showState("scanning", `Scanning ${formatSize(chars)}…${seconds ? ` ${seconds} s` : ""}`,
        "Edit the text or press Clear to stop.");
    };
    label();
    elapsedTicker = setInterval(label, 1000);
    if (revealPending) {
      revealPending = false;
      reveal(status, resultsPanel);
    }
  }
  function stopScanningLabel() {
    clearTimeout(scanningLabel);
    clearInterval(elapsedTicker);
  }

  /** Scans the text and shows the results; returns the error if the scan failed. */
  async function rescan() {
    const text = doc.value;
    const scanClient = await scanner;
    if (!scanClient) return new Error("the scanner could not start");
    let result;
    try {
      result = await scanClient.scan(text);
    } catch (error) {
      if (text !== doc.value) return undefined;
      stopScanningLabel();
      delete status.dataset.running;
      view.showState("error", "The scan failed.", error.message);
      return error;
    }
    if (!result || text !== doc.value) return undefined; // superseded or cancelled by newer input
    stopScanningLabel();
    current = result.findings;
    current.truncated = result.truncated;
    drawHighlights();
    delete status.dataset.running;
    status.dataset.chars = String(text.length);
    view.render(text, current, {
      truncated: result.truncated,
      detail: text ? `In ${formatSize(text.length)}, scanned in ${result.scanMs.toFixed(1)} ms in a worker.` : "Paste, type or drop files.",
    });
    inputNote.textContent = doc.windowNote();
    // A truncated scan may have missed secrets: a "redacted" copy of it could still hold some.
    copyButton.disabled = downloadButton.disabled = !text || result.truncated;
    const now = performance.now();
    if (changedAt !== null) lastCycleMs = now - changedAt;
    if (firstInputAt !== null && !firstResultShown) {
      firstResultShown = true;
      // Until the frame that shows it has been painted (a task queued from requestAnimationFrame runs after the paint).
      const detail = { chars: text.length, scanMs: result.scanMs, renderedMs: now - firstInputAt };
      requestAnimationFrame(() => setTimeout(() => performance.measure("keyward-first-result", { start: firstInputAt, detail })));
    }
    if (revealPending) {
      revealPending = false;
      reveal(status, resultsPanel);
    }
    return undefined;
  }

  let debounce = 0;
  /** `immediate`: a paste, drop or Clear (scan now, say "Scanning…" at once); else typing. */
  function textChanged({ immediate, revealResults = false, at = performance.now() }) {
    if (firstInputAt === null) firstInputAt = at;
    changedAt = at;
    current = null;
    // Whatever the worker is scanning is for an older text: stop it.
    if (client?.cancel()) status.dataset.worker = String(client.generation);
    delete status.dataset.running;
    status.dataset.state = "scanning";
    view.markStale();
    highlighter.clear();
    exportStatus.textContent = "";
    inputNote.textContent = doc.windowNote();
    revealPending = revealPending || revealResults;
    clearTimeout(debounce);
    stopScanningLabel();
    if (!immediate) scanningLabel = setTimeout(showScanning, TYPING_SCANNING_LABEL_MS);
    else if (doc.value) showScanning();
    if (immediate || lastCycleMs < FRAME_MS) rescan();
    else debounce = setTimeout(rescan, TYPING_DEBOUNCE_MS);
  }
  textarea.addEventListener("paste", (event) => {
    if (!doc.pasteLarge(event.clipboardData.getData("text/plain"))) return;
    event.preventDefault();
    textChanged({ immediate: true, revealResults: true, at: event.timeStamp });
  });
  textarea.addEventListener("input", (event) => {
    doc.adoptEdit();
    const pasted = event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop";
    textChanged({ immediate: pasted, revealResults: pasted, at: event.timeStamp });
  });

  acceptFiles({
    input: $("file-input"), dropTarget: $("editor"),
    onText: (text) => {
      doc.set(text);
      textChanged({ immediate: true, revealResults: true });
    },
    onError: (error) => (inputNote.textContent = `Could not read the files: ${error.message}`),
  });
  $("clear").addEventListener("click", () => {
    doc.set("");
    textChanged({ immediate: true });
    textarea.focus();
  });

  /** Export only once the findings match the text and cover all of it, so nothing unscanned slips through. */
  async function redactedText() {
    while (current === null) {
      clearTimeout(debounce);
      const error = await rescan();
      if (error) throw error;
    }
    if (current.truncated) throw new Error("the scan stopped early, so secrets may be left in the text");
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

  // The text the browser may have restored into the box, or the empty box: the page's first result.
  rescan();
}

main();
