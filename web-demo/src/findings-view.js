"use strict";
// The findings panel: a summary at the top (how many secrets, how many of each severity), then one
// compact card per distinct secret: severity, title, redacted preview, every place it occurs (each
// selects that occurrence in the text), where to revoke it, and details plus the playbook folded away.
// Built with DOM APIs only (the pasted text is never parsed as HTML).

/** Rendering thousands of cards would stall the page; the count is still reported in full. */
const MAX_CARDS = 500;
/** Places listed on one card; the rest are counted (every one is still highlighted and redacted). */
const MAX_PLACES = 100;

/** The usual leaked-credential playbook, in order: revoke first, then rotate, check usage, scrub history. */
function playbookSteps(secret, rule) {
  const envVar = rule && rule.envVar;
  return [
    ["Revoke it now: ", revokeNodes(secret), /\.$/.test(secret.revokeUrl || ".") ? " " : ". ",
      "Assume it was copied the moment it left your machine."],
    ["Rotate: create a new credential and put it where the old one was used",
      envVar ? [" (for example the ", code(envVar), " environment variable or your secret store)"] : " (your secret store or environment)",
      ", not in code or chat."],
    [`Check usage: look through ${secret.provider}'s usage and audit logs for activity you do not recognise since the leak.`],
    ["Scrub history: if it was committed, remove it from git history (",
      code("git filter-repo --replace-text"), ") and force-push. That does not un-leak it, which is why revoking comes first."],
  ];
}

function code(text) {
  const el = document.createElement("code");
  el.textContent = text;
  return el;
}

/** A link to the provider's key page (with the catalogue's note after it), or the instruction to follow. */
function revokeNodes(secret) {
  const target = revokeTarget(secret.revokeUrl, secret.provider);
  if (!target.url) return [document.createTextNode(target.text)];
  const link = document.createElement("a");
  link.href = target.url;
  link.textContent = target.label;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  return target.note ? [link, ` ${target.note}`] : [link];
}

function appendAll(parent, items) {
  for (const item of [items].flat(3)) parent.append(item);
}

/**
 * `12345` -> `12,345`. Not `toLocaleString`: its first call loads the locale data, 12-15 ms on the
 * way to the first result the page shows.
 */
function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

function plural(n, one, many = `${one}s`) {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

class FindingsView {
  constructor({ list, template, summary, truncatedNotice, onSelect }) {
    this.list = list;
    this.template = template;
    this.summary = summary; // {root, count, severities, detail}
    this.truncatedNotice = truncatedNotice;
    this.rulesById = new Map();
    this.onSelect = onSelect;
  }

  setRules(rules) {
    this.rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  }

  /** A state without results: scanning, or an error. */
  showState(state, message, detail = "") {
    const { root, count, severities, detail: detailEl } = this.summary;
    root.dataset.state = state;
    count.textContent = message;
    severities.replaceChildren();
    detailEl.textContent = detail;
    this.list.setAttribute("aria-busy", String(state === "scanning"));
  }

  /** Marks the cards on screen as belonging to an older text, without redrawing them (no flicker while typing). */
  markStale() {
    this.list.setAttribute("aria-busy", "true");
  }

  /** Shows the findings of `text`: the summary, one card per distinct secret, and the truncation notice. */
  render(text, findings, { truncated, detail }) {
    const secrets = groupBySecret(findings);
    const { root, count, severities, detail: detailEl } = this.summary;
    root.dataset.state = "done";
    root.dataset.secrets = String(secrets.length);
    const atLeast = truncated ? "At least " : "";
    count.textContent = !text.trim() ? "Nothing to check yet."
      : secrets.length === 0 ? `${truncated ? "No secrets found so far" : "No secrets found"}.`
      : secrets.length === findings.length ? `${atLeast}${plural(secrets.length, "secret")} found.`
      : `${atLeast}${plural(secrets.length, "secret")} found, in ${plural(findings.length, "place")}.`;
    const counts = severityCounts(secrets);
    severities.replaceChildren(...SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => {
      const chip = document.createElement("li");
      chip.className = `severity severity-${severity}`;
      chip.dataset.severity = severity;
      chip.dataset.count = String(counts[severity]);
      chip.textContent = `${formatCount(counts[severity])} ${severity}`;
      return chip;
    }));
    detailEl.textContent = detail;
    this.truncatedNotice.hidden = !truncated;

    const cards = secrets.slice(0, MAX_CARDS).map((secret) => this.card(text, secret));
    if (secrets.length > MAX_CARDS) {
      const more = document.createElement("li");
      more.className = "more";
      more.textContent = `…and ${secrets.length - MAX_CARDS} more (all of them are redacted in the copy and download).`;
      cards.push(more);
    }
    this.list.replaceChildren(...cards);
    this.list.setAttribute("aria-busy", "false");
  }

  card(text, secret) {
    const card = this.template.content.firstElementChild.cloneNode(true);
    const q = (selector) => card.querySelector(selector);
    card.dataset.fingerprint = secret.fingerprint;
    card.dataset.ruleId = secret.ruleId;
    card.dataset.severity = secret.severity;
    card.classList.add(`severity-${secret.severity}`);
    const heading = headline(secret.title, secret.provider);
    q(".severity").textContent = secret.severity;
    q(".severity").classList.add(`severity-${secret.severity}`);
    q(".title").textContent = heading.title;
    if (heading.provider) q(".provider").textContent = heading.provider;
    else q(".provider").remove();
    q(".confidence").textContent = `${secret.confidence} confidence`;
    q(".redacted").textContent = secret.redacted;
    q(".places-label").textContent = secret.places.length === 1 ? "at" : `${secret.places.length} places:`;
    const places = q(".places");
    for (const place of secret.places.slice(0, MAX_PLACES)) places.append(this.placeItem(text, secret, place));
    if (secret.places.length > MAX_PLACES) {
      const more = document.createElement("li");
      more.textContent = `and ${secret.places.length - MAX_PLACES} more`;
      places.append(more);
    }
    appendAll(q(".revoke"), revokeNodes(secret));
    q(".rule-id").textContent = secret.ruleId;
    q(".fingerprint").textContent = secret.fingerprint;
    for (const step of playbookSteps(secret, this.rulesById.get(secret.ruleId))) {
      const li = document.createElement("li");
      appendAll(li, step);
      q(".steps").append(li);
    }
    return card;
  }

  placeItem(text, secret, place) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "place";
    button.dataset.start = String(place.startIndex);
    button.dataset.end = String(place.endIndex);
    button.textContent = describePlace(text, place);
    button.setAttribute("aria-label", `Select the ${secret.title} at ${button.textContent} in the text`);
    button.addEventListener("click", () => this.onSelect(place));
    item.append(button);
    return item;
  }
}

/** "line 3, column 9", prefixed with the file name when the text came from dropped files. */
function describePlace(text, finding) {
  const file = fileAt(text, finding.startIndex);
  const line = file ? finding.line - file.line : finding.line;
  const place = `line ${line}, column ${finding.column}`;
  return file ? `${file.name}, ${place}` : place;
}
