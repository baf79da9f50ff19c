/** The `keyward.*` settings, read from raw configuration values and checked, so that a typo in
 * settings.json gives a clear message instead of a silent default or a crash. */

import { CONFIDENCES, SEVERITIES as FINDING_SEVERITIES, type Confidence, type Severity } from "./types";

export type RunMode = "onType" | "onSave" | "off";
export type SeverityName = "error" | "warning" | "information" | "hint";
/** Findings in a `.env`-style file that git ignores: shown as information, or not at all. */
export type GitIgnoredEnvFiles = "information" | "off";

export interface CustomRule {
  id: string;
  regex: string;
  keywords?: string[];
  confidence?: Confidence;
  severity?: Severity;
  title?: string;
  provider?: string;
}

export interface Settings {
  enable: boolean;
  run: RunMode;
  minimumConfidence: Confidence;
  severity: Record<Confidence, SeverityName>;
  disabledRules: string[];
  customRules: CustomRule[];
  exclude: string[];
  maxFileSize: number;
  gitIgnoredEnvFiles: GitIgnoredEnvFiles;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: "onType",
  minimumConfidence: "medium",
  severity: { high: "error", medium: "warning", low: "information" },
  disabledRules: [],
  customRules: [],
  exclude: [],
  maxFileSize: 2_000_000,
  gitIgnoredEnvFiles: "information",
};

const RUN_MODES: readonly RunMode[] = ["onType", "onSave", "off"];
const SEVERITIES: readonly SeverityName[] = ["error", "warning", "information", "hint"];
const GIT_IGNORED_ENV_FILES: readonly GitIgnoredEnvFiles[] = ["information", "off"];

/** Reads settings through `get` (e.g. `workspace.getConfiguration("keyward").get`); each bad
 * value falls back to its default and adds a message to `problems`. */
export function parseSettings(get: (key: string) => unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const pick = <T>(key: string, fallback: T, valid: (value: unknown) => value is T, expected: string): T => {
    const value = get(key);
    if (value === undefined || value === null) return fallback;
    if (valid(value)) return value;
    problems.push(`keyward.${key} should be ${expected}; using ${JSON.stringify(fallback)}`);
    return fallback;
  };
  const oneOf = <T extends string>(values: readonly T[]) => (v: unknown): v is T => values.includes(v as T);
  const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

  const severityRaw = get("severity");
  const severity = { ...DEFAULT_SETTINGS.severity };
  if (severityRaw !== undefined && severityRaw !== null) {
    if (typeof severityRaw !== "object" || Array.isArray(severityRaw)) {
      problems.push("keyward.severity should be an object like {\"high\": \"error\"}");
    } else {
      for (const [level, name] of Object.entries(severityRaw)) {
        if (!oneOf(CONFIDENCES)(level)) problems.push(`keyward.severity: unknown confidence "${level}" (use low, medium or high)`);
        else if (!oneOf(SEVERITIES)(name)) problems.push(`keyward.severity.${level} should be one of ${SEVERITIES.join(", ")}`);
        else severity[level] = name;
      }
    }
  }

  const settings: Settings = {
    enable: pick("enable", DEFAULT_SETTINGS.enable, (v): v is boolean => typeof v === "boolean", "true or false"),
    run: pick("run", DEFAULT_SETTINGS.run, oneOf(RUN_MODES), RUN_MODES.join(", ")),
    minimumConfidence: pick("minimumConfidence", DEFAULT_SETTINGS.minimumConfidence, oneOf(CONFIDENCES), "low, medium or high"),
    severity,
    disabledRules: pick("disabledRules", DEFAULT_SETTINGS.disabledRules, isStringArray, "a list of rule ids"),
    customRules: parseCustomRules(get("customRules"), problems),
    exclude: pick("exclude", DEFAULT_SETTINGS.exclude, isStringArray, "a list of glob patterns"),
    maxFileSize: pick("maxFileSize", DEFAULT_SETTINGS.maxFileSize, (v): v is number => typeof v === "number" && v >= 0, "a number of characters ≥ 0"),
    gitIgnoredEnvFiles: pick("gitIgnoredEnvFiles", DEFAULT_SETTINGS.gitIgnoredEnvFiles, oneOf(GIT_IGNORED_ENV_FILES), GIT_IGNORED_ENV_FILES.join(" or ")),
  };
  return { settings, problems };
}

/** Keeps the well-formed custom rules; the regex itself is checked by the core when the
 * scanner is built, which reports a clear error for an invalid one. */
function parseCustomRules(raw: unknown, problems: string[]): CustomRule[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push("keyward.customRules should be a list of {id, regex} objects");
    return [];
  }
  const rules: CustomRule[] = [];
  raw.forEach((entry: unknown, index) => {
    const rule = entry as Partial<CustomRule> | null;
    if (!rule || typeof rule !== "object" || typeof rule.id !== "string" || typeof rule.regex !== "string" || !rule.id || !rule.regex) {
      problems.push(`keyward.customRules[${index}] needs a non-empty "id" and "regex"; skipped`);
      return;
    }
    if (rule.confidence !== undefined && !CONFIDENCES.includes(rule.confidence)) {
      problems.push(`keyward.customRules[${index}].confidence should be low, medium or high; skipped`);
      return;
    }
    if (rule.severity !== undefined && !FINDING_SEVERITIES.includes(rule.severity)) {
      problems.push(`keyward.customRules[${index}].severity should be low, medium, high or critical; skipped`);
      return;
    }
    if (rule.keywords !== undefined && !(Array.isArray(rule.keywords) && rule.keywords.every((k) => typeof k === "string"))) {
      problems.push(`keyward.customRules[${index}].keywords should be a list of strings; skipped`);
      return;
    }
    const { id, regex, keywords, confidence, severity, title, provider } = rule;
    rules.push({ id, regex, keywords, confidence, severity, title, provider });
  });
  return rules;
}
