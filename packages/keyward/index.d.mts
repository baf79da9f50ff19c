// Types of the ES module entries (index.mjs, keyward/web, keyward/inline): the same API as the
// CommonJS entry's index.d.ts, with `init` as the default export.
export * from "./index.js";
export { init as default } from "./index.js";
