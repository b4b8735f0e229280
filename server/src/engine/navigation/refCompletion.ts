import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { JsonPath } from '../text/paths';
import { childString, childValue, objectProperties, type TreeNode } from '../text/tree';
import { shapeAtPath, type ObjectKind, type Shape } from './asyncApiShapes';
import type { CompletionPlace } from './completionContext';
import { valueItem } from './completionEdits';
import type { NavigationDocument } from './navigationDocument';
import { dereferenceNode, locateNode, refPointer, refTarget } from './refLocations';
import { relativeReference } from './relativeUris';

/** Where components of each kind are kept (`components.<collection>`). */
const COLLECTIONS: Partial<Record<ObjectKind, string>> = {
  message: 'messages',
  schema: 'schemas',
  server: 'servers',
  channel: 'channels',
  operation: 'operations',
  parameter: 'parameters',
  correlationId: 'correlationIds',
  securityScheme: 'securitySchemes',
  messageTrait: 'messageTraits',
  operationTrait: 'operationTraits',
  operationReply: 'replies',
  operationReplyAddress: 'replyAddresses',
  serverVariable: 'serverVariables',
  tag: 'tags',
  externalDocs: 'externalDocs',
};

const MAX_WORKSPACE_ITEMS = 400;

/** One `$ref` value to offer. */
interface RefCandidate {
  ref: string;
  detail: string;
  documentation?: string;
  /** 0: this document's fitting definitions, 1: workspace files, 2: definitions in other files. */
  rank: number;
  kind: CompletionItemKind;
  /** A container: typing continues with `/`. */
  partial?: boolean;
}

/**
 * Completion of a `$ref` value: what fits the place. An operation's `channel` gets this
 * document's channels; an operation's (or its reply's) `messages` items get the messages of its
 * channel only; a payload or headers gets component schemas and the workspace's schema files; a
 * channel's message gets component messages, here and in other files; and so on for every
 * component kind. A value with a `#` continues its pointer in the file before it, key by key.
 * Runs inside `reader.settle`.
 */
export function refCompletions(document: NavigationDocument, place: CompletionPlace): CompletionItem[] {
  const ownerPath = place.path.slice(0, -1);
  const hash = place.prefix.indexOf('#');
  const fitting = fittingCandidates(document, ownerPath);
  let candidates: RefCandidate[];
  if (hash >= 0) {
    // A pointer being typed: the fitting definitions it starts, else the keys along the pointer.
    const matching = fitting.candidates.filter((candidate) => candidate.ref.startsWith(place.prefix));
    candidates = matching.length > 0 || fitting.restricted ? matching : pointerCandidates(document, place.prefix.slice(0, hash), place.prefix.slice(hash + 1));
  } else candidates = fitting.restricted ? fitting.candidates : [...fitting.candidates, ...workspaceCandidates(document, ownerPath)];
  const source = document.file.source;
  return candidates.map((candidate, index) =>
    valueItem(source, place, candidate.ref, {
      label: candidate.ref,
      kind: candidate.kind,
      detail: candidate.detail,
      documentation: candidate.documentation ? { kind: 'markdown', value: candidate.documentation } : undefined,
      // This document's definitions in document order, files and other files' definitions by path.
      sortText: candidate.rank === 0 ? `0${String(index).padStart(5, '0')}` : `${candidate.rank}${candidate.ref}`,
      command: candidate.partial ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
    }),
  );
}

/** What the place expects, as a shape (from the AsyncAPI structure, or the schema keywords of a schema file). */
function expectedShape(document: NavigationDocument, ownerPath: JsonPath): Shape | undefined {
  if (document.major !== undefined) return shapeAtPath(document.root, ownerPath, document.major);
  return { kind: 'schema' };
}

/**
 * This document's definitions that fit the place. `restricted` places accept nothing else: an
 * operation's channel is one of the document's channels, its messages are its channel's.
 */
function fittingCandidates(document: NavigationDocument, ownerPath: JsonPath): { candidates: RefCandidate[]; restricted: boolean } {
  const candidates = fittingDefinitions(document, ownerPath);
  const last = ownerPath[ownerPath.length - 1];
  const parentKey = ownerPath[ownerPath.length - 2];
  const restricted = document.major === 3 && ownerPath[0] === 'operations' && (last === 'channel' || (parentKey === 'messages' && typeof last === 'number'));
  const servers = document.major === 3 && ownerPath[0] === 'channels' && parentKey === 'servers';
  return { candidates, restricted: restricted || servers };
}

