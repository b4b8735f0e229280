import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { parseYaml, YamlParseCache } from '../../server/src/engine/text/yamlTree';
import type { TreeNode } from '../../server/src/engine/text/tree';
import { findRepoRoot } from '../grammar/repoRoot';
import { syntheticAsyncApi } from '../support/syntheticAsyncApi';

/**
 * The tree without parent links, for comparing two parses. Where a block collection ends is
 * compared without its trailing white space: the yaml package counts a trailing blank line in or
 * out depending on what follows, which no position we report depends on.
 */
function shape(node: TreeNode | undefined, text: string): unknown {
  if (!node) return undefined;
  return {
    type: node.type,
    offset: node.offset,
    end: node.offset + text.slice(node.offset, node.offset + node.length).trimEnd().length,
    value: node.value,
    colonOffset: node.colonOffset,
    children: node.children?.map((child) => shape(child, text)),
  };
}

function editAt(text: string, search: string, replacement: string, after = 0) {
  const index = text.indexOf(search, after);
  assert.ok(index >= 0, `"${search}" not found`);
  return text.slice(0, index) + replacement + text.slice(index + search.length);
}

describe('incremental YAML trees', function () {
  it('gives the same tree split into entries as parsed whole, on large documents', function () {
    const text = syntheticAsyncApi(60);
    assert.ok(text.length > 64 * 1024, 'the document must be large enough to be split');
    const split = parseYaml(text);
    const whole = parseYaml(text, undefined, { split: false });
    assert.deepEqual(shape(split.root, text), shape(whole.root, text));
    assert.deepEqual(split.value(), parseDocument(text).toJS());
  });

  it('gives the same tree as the whole parse on every corpus document', function () {
    const corpus = path.join(findRepoRoot(), '..', 'shared', 'corpus', 'asyncapi-examples');
    if (!fs.existsSync(corpus)) this.skip();
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(entry.name)) files.push(full);
      }
    };
    walk(corpus);
    assert.ok(files.length > 50);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      // Force splitting on these small files by padding them past the threshold with a comment.
      const padded = text + '\n#' + ' '.repeat(20 * 1024) + '\n';
      assert.deepEqual(shape(parseYaml(padded).root, padded), shape(parseYaml(padded, undefined, { split: false }).root, padded), file);
    }
  });

  it('re-parses only the entry an edit touches, and the result equals a fresh parse', function () {
    const text = syntheticAsyncApi(200);
    const cache = new YamlParseCache();
    parseYaml(text, cache);
    assert.ok(cache.lastParsed > 100, 'the first parse parses every entry');
    const edited = editAt(text, 'action: send', 'action: sned', text.indexOf('publishEntity0100Updated'));
    const incremental = parseYaml(edited, cache);
    assert.equal(cache.lastParsed, 1, 'only the edited operation is parsed again');
    assert.ok(cache.lastReused > 500);
    assert.deepEqual(shape(incremental.root, edited), shape(parseYaml(edited).root, edited));
  });

  it('shifts the positions of entries after an edit that changes the length', function () {
    const text = syntheticAsyncApi(100);
    const cache = new YamlParseCache();
    parseYaml(text, cache);
    const edited = editAt(text, 'title: Synthetic Commerce Platform', 'title: Synthetic Commerce Platform (renamed for a test)');
    const incremental = parseYaml(edited, cache);
    assert.deepEqual(shape(incremental.root, edited), shape(parseYaml(edited, undefined, { split: false }).root, edited));
  });

  it('falls back to a whole parse where an alias refers to an anchor in another entry', function () {
    const padding = Array.from({ length: 600 }, (_, index) => `key${index}: value ${index}`).join('\n');
    const text = `anchored: &base {x: 1}\n${padding}\nreuse: *base\n`;
    const split = parseYaml(text);
    assert.deepEqual(split.problems, []);
    assert.deepEqual((split.value() as Record<string, unknown>).reuse, { x: 1 });
  });

  it('reports a syntax error inside one entry at its place, like a whole parse', function () {
    const text = syntheticAsyncApi(100);
    const edited = editAt(text, 'summary: Announce that a entity0050 changed.', 'summary: [Announce that a entity0050 changed.');
    const cache = new YamlParseCache();
    parseYaml(text, cache);
    const split = parseYaml(edited, cache);
    assert.ok(split.problems.length > 0);
    const line = edited.slice(0, split.problems[0]!.offset).split('\n').length;
    const expectedLine = edited.slice(0, edited.indexOf('[Announce')).split('\n').length;
    assert.ok(Math.abs(line - expectedLine) <= 1, `error on line ${line}, expected near ${expectedLine}`);
  });

  it('reports duplicate keys across entries', function () {
    const padding = Array.from({ length: 800 }, (_, index) => `key${index}: value ${index}`).join('\n');
    const tree = parseYaml(`channels: {}\n${padding}\nchannels: {}\n`);
    assert.equal(tree.problems.length, 1);
    assert.match(tree.problems[0]!.message, /unique/);
  });

  it('stops expanding an alias bomb and says so', function () {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 10; level++) lines.push(`a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
    const tree = parseYaml(lines.join('\n') + '\n');
    assert.ok(tree.problems.some((problem) => /Aliases expand to more than/.test(problem.message)));
  });

  it('places an unclosed quote where it opens', function () {
    const text = 'asyncapi: 3.0.0\ninfo:\n  title: "Orders\n  version: 1.0.0\n';
    const [problem] = parseYaml(text).problems;
    assert.equal(problem?.offset, text.indexOf('"Orders'));
  });
});
