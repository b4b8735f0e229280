import type { Range } from 'vscode-languageserver-types';
import type { SourceFile } from './sourceFile';
import type { TreeNode } from './tree';

/**
 * The one place where JSON paths and JSON pointers become ranges in the user's text. Every
 * finding is located through here, so that YAML and JSON, and every file of a `$ref` chain,
 * are treated alike.
 */

export type JsonPath = ReadonlyArray<string | number>;

/** Decodes a JSON pointer (`/a/b~1c`, or a URI fragment `#/a/b%20c`) into path segments. */
export function pointerToPath(pointer: string): string[] {
  let text = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (text === '' || text === '/') return text === '/' ? [''] : [];
  if (!text.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer`);
  text = text.slice(1);
  return text.split('/').map((segment) => safeDecode(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function safeDecode(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** True when `prefix` is the start of (or equal to) `path`; numbers and their strings are the same segment. */
export function isPathPrefix(prefix: JsonPath, path: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => String(segment) === String(path[index]));
}

/** The same path; numbers and their strings are the same segment. */
export function samePath(a: JsonPath, b: JsonPath): boolean {
  return a === b || (a.length === b.length && a.every((segment, index) => String(segment) === String(b[index])));
}

export function pathToPointer(path: JsonPath): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The value node at `path`, or undefined when some segment does not exist. */
export function nodeAtPath(root: TreeNode | undefined, path: JsonPath): TreeNode | undefined {
  const { node, depth } = deepestNodeOnPath(root, path);
  return depth === path.length ? node : undefined;
}

/** The deepest value node that exists along `path`, and how many segments it consumed. */
export function deepestNodeOnPath(root: TreeNode | undefined, path: JsonPath): { node: TreeNode | undefined; depth: number } {
  let node = root;
  let depth = 0;
  for (const segment of path) {
    const next = childAt(node, segment);
    if (!next) break;
    node = next;
    depth++;
  }
  return { node, depth };
}

/** Key → value node of wide objects (`channels` with a thousand entries), built on first look-up. */
const keyMaps = new WeakMap<TreeNode, Map<string, TreeNode | undefined>>();
const WIDE = 16;

function childAt(node: TreeNode | undefined, segment: string | number): TreeNode | undefined {
  if (!node) return undefined;
  if (node.type === 'object') {
    const key = String(segment);
    const children = node.children ?? [];
    if (children.length > WIDE) {
      let map = keyMaps.get(node);
      if (!map) {
        map = new Map();
        for (const property of children) {
          const name = property.children?.[0]?.value;
          if (name !== undefined && !map.has(String(name))) map.set(String(name), property.children?.[1]);
        }
        keyMaps.set(node, map);
      }
      return map.get(key);
    }
    for (const property of children) {
      if (property.children?.[0]?.value === key) return property.children[1];
    }
    return undefined;
  }
  if (node.type === 'array') {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
    return index >= 0 ? node.children?.[index] : undefined;
  }
  return undefined;
}

/** Which part of a node a finding points at. */
export type Anchor = 'key' | 'value' | 'auto';

/**
 * The range a finding at `path` should underline. `auto` underlines scalars and short values
 * themselves, and the key of objects and arrays (a squiggle over a hundred lines helps nobody).
 * A path that no longer exists in the text (a removed key) is anchored on the deepest part of
 * it that does, by that node's key.
 */
export function rangeOfPath(file: SourceFile, root: TreeNode | undefined, path: JsonPath, anchor: Anchor = 'auto'): Range {
  const { node, depth } = deepestNodeOnPath(root, path);
  if (!node) return firstLineRange(file);
  if (depth < path.length) return keyOrValueRange(file, node, 'key');
  return keyOrValueRange(file, node, anchor);
}

export function keyOrValueRange(file: SourceFile, node: TreeNode, anchor: Anchor): Range {
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const key = property?.children?.[0];
  const isContainer = node.type === 'object' || node.type === 'array';
  const useKey = anchor === 'key' || (anchor === 'auto' && isContainer);
  if (useKey && key) return file.rangeAt(key.offset, key.length);
  if (useKey && !key && node.parent?.type === 'array') return file.rangeAt(node.offset, Math.min(node.length, 1));
  if (isContainer && anchor === 'auto') return file.rangeAt(node.offset, Math.min(node.length, 1));
  if (!node.parent) return firstLineRange(file);
  return file.rangeAt(node.offset, node.length);
}

function firstLineRange(file: SourceFile): Range {
  const text = file.text;
  let start = 0;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  return file.rangeAt(start, Math.max(0, end - start));
}

/** The path of a tree node from the root. */
export function pathOfNode(node: TreeNode): (string | number)[] {
  const path: (string | number)[] = [];
  let current: TreeNode | undefined = node;
  while (current?.parent) {
    const parent: TreeNode = current.parent;
    if (parent.type === 'property') {
      const key = parent.children?.[0];
      if (key && key !== current) path.unshift(String(key.value));
      current = parent.parent;
      continue;
    }
    if (parent.type === 'array') path.unshift(parent.children?.indexOf(current) ?? 0);
    current = parent;
  }
  return path;
}
