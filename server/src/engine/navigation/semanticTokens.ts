import type { Range } from 'vscode-languageserver-types';
import type { Cancellation, Engine } from '../engine';
import { collectRefSites } from '../references/refSites';
import { childValue, objectProperties, type TreeNode } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';
import { definitionAt, shapeAtPath, type ElementKind, type Shape } from './asyncApiShapes';
import { addressParameters } from './channelAddress';
import { openNavigationDocument, type NavigationDocument } from './navigationDocument';
import { locateRef, refTarget } from './refLocations';

/**
 * Semantic tokens for what only knowing that a file is an AsyncAPI document can tell (TextMate
 * grammars cannot: they are chosen by scope, not by content): the names of servers, channels,
 * messages, operations, schemas and parameters where they are defined and where `$ref`s name
 * them, `{parameters}` in channel addresses, and references that do not resolve.
 */
export const SEMANTIC_TOKEN_TYPES = ['namespace', 'interface', 'event', 'function', 'type', 'parameter'] as const;
/** `declaration` marks a definition's own key; `unresolved` a reference or parameter that leads nowhere. */
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'unresolved'] as const;

type TokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
const DECLARATION = 1;
const UNRESOLVED = 2;

interface Token {
  offset: number;
  length: number;
  type: TokenType;
  modifiers: number;
}

const cache = new WeakMap<LoadedFile, { generation: number; data: number[]; tokens: Token[] }>();

/** The document's tokens in the protocol's relative encoding, optionally only those in `range`. */
export async function semanticTokens(engine: Engine, uri: string, range?: Range, token?: Cancellation): Promise<number[]> {
  const document = await openNavigationDocument(engine, uri, token, { index: false });
  if (!document?.root || document.major === undefined) return [];
  const generation = engine.index.generation;
  let cached = cache.get(document.file);
  if (!cached || cached.generation !== generation) {
    const tokens = await document.reader.settle(() => collectTokens(document));
    cached = { generation, tokens, data: encode(document.file, tokens) };
    cache.set(document.file, cached);
  }
  if (!range) return cached.data;
  const start = document.file.source.offsetAt(range.start);
  const end = document.file.source.offsetAt(range.end);
  return encode(
    document.file,
    cached.tokens.filter((item) => item.offset + item.length >= start && item.offset <= end),
  );
}

/** The token type of each kind of definition. */
function typeOf(kind: ElementKind | Shape['kind'] | undefined): TokenType {
  switch (kind) {
    case 'server':
      return 'namespace';
    case 'channel':
      return 'interface';
    case 'message':
    case 'messageTrait':
      return 'event';
    case 'operation':
    case 'operationTrait':
      return 'function';
    case 'parameter':
      return 'parameter';
    default:
      return 'type';
  }
}

function collectTokens(document: NavigationDocument): Token[] {
  const tokens: Token[] = [];
  const { root, file, major } = document;
  const text = file.source.text;
  const major3 = major === 3;
  const keyToken = (property: TreeNode, type: TokenType) => {
    const key = property.children?.[0];
    if (!key || text.slice(key.offset, key.offset + key.length).includes('\n')) return;
    // The name without its quotes (JSON keys are always quoted).
    const quoted = (text[key.offset] === '"' || text[key.offset] === "'") && key.length >= 2;
    tokens.push({ offset: key.offset + (quoted ? 1 : 0), length: key.length - (quoted ? 2 : 0), type, modifiers: DECLARATION });
  };
  for (const [, property] of objectProperties(childValue(root, 'servers'))) keyToken(property, 'namespace');
  for (const [, property] of objectProperties(childValue(root, 'channels'))) {
    const channel = property.children?.[1];
    const declared = new Set(objectProperties(childValue(channel, 'parameters')).keys());
    if (major3) {
      keyToken(property, 'interface');
      for (const [, message] of objectProperties(childValue(channel, 'messages'))) keyToken(message, 'event');
      const address = childValue(channel, 'address');
      if (address?.type === 'string') addressTokens(tokens, text, address, undefined, declared, childValue(channel, '$ref') === undefined);
    } else {
      // 2.x: the key is the address, with its parameters.
      const keyNode = property.children?.[0];
      if (keyNode) addressTokens(tokens, text, keyNode, 'interface', declared, childValue(channel, '$ref') === undefined);
    }
    for (const [, parameter] of objectProperties(childValue(channel, 'parameters'))) keyToken(parameter, 'parameter');
  }
  if (major3) for (const [, property] of objectProperties(childValue(root, 'operations'))) keyToken(property, 'function');
  for (const [collection, group] of objectProperties(childValue(root, 'components'))) {
    const type = typeOf(COMPONENT_KINDS[collection]);
    for (const [, property] of objectProperties(group.children?.[1])) keyToken(property, type);
  }
  for (const site of collectRefSites(root)) refToken(tokens, document, site.valueNode, site.ref, site.ownerPath);
  return tokens.sort((a, b) => a.offset - b.offset);
}

