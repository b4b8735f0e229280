import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * What `npm run package` puts in the .vsix (`vsce ls`, after the build): the bundles and what the
 * installed extension reads, and none of the sources, tests, tools or node_modules.
 */
const root = findRepoRoot();

describe('the extension package (vsce ls)', function () {
  this.timeout(120_000);
  let files: string[];

  before(function () {
    const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  });

  it('holds the bundles, the rule pages and what package.json points at', function () {
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/client/extension.js', 'dist/server/server.js', 'dist/server/parserWorker.js', 'dist/webview/main.js', 'dist/webview/main.css', 'docs/rules/asyncapi-schema.md', 'docs/contracts.md']) {
      assert.ok(files.includes(needed), `${needed} is packaged`);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
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
});