function fittingDefinitions(document: NavigationDocument, ownerPath: JsonPath): RefCandidate[] {
  const root = document.root;
  const shape = expectedShape(document, ownerPath);
  const last = ownerPath[ownerPath.length - 1];
  const parentKey = ownerPath[ownerPath.length - 2];
  if (document.major === 3 && shape?.kind === 'channel' && last === 'channel') {
    // An operation (or its reply) acts on one of this document's channels.
    return entries(childValue(root, 'channels')).map(([key, node]) => ({ ref: `#${refPointer(['channels', key])}`, detail: channelDetail(document, ['channels', key], node), rank: 0, kind: CompletionItemKind.Reference }));
  }
  if (document.major === 3 && shape?.kind === 'message' && parentKey === 'messages' && typeof last === 'number') {
    const operationPath = ownerPath.slice(0, -2);
    const channelRef = childString(childValue(nodeAt(root, operationPath), 'channel'), '$ref');
    const channels = channelRef !== undefined ? [channelRef] : entries(childValue(root, 'channels')).map(([key]) => `#${refPointer(['channels', key])}`);
    const result: RefCandidate[] = [];
    for (const ref of channels) {
      const target = refTarget(document.reader, document.file, ref);
      if (target.kind !== 'local') continue;
      const channel = nodeAt(root, target.path);
      for (const [key, node] of entries(childValue(channel, 'messages'))) {
        const definition = dereferenceNode(document.reader, { uri: document.file.uri, file: document.file, path: [...target.path, 'messages', key], node });
        const name = childString(definition?.node, 'name') ?? key;
        const title = childString(definition?.node, 'title') ?? childString(definition?.node, 'summary');
        result.push({ ref: `#${refPointer([...target.path, 'messages', key])}`, detail: `message ${name}${title ? ` · ${title}` : ''}`, rank: 0, kind: CompletionItemKind.Reference });
      }
    }
    return result;
  }
  if (document.major === 3 && shape?.kind === 'server' && parentKey === 'servers') {
    return entries(childValue(root, 'servers')).map(([key, node]) => ({ ref: `#${refPointer(['servers', key])}`, detail: `server · ${childString(node, 'protocol') ?? '?'} ${childString(node, 'host') ?? ''}`.trim(), rank: 0, kind: CompletionItemKind.Reference }));
  }
  const result: RefCandidate[] = [];
  const collection = shape && shape.kind !== 'map' && shape.kind !== 'list' && shape.kind !== 'names' ? (shape.kind === 'bindings' ? `${shape.owner}Bindings` : shape.kind === 'binding' ? undefined : COLLECTIONS[shape.kind]) : undefined;
  if (collection) {
    for (const [key, node] of entries(childValue(childValue(root, 'components'), collection))) {
      result.push({ ref: `#${refPointer(['components', collection, key])}`, detail: describeComponent(collection, node), rank: 0, kind: CompletionItemKind.Reference });
    }
  }
  if (shape?.kind === 'schema') {
    for (const definitions of ['definitions', '$defs']) {
      for (const [key, node] of entries(childValue(root, definitions))) result.push({ ref: `#${refPointer([definitions, key])}`, detail: describeComponent('schemas', node), rank: 0, kind: CompletionItemKind.Reference });
    }
  }
  return result;
}

/** Files of the workspace that fit (schema files where a schema goes) and definitions in other files. */
function workspaceCandidates(document: NavigationDocument, ownerPath: JsonPath): RefCandidate[] {
  const shape = expectedShape(document, ownerPath);
  const kind = shape && 'kind' in shape ? shape.kind : undefined;
  const collection = kind && kind !== 'map' && kind !== 'list' && kind !== 'names' && kind !== 'bindings' && kind !== 'binding' ? COLLECTIONS[kind] : undefined;
  const result: RefCandidate[] = [];
  const uri = document.file.uri;
  const index = document.reader.engine.index;
  for (const entry of index.all()) {
    if (result.length >= MAX_WORKSPACE_ITEMS) break;
    if (entry.uri === uri || entry.kind.kind === 'config') continue;
    const relative = relativeReference(uri, entry.uri);
    if ((kind === 'schema' || kind === 'avroSchema') && (entry.kind.kind === 'json-schema' || entry.kind.kind === 'avro')) {
      result.push({ ref: relative, detail: entry.kind.kind === 'avro' ? 'Avro schema file' : 'JSON Schema file', rank: 1, kind: CompletionItemKind.File });
      continue;
    }
    if (!collection || (entry.kind.kind !== 'asyncapi' && entry.kind.kind !== 'other')) continue;
    // Definitions of the same kind in other files (shared fragments, other services' components).
    const file = document.reader.file(entry.uri);
    const components = childValue(childValue(file?.tree.root, 'components'), collection);
    for (const [key, node] of entries(components)) {
      result.push({ ref: `${relative}#${refPointer(['components', collection, key])}`, detail: describeComponent(collection, node), rank: 2, kind: CompletionItemKind.Reference });
    }
  }
  return result;
}

