import * as assert from 'node:assert/strict';
import { collectRefSites } from '../../server/src/engine/references/refSites';
import { pathOfNode } from '../../server/src/engine/text/paths';
import type { TreeNode } from '../../server/src/engine/text/tree';
import { parseYaml, YamlParseCache } from '../../server/src/engine/text/yamlTree';
import { syntheticAsyncApi } from '../support/syntheticAsyncApi';

/** Every `$ref` string of a tree by a direct walk: what the kept routes must always give. */
function walkedSites(root: TreeNode | undefined) {
  const sites: { ref: string; offset: number; ownerPath: (string | number)[] }[] = [];
  const visit = (node: TreeNode) => {
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key?.value === '$ref' && value?.type === 'string') sites.push({ ref: String(value.value), offset: value.offset, ownerPath: pathOfNode(node) });
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  if (root) visit(root);
  return sites;
}

const keptSites = (root: TreeNode | undefined) => collectRefSites(root).map((site) => ({ ref: site.ref, offset: site.valueNode.offset, ownerPath: [...site.ownerPath] }));

describe('$ref sites kept per subtree across incremental parses', () => {
  const text = syntheticAsyncApi(120);

  it('finds every $ref of a large document, in document order, with the path of its object', () => {
    const tree = parseYaml(text);
    const sites = keptSites(tree.root);
    assert.ok(sites.length > 300, `${sites.length} sites`);
    assert.deepEqual(sites, walkedSites(tree.root));
  });

  it('stays exact through edits that add, remove and move references', () => {
    const cache = new YamlParseCache();
    parseYaml(text, cache);
    const at = text.indexOf('$ref', text.length / 2);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const edits = [
      // A reference renamed in place (same length), then lengthened: everything after it moves.
      text.slice(0, at) + '$rex' + text.slice(at + 4),
      text.slice(0, lineStart) + '  ' + text.slice(lineStart),
      text.slice(0, lineStart) + `${text.slice(lineStart, at)}$ref: '#/components/schemas/Added'\n` + text.slice(lineStart),
      text,
    ];
    for (const edited of edits) {
      const tree = parseYaml(edited, cache);
      assert.ok(cache.lastReused > 0, 'the parse reused entries');
      assert.deepEqual(keptSites(tree.root), walkedSites(tree.root));
    }
  });

  it('finds references in flow collections, arrays, and at the root', () => {
    const tree = parseYaml("$ref: './root.yaml'\nlist:\n  - $ref: '#/a'\n  - { nested: [ { $ref: '#/b' } ] }\nnot: { $ref: 42 }\n");
    assert.deepEqual(keptSites(tree.root).map((site) => [site.ref, site.ownerPath.join('/')]), [
      ['./root.yaml', ''],
      ['#/a', 'list/0'],
      ['#/b', 'list/1/nested/0'],
    ]);
  });
});
