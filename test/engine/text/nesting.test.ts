import * as assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { nestingOf, type TreeNode } from '../../../server/src/engine/text/tree';
import { parseYaml, YamlParseCache } from '../../../server/src/engine/text/yamlTree';

/** The definition, walked directly: the depth of the deepest node, a property's parts on its own level. */
function deepestBelow(node: TreeNode, depth = 0): number {
  const next = node.type === 'property' ? depth : depth + 1;
  return Math.max(depth, ...(node.children ?? []).map((child) => deepestBelow(child, next)));
}

describe('nestingOf: how deep a tree goes, kept per node', () => {
  const cases: [string, string][] = [
    ['a scalar', '42'],
    ['an empty object', '{}'],
    ['an empty array', '[]'],
    ['a flat object', '{"a": 1, "b": "x"}'],
    ['an object holding an empty object', '{"a": {}}'],
    ['arrays in objects in arrays', '[{"a": [1, [2, {"b": []}]]}, 3]'],
    ['uneven branches', '{"short": 1, "long": {"x": {"y": {"z": [true]}}}, "mid": [[]]}'],
  ];
  for (const [what, json] of cases) {
    it(`agrees with the definition on ${what}`, () => {
      const root = parseTree(json)!;
      assert.equal(nestingOf(root), deepestBelow(root));
      for (const child of root.children ?? []) assert.equal(nestingOf(child), deepestBelow(child));
    });
  }

  it('walks a tree thousands of levels deep without overflowing the stack', () => {
    // Built by hand: the parsers have their own limits, the trees they hand over must not matter.
    const depth = 100_000;
    const root: TreeNode = { type: 'array', offset: 0, length: 0, children: [] };
    let innermost = root;
    for (let level = 1; level < depth; level++) {
      const inner: TreeNode = { type: 'array', offset: 0, length: 0, children: [] };
      innermost.children!.push(inner);
      innermost = inner;
    }
    assert.equal(nestingOf(root), depth - 1);
  });

  it('stays right across incremental YAML parses, on re-parsed and on moved entries', () => {
    // Large enough to be split into entries: edits re-parse one entry and move the ones after it.
    const entry = (index: number, body: string) => `e${index}:\n  description: ${'x'.repeat(400)}\n  body: ${body}\n`;
    const text = (deepAt: number) => Array.from({ length: 80 }, (_, index) => entry(index, index === deepAt ? '{a: {b: {c: [1]}}}' : 'flat')).join('');
    const cache = new YamlParseCache();
    for (const deepAt of [-1, 40, 3, -1]) {
      const tree = parseYaml(text(deepAt), cache);
      assert.equal(nestingOf(tree.root!), deepestBelow(tree.root!), `deep entry at ${deepAt}`);
    }
    assert.ok(cache.lastReused > 0, 'the parses reused entries');
  });
});
