import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { makeParsedTree, shareDerived, type MutableNode, type ParsedTree, type SyntaxProblem, type TreeNode } from './tree';

/**
 * YAML → position-preserving tree, incrementally.
 *
 * A full parse with the `yaml` package costs about 2 s for a 3.3 MB AsyncAPI document, so large
 * block mappings are split at their entries (one line per key at the mapping's indentation) and
 * each entry is parsed on its own and cached by its text. An edit re-parses only the entries it
 * touches. The split is only an optimisation: wherever it could change the meaning (aliases that
 * cross entries, multi-line flow collections or quoted scalars cut at a line that looks like a
 * key, directives, tabs) the region is parsed whole instead.
 */

/** Regions larger than this are split into entries; smaller ones are parsed whole. */
const SPLIT_THRESHOLD = 16 * 1024;
/** Alias expansion budget: a YAML "billion laughs" document must not exhaust memory. */
const MAX_ALIAS_EXPANSION = 200_000;

interface CachedEntry {
  base: number;
  node: MutableNode;
  problems: SyntaxProblem[];
}

/** Per-document cache of parsed entries; keep one per open document and pass it to every parse. */
export class YamlParseCache {
  entries = new Map<string, CachedEntry>();
  /** How many entries the last parse took from the cache (for tests and benchmarks). */
  lastReused = 0;
  lastParsed = 0;
}

const PARSE_OPTIONS = { prettyErrors: false, merge: true, uniqueKeys: true, schema: 'core' as const };

/** `split: false` parses the text whole, as a reference for tests and benchmarks. */
export function parseYaml(text: string, cache?: YamlParseCache, options: { split?: boolean } = {}): ParsedTree {
  const context: ParseContext = { text, previous: cache?.entries, next: new Map(), reused: 0, parsed: 0 };
  const split = options.split !== false && text.length > SPLIT_THRESHOLD;
  const { node, problems } = split ? (parseSplit(context, 0, text.length) ?? parseWhole(text, 0, text.length)) : parseWhole(text, 0, text.length);
  if (cache) {
    cache.entries = context.next;
    cache.lastReused = context.reused;
    cache.lastParsed = context.parsed;
  }
  // A stack overflow can surface more than once (in several entries, or in the parser and the
  // composer, depending on how deep each got before the stack ran out): one finding says it.
  const firstTooDeep = problems.findIndex((problem) => problem.message === TOO_DEEP);
  const kept = firstTooDeep < 0 ? problems : problems.filter((problem, index) => problem.message !== TOO_DEEP || index === firstTooDeep);
  return makeParsedTree(node as TreeNode | undefined, kept);
}

interface ParseContext {
  text: string;
  previous: Map<string, CachedEntry> | undefined;
  next: Map<string, CachedEntry>;
  reused: number;
  parsed: number;
}

interface RegionResult {
  node: MutableNode | undefined;
  problems: SyntaxProblem[];
}

/** Parses text[start, end) with the yaml package; offsets in the result are absolute. */
function parseWhole(text: string, start: number, end: number): RegionResult {
  const source = start === 0 && end === text.length ? text : text.slice(start, end);
  const document = parseDocument(source, PARSE_OPTIONS);
  const problems: SyntaxProblem[] = [];
  for (const error of document.errors) problems.push(anchorUnclosedQuote(source, problemOf(error, start, 'error'), start));
  for (const warning of document.warnings) problems.push(problemOf(warning, start, 'warning'));
  const converter = new Converter(document, source, start, problems);
  const node = document.contents ? converter.convert(document.contents as YamlNode, undefined) : undefined;
  return { node, problems };
}

const TOO_DEEP = 'This document nests too deeply to be parsed';

function problemOf(error: { pos: [number, number]; message: string }, base: number, severity: 'error' | 'warning'): SyntaxProblem {
  const [from, to] = error.pos;
  const message = /Maximum call stack size exceeded/.test(error.message) ? TOO_DEEP : firstLine(error.message);
  return { offset: base + from, length: Math.max(0, to - from), message, severity };
}

