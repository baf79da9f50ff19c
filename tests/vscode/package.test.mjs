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

test("vsce ls lists only the bundles, the wasm, package.json and the README", () => {
  const listed = execFileSync("vsce", ["ls", "--no-dependencies"], { cwd: extension, encoding: "utf8" }).trim().split("\n").sort();
  assert.deepEqual(listed, ["README.md", "dist/keyward_wasm_bg.wasm", "dist/node/extension.js", "dist/web/extension.js", "package.json"]);
});

test("no file in the .vsix contains a secret keyward can find", () => {
  const { Scanner } = createRequire(import.meta.url)(join(repo, "packages/keyward"));
  const scanner = new Scanner({});
  const dir = mkdtempSync(join(tmpdir(), "keyward-vsix-"));
  try {
    execFileSync("unzip", ["-q", vsix, "-d", dir]);
    const files = walk(dir);
    assert.ok(files.some((f) => f.endsWith("dist/web/extension.js")), "the browser bundle is packaged");
    for (const file of files) {
      const findings = scanner.scan(readFileSync(file, "latin1"), { minConfidence: "low" });
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