const COMPONENT_KINDS: Record<string, ElementKind | Shape['kind']> = {
  schemas: 'schema',
  servers: 'server',
  channels: 'channel',
  operations: 'operation',
  messages: 'message',
  parameters: 'parameter',
  messageTraits: 'messageTrait',
  operationTraits: 'operationTrait',
};

/** `{parameters}` in an address; the rest of a 2.x channel key is the channel's name. */
function addressTokens(tokens: Token[], text: string, node: TreeNode, rest: TokenType | undefined, declared: Set<string>, checkDeclared: boolean) {
  const raw = text.slice(node.offset, node.offset + node.length);
  if (raw.includes('\n')) return;
  let position = 0;
  for (const parameter of addressParameters(raw)) {
    if (rest && parameter.start > position) tokens.push({ offset: node.offset + position, length: parameter.start - position, type: rest, modifiers: DECLARATION });
    tokens.push({ offset: node.offset + parameter.start, length: parameter.end - parameter.start, type: 'parameter', modifiers: checkDeclared && !declared.has(parameter.name) ? UNRESOLVED : 0 });
    position = parameter.end;
  }
  if (rest && position < raw.length) tokens.push({ offset: node.offset + position, length: raw.length - position, type: rest, modifiers: DECLARATION });
}

/**
 * A `$ref`: the name it ends with, typed by what it leads to; the whole value marked unresolved
 * when it leads nowhere. Remote references are left alone (nothing is fetched for colours).
 */
function refToken(tokens: Token[], document: NavigationDocument, node: TreeNode, ref: string, ownerPath: ReadonlyArray<string | number>) {
  const { reader, file, root, major } = document;
  const text = file.source.text;
  const quoted = text[node.offset] === '"' || text[node.offset] === "'";
  const start = node.offset + (quoted ? 1 : 0);
  const length = node.length - (quoted ? 2 : 0);
  if (length <= 0 || text.slice(start, start + length).includes('\n')) return;
  const target = refTarget(reader, file, ref);
  if (target.kind !== 'local' && target.kind !== 'file') return;
  const located = locateRef(reader, file, ref);
  const expected = shapeAtPath(root, ownerPath, major!);
  if (!located) {
    // Files not read yet are asked for by the reader; only a file that was read can prove a miss.
    const targetUri = target.kind === 'file' ? target.uri : file.uri;
    if (reader.wasRead(targetUri)) tokens.push({ offset: start, length, type: typeOf(expected?.kind), modifiers: UNRESOLVED });
    return;
  }
  const targetKind = reader.engine.kindOf(located.file);
  const definition = targetKind.kind === 'asyncapi' ? definitionAt(located.file.tree.root, located.path, targetKind.major) : undefined;
  const type = typeOf(definition?.kind ?? expected?.kind);
  // The pointer's last segment, when the text is the value as written (no escapes).
  if (text.slice(start, start + length) !== ref) return;
  const lastSlash = ref.lastIndexOf('/');
  const hash = ref.indexOf('#');
  if (hash >= 0 && lastSlash > hash && lastSlash < ref.length - 1) tokens.push({ offset: start + lastSlash + 1, length: ref.length - lastSlash - 1, type, modifiers: 0 });
}

/** The protocol's encoding: five numbers per token, positions relative to the previous token. */
function encode(file: LoadedFile, tokens: Token[]): number[] {
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  let previousEnd = -1;
  for (const item of tokens) {
    if (item.offset < previousEnd) continue; // never overlap
    const position = file.source.positionAt(item.offset);
    const line = position.line;
    const character = position.character;
    data.push(line - previousLine, line === previousLine ? character - previousCharacter : character, item.length, SEMANTIC_TOKEN_TYPES.indexOf(item.type), item.modifiers);
    previousLine = line;
    previousCharacter = character;
    previousEnd = item.offset + item.length;
  }
  return data;
}
