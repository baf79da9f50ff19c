// What the .vsix ships: exactly the bundles, the wasm, package.json and README, and nothing that
// keyward itself (the npm package's Node build) flags as a secret, even at low confidence.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { test } from "node:test";

const repo = resolve(import.meta.dirname, "../..");
const extension = join(repo, "vscode-extension");
const vsix = process.env.KEYWARD_VSIX ?? join(extension, "keyward.vsix");

test("vsce ls lists only the bundles and their scan workers, the wasm, package.json and the README", () => {
  const listed = execFileSync("vsce", ["ls", "--no-dependencies"], { cwd: extension, encoding: "utf8" }).trim().split("\n").sort();
  assert.deepEqual(listed, ["README.md", "dist/keyward_wasm_bg.wasm", "dist/node/extension.js", "dist/node/worker.js", "dist/web/extension.js", "dist/web/worker.js", "package.json"]);
});

/** The secrets in the rule catalogue's `examples` (fake tokens, with valid checksums, that must
 * never ship), as keyward itself finds them in each example text. */
function catalogueExampleSecrets(scanner) {
  const secrets = new Set();
  for (const file of walk(join(repo, "crates/keyward-core/rules")).filter((f) => f.endsWith(".toml"))) {
    const toml = readFileSync(file, "utf8");
    for (const [, block] of toml.matchAll(/^examples\s*=\s*\[([\s\S]*?)^\]/gm)) {
      for (const [, double, single] of block.matchAll(/"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'/g)) {
        const text = single ?? double.replace(/\\(.)/g, (_, c) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);
        for (const f of scanner.scan(text, { minConfidence: "low", includeSecret: true })) secrets.add(f.secret);
      }
    }
  }
  return [...secrets];
}

test("the .vsix holds no catalogue example secret, and its text files nothing keyward flags", () => {
  const { Scanner } = createRequire(import.meta.url)(join(repo, "packages/keyward"));
  const scanner = new Scanner({});
  const examples = catalogueExampleSecrets(scanner);
  assert.ok(examples.length > 100, `example secrets found in the catalogue (${examples.length})`);
  const dir = mkdtempSync(join(tmpdir(), "keyward-vsix-"));
  try {
    execFileSync("unzip", ["-q", vsix, "-d", dir]);
    const files = walk(dir);
    assert.ok(files.some((f) => f.endsWith("dist/web/extension.js")), "the browser bundle is packaged");
    for (const file of files) {
      const content = readFileSync(file, "latin1");
      assert.deepEqual(examples.filter((token) => content.includes(token)), [], `catalogue examples in ${relative(dir, file)}`);
      // The wasm holds the rule tables (keywords next to other strings), which the low-confidence
      // context rules read as assignments; its check is the example secrets above.
      if (file.endsWith(".wasm")) continue;
      const findings = scanner.scan(content, { minConfidence: "low" });
      assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.redacted}`), [], relative(dir, file));
    }
    console.log(`# .vsix: ${statSync(vsix).size} bytes, ${files.length} files`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
