// Test inputs for the page, built at test time so that no realistic-looking key is ever served with
// the page. Keys are fake but well-formed (GitHub's CRC32 checksum is valid), from a seeded generator,
// so every run sees the same text.
import { crc32 } from "node:zlib";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const BASE62 = DIGITS + UPPER + LOWER;
const URL_SAFE = UPPER + LOWER + DIGITS + "_-";
const BASE32 = UPPER + "234567";
const BASE64 = UPPER + LOWER + DIGITS + "+/";

/** mulberry32: a tiny seeded PRNG, so fixtures are random-looking but reproducible. */
function randomSource(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomString(random, alphabet, length) {
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

function base62(value, digits) {
  let s = "";
  for (let i = 0; i < digits; i++, value = Math.floor(value / 62)) s = BASE62[value % 62] + s;
  return s;
}

/**
 * One fake key per provider: `{openai, anthropic, awsKeyId, awsSecret, github, stripe, minimax,
 * postgresPassword}`. The first five come first, so adding keys does not change them for a seed.
 */
export function fakeKeys(seed = 7) {
  const random = randomSource(seed);
  const githubBody = randomString(random, BASE62, 30);
  return {
    openai: `sk-proj-${randomString(random, URL_SAFE, 74)}T3BlbkFJ${randomString(random, URL_SAFE, 74)}`,
    anthropic: `sk-ant-api03-${randomString(random, URL_SAFE, 93)}AA`,
    awsKeyId: `AKIA${randomString(random, BASE32, 16)}`,
    awsSecret: randomString(random, BASE64, 40),
    github: `ghp_${githubBody}${base62(crc32(githubBody), 6)}`,
    stripe: `sk_live_${randomString(random, BASE62, 24)}`,
    // The catalogue's longest revoke link (platform.minimax.io/user-center/basic-information/interface-key).
    minimax: `sk-api-${randomString(random, URL_SAFE, 119)}`,
    postgresPassword: randomString(random, BASE62, 18),
  };
}

/**
 * A deploy log with keys of four providers and an AWS secret. An emoji sits before the GitHub token
 * on its line, so its UTF-16 column differs from its byte column. `expected` lists each planted key
 * with its rule id.
 */
export function plantedText(keys = fakeKeys()) {
  const text = [
    "# deploy notes, pasted from the team chat",
    `OPENAI_API_KEY=${keys.openai}`,
    `export ANTHROPIC_API_KEY="${keys.anthropic}"`,
    `aws_access_key_id = ${keys.awsKeyId}`,
    `aws_secret_access_key = ${keys.awsSecret}`,
    `🎉 shipped! ci uses ${keys.github} for the release`,
    "db_host = localhost",
    "",
  ].join("\n");
  const expected = [
    ["openai-project-key", keys.openai],
    ["anthropic-api-key", keys.anthropic],
    ["aws-access-key-id", keys.awsKeyId],
    ["aws-secret-access-key", keys.awsSecret],
    ["github-pat-classic", keys.github],
  ].map(([ruleId, secret]) => ({ ruleId, secret, ...placeOf(text, secret) }));
  return { text, expected, keys };
}

/**
 * Line, 1-based UTF-16 column and UTF-16 index range of `secret` in `text` (its first place at or after
 * `from`), computed independently of keyward.
 */
export function placeOf(text, secret, from = 0) {
  const startIndex = text.indexOf(secret, from);
  if (startIndex < 0) throw new Error("fixture: secret not in text");
  const before = text.slice(0, startIndex);
  return {
    startIndex,
    endIndex: startIndex + secret.length,
    line: before.split("\n").length,
    column: startIndex - before.lastIndexOf("\n"),
  };
}

/** Look-alikes that must not be reported: placeholders, templates, documented examples. */
export const PLACEHOLDER_TEXT = [
  "OPENAI_API_KEY=sk-proj-your-key-here",
  "ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxx",
  "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
  "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "GITHUB_TOKEN=${GITHUB_TOKEN}",
  "password: changeme",
  "api_key = your-api-key-here",
  "token = get_token_from_environment()",
  "",
].join("\n");

/** About `bytes` of ordinary log lines with `secrets` planted at evenly spaced places. */
export function bigLog(bytes, secrets) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `2026-11-27T21:${String(i % 60).padStart(2, "0")}:00Z INFO GET /api/v1/items/${i} status=200 took=${i % 97}ms user=${i % 1000}`;
    lines.push(line);
    size += line.length + 1;
  }
  secrets.forEach((secret, n) => {
    const at = Math.floor(((n + 1) * lines.length) / (secrets.length + 1));
    lines[at] = `2026-11-27T21:00:00Z WARN config dump: ${secret}`;
  });
  return lines.join("\n") + "\n";
}

/**
 * A config pasted with the same OpenAI key twice, a live Stripe key, a PostgreSQL URL and the key with
 * the longest revoke link: what the findings panel has to summarise, group and fit on a phone.
 * `expected` lists each distinct secret with its rule id and every place.
 */
export function mixedText(keys = fakeKeys(13)) {
  const text = [
    "# .env from the staging box",
    `OPENAI_API_KEY=${keys.openai}`,
    `STRIPE_SECRET_KEY=${keys.stripe}`,
    `DATABASE_URL=postgres://app:${keys.postgresPassword}@db.internal:5432/shop`,
    `MINIMAX_API_KEY=${keys.minimax}`,
    `AWS_ACCESS_KEY_ID=${keys.awsKeyId}`,
    "# the worker reads the same key",
    `worker.openai_key = "${keys.openai}"`,
    "",
  ].join("\n");
  const expected = [
    ["openai-project-key", keys.openai],
    ["stripe-secret-key", keys.stripe],
    ["postgres-connection-string", keys.postgresPassword],
    ["minimax-api-key", keys.minimax],
    ["aws-access-key-id", keys.awsKeyId],
  ].map(([ruleId, secret]) => ({ ruleId, secret, places: placesOf(text, secret) }));
  return { text, expected, keys };
}

/** Every place of `secret` in `text` (see placeOf). */
export function placesOf(text, secret) {
  const places = [];
  for (let from = 0; text.indexOf(secret, from) >= 0; from = places.at(-1).endIndex) places.push(placeOf(text, secret, from));
  return places;
}

/** `count` distinct fake AWS access key ids, one `AWS_ACCESS_KEY_ID=` line each (more than a scan lists). */
export function manyKeysText(count, seed = 3) {
  const random = randomSource(seed);
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(`AWS_ACCESS_KEY_ID=AKIA${randomString(random, BASE32, 16)}`);
  return `${lines.join("\n")}\n`;
}
