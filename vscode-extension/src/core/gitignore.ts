/** Whether a path is git-ignored, from the `.gitignore` files on its way from the workspace root
 * (read by the caller through `workspace.fs`, so this works in virtual workspaces too). */

import ignore, { type Ignore } from "ignore";

export interface GitignoreFile {
  /** Folder of the `.gitignore`, relative to the workspace root, `/`-separated ("" for the root). */
  dir: string;
  content: string;
}

/** A matcher over a workspace's `.gitignore` files: deeper files override shallower ones, as in git. */
export class GitignoreMatcher {
  private readonly levels: { dir: string; rules: Ignore }[];

  constructor(files: GitignoreFile[]) {
    this.levels = files
      .map((f) => ({ dir: f.dir.replace(/^\/+|\/+$/g, ""), rules: ignore().add(f.content) }))
      .sort((a, b) => a.dir.split("/").length - b.dir.split("/").length);
  }

  /** `relativePath` is `/`-separated from the workspace root. */
  ignores(relativePath: string): boolean {
    let ignored = false;
    for (const { dir, rules } of this.levels) {
      if (dir !== "" && !relativePath.startsWith(`${dir}/`)) continue;
      const result = rules.test(dir === "" ? relativePath : relativePath.slice(dir.length + 1));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/** The `files.exclude` setting (glob → true, or a `when` clause we cannot evaluate statically)
 * and keyward's own exclude globs, as one glob for `workspace.findFiles`. */
export function excludeGlob(filesExclude: Record<string, unknown> | undefined, extra: string[]): string | undefined {
  const globs = [...Object.entries(filesExclude ?? {}).filter(([, on]) => on === true).map(([glob]) => glob), ...extra];
  if (globs.length === 0) return undefined;
  return globs.length === 1 ? globs[0] : `{${globs.join(",")}}`;
}
