import { modify, type FormattingOptions } from 'jsonc-parser';
import { Document, isCollection, stringify } from 'yaml';
import { parseSource } from '../text/parse';
import { deepestNodeOnPath, type JsonPath } from '../text/paths';
import { SourceFile } from '../text/sourceFile';
import type { TreeNode } from '../text/tree';
import { YamlParseCache } from '../text/yamlTree';
import { applyEdits, type TextEdit } from './applyEdits';

export type { TextEdit } from './applyEdits';

/** What an edit works on: a file's text and its tree. */
export interface EditableFile {
  source: SourceFile;
  root: TreeNode | undefined;
}

/**
 * Minimal edits that set or remove a value at a JSON path while keeping the user's formatting,
 * comments and key order: the one place quick fixes turn "what should change" into text, in
 * YAML (block and flow style) and in JSON.
 */
export function setValue(file: EditableFile, path: JsonPath, value: unknown): TextEdit[] {
  if (file.source.format === 'yaml') return yamlSet(file, path, value);
  return jsonModify(file, path, value);
}

export function removeValue(file: EditableFile, path: JsonPath): TextEdit[] {
  if (file.source.format === 'yaml') return yamlRemove(file, path);
  return jsonRemove(file, path);
}

/** Appends an item to the array at `path` (creating the array when it is missing). */
export function appendToArray(file: EditableFile, path: JsonPath, item: unknown): TextEdit[] {
  const { node, depth } = deepestNodeOnPath(file.root, path);
  if (!node || depth < path.length || node.type !== 'array') return setValue(file, path, [item]);
  if (file.source.format !== 'yaml') return jsonModify(file, [...path, node.children?.length ?? 0], item, true);
  return yamlAppend(file, node, item);
}

/** Replaces a key's name, keeping its value as it is. */
export function renameKey(file: EditableFile, path: JsonPath, newKey: string): TextEdit[] {
  const { node, depth } = deepestNodeOnPath(file.root, path);
  const key = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  if (!node || depth < path.length || !key) return [];
  const text = file.source.format === 'yaml' ? yamlKey(newKey, quoteStyleOf(file.source)) : JSON.stringify(newKey);
  return [{ range: file.source.rangeAt(key.offset, key.length), newText: text }];
}

// --- JSON -------------------------------------------------------------------------------------

function jsonModify(file: EditableFile, path: JsonPath, value: unknown, isArrayInsertion = false): TextEdit[] {
  const edits = modify(file.source.text, path as (string | number)[], value, { formattingOptions: detectJsonFormatting(file.source.text), isArrayInsertion });
  return edits.map((edit) => ({ range: file.source.rangeAt(edit.offset, edit.length), newText: edit.content }));
}

/**
 * Removes a property or an array item with its separating comma and nothing else, so that a
 * one-line `["a", "b"]` stays on one line and the siblings keep their layout. (jsonc-parser's
 * `modify` reformats the container, and in 3.3 mangles the removal of a last array item.)
 */
function jsonRemove(file: EditableFile, path: JsonPath): TextEdit[] {
  const { node, depth } = deepestNodeOnPath(file.root, path);
  if (!node || depth < path.length || path.length === 0) return [];
  const member = node.parent?.type === 'property' ? node.parent : node;
  const container = member.parent;
  const siblings = container?.children ?? [];
  const index = siblings.indexOf(member);
  if (!container || index < 0) return [];
  const end = (item: TreeNode) => item.offset + item.length;
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  // From the member to its next sibling, or from the previous sibling's end to the member's end:
  // either way one comma goes with it. An only member leaves its container empty.
  const [from, to] = next ? [member.offset, next.offset] : previous ? [end(previous), end(member)] : [container.offset + 1, end(container) - 1];
  return [{ range: file.source.rangeAt(from, to - from), newText: '' }];
}

