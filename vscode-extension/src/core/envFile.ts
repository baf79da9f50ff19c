/** The workspace `.env` file and `.gitignore`: reading names, choosing a free name, appending. */

/** `NAME=value` pairs of a dotenv file (`export` prefixes, quotes and inline comments handled). */
export function parseEnv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (match) values.set(match[1], unquote(match[2]));
  }
  return values;
}

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value.replace(/\s+#.*$/, "");
}

/** Upper-snake-case variable name for a secret: the rule's suggested name (`OPENAI_API_KEY`);
 * for rules without one (generic and custom rules), the name the secret is assigned to in
 * `textBefore`, the line up to the secret (`db_password: '…'` → `DB_PASSWORD`); else the rule id. */
export function envVarName(suggested: string | undefined, ruleId: string, textBefore = ""): string {
  const assignedTo = /([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?::=|=>|=|:)\s*["'`]?$/.exec(textBefore)?.[1];
  const name = (suggested || assignedTo || ruleId).toUpperCase().replace(/[^A-Z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}

/** The name under which `secret` goes into `.env`: `base` if free, the existing name if this
 * secret is already stored, else `base_2`, `base_3`, … */
export function chooseEnvName(base: string, existing: Map<string, string>, secret: string): { name: string; alreadyStored: boolean } {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}_${n}`;
    const value = existing.get(name);
    if (value === undefined) return { name, alreadyStored: false };
    if (value === secret) return { name, alreadyStored: true };
  }
}

/** `text` with `NAME=secret` appended on a line of its own. */
export function appendEnvEntry(text: string, name: string, secret: string): string {
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  return `${text}${separator}${name}=${formatEnvValue(secret)}\n`;
}

/** Bare when the value has only safe characters, otherwise double-quoted with escapes that
 * dotenv loaders undo (newlines as `\n`, so key blocks stay on one line). */
function formatEnvValue(value: string): string {
  if (/^[A-Za-z0-9_\-.\/+=:@~,]*$/.test(value)) return value;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

/** `.gitignore` content with `entry` appended on a line of its own. */
export function appendGitignoreEntry(text: string, entry: string): string {
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  return `${text}${separator}${entry}\n`;
}

/** True for files that usually hold real secrets: `.env`, `.env.local`, `prod.env`, but not
 * the committed templates `.env.example`, `.env.sample`, `.env.template`, `.env.dist`. */
export function isDotenvFileName(fileName: string): boolean {
  if (/^\.env\.(example|sample|template|dist|defaults)$/i.test(fileName)) return false;
  return /^\.env(\..+)?$/i.test(fileName) || /\.env$/i.test(fileName);
}
