import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * What `npm run package` puts in the .vsix (`vsce ls` with the package script's README, after the
 * build): the bundles and what the installed extension reads, and none of the sources, tests,
 * tools or node_modules. The build here is a development one, with source maps beside every
 * bundle: they must stay out all the same.
 */
const root = findRepoRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; contributes: unknown; scripts: Record<string, string> };
/** The package's README.md: a user's README, not the repository's. */
const readmePath = /--readme-path (\S+)/.exec(manifest.scripts.package ?? '')?.[1];

/** The bundles the installed extension runs, with the licence notices esbuild collects. */
const BUNDLES = ['dist/client/extension.js', 'dist/server/graphLayoutWorker.js', 'dist/server/parserWorker.js', 'dist/server/parserWorker.js.LEGAL.txt', 'dist/server/server.js', 'dist/server/server.js.LEGAL.txt', 'dist/webview/main.css', 'dist/webview/main.js'];

/** Where a file of the package sits once installed: the README passed to vsce becomes README.md. */
function installedPath(file: string) {
  return file === readmePath ? 'README.md' : file;
}

/** The relative links and images of a Markdown text, without their #fragments. */
function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#')).map((target) => decodeURI(target.split('#')[0]!));
}

describe('the extension package (vsce ls)', function () {
  this.timeout(120_000);
  let files: string[];

  before(function () {
    assert.ok(readmePath, `the package script names the package's README with --readme-path: ${manifest.scripts.package}`);
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', readmePath!], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  });

  it('holds the bundles, the rule pages and what package.json points at', function () {
    for (const needed of ['package.json', readmePath!, 'LICENSE', 'dist/client/extension.js', 'dist/server/server.js', 'dist/server/parserWorker.js', 'dist/server/graphLayoutWorker.js', 'dist/webview/main.js', 'dist/webview/main.css', 'docs/rules/asyncapi-schema.md', 'docs/contracts.md']) {
      assert.ok(files.includes(needed), `${needed} is packaged`);
    }
    const pointed = JSON.stringify(manifest.contributes).match(/"\.\/[^"]+"/g)?.map((value) => value.slice(3, -1)) ?? [];
    assert.ok(pointed.length >= 5, pointed.join(', '));
    for (const file of [...pointed, String(manifest.main).replace(/^\.\//, '')]) assert.ok(files.includes(file), `${file} (named in package.json) is packaged`);
    // Every rule's page: diagnostics link to them inside the installed extension.
    for (const page of fs.readdirSync(path.join(root, 'docs', 'rules'))) assert.ok(files.includes(`docs/rules/${page}`), `docs/rules/${page} is packaged`);
  });

  it('leaves out sources, tests, tools, examples and node_modules', function () {
    const unwanted = files.filter((file) => /^(node_modules|out|test|server|client|tools|examples|bench|scratch|\.bench-results|dist\/cli)\//.test(file) || /^(tsconfig.*|esbuild\.mjs|\.mocharc\.json|ARCHITECTURE\.md)$/.test(file));
    assert.deepEqual(unwanted, []);
    assert.ok(files.length < 200, `${files.length} files`);
  });

  it('ships the bundles without source maps, and nothing outside dist/ that git does not track', function () {
    assert.deepEqual(files.filter((file) => file.startsWith('dist/')).sort(), BUNDLES);
    assert.deepEqual(files.filter((file) => file.endsWith('.map')), []);
    const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n'));
    assert.deepEqual(files.filter((file) => !file.startsWith('dist/') && !tracked.has(file)), []);
    // About 100 files: the bundles, the rule pages, grammars, snippets, the configuration schema, images.
    assert.ok(files.length >= 90 && files.length <= 120, `${files.length} files`);
  });

  it("has a user's README whose links resolve inside the package, as have the docs it ships", function () {
    assert.notEqual(readmePath, 'README.md');
    assert.ok(!files.includes('README.md'), "the repository's README.md is not packaged beside it");
    const readme = fs.readFileSync(path.join(root, readmePath!), 'utf8');
    const shown = readme.replace(/<!--[\s\S]*?-->/g, '');
    assert.doesNotMatch(shown, /npm (ci|start|test|run)\b/, 'no development commands for a user');
    assert.ok(relativeLinks(readme).length >= 5, 'it links to the docs it ships');
    const installed = new Set(files.map(installedPath));
    for (const file of files.filter((name) => name.endsWith('.md'))) {
      const from = installedPath(file);
      for (const link of relativeLinks(fs.readFileSync(path.join(root, file), 'utf8'))) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), link));
        assert.ok(installed.has(target), `${file}: the link ${link} (${target}) is not in the package`);
      }
    }
  });
});
