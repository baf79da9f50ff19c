"use strict";
// The text being checked. Normally it is simply the textarea's value. Chromium needs seconds of
// main-thread time to lay out a multi-megabyte textarea (measured by tests/web/bench.mjs), so a text
// longer than LARGE_TEXT_CHARS is kept here instead, scanned whole, and the box shows a read-only
// window of it around the place of interest.

/** Above this, text is held outside the textarea: laying out 200 K characters already takes 50–150 ms. */
const LARGE_TEXT_CHARS = 200_000;
/** How much of a large text the box shows at a time (about 500 lines of a typical log). */
const WINDOW_CHARS = 50_000;

class CheckedText {
  constructor(textarea) {
    this.textarea = textarea;
    /** The whole text when it is too large for the box, else null. */
    this.large = null;
    /** Index in the whole text of the box's first character. */
    this.offset = 0;
  }

  get value() {
    return this.large ?? this.textarea.value;
  }

  /** Replaces the text (paste, files, clear). */
  set(text) {
    if (text.length > LARGE_TEXT_CHARS) {
      this.large = text;
      this.textarea.readOnly = true;
      this.showWindowAt(0);
    } else {
      this.large = null;
      this.offset = 0;
      this.textarea.readOnly = false;
      this.textarea.value = text;
    }
  }

  /** After the user edited the box: a text that became too large moves out of it. */
  adoptEdit() {
    if (this.large === null && this.textarea.value.length > LARGE_TEXT_CHARS) this.set(this.textarea.value);
  }

  /** Replaces the selection with `pasted`; returns false if the box can take it as a normal edit. */
  pasteLarge(pasted) {
    const { textarea } = this;
    const total = this.value.length - (textarea.selectionEnd - textarea.selectionStart) + pasted.length;
    if (total <= LARGE_TEXT_CHARS) return false;
    const start = this.offset + textarea.selectionStart;
    const end = this.offset + textarea.selectionEnd;
    this.set(this.value.slice(0, start) + pasted + this.value.slice(end));
    return true;
  }

  /** For a large text, shows the window around `index` (starting on a line boundary). */
  showWindowAt(index) {
    const text = this.large;
    if (text === null) return;
    let start = Math.max(0, Math.min(index - WINDOW_CHARS / 2, text.length - WINDOW_CHARS));
    if (start > 0) start = text.lastIndexOf("\n", start) + 1;
    this.offset = start;
    this.textarea.value = text.slice(start, start + WINDOW_CHARS);
  }

  /** The box's text and the findings inside it, with indices relative to the box. */
  visible(findings) {
    const end = this.offset + this.textarea.value.length;
    const inside = findings
      .filter((f) => f.startIndex >= this.offset && f.endIndex <= end)
      .map((f) => ({ ...f, startIndex: f.startIndex - this.offset, endIndex: f.endIndex - this.offset }));
    return { text: this.textarea.value, findings: inside };
  }

  /** A note for the status line when the box shows only part of the text. */
  windowNote() {
    if (this.large === null) return "";
    const shownEnd = this.offset + this.textarea.value.length;
    return ` The box shows characters ${this.offset + 1}–${shownEnd} of ${this.large.length}, read-only` +
      " (a text this long would freeze the page in a text box); “Show in text” moves to each secret, Clear starts over.";
  }
}
