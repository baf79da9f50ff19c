"use strict";
// Files opened or dropped are read locally (File.text(), no request) and put in the text box. Several
// files are joined under `==> name <==` headers (as `tail` prints them), so each finding can say
// which file and line it is on, even after the text has been edited.

const FILE_HEADER = /^==> (.+) <==$/gm;

async function readFilesAsText(files) {
  const list = [...files];
  const texts = await Promise.all(list.map((file) => file.text()));
  if (list.length === 1) return texts[0];
  return list.map((file, i) => `==> ${file.name} <==\n${texts[i]}${texts[i].endsWith("\n") ? "" : "\n"}`).join("\n");
}

let headerCache = { text: null, headers: [] };

/** File headers in `text`: {name, index, line} with `line` the header's 1-based line number. */
function fileHeaders(text) {
  if (headerCache.text === text) return headerCache.headers;
  const headers = [];
  // A multiline regex over megabytes costs tens of ms; most texts have no header at all.
  if (!text.startsWith("==> ") && !text.includes("\n==> ")) {
    headerCache = { text, headers };
    return headers;
  }
  let line = 1;
  let next = text.indexOf("\n");
  for (const match of text.matchAll(FILE_HEADER)) {
    for (; next !== -1 && next < match.index; next = text.indexOf("\n", next + 1)) line++;
    headers.push({ name: match[1], index: match.index, line });
  }
  headerCache = { text, headers };
  return headers;
}

/** The file header that `index` falls under, or null. */
function fileAt(text, index) {
  let found = null;
  for (const header of fileHeaders(text)) {
    if (header.index > index) break;
    found = header;
  }
  return found;
}

/** Wires the "Open files" input and drag-and-drop onto `dropTarget`; calls `onText` with the content. */
function acceptFiles({ input, dropTarget, onText, onError }) {
  const load = (files) => {
    if (files.length) readFilesAsText(files).then(onText, onError);
  };
  input.addEventListener("change", () => {
    load(input.files);
    input.value = "";
  });
  dropTarget.addEventListener("dragover", (event) => {
    if (!event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    dropTarget.classList.add("dragging");
  });
  dropTarget.addEventListener("dragleave", () => dropTarget.classList.remove("dragging"));
  dropTarget.addEventListener("drop", (event) => {
    dropTarget.classList.remove("dragging");
    if (!event.dataTransfer.files.length) return;
    event.preventDefault();
    load(event.dataTransfer.files);
  });
}
