import { getLocation } from 'jsonc-parser';
import { pathOfNode, type JsonPath } from '../text/paths';
import type { SourceFile } from '../text/sourceFile';
import type { TreeNode } from '../text/tree';
import { nodeAtOffset } from './cursor';

/**
 * Where a completion is asked for: typing a key of some object, or the value of some key. Read
 * from the text of the line being typed (a half-typed line is rarely valid YAML) and from the
 * tree for the lines above it, so that `    ka|` under `bindings:` is a key of the bindings
 * even though the parser reads it as a scalar value.
 */
export interface CompletionPlace {
  position: 'key' | 'value';
  /**
   * For a key: the path of the object the key goes into. For a value: the path of the value
   * (the object's path and the key).
   */
  path: JsonPath;
  /** The key the value belongs to (value position only). */
  key?: string;
  /** What is typed of the key or value before the cursor, without its opening quote. */
  prefix: string;
  /** The text to replace: the whole key or value token around the cursor (quotes excluded). */
  replace: { offset: number; length: number };
  /** The quote the token is in, when it is quoted. */
  quote?: '"' | "'";
  /** YAML: the column keys of the object at `path` start at (for multi-line insertions). */
  keyColumn: number;
  /** YAML: whether the line starts a list item (`- `) at the cursor's object. */
  listItem: boolean;
  /** Keys the object already has (to leave them out). */
  existingKeys: Set<string>;
}

export function completionPlace(source: SourceFile, root: TreeNode | undefined, offset: number): CompletionPlace | undefined {
  return source.format === 'yaml' ? yamlPlace(source, root, offset) : source.format === 'json' || source.format === 'jsonc' ? jsonPlace(source, root, offset) : undefined;
}

// --- YAML --------------------------------------------------------------------------------------

const KEY_VALUE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#:-][^#]*?|-[^\s#][^#]*?)\s*:(?:[ \t]+(.*))?$/;

