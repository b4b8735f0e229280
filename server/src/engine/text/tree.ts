import type { Node } from 'jsonc-parser';

/**
 * A position-preserving tree of a YAML or JSON text. It has the shape of jsonc-parser's `Node`
 * for both formats, so that one set of path and offset helpers serves YAML and JSON alike.
 * Offsets are UTF-16 offsets into the file's text.
 */
export type TreeNode = Node;

/** What a syntax problem looks like before it becomes a finding. */
export interface SyntaxProblem {
  offset: number;
  length: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface ParsedTree {
  /** Undefined when the text is empty or holds no value at all. */
  readonly root: TreeNode | undefined;
  readonly problems: readonly SyntaxProblem[];
  /** The plain value of the whole tree, built once on first use. */
  value(): unknown;
}

/** A mutable view used only while building trees. */
export interface MutableNode {
  type: TreeNode['type'];
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: MutableNode;
  children?: MutableNode[];
}

/**
 * Plain values of subtrees, kept per node: an edit re-parses one entry of a large document, and
 * the others keep their node objects (or copies that inherit the value), so building the value
 * of the new version costs little more than the edited entry.
 */
const values = new WeakMap<TreeNode, { value: unknown }>();

/** Lets a copy of a node (same content, other offsets) reuse the original's value. */
export function shareValue(original: TreeNode, copy: TreeNode) {
  const known = values.get(original);
  if (known) values.set(copy, known);
}

export function treeValue(node: TreeNode | undefined): unknown {
  if (!node) return undefined;
  if (node.type !== 'object' && node.type !== 'array' && node.type !== 'property') return node.value;
  const known = values.get(node);
  if (known) return known.value;
  const value = computeValue(node);
  values.set(node, { value });
  return value;
}

function computeValue(node: TreeNode): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key) result[String(key.value)] = treeValue(value);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(treeValue);
    case 'property':
      return treeValue(node.children?.[1]);
    default:
      return node.value;
  }
}

export function makeParsedTree(root: TreeNode | undefined, problems: SyntaxProblem[]): ParsedTree {
  let cached: { value: unknown } | undefined;
  return {
    root,
    problems,
    value() {
      cached ??= { value: treeValue(root) };
      return cached.value;
    },
  };
}

/** The property node's key and value, for a node of type `property`. */
export function propertyParts(property: TreeNode): { key: TreeNode; value: TreeNode | undefined } {
  const [key, value] = property.children ?? [];
  return { key: key!, value };
}

/** The properties of an object node, as key → property node (the first wins on duplicates). */
export function objectProperties(node: TreeNode | undefined): Map<string, TreeNode> {
  const result = new Map<string, TreeNode>();
  if (node?.type !== 'object') return result;
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (key && !result.has(String(key.value))) result.set(String(key.value), property);
  }
  return result;
}

/** The value node of `key` in an object node. */
export function childValue(node: TreeNode | undefined, key: string): TreeNode | undefined {
  if (node?.type !== 'object') return undefined;
  for (const property of node.children ?? []) {
    if (property.children?.[0]?.value === key) return property.children[1];
  }
  return undefined;
}

/** The string value of `key` in an object node, if it is a string. */
export function childString(node: TreeNode | undefined, key: string): string | undefined {
  const value = childValue(node, key);
  return value?.type === 'string' ? (value.value as string) : undefined;
}
