import * as path from 'node:path';

/** The repository root: this file runs as out/bench/serverModules.js. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The language server bundle that the extension ships (built by `node esbuild.mjs`). */
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'server', 'server.js');
