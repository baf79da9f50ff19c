// Bundles the extension twice from the same source: for the Node extension host (`main`) and for
// the web extension host (`browser`, vscode.dev: no Node built-ins allowed), and copies the wasm
// next to them. The wasm comes from the npm package build (`make npm`).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const wasm = new URL("../packages/keyward/web/keyward_wasm_bg.wasm", import.meta.url);
const common = {
  entryPoints: ["src/extension.ts"],
  bundle: true,
  format: "cjs",
  external: ["vscode"],
  minify: true,
  sourcemap: false,
  target: "es2022",
  // wasm-bindgen's default init() resolves the .wasm from import.meta.url; we always call
  // initSync with bytes read through workspace.fs, so that path is never taken.
  define: { "import.meta.url": '"file:///keyward_wasm.js"' },
  logLevel: "warning",
};

// `--core`: the pure modules (no `vscode` import) one by one, for the unit tests in test/.
if (process.argv.includes("--core")) {
  const { readdirSync } = await import("node:fs");
  const entryPoints = readdirSync("src/core").filter((f) => f.endsWith(".ts")).map((f) => `src/core/${f}`);
  await build({ entryPoints, outdir: "out/core", format: "cjs", platform: "node", target: "es2022", logLevel: "warning" });
  process.exit(0);
}

await Promise.all([
  build({ ...common, platform: "node", outfile: "dist/node/extension.js" }),
  build({ ...common, platform: "browser", outfile: "dist/web/extension.js" }),
]);
mkdirSync("dist", { recursive: true });
copyFileSync(wasm, "dist/keyward_wasm_bg.wasm");
