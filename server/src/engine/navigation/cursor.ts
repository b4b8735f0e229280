import { pathOfNode, type JsonPath } from '../text/paths';
import type { TreeNode } from '../text/tree';

/** What the cursor is on in a tree: a key, or a value (scalar or container). */
export interface CursorNode {
  /** The key node when `onKey`, else the innermost value node. */
  node: TreeNode;
  /** True when the cursor is on a property's key. */
  onKey: boolean;
  /** The property node when the cursor is on a key or on a property's value. */
  property?: TreeNode;
  /** Path of the value node (for a key: of the property's value). */
  path: JsonPath;
}

/**
 * The innermost node at `offset`; a cursor right after a word still counts as on it, as editors
 * place it there after a double click or while typing. Children are found by binary search, so a
 * thousand-entry mapping costs ten comparisons.
 */
export function nodeAtOffset(root: TreeNode | undefined, offset: number): CursorNode | undefined {
  if (!root || offset < root.offset || offset > root.offset + root.length) return undefined;
  let node = root;
  for (;;) {
    const child = childContaining(node, offset);
    if (!child) break;
    node = child;
  }
  if (node.type === 'property') {
    // Between the key and the value (on the colon, or in the blank after it).
    const [key, value] = node.children ?? [];
    if (key && offset <= key.offset + key.length) return { node: key, onKey: true, property: node, path: pathOfNode(value ?? key) };
    if (value) return { node: value, onKey: false, property: node, path: pathOfNode(value) };
    return undefined;
  }
  const parent = node.parent;
  if (parent?.type === 'property') {
    const [key, value] = parent.children ?? [];
    if (node === key) return { node, onKey: true, property: parent, path: value ? pathOfNode(value) : [...pathOfNode(parent.parent ?? parent), String(key.value)] };
    return { node, onKey: false, property: parent, path: pathOfNode(node) };
  }
  return { node, onKey: false, path: pathOfNode(node) };
}

function childContaining(node: TreeNode, offset: number): TreeNode | undefined {
  const children = node.children;
  if (!children || children.length === 0) return undefined;
  let low = 0;
  let high = children.length - 1;
  // The last child that starts at or before the offset.
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (children[middle]!.offset <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  if (found < 0) return undefined;
  const child = children[found]!;
  if (offset <= child.offset + child.length) return child;
  return undefined;
}