function yamlPlace(source: SourceFile, root: TreeNode | undefined, offset: number): CompletionPlace | undefined {
  const text = source.text;
  const flow = flowValuePlace(source, root, offset);
  if (flow) return flow;
  const lineStart = lineStartOf(text, offset);
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  if (/(^|\s)#/.test(before.replace(/'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"/g, '""')) && !/:\s*#/.test(before)) return undefined; // in a comment
  const lead = /^(\s*)((?:-[ \t]+)*)/.exec(before)!;
  const keyColumn = lead[0].length;
  const listItem = lead[2]!.length > 0;
  const rest = before.slice(keyColumn);
  const keyValue = KEY_VALUE.exec(rest);
  const containerPath = yamlContainerPath(source, root, lineStart, keyColumn, listItem);
  if (!containerPath) return undefined;
  const existingKeys = keysOf(root, containerPath.path);
  if (keyValue && (keyValue[2] !== undefined || /:\s$/.test(rest) || rest.endsWith(':'))) {
    const key = unquoteKey(keyValue[1]!);
    const typed = keyValue[2] ?? '';
    if (rest.endsWith(':') && keyValue[2] === undefined) {
      // `key:|` — a value goes after a space the insertion adds.
      return { position: 'value', path: [...containerPath.path, key], key, prefix: '', replace: { offset, length: 0 }, keyColumn, listItem, existingKeys };
    }
    const valueStart = offset - typed.length;
    const quote = typed.startsWith("'") ? "'" : typed.startsWith('"') ? '"' : undefined;
    const prefix = quote ? typed.slice(1).replace(quote === "'" ? /''/g : /\\"/g, quote) : typed;
    // The token runs to its closing quote (or to the end of the line's plain text).
    let end = offset;
    if (quote) {
      const close = after.indexOf(quote);
      end = close < 0 ? offset + after.trimEnd().length : offset + close;
    } else {
      const match = /^[^\s#,\]}]*/.exec(after);
      end = offset + (match ? match[0].length : 0);
    }
    const start = quote ? valueStart + 1 : valueStart;
    return { position: 'value', path: [...containerPath.path, key], key, prefix, replace: { offset: start, length: end - start }, quote, keyColumn, listItem, existingKeys };
  }
  // A key being typed (possibly nothing yet on an indented or `- ` line).
  const quote = rest.startsWith("'") ? "'" : rest.startsWith('"') ? '"' : undefined;
  const prefix = quote ? rest.slice(1) : rest;
  if (/[:\s]/.test(prefix.trimEnd()) && !quote) return undefined;
  const tail = /^[^\s:'"]*/.exec(after)![0].length;
  const start = offset - prefix.length;
  return { position: 'key', path: containerPath.path, prefix, replace: { offset: start, length: offset + tail - start }, quote, keyColumn, listItem, existingKeys };
}

/**
 * A value inside a flow collection (`channel: { $ref: '#/channels/|' }`): the line's text does
 * not say which key it belongs to, the tree does (flow collections parse while being typed,
 * since editors close the brackets and quotes).
 */
function flowValuePlace(source: SourceFile, root: TreeNode | undefined, offset: number): CompletionPlace | undefined {
  const text = source.text;
  const at = nodeAtOffset(root, offset);
  if (!at || at.onKey || !at.property || (at.node.type !== 'string' && at.node.type !== 'null')) return undefined;
  let inFlow = false;
  for (let current = at.property.parent; current; current = current.parent) {
    if ((current.type === 'object' || current.type === 'array') && (text[current.offset] === '{' || text[current.offset] === '[')) {
      inFlow = true;
      break;
    }
  }
  if (!inFlow) return undefined;
  const node = at.node;
  const first = text[node.offset];
  const quote = node.type === 'string' && (first === "'" || first === '"') ? first : undefined;
  const start = node.offset + (quote ? 1 : 0);
  const end = node.offset + node.length - (quote && node.length >= 2 ? 1 : 0);
  if (offset < start || offset > Math.max(start, end)) return undefined;
  const key = String(at.property.children?.[0]?.value);
  const objectPath = at.path.slice(0, -1);
  const lineStart = lineStartOf(text, offset);
  return {
    position: 'value',
    path: at.path,
    key,
    prefix: text.slice(start, offset),
    replace: { offset: start, length: Math.max(0, end - start) },
    quote,
    keyColumn: /^\s*(?:-\s+)*/.exec(text.slice(lineStart, offset))![0].length,
    listItem: false,
    existingKeys: keysOf(root, objectPath),
  };
}

/**
 * Where the line holding `offset` starts. `lastIndexOf` reads a negative start as 0, so at the
 * very first character it would find a line feed there and answer a start after the offset (and
 * the walk up the lines above would never reach the top of a document that opens with `\n`).
 */
function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function unquoteKey(key: string): string {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key.trim();
}

/**
 * The path of the object a line at `keyColumn` belongs to, found from the lines above: a line
 * with a key at the same column is a sibling (its object is ours), one with a smaller column is
 * the parent key. A `- ` line starts a new item of the sibling's list.
 */
function yamlContainerPath(source: SourceFile, root: TreeNode | undefined, lineStart: number, keyColumn: number, listItem: boolean): { path: JsonPath } | undefined {
  const text = source.text;
  let end = lineStart - 1;
  while (end >= 0) {
    const start = lineStartOf(text, end);
    const line = text.slice(start, end);
    end = start - 1;
    const lead = /^(\s*)((?:-[ \t]+)*)/.exec(line)!;
    const content = line.slice(lead[0].length);
    if (content === '' || content.startsWith('#')) continue;
    const column = lead[0].length;
    if (column > keyColumn) continue;
    if (column === keyColumn && lead[2]!.length === 0 && listItem) continue;
    const at = nodeAtOffset(root, start + column);
    if (!at) return column < keyColumn ? undefined : { path: [] };
    if (column === keyColumn) {
      // A sibling: its object (or, for a new `- ` item, the list it is an item of).
      const property = at.property;
      const object = property?.parent;
      if (!object) return { path: [] };
      if (listItem) {
        const list = object.parent;
        if (list?.type !== 'array') return undefined;
        const items = (list.children ?? []).filter((item) => item.offset < lineStart).length;
        return { path: [...pathOfNode(list), items] };
      }
      return { path: pathOfNode(object) };
    }
    // The parent: a key whose value is our object (or, for `- `, our list).
    if (at.onKey && at.property) {
      const keyPath = at.path;
      if (listItem) {
        const list = at.property.children?.[1];
        const items = list?.type === 'array' ? (list.children ?? []).filter((item) => item.offset < lineStart).length : 0;
        return { path: [...keyPath, items] };
      }
      return { path: keyPath };
    }
    // The parent line is a `- ` item of a list of scalars or a flow value: nothing to complete.
    return undefined;
  }
  return { path: [] };
}

function keysOf(root: TreeNode | undefined, path: JsonPath): Set<string> {
  let node = root;
  for (const segment of path) {
    if (node?.type === 'object') node = (node.children ?? []).find((property) => property.children?.[0]?.value === String(segment))?.children?.[1];
    else if (node?.type === 'array') node = node.children?.[Number(segment)];
    else return new Set();
  }
  const keys = new Set<string>();
  if (node?.type === 'object') for (const property of node.children ?? []) keys.add(String(property.children?.[0]?.value));
  return keys;
}

// --- JSON --------------------------------------------------------------------------------------

function jsonPlace(source: SourceFile, root: TreeNode | undefined, offset: number): CompletionPlace | undefined {
  const location = getLocation(source.text, offset);
  const path = location.path.slice();
  const previous = location.previousNode;
  const inString = previous?.type === 'string' && offset > previous.offset && offset <= previous.offset + previous.length;
  const tokenStart = inString ? previous.offset + 1 : offset;
  const tokenEnd = inString ? previous.offset + previous.length - (source.text[previous.offset + previous.length - 1] === '"' && previous.length > 1 ? 1 : 0) : offset;
  const prefix = source.text.slice(tokenStart, offset);
  const replace = { offset: tokenStart, length: Math.max(0, tokenEnd - tokenStart) };
  const quote = inString ? '"' : undefined;
  if (location.isAtPropertyKey) {
    const objectPath = path.slice(0, -1);
    return { position: 'key', path: objectPath, prefix, replace, quote, keyColumn: 0, listItem: false, existingKeys: keysOf(root, objectPath) };
  }
  const key = typeof path[path.length - 1] === 'string' ? String(path[path.length - 1]) : undefined;
  return { position: 'value', path, key, prefix, replace, quote, keyColumn: 0, listItem: false, existingKeys: keysOf(root, path.slice(0, -1)) };
}
