"use strict";
// Highlights secrets "in" the textarea: a mirror element behind it holds the same text, laid out with
// the same font, padding and wrapping, with each secret wrapped in <mark>. The textarea's background is
// transparent, so the marks show through exactly under the secret's characters.

class Highlighter {
  constructor(textarea, mirror) {
    this.textarea = textarea;
    this.mirror = mirror;
    textarea.addEventListener("scroll", () => this.syncScroll());
    new ResizeObserver(() => this.syncScroll()).observe(textarea);
  }

  /** Hides the marks until the next `show` (the text changed, so their places are stale). */
  clear() {
    this.mirror.replaceChildren();
  }

  /** Draws `findings` (UTF-16 `startIndex`/`endIndex` into `text`) over the box, which holds `text`. */
  show(text, findings) {
    const parts = [];
    let at = 0;
    for (const f of [...findings].sort((a, b) => a.startIndex - b.startIndex)) {
      if (f.startIndex < at) continue; // overlapping findings: the first one is already marked
      parts.push(document.createTextNode(text.slice(at, f.startIndex)));
      const mark = document.createElement("mark");
      mark.dataset.start = String(f.startIndex);
      mark.dataset.ruleId = f.ruleId;
      mark.textContent = text.slice(f.startIndex, f.endIndex);
      parts.push(mark);
      at = f.endIndex;
    }
    // A trailing newline in a textarea still gets a line of its own; a space keeps the mirror in step.
    parts.push(document.createTextNode(text.slice(at) + " "));
    this.mirror.replaceChildren(...parts);
    this.syncScroll();
  }

  syncScroll() {
    this.mirror.scrollTop = this.textarea.scrollTop;
    this.mirror.scrollLeft = this.textarea.scrollLeft;
  }

  /** Selects one occurrence of a secret (indices into the box's text), marks it as the current one and scrolls it into view. */
  select(finding) {
    const { textarea } = this;
    textarea.focus();
    textarea.setSelectionRange(finding.startIndex, finding.endIndex);
    for (const current of this.mirror.querySelectorAll("mark.current")) current.classList.remove("current");
    const mark = this.mirror.querySelector(`mark[data-start="${finding.startIndex}"]`);
    if (mark) {
      mark.classList.add("current");
      textarea.scrollTop = Math.max(0, mark.offsetTop - textarea.clientHeight / 3);
    }
    this.syncScroll();
  }
}