/**
 * A pointer being typed after `file#`: the keys of the node the pointer names so far (following
 * references along it), each completing the pointer by one segment.
 */
function pointerCandidates(document: NavigationDocument, filePart: string, pointer: string): RefCandidate[] {
  const slash = pointer.lastIndexOf('/');
  const base = slash < 0 ? '' : pointer.slice(0, slash);
  let basePath: string[];
  try {
    basePath = base === '' ? [] : base.slice(1).split('/').map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
  } catch {
    return [];
  }
  const target = refTarget(document.reader, document.file, `${filePart}#`);
  const uri = target.kind === 'file' ? target.uri : target.kind === 'local' ? document.file.uri : undefined;
  if (!uri) return [];
  const located = locateNode(document.reader, uri, basePath);
  const node = located && (dereferenceNode(document.reader, located) ?? located);
  if (!node) return [];
  const items: Array<[string, TreeNode]> = node.node.type === 'array' ? (node.node.children ?? []).map((child, index) => [String(index), child]) : entries(node.node, true);
  return items.map(([key, child]) => {
    const isContainer = (child.type === 'object' || child.type === 'array') && childValue(child, '$ref') === undefined && !isDefinitionLike(child);
    return {
      ref: `${filePart}#${refPointer([...basePath, key])}${isContainer ? '/' : ''}`,
      detail: isContainer ? `${child.type === 'array' ? 'list' : 'object'} · ${(child.children ?? []).length} entries` : describeComponent('', child),
      rank: 0,
      kind: isContainer ? CompletionItemKind.Folder : CompletionItemKind.Reference,
      partial: isContainer,
    };
  });
}

/** An object that is something (a schema, a message…) rather than a collection of things. */
function isDefinitionLike(node: TreeNode): boolean {
  const keys = objectProperties(node);
  return ['type', 'payload', 'headers', 'address', 'action', 'host', 'properties', 'name', 'location', 'fields', 'allOf', 'oneOf', 'anyOf', 'enum'].some((key) => keys.has(key));
}

function describeComponent(collection: string, node: TreeNode | undefined): string {
  const title = childString(node, 'title') ?? childString(node, 'summary') ?? childString(node, 'description');
  const type = childString(node, 'type');
  const what = collection === 'messages' ? `message ${childString(node, 'name') ?? ''}`.trim() : collection === 'schemas' ? `schema${type ? ` (${type})` : ''}` : collection ? collection.replace(/s$/, '') : type ? `${type}` : 'value';
  return title ? `${what} · ${firstLine(title)}` : what;
}

function channelDetail(document: NavigationDocument, path: JsonPath, node: TreeNode): string {
  const definition = dereferenceNode(document.reader, { uri: document.file.uri, file: document.file, path, node });
  const address = childString(definition?.node, 'address');
  const title = childString(definition?.node, 'title');
  return `channel${address !== undefined ? ` · ${address}` : ''}${title ? ` · ${title}` : ''}`;
}

function firstLine(text: string) {
  const line = text.trim().split('\n')[0]!;
  return line.length > 80 ? line.slice(0, 79) + '…' : line;
}

function entries(node: TreeNode | undefined, withExtensions = false): Array<[string, TreeNode]> {
  if (node?.type !== 'object') return [];
  const result: Array<[string, TreeNode]> = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value && (withExtensions || !String(key.value).startsWith('x-'))) result.push([String(key.value), value]);
  }
  return result;
}

function nodeAt(root: TreeNode | undefined, path: JsonPath): TreeNode | undefined {
  let node = root;
  for (const segment of path) node = node?.type === 'array' ? node.children?.[Number(segment)] : childValue(node, String(segment));
  return node;
}
