// One build script, separate bundles: the extension client, the language server, its validation
// and graph layout workers, and the CLI. The packaged extension ships these bundles, not node_modules.
import * as esbuild from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// `--cli-package` writes the npm package of the CLI and the language server (packages/cli/, see
// ARCHITECTURE.md "Packages"): their production bundles, the launchers, the docs and the licence.
const cliPackage = process.argv.includes('--cli-package');
// `--cli` writes the CLI bundle alone into dist/cli/: the root package's `prepare`, so that a clone
// installed with npm (pre-commit's node hooks, docs/cli.md "pre-commit") has a working
// `event-design` without the two-step TypeScript build.
const cliAlone = process.argv.includes('--cli');
const production = cliPackage || process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  // Entry points are relative to the repository, also when packages/cli's prepack runs this script.
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
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
  {
    ...common,
    entryPoints: { 'server/server': 'server/src/lsp/main.ts', 'server/parserWorker': 'server/src/node/parserWorker.ts', 'server/graphLayoutWorker': 'server/src/node/graphLayoutWorker.ts' },
    define: { EVENT_DESIGN_VERSION: JSON.stringify(version) },
  },
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

const packageRoot = new URL('./packages/cli/', import.meta.url);
/** What packages/cli/ holds besides its committed package.json and README.md, all written here. */
const PACKAGE_COPIES = ['bin', 'LICENSE', 'docs'];

// The production build is what `npm run package` ships: it starts from an empty dist/, so that no
// source map or bundle of an earlier development build goes into the package. The CLI package is
// built beside the repository's dist/, which the tests keep using.
const outdir = fileURLToPath(cliPackage ? new URL('./dist/', packageRoot) : new URL('./dist/', import.meta.url));
if (production) rmSync(outdir, { recursive: true, force: true });
if (cliPackage) {
  for (const copy of PACKAGE_COPIES) rmSync(new URL(copy, packageRoot), { recursive: true, force: true });
  cpSync(new URL('./bin/', import.meta.url), new URL('./bin/', packageRoot), { recursive: true });
  cpSync(new URL('./LICENSE', import.meta.url), new URL('./LICENSE', packageRoot));
  // The pages the CLI's help and every finding link to; the images, and the extension's own README, stay out.
  cpSync(new URL('./docs/', import.meta.url), new URL('./docs/', packageRoot), { recursive: true, filter: (source) => !/[/\\]docs[/\\](images|marketplace)$/.test(source) });
}

const isCli = (options) => 'cli/event-design' in options.entryPoints;
const selected = cliPackage ? bundles.filter((options) => 'server/server' in options.entryPoints || isCli(options)) : cliAlone ? bundles.filter(isCli) : bundles;
const contexts = await Promise.all(selected.map((options) => esbuild.context({ ...options, outdir })));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
