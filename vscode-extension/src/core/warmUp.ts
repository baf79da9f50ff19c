/** Lines that make the scanner compile, ahead of time, the rules an ordinary file hits: the
 * generic `name = value` rules (almost every file with a secret trips their keywords) and each
 * provider's context rule (its suggested variable name holds the provider keyword). Rules compile
 * lazily on their keyword's first hit, which otherwise lands on a document's first scan. */

import type { RuleInfo } from "./types";

const GENERIC_NAMES = ["api_key", "apikey", "secret", "client_secret", "token", "auth_token", "password", "access_key", "private_key"];

export function warmUpLines(rules: readonly Pick<RuleInfo, "envVar">[]): string[] {
  const names = new Set([...GENERIC_NAMES, ...rules.map((rule) => rule.envVar).filter(Boolean)]);
  // A value too short to be any secret: the rules compile and run, nothing is found.
  return [...names].map((name) => `${name} = "x"`);
}
