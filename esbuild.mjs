// One build script, separate bundles: the extension client, the language server, its validation
// worker and the CLI. The packaged extension ships these bundles, not node_modules.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  // jsonc-parser's UMD build (esbuild's default pick) requires './impl/format' at run time and
  // fails inside a bundle; its ES module build bundles cleanly (see ../shared/notes/gotchas.md).
  mainFields: ['module', 'main'],
  // whatwg-url (under the parser) loads Node's deprecated built-in punycode, which prints a
  // deprecation warning into the user's output channel; the npm package is the same code.
  alias: { punycode: 'punycode/' },
  logLevel: 'warning',
  legalComments: 'linked',
};

const bundles = [
  { ...common, entryPoints: { 'client/extension': 'client/src/extension.ts' }, external: ['vscode'] },
  { ...common, entryPoints: { 'server/server': 'server/src/lsp/main.ts', 'server/parserWorker': 'server/src/node/parserWorker.ts' } },
  {
    ...common,
    entryPoints: { 'cli/event-design': 'server/src/cli/main.ts', 'cli/parserWorker': 'server/src/node/parserWorker.ts' },
    banner: { js: '#!/usr/bin/env node' },
    define: { EVENT_DESIGN_VERSION: JSON.stringify(version) },
  },
  // The event-flow webview app: a browser bundle (script + stylesheet) in dist/webview/, the only
  // folder the webview may load from.
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: { 'webview/main': 'client/src/webview/main.ts' },
    alias: {},
  },
];

// The production build is what `npm run package` ships: it starts from an empty dist/, so that no
// source map or bundle of an earlier development build goes into the package.
if (production) rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

const contexts = await Promise.all(bundles.map((options) => esbuild.context({ ...options, outdir: 'dist' })));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