/**
 * The yaml package reports an unclosed quote where the text ends; the user needs to see where
 * the quote opened: the last quote that starts a value before that point.
 */
function anchorUnclosedQuote(source: string, problem: SyntaxProblem, base: number): SyntaxProblem {
  const match = /^Missing closing (["'])quote/.exec(problem.message);
  if (!match) return problem;
  const quote = match[1]!;
  const opening = new RegExp(`(^|[:\\-,\\[{]\\s*|^\\s*)${quote === '"' ? '"' : "'"}`, 'gm');
  let found = -1;
  for (let hit = opening.exec(source); hit && hit.index + hit[0].length - 1 < problem.offset - base; hit = opening.exec(source)) found = hit.index + hit[0].length - 1;
  if (found < 0) return problem;
  const lineEnd = source.indexOf('\n', found);
  return { ...problem, offset: base + found, length: (lineEnd < 0 ? source.length : lineEnd) - found, message: `Missing closing ${quote === '"' ? 'double' : 'single'} quote: the string that starts here never ends` };
}

function firstLine(message: string) {
  const newline = message.indexOf('\n');
  return newline < 0 ? message : message.slice(0, newline);
}

interface EntrySpan {
  /** Offset of the start of the entry's first line (its indentation included). */
  start: number;
  end: number;
  keyOffset: number;
}

/**
 * Splits text[start, end) as a block mapping into one span per key. Returns undefined when the
 * region is not a plain block mapping whose keys sit on their own lines at one indentation.
 */
function splitBlockMapping(text: string, start: number, end: number, allowDocumentStart: boolean): EntrySpan[] | undefined {
  const spans: EntrySpan[] = [];
  let indent = -1;
  let lineStart = start;
  let sawContent = false;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let column = lineStart;
    while (column < lineEnd && text.charCodeAt(column) === 32) column++;
    const first = text[column];
    const isTrivia = column >= lineEnd || first === '#' || first === '\r';
    if (first === '\t') return undefined;
    if (!isTrivia) {
      const lineIndent = column - lineStart;
      if (allowDocumentStart && !sawContent && lineIndent === 0 && /^---\s*(#.*)?$/.test(text.slice(column, lineEnd).trimEnd())) {
        // A leading document start marker belongs to no entry.
      } else {
        sawContent = true;
        if (indent < 0) indent = lineIndent;
        if (lineIndent < indent) return undefined;
        if (lineIndent === indent) {
          if (first === '-' && (text[column + 1] === ' ' || column + 1 >= lineEnd || text[column + 1] === '\r')) {
            if (spans.length === 0) return undefined;
          } else if (SIMPLE_KEY.test(text.slice(column, Math.min(lineEnd, column + 1024)))) {
            if (spans.length > 0) spans[spans.length - 1]!.end = lineStart;
            spans.push({ start: lineStart, end, keyOffset: column });
          } else {
            return undefined;
          }
        } else if (spans.length === 0) {
          return undefined;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return spans.length > 1 ? spans : undefined;
}

/** A key that starts a line: plain, single- or double-quoted, followed by `:` and a space or the end. */
const SIMPLE_KEY = /^(?:[^\s\-?:,[\]{}#&*!|>'"%@`][^\n]*?|-[^\s\n][^\n]*?|"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')[ \t]*:(?:[ \t]|\r?$|$)/;

function parseSplit(context: ParseContext, start: number, end: number): RegionResult | undefined {
  const spans = splitBlockMapping(context.text, start, end, start === 0);
  if (!spans) return undefined;
  const mapping: MutableNode = { type: 'object', offset: spans[0]!.keyOffset, length: 0, children: [] };
  const problems: SyntaxProblem[] = [];
  const seenKeys = new Set<string>();
  for (let index = 0; index < spans.length; index++) {
    const entry = parseEntry(context, spans[index]!);
    if (!entry) return undefined;
    if (entry.problems.length > 0 && entryProblemsMayBeArtifacts(context.text, spans, index)) return undefined;
    problems.push(...entry.problems);
    const property = entry.node;
    if (!property) continue;
    const key = property.children?.[0];
    if (key) {
      const name = String(key.value);
      if (seenKeys.has(name)) {
        problems.push({ offset: key.offset, length: key.length, message: 'Map keys must be unique', severity: 'error' });
      }
      seenKeys.add(name);
    }
    property.parent = mapping;
    mapping.children!.push(property);
  }
  const last = mapping.children![mapping.children!.length - 1];
  mapping.length = last ? last.offset + last.length - mapping.offset : 0;
  return { node: mapping, problems };
}

/**
 * A problem inside one entry might come from the split itself (an alias to an anchor in another
 * entry, or a flow collection or quoted scalar that continues on a line that looks like a key).
 * Parsing the entry together with its neighbour tells: if that pair parses cleanly, the split cut
 * a token and the region must be parsed whole.
 */
function entryProblemsMayBeArtifacts(text: string, spans: EntrySpan[], index: number): boolean {
  const span = spans[index]!;
  const next = spans[index + 1];
  if (/\*[^\s,\]}]/.test(text.slice(span.start, span.end))) return true;
  // A neighbour too large to re-parse cheaply is assumed not to continue a token of this entry.
  if (!next || next.end - next.start > 4 * SPLIT_THRESHOLD) return false;
  return parseDocument(text.slice(span.start, next.end), PARSE_OPTIONS).errors.length === 0;
}

/** Parses one entry span into a property node, from the cache when its text is unchanged. */
function parseEntry(context: ParseContext, span: EntrySpan): { node: MutableNode | undefined; problems: SyntaxProblem[] } | undefined {
  const entryText = context.text.slice(span.start, span.end);
  const cached = context.previous?.get(entryText) ?? context.next.get(entryText);
  if (cached) {
    context.reused++;
    const reused = cached.base === span.start ? cached : shiftEntry(cached, span.start);
    context.next.set(entryText, reused);
    return { node: reused.node, problems: reused.problems };
  }
  const nested = span.end - span.start > SPLIT_THRESHOLD ? parseNestedEntry(context, span) : undefined;
  if (nested) return nested;
  context.parsed++;
  const { node, problems } = parseWhole(context.text, span.start, span.end);
  if (!node || node.type !== 'object' || node.children?.length !== 1) {
    // Not a single `key: value` after all: the caller parses the region whole.
    return undefined;
  }
  const property = node.children[0]!;
  property.parent = undefined;
  context.next.set(entryText, { base: span.start, node: property, problems });
  return { node: property, problems };
}

/** A large entry whose value is a block mapping on the following lines is split again. */
function parseNestedEntry(context: ParseContext, span: EntrySpan): { node: MutableNode | undefined; problems: SyntaxProblem[] } | undefined {
  const text = context.text;
  let keyLineEnd = text.indexOf('\n', span.keyOffset);
  if (keyLineEnd < 0 || keyLineEnd >= span.end) return undefined;
  const keyLine = text.slice(span.keyOffset, keyLineEnd);
  const keyMatch = /^(.*?):[ \t]*(#.*)?\r?$/.exec(keyLine);
  if (!keyMatch) return undefined;
  const keyDocument = parseDocument(keyLine, PARSE_OPTIONS);
  if (keyDocument.errors.length > 0 || !isMap(keyDocument.contents) || keyDocument.contents.items.length !== 1) return undefined;
  const pair = keyDocument.contents.items[0]!;
  if (pair.value !== null && !(isScalar(pair.value) && pair.value.value === null && !pair.value.anchor && !pair.value.tag)) return undefined;
  const value = parseSplit(context, keyLineEnd + 1, span.end);
  if (!value?.node) return undefined;
  const keyNode = new Converter(keyDocument, keyLine, span.keyOffset, []).convert(pair.key as YamlNode, undefined);
  if (keyNode.type !== 'string') return undefined;
  const property: MutableNode = {
    type: 'property',
    offset: keyNode.offset,
    length: value.node.offset + value.node.length - keyNode.offset,
    colonOffset: span.keyOffset + keyMatch[1]!.length,
    children: [keyNode, value.node],
  };
  keyNode.parent = property;
  value.node.parent = property;
  return { node: property, problems: value.problems };
}

function shiftEntry(entry: CachedEntry, base: number): CachedEntry {
  const delta = base - entry.base;
  return {
    base,
    node: shiftNode(entry.node, delta, undefined),
    problems: entry.problems.map((problem) => ({ ...problem, offset: problem.offset + delta })),
  };
}

function shiftNode(node: MutableNode, delta: number, parent: MutableNode | undefined): MutableNode {
  const copy: MutableNode = { type: node.type, value: node.value, offset: node.offset + delta, length: node.length, parent };
  if (node.colonOffset !== undefined) copy.colonOffset = node.colonOffset + delta;
  if (node.children) copy.children = node.children.map((child) => shiftNode(child, delta, copy));
  shareDerived(node as TreeNode, copy as TreeNode);
  return copy;
}

/** Converts the yaml package's nodes into the shared tree shape, resolving aliases and merge keys. */
class Converter {
  private expanded = 0;
  private readonly expanding = new Set<YamlNode>();
  private reportedBudget = false;
  private aliasTargets?: Map<Alias, YamlNode>;

  constructor(
    private readonly document: Document,
    /** The text the document was parsed from; offsets in it are relative to `base`. */
    private readonly source: string,
    private readonly base: number,
    private readonly problems: SyntaxProblem[],
  ) {}

  convert(node: YamlNode | null | undefined, parent: MutableNode | undefined, fallbackOffset = 0): MutableNode {
    if (++this.expanded > MAX_ALIAS_EXPANSION) return this.budgetExceeded(node, parent, fallbackOffset);
    if (node === null || node === undefined) return { type: 'null', value: null, offset: fallbackOffset, length: 0, parent };
    if (isAlias(node)) return this.convertAlias(node, parent);
    const [from, valueEnd] = node.range ?? [0, 0];
    const offset = this.base + from;
    const length = valueEnd - from;
    if (isMap(node)) {
      const result: MutableNode = { type: 'object', offset, length, parent, children: [] };
      const merged: Pair[] = [];
      for (const pair of node.items) {
        if (isMergeKey(pair)) {
          merged.push(...this.mergedPairs(pair));
          continue;
        }
        result.children!.push(this.convertPair(pair, result));
      }
      const own = new Set(result.children!.map((property) => String(property.children![0]!.value)));
      for (const pair of merged) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (own.has(key)) continue;
        own.add(key);
        result.children!.push(this.convertPair(pair, result));
      }
      return result;
    }
    if (isSeq(node)) {
      const result: MutableNode = { type: 'array', offset, length, parent, children: [] };
      for (const item of node.items) result.children!.push(this.convert(item as YamlNode, result, offset));
      return result;
    }
    if (isScalar(node)) return { ...scalarShape(node.value), offset, length, parent };
    return { type: 'null', value: null, offset, length, parent };
  }

  private convertPair(pair: Pair, parent: MutableNode): MutableNode {
    const keySource = pair.key as YamlNode | null;
    const keyRange = keySource && !isAlias(keySource) && keySource.range ? keySource.range : undefined;
    const keyOffset = keyRange ? this.base + keyRange[0] : parent.offset;
    const keyValue = isScalar(keySource) ? keySource.value : keySource === null ? '' : String(keySource);
    const property: MutableNode = { type: 'property', offset: keyOffset, length: 0, parent, children: [] };
    const key: MutableNode = {
      type: 'string',
      value: keyValue === null ? '' : String(keyValue),
      offset: keyOffset,
      length: keyRange ? keyRange[1] - keyRange[0] : 0,
      parent: property,
    };
    const afterKey = key.offset + key.length;
    const colon = this.colonAfter(afterKey);
    if (colon !== undefined) property.colonOffset = colon;
    const value = this.convert(pair.value as YamlNode | null, property, colon !== undefined ? colon + 1 : afterKey);
    property.children = [key, value];
    property.length = Math.max(key.offset + key.length, value.offset + value.length) - property.offset;
    return property;
  }

  /** Where the `:` after a key is, looking only at the blanks that may stand between them. */
  private colonAfter(offset: number): number | undefined {
    for (let index = offset - this.base; index < this.source.length && index < offset - this.base + 256; index++) {
      const char = this.source[index];
      if (char === ':') return index + this.base;
      if (char !== ' ' && char !== '\t') return undefined;
    }
    return undefined;
  }

  /**
   * What each alias stands for: the last node before it with its anchor. The yaml package's
   * `Alias.resolve` walks the whole document on every call (building a path per node), which
   * costs the depth squared per alias: a bomb's thousands of expansions in a deeply nested
   * document took 40 s. One walk in document order answers every alias.
   */
  private resolve(alias: Alias): YamlNode | undefined {
    if (!this.aliasTargets) {
      const targets = new Map<Alias, YamlNode>();
      const anchors = new Map<string, YamlNode>();
      visit(this.document, {
        Node: (_key, node) => {
          if (isAlias(node)) {
            const target = anchors.get(node.source);
            if (target) targets.set(node, target);
          } else if (node.anchor) {
            anchors.set(node.anchor, node);
          }
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }

  private convertAlias(alias: Alias, parent: MutableNode | undefined): MutableNode {
    const [from, to] = alias.range ?? [0, 0];
    const offset = this.base + from;
    const target = this.resolve(alias);
    if (!target || this.expanding.has(target)) {
      this.problems.push({ offset, length: to - from, message: `Alias *${alias.source} cannot be resolved here`, severity: 'error' });
      return { type: 'null', value: null, offset, length: to - from, parent };
    }
    this.expanding.add(target);
    const converted = this.convert(target, parent, offset);
    this.expanding.delete(target);
    // The alias stands where it is written; what it expands to keeps the anchor's positions.
    return { ...converted, offset, length: to - from };
  }

  private mergedPairs(pair: Pair): Pair[] {
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    const result: Pair[] = [];
    for (const source of sources) {
      const target = isAlias(source) ? this.resolve(source) : source;
      if (isMap(target)) result.push(...(target.items as Pair[]));
    }
    return result;
  }

  private budgetExceeded(node: YamlNode | null | undefined, parent: MutableNode | undefined, fallbackOffset: number): MutableNode {
    const offset = node && !isAlias(node) && node.range ? this.base + node.range[0] : fallbackOffset;
    if (!this.reportedBudget) {
      this.reportedBudget = true;
      this.problems.push({
        offset,
        length: 0,
        message: `Aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes; the rest of this document is not expanded`,
        severity: 'error',
      });
    }
    return { type: 'null', value: null, offset, length: 0, parent };
  }
}

function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && (typeof pair.key.value === 'symbol' || (pair.key.value === '<<' && pair.key.type === 'PLAIN'));
}

function scalarShape(value: unknown): Pick<MutableNode, 'type' | 'value'> {
  if (value === null || value === undefined) return { type: 'null', value: null };
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'number') return { type: 'number', value };
  if (typeof value === 'bigint') return { type: 'number', value: Number(value) };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (value instanceof Date) return { type: 'string', value: value.toISOString() };
  return { type: 'string', value: String(value) };
}

