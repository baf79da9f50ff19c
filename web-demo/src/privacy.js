"use strict";
// Shows the page's Content-Security-Policy and lets the user watch the browser block a request.

function pageCsp() {
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  return meta ? meta.content : "";
}

/** One directive per line, for reading. */
function formatCsp(policy) {
  return policy.split(";").map((d) => d.trim()).filter(Boolean).join(";\n");
}

/** Where the demonstration tries to send a harmless string. Never the pasted text. */
const SEND_TARGET = "https://example.com/keyward-paste-checker/collect";

/** The attempts the button makes, each a different way a page could phone home. */
const SEND_ATTEMPTS = [
  ["fetch() POST", () => fetch(SEND_TARGET, { method: "POST", body: "hello from the paste checker" })],
  ["image beacon", () => new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = resolve;
    img.onerror = () => reject(new Error("the image request was refused"));
    img.src = `${SEND_TARGET}.gif?hello`;
  })],
];

/** Runs each attempt and reports what the browser did, with the CSP violation it raised. */
async function trySending(log) {
  log.replaceChildren();
  const violations = [];
  const onViolation = (event) => violations.push(event);
  document.addEventListener("securitypolicyviolation", onViolation);
  for (const [label, attempt] of SEND_ATTEMPTS) {
    const item = document.createElement("li");
    const before = violations.length;
    try {
      await attempt();
      item.className = "sent";
      item.textContent = `${label}: the request went out. This should never happen; please report it.`;
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 0)); // the violation event is queued as a task
      const violation = violations[before];
      item.className = "blocked";
      item.textContent = violation
        ? `${label}: blocked by your browser (Content-Security-Policy "${violation.effectiveDirective}" refused ${violation.blockedURI}).`
        : `${label}: blocked (${error.message}).`;
    }
    log.append(item);
  }
  document.removeEventListener("securitypolicyviolation", onViolation);
}
