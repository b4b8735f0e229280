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
 * Where a node keeps the facts derived from it: one slot per kind of fact. A moved copy of a node
 * takes the very same holder, so a fact derived later on either is known to both (their content is
 * the same). A property on the node rather than a WeakMap per fact: an edit near the top of a large
 * document moves every entry below it, and sharing one holder per node costs a fraction of
 * re-keying tens of thousands of nodes in several WeakMaps.
 */
const FACTS = Symbol('facts derived from the subtree');

interface WithFacts {
  [FACTS]?: unknown[];
}

let nextFactSlot = 0;

/**
 * A fact derived from a subtree's content alone, never from its offsets, kept per node. An edit
 * re-parses one entry of a large document; the others keep their node objects, or copies moved to
 * new offsets that inherit every fact (`shareDerived`), so deriving a fact for the new version
 * costs little more than the edited entry.
 */
export class SubtreeFact<T> {
  private readonly slot = nextFactSlot++;

  get(node: TreeNode): T | undefined {
    return (node as WithFacts)[FACTS]?.[this.slot] as T | undefined;
  }

  has(node: TreeNode): boolean {
    return this.get(node) !== undefined;
  }

  /** `fact` is never `undefined`: that means "not derived yet". */
  set(node: TreeNode, fact: T) {
    const holder = ((node as WithFacts)[FACTS] ??= []);
    holder[this.slot] = fact;
  }
}

/** Lets a copy of a node (same content, other offsets) share every fact derived from the original. */
export function shareDerived(original: TreeNode, copy: TreeNode) {
  const holder = (original as WithFacts)[FACTS];
  if (holder) (copy as WithFacts)[FACTS] = holder;
}

/**
 * Derives `fact` for `node` from its children's, bottom up and without recursion (hostile
 * documents nest deeper than the stack allows), for every node below that lacks it. Leaves (nodes
 * without `children`) get no fact of their own: `derive` reads them directly.
 */
export function postOrder<T>(node: TreeNode, fact: SubtreeFact<T>, derive: (node: TreeNode, children: readonly TreeNode[]) => T): T {
  const known = fact.get(node);
  if (known !== undefined) return known;
  const stack: TreeNode[] = [node];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (fact.has(top)) {
      stack.pop();
      continue;
    }
    const children = top.children ?? [];
    let pending = false;
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if (child.children !== undefined && !fact.has(child)) {
        stack.push(child);
        pending = true;
      }
    }
    if (pending) continue;
    stack.pop();
    fact.set(top, derive(top, children));
  }
  return fact.get(node)!;
}

/** Plain values of subtrees. */
const values = new SubtreeFact<{ value: unknown }>();

/** How deep each subtree goes. */
const nestings = new SubtreeFact<number>();

/**
 * How many levels below `node` its deepest node is: an object's properties and an array's items are
 * one level down, a property's key and value on the property's level (0 for a scalar or an empty
 * object). It guards the recursive checks against hostile nesting.
 */
export function nestingOf(node: TreeNode): number {
  if (node.children === undefined) return 0;
  return postOrder(node, nestings, (parent, children) => {
    let deepest = 0;
    for (const child of children) if (child.children !== undefined) deepest = Math.max(deepest, nestings.get(child)!);
    return (parent.type === 'object' || parent.type === 'array') && children.length > 0 ? deepest + 1 : deepest;
  });
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
