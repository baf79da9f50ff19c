// Shared by the npm tests: the scratch project the packed tarball was installed into, and ways
// to load the package from it exactly as a consumer would.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const PROJECT = process.env.KEYWARD_PROJECT;
if (!PROJECT) throw new Error('run through tests/npm/run.sh (make test-npm): KEYWARD_PROJECT is not set');

/** `require` as seen from the consumer project (resolves through the package's exports map). */
export const projectRequire = createRequire(join(PROJECT, 'package.json'));
export const keyward = projectRequire('keyward');

/** Fake keys with valid checksums; they live in tests only, never in the package. */
export const GITHUB_PAT = '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';
export const AWS_KEY_ID = 'AKIA45IIUOQAJ5QLCQCX';

/** Runs Node in the consumer project (ESM `import 'keyward'` resolves from its cwd). */
export function nodeInProject(args, options = {}) {
  return spawnSync(process.execPath, args, { cwd: PROJECT, encoding: 'utf8', ...options });
}

/** Runs the installed npm CLI (`node_modules/.bin/keyward`). */
export function runCli(args, options = {}) {
  return spawnSync(join(PROJECT, 'node_modules', '.bin', 'keyward'), args, { encoding: 'utf8', ...options });
}
