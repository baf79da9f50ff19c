// Bundles the extension twice from the same source: for the Node extension host (`main`) and for
// the web extension host (`browser`, vscode.dev: no Node built-ins allowed), each with its scan
// worker, and copies the wasm next to them. The wasm comes from the npm package build (`make npm`).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const wasm = new URL("../packages/keyward/web/keyward_wasm_bg.wasm", import.meta.url);
const common = {
  bundle: true,
  external: ["vscode"],
  minify: true,
  sourcemap: false,
  target: "es2022",
  // wasm-bindgen's default init() resolves the .wasm from import.meta.url; we always instantiate
  // from a compiled module (initSync), so that path is never taken.
  define: { "import.meta.url": '"file:///keyward_wasm.js"' },
  logLevel: "warning",
};

/** `./platform` is the Node host's (worker threads); the web bundles get `./platform.web`. */
const webPlatform = {
  name: "web-platform",
  setup(build) {
    build.onResolve({ filter: /^\.\/platform$/ }, (args) => ({ path: `${args.resolveDir}/platform.web.ts` }));
  },
};

// `--core`: the pure modules (no `vscode` import) one by one, and the Node platform (which starts
// dist/node/worker.js), for the unit tests in test/.
if (process.argv.includes("--core")) {
  const { readdirSync } = await import("node:fs");
  const entryPoints = readdirSync("src/core").filter((f) => f.endsWith(".ts")).map((f) => `src/core/${f}`);
  await build({ entryPoints: [...entryPoints, "src/platform.ts"], outdir: "out", outbase: "src", format: "cjs", platform: "node", target: "es2022", logLevel: "warning" });
  process.exit(0);
}

await Promise.all([
  build({ ...common, entryPoints: ["src/extension.ts"], format: "cjs", platform: "node", outfile: "dist/node/extension.js" }),
  build({ ...common, entryPoints: ["src/scanWorker.ts"], format: "cjs", platform: "node", outfile: "dist/node/worker.js" }),
  build({ ...common, entryPoints: ["src/extension.ts"], format: "cjs", platform: "browser", outfile: "dist/web/extension.js", plugins: [webPlatform] }),
  // A classic worker script: VS Code's web extension host loads nested workers with importScripts.
  build({ ...common, entryPoints: ["src/scanWorker.ts"], format: "iife", platform: "browser", outfile: "dist/web/worker.js", plugins: [webPlatform] }),
]);
mkdirSync("dist", { recursive: true });
copyFileSync(wasm, "dist/keyward_wasm_bg.wasm");
