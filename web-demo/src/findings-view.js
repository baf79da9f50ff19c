"use strict";
// The findings list: one card per secret with provider, rule, confidence, place, redacted preview,
// revoke link and a "what to do now" playbook. Built with DOM APIs only (the pasted text is never
// parsed as HTML).

/** Rendering thousands of cards would stall the page; the count is still reported in full. */
const MAX_CARDS = 500;

/** The usual leaked-credential playbook, in order: revoke first, then rotate, check usage, scrub history. */
function playbookSteps(finding, rule) {
  const envVar = rule && rule.envVar;
  return [
    ["Revoke it now: ", revokeNode(finding.revokeUrl), ". Assume it was copied the moment it left your machine."],
    ["Rotate: create a new credential and put it where the old one was used",
      envVar ? [" (for example the ", code(envVar), " environment variable or your secret store)"] : " (your secret store or environment)",
      ", not in code or chat."],
    [`Check usage: look through ${finding.provider}'s usage and audit logs for activity you do not recognise since the leak.`],
    ["Scrub history: if it was committed, remove it from git history (",
      code("git filter-repo --replace-text"), ") and force-push. That does not un-leak it, which is why revoking comes first."],
  ];
}

function code(text) {
  const el = document.createElement("code");
  el.textContent = text;
  return el;
}

/** A link when the catalogue gives a URL; some rules (private keys, database passwords) give instructions. */
function revokeNode(revokeUrl) {
  if (!/^https:\/\//.test(revokeUrl)) return document.createTextNode(revokeUrl || "Rotate it with whoever issued it.");
  const { host, pathname } = new URL(revokeUrl);
  const link = document.createElement("a");
  link.href = revokeUrl;
  link.textContent = host + pathname.replace(/\/$/, "");
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  return link;
}

function appendAll(parent, items) {
  for (const item of items.flat(2)) parent.append(item);
}

class FindingsView {
  constructor({ list, empty, template, rules, onShow }) {
    this.list = list;
    this.empty = empty;
    this.template = template;
    this.rulesById = new Map(rules.map((rule) => [rule.id, rule]));
    this.onShow = onShow;
  }

  render(text, findings) {
    const cards = findings.slice(0, MAX_CARDS).map((finding) => this.card(text, finding));
    this.list.replaceChildren(...cards);
    this.empty.hidden = findings.length > 0;
    this.empty.textContent = text.trim() ? "No secrets found." : "Nothing scanned yet.";
    if (findings.length > MAX_CARDS) {
      const more = document.createElement("li");
      more.className = "more";
      more.textContent = `…and ${findings.length - MAX_CARDS} more (all of them are redacted in the copy and download).`;
      this.list.append(more);
    }
  }

  card(text, finding) {
    const card = this.template.content.firstElementChild.cloneNode(true);
    const q = (selector) => card.querySelector(selector);
    card.dataset.ruleId = finding.ruleId;
    card.dataset.start = String(finding.startIndex);
    card.dataset.end = String(finding.endIndex);
    q(".provider").textContent = finding.provider;
    q(".title").textContent = finding.title;
    q(".confidence").textContent = `${finding.confidence} confidence`;
    q(".confidence").classList.add(`confidence-${finding.confidence}`);
    q(".rule-id").textContent = finding.ruleId;
    q(".where").textContent = describePlace(text, finding);
    q(".redacted").textContent = finding.redacted;
    q(".revoke").append(revokeNode(finding.revokeUrl));
    const show = q(".show-in-text");
    show.setAttribute("aria-label", `Show the ${finding.provider} ${finding.title} in the text`);
    show.addEventListener("click", () => this.onShow(finding));
    for (const step of playbookSteps(finding, this.rulesById.get(finding.ruleId))) {
      const li = document.createElement("li");
      appendAll(li, step);
      q(".steps").append(li);
    }
    return card;
  }
}

/** "line 3, column 9", prefixed with the file name when the text came from dropped files. */
function describePlace(text, finding) {
  const file = fileAt(text, finding.startIndex);
  const line = file ? finding.line - file.line : finding.line;
  const place = `line ${line}, column ${finding.column}`;
  return file ? `${file.name}, ${place}` : place;
}