export function detectJsonFormatting(text: string): FormattingOptions {
  const indented = /\n([ \t]+)\S/.exec(text);
  const indent = indented?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

// --- YAML -------------------------------------------------------------------------------------

function yamlSet(file: EditableFile, path: JsonPath, value: unknown): TextEdit[] {
  const { source } = file;
  const { node, depth } = deepestNodeOnPath(file.root, path);
  if (!node) return [{ range: source.rangeAt(source.text.length, 0), newText: yamlBlock({ [String(path[0])]: nest(path.slice(1), value) }, 0, detectIndentUnit(source.text), quoteStyleOf(source)) }];
  if (depth === path.length) return yamlReplace(file, node, value);
  // Create what is missing below the deepest existing node as one nested value.
  const missingKey = path[depth]!;
  const rest = nest(path.slice(depth + 1), value);
  if (node.type === 'object') return yamlAddProperty(file, node, String(missingKey), rest);
  if (node.type === 'array') return yamlAppend(file, node, rest);
  // A scalar (often null, as in `key:`) stands where a mapping is needed: replace it.
  return yamlReplace(file, node, { [String(missingKey)]: rest });
}

function nest(path: JsonPath, value: unknown): unknown {
  return path.reduceRight<unknown>((inner, segment) => ({ [String(segment)]: inner }), value);
}

/** Replaces an existing value, in the style of its place (block or flow). */
function yamlReplace(file: EditableFile, node: TreeNode, value: unknown): TextEdit[] {
  const { source } = file;
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const flow = isInFlow(source.text, node);
  if (flow || isScalar(value)) {
    const quote = quoteStyleOf(source);
    const text = flow ? yamlFlow(value, quote) : yamlScalar(value, quote);
    if (node.length === 0 && property) {
      // `key:` with nothing after it: the value goes after the colon.
      const colon = property.colonOffset ?? node.offset - 1;
      return [{ range: source.rangeAt(colon + 1, 0), newText: ` ${text}` }];
    }
    return [{ range: source.rangeAt(node.offset, node.length), newText: keepQuoting(source.text[node.offset], value, text) }];
  }
  if (!property) return [{ range: source.rangeAt(node.offset, node.length), newText: yamlBlock(value, columnOf(source, node.offset), detectIndentUnit(source.text), quoteStyleOf(source)).trimEnd() }];
  // A block value: everything from after the colon to the end of the old value's last line.
  const keyColumn = columnOf(source, property.offset);
  const unit = detectIndentUnit(source.text);
  const colon = property.colonOffset ?? property.children![0]!.offset + property.children![0]!.length;
  const end = lineEndAfter(source.text, node.offset + Math.max(node.length, 0));
  // The replaced range runs to the end of the old value's last line, newline included (unless the
  // text ends there without one): the block keeps its own final newline in the same case.
  const block = yamlBlock(value, keyColumn + unit, unit, quoteStyleOf(source));
  const endsWithNewline = source.text[end - 1] === '\n';
  return [{ range: source.rangeAt(colon + 1, end - colon - 1), newText: '\n' + (endsWithNewline ? block : block.replace(/\n$/, '')) }];
}

/** Adds `key: value` to an existing mapping, after its last entry. */
function yamlAddProperty(file: EditableFile, mapping: TreeNode, key: string, value: unknown): TextEdit[] {
  const { source } = file;
  const unit = detectIndentUnit(source.text);
  if (isInFlow(source.text, mapping) || source.text[mapping.offset] === '{') {
    const children = mapping.children ?? [];
    const last = children[children.length - 1];
    const at = last ? last.offset + last.length : mapping.offset + 1;
    return [{ range: source.rangeAt(at, 0), newText: `${last ? ', ' : ''}${yamlKey(key, quoteStyleOf(source))}: ${yamlFlow(value, quoteStyleOf(source))}` }];
  }
  const children = mapping.children ?? [];
  const last = children[children.length - 1];
  const column = last ? columnOf(source, last.offset) : parentColumn(file, mapping) + unit;
  const insertAt = last ? lineEndAfter(source.text, last.offset + last.length) : lineEndAfter(source.text, mapping.offset);
  const entry = yamlBlock({ [key]: value }, column, unit, quoteStyleOf(source));
  return [{ range: source.rangeAt(insertAt, 0), newText: (insertAt > 0 && source.text[insertAt - 1] !== '\n' ? '\n' : '') + entry }];
}

/** Appends an item to an existing sequence. */
function yamlAppend(file: EditableFile, sequence: TreeNode, item: unknown): TextEdit[] {
  const { source } = file;
  const items = sequence.children ?? [];
  if (isInFlow(source.text, sequence) || source.text[sequence.offset] === '[') {
    const last = items[items.length - 1];
    const at = last ? last.offset + last.length : sequence.offset + 1;
    return [{ range: source.rangeAt(at, 0), newText: `${last ? ', ' : ''}${yamlFlow(item, quoteStyleOf(source))}` }];
  }
  const unit = detectIndentUnit(source.text);
  const last = items[items.length - 1]!;
  const dash = source.text.lastIndexOf('-', last.offset);
  const column = columnOf(source, dash);
  const insertAt = lineEndAfter(source.text, last.offset + last.length);
  const body = yamlBlock(item, column + 2, unit, quoteStyleOf(source)).replace(/^ +/, '');
  return [{ range: source.rangeAt(insertAt, 0), newText: `${' '.repeat(column)}- ${body}` }];
}

function yamlRemove(file: EditableFile, path: JsonPath): TextEdit[] {
  const { source } = file;
  const { node, depth } = deepestNodeOnPath(file.root, path);
  if (!node || depth < path.length || !node.parent) return [];
  const container = node.parent.type === 'property' ? node.parent.parent : node.parent;
  const entry = node.parent.type === 'property' ? node.parent : node;
  if (!container) return [];
  if (isInFlow(source.text, entry) || source.text[container.offset] === '{' || source.text[container.offset] === '[') {
    const siblings = container.children ?? [];
    const index = siblings.indexOf(entry);
    const start = index > 0 ? siblings[index - 1]!.offset + siblings[index - 1]!.length : entry.offset;
    const end = index > 0 ? entry.offset + entry.length : (siblings[index + 1]?.offset ?? entry.offset + entry.length);
    return [{ range: source.rangeAt(start, end - start), newText: '' }];
  }
  // Whole lines: from the start of the entry's first line (or its `- `) to the end of its last.
  const dash = container.type === 'array' ? source.text.lastIndexOf('-', entry.offset) : entry.offset;
  const start = lineStart(source.text, dash);
  const end = lineEndAfter(source.text, entry.offset + entry.length);
  if ((container.children ?? []).length === 1 && container.parent?.type === 'property') {
    // The last entry of a block collection: leave an empty collection, not a null.
    const empty = container.type === 'array' ? '[]' : '{}';
    const property = container.parent;
    const colon = property.colonOffset ?? property.offset;
    return [{ range: source.rangeAt(colon + 1, end - colon - 1), newText: ` ${empty}\n` }];
  }
  return [{ range: source.rangeAt(start, end - start), newText: '' }];
}

/** A value as YAML block text at `column`, every line indented, ending with a newline. */
function yamlBlock(value: unknown, column: number, unit: number, quote: QuoteStyle): string {
  const text = stringify(value, { indent: unit, lineWidth: 0, minContentWidth: 0, defaultKeyType: 'PLAIN', defaultStringType: 'PLAIN', singleQuote: quote === 'single' });
  const pad = ' '.repeat(column);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** A string replacing a quoted one is quoted the same way (the user's style). */
function keepQuoting(original: string | undefined, value: unknown, text: string): string {
  if (typeof value !== 'string') return text;
  if (original === "'") return `'${value.replace(/'/g, "''")}'`;
  if (original === '"') return JSON.stringify(value);
  return text;
}

function yamlScalar(value: unknown, quote: QuoteStyle): string {
  return stringify(value, { lineWidth: 0, singleQuote: quote === 'single' }).trimEnd();
}

function yamlFlow(value: unknown, quote: QuoteStyle): string {
  if (isScalar(value)) return yamlScalar(value, quote);
  const document = new Document(value);
  if (isCollection(document.contents)) document.contents.flow = true;
  return document.toString({ lineWidth: 0, singleQuote: quote === 'single' }).trimEnd();
}

function yamlKey(key: string, quote: QuoteStyle): string {
  return stringify(key, { lineWidth: 0, singleQuote: quote === 'single' }).trimEnd();
}

/**
 * How the file quotes the strings it has to quote, so that a fix's `$ref: '#/…'` looks like the
 * file's own: single where its quoted scalars are mostly single-quoted, else double (the YAML
 * library's choice). Strings that need no quotes stay plain either way, as YAML files write them.
 */
type QuoteStyle = 'single' | 'double';
const quoteStyles = new WeakMap<SourceFile, QuoteStyle>();

export function quoteStyleOf(source: SourceFile): QuoteStyle {
  let style = quoteStyles.get(source);
  if (!style) {
    let single = 0;
    let double = 0;
    // A quoted scalar starts a value (after `key: ` or `- `) or a flow item (after `[`, `{`, `, `).
    for (const match of source.text.matchAll(/(?:: |- |[[{,] ?)(['"])/g)) {
      if (match[1] === "'") single++;
      else double++;
    }
    style = single > double ? 'single' : 'double';
    quoteStyles.set(source, style);
  }
  return style;
}

function isScalar(value: unknown) {
  return value === null || typeof value !== 'object';
}

/** True when the node sits inside a flow collection (`{…}` or `[…]`). */
function isInFlow(text: string, node: TreeNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if ((current.type === 'object' || current.type === 'array') && (text[current.offset] === '{' || text[current.offset] === '[')) return true;
  }
  return false;
}

function columnOf(source: SourceFile, offset: number) {
  return source.positionAt(offset).character;
}

/** The column of the key that owns a mapping (for a mapping with no entries yet). */
function parentColumn(file: EditableFile, mapping: TreeNode): number {
  const property = mapping.parent?.type === 'property' ? mapping.parent : undefined;
  return property ? columnOf(file.source, property.offset) : -detectIndentUnit(file.source.text);
}

function lineStart(text: string, offset: number) {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the newline that ends the line holding `offset` (or the text's end). */
function lineEndAfter(text: string, offset: number) {
  const newline = text.indexOf('\n', Math.max(0, offset - (text[offset - 1] === '\n' ? 1 : 0)));
  return newline < 0 ? text.length : newline + 1;
}

/** The document's indentation step: the smallest indentation of a line that has one. */
export function detectIndentUnit(text: string): number {
  let unit = 0;
  const pattern = /\n( +)[^ \n#-]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const width = match[1]!.length;
    if (unit === 0 || width < unit) unit = width;
    if (unit === 2) break;
  }
  return unit > 0 && unit <= 8 ? unit : 2;
}

/**
 * Several edits to one file that each need to see the previous ones (two keys added to one
 * object, a rename and an insert…): applied in order on the text, then returned as the one
 * minimal edit that turns the original into the result.
 */
export function composeEdits(file: EditableFile, steps: Array<(current: EditableFile) => TextEdit[]>): TextEdit[] {
  let current = file;
  for (const step of steps) {
    const text = applyEdits(current.source, step(current));
    const source = new SourceFile(current.source.uri, text, current.source.version + 1, current.source.format);
    current = { source, root: parseSource(source, stepCacheFor(source.uri)).root };
  }
  return diffEdit(file.source, current.source.text);
}

/**
 * YAML entry caches of the files fixes were composed in lately: each step re-parses the whole
 * text, and "fix all" composes hundreds of fixes on one document, whose entries are nearly all
 * the same text each time (a whole parse each would make it quadratic in the document's size).
 */
const stepCaches = new Map<string, YamlParseCache>();
const MAX_STEP_CACHES = 8;

function stepCacheFor(uri: string): YamlParseCache {
  let cache = stepCaches.get(uri);
  if (cache) stepCaches.delete(uri);
  else cache = new YamlParseCache();
  stepCaches.set(uri, cache);
  if (stepCaches.size > MAX_STEP_CACHES) stepCaches.delete(stepCaches.keys().next().value!);
  return cache;
}

/**
 * The one edit that turns `source` into `text`: their common start and end are kept, in whole
 * lines, so that two edits near each other always overlap when they touch the same lines (fix-all
 * takes only one of them per round) instead of splicing into each other's indentation.
 */
export function diffEdit(source: SourceFile, text: string): TextEdit[] {
  const original = source.text;
  if (original === text) return [];
  let start = 0;
  while (start < original.length && start < text.length && original[start] === text[start]) start++;
  let end = 0;
  while (end < original.length - start && end < text.length - start && original[original.length - 1 - end] === text[text.length - 1 - end]) end++;
  // Back to the start of the first changed line, on to the end of the last (both texts share
  // what lies outside, since it is part of the common start and end).
  const from = original.lastIndexOf('\n', start - 1) + 1;
  const regionEnd = original.length - end;
  const lineEnd = regionEnd === 0 || original[regionEnd - 1] === '\n' ? regionEnd : original.indexOf('\n', regionEnd) < 0 ? original.length : original.indexOf('\n', regionEnd);
  const tail = original.length - lineEnd;
  return [{ range: source.rangeAt(from, original.length - tail - from), newText: text.slice(from, text.length - tail) }];
}
