import type { Position, Range } from 'vscode-languageserver-types';
import type { Cancellation, Engine } from '../engine';
import { renameKey, type TextEdit } from '../edits/documentEdits';
import { collectRefSites } from '../references/refSites';
import type { JsonPath } from '../text/paths';
import { childValue, objectProperties, type TreeNode } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';
import { addressParameters } from './channelAddress';
import { cursorTarget, definitionInDocument } from './cursorTarget';
import { openNavigationDocument, type NavigationDocument } from './navigationDocument';
import { encodeRefSegment, locateNode, refTarget } from './refLocations';
import { isPathPrefix } from '../text/paths';
import type { WorkspaceReader } from './workspaceReader';

/** What a rename starts from: the key of a definition, and where the cursor's text for it is. */
export interface RenameTarget {
  uri: string;
  path: JsonPath;
  /** What it is, for messages: `channel`, `message`, `schema`… */
  element: string;
  /** The current name. */
  name: string;
  /** The text the editor's rename box covers (the key, or the segment of a `$ref` under the cursor). */
  range: Range;
}

export type RenameCheck = { target: RenameTarget } | { error: string };

/** Edits per file URI. */
export type RenameEdits = Map<string, TextEdit[]>;

const NOT_RENAMEABLE = 'Only the keys of servers, channels, operations, messages (components and channels), schemas, channel parameters and other components can be renamed, on their key or in a $ref to them.';

/**
 * Prepare Rename: what the cursor designates, or why it cannot be renamed. A `$ref` designates
 * the definition named by the pointer segment under the cursor (`orderPlaced` in
 * `#/channels/orderPlaced/messages/OrderPlaced` is the channel), else its last segment.
 */
export async function prepareRename(engine: Engine, uri: string, position: Position, token?: Cancellation): Promise<RenameCheck> {
  const document = await openNavigationDocument(engine, uri, token);
  if (!document?.root) return { error: NOT_RENAMEABLE };
  const offset = document.file.source.offsetAt(position);
  const target = cursorTarget(document, offset);
  if (!target) return { error: NOT_RENAMEABLE };
  const { reader, file } = document;
  switch (target.kind) {
    case 'definition': {
      if (document.major === 2 && target.element === 'parameter' && target.path[0] === 'channels') return { error: PARAMETER_2X };
      return { target: { uri: file.uri, path: target.path, element: target.element, name: String(target.path[target.path.length - 1]), range: file.source.rangeAt(target.keyNode.offset, target.keyNode.length) } };
    }
    case 'addressParameter': {
      if (document.major === 2) return { error: PARAMETER_2X };
      const path = [...target.channelPath, 'parameters', target.name];
      if (!(await reader.settle(() => locateNode(reader, file.uri, path)))) return { error: `The parameter {${target.name}} is not defined under the channel's parameters: define it there first.` };
      return { target: { uri: file.uri, path, element: 'parameter', name: target.name, range: file.source.rangeAt(target.start + 1, target.end - target.start - 2) } };
    }
    case 'ref': {
      const resolved = refTarget(reader, file, target.ref);
      if (resolved.kind !== 'local' && resolved.kind !== 'file') return { error: resolved.kind === 'remote' ? 'A remote reference cannot be renamed from here: its target is not in the workspace.' : NOT_RENAMEABLE };
      const targetUri = resolved.kind === 'file' ? resolved.uri : file.uri;
      if (resolved.path.length === 0) return { error: 'This reference names a whole file; rename the file itself.' };
      const segments = refSegmentRanges(file, target.node, target.ref);
      const targetFile = await reader.load(targetUri);
      if (!targetFile) return { error: 'The file this reference points into cannot be read.' };
      const targetDocument = documentFor(reader, targetFile);
      // The segment under the cursor when it names a definition (`orderPlaced` in a message's
      // pointer is the channel), else the definition the whole pointer names.
      const under = segments?.findIndex((segment) => offset >= segment.start && offset <= segment.end) ?? -1;
      const choices = [...new Set([under >= 0 && under < resolved.path.length ? under : -1, resolved.path.length - 1])].filter((index) => index >= 0);
      const chosen = choices.find((index) => definitionInDocument(targetDocument, resolved.path.slice(0, index + 1)));
      if (chosen === undefined) return { error: NOT_RENAMEABLE };
      const path = resolved.path.slice(0, chosen + 1);
      const exists = await reader.settle(() => locateNode(reader, targetUri, path));
      if (!exists || exists.uri !== targetUri || exists.path.length !== path.length || !isPathPrefix(path, exists.path)) return { error: 'This reference does not resolve to a key in its file, so there is nothing to rename.' };
      const definition = definitionInDocument(targetDocument, path)!;
      const segment = segments?.[chosen];
      const range = segment ? file.source.rangeAt(segment.start, segment.end - segment.start) : file.source.rangeAt(target.node.offset, target.node.length);
      return { target: { uri: targetUri, path, element: definition.kind, name: String(path[path.length - 1]), range } };
    }
    default:
      return { error: NOT_RENAMEABLE };
  }
}

const PARAMETER_2X = 'In AsyncAPI 2.x a channel parameter is part of the channel\'s name: rename the channel instead.';

/**
 * Rename: the definition's key, every `$ref` in the workspace whose pointer passes through it
 * (`#/channels/orderPlaced` and `#/channels/orderPlaced/messages/OrderPlaced` alike, in this
 * file and in every file that references it), 2.x server names in channels' `servers` and
 * security requirement keys, and a channel parameter's `{name}` in the address: one edit set.
 */
export async function renameEdits(engine: Engine, uri: string, position: Position, newName: string, token?: Cancellation): Promise<{ edits: RenameEdits } | { error: string }> {
  const check = await prepareRename(engine, uri, position, token);
  if ('error' in check) return check;
  const document = await openNavigationDocument(engine, uri, token);
  if (!document) return { error: NOT_RENAMEABLE };
  return renameDefinition(document.reader, check.target, newName);
}

/** The edits that rename the definition at `target` to `newName`, across the workspace. */
export async function renameDefinition(reader: WorkspaceReader, target: RenameTarget, newName: string): Promise<{ edits: RenameEdits } | { error: string }> {
  if (newName.trim() === '' || /[\u0000-\u001f]/.test(newName)) return { error: 'The new name must not be empty or contain control characters.' };
  if (newName === target.name) return { edits: new Map() };
  const file = await reader.load(target.uri);
  if (!file) return { error: 'The file of the definition cannot be read.' };
  const definition = locateNode(reader, target.uri, target.path);
  const siblings = definition?.node.parent?.parent;
  if (!definition || definition.node.parent?.type !== 'property') return { error: 'The definition is not a key that can be renamed.' };
  if (objectProperties(siblings).has(newName)) return { error: `There is already ${article(target.element)} ${target.element} named "${newName}" here.` };
  const document = documentFor(reader, file);
  if (target.element === 'parameter' && document.major === 3 && target.path[0] === 'channels' && !/^[A-Za-z0-9_\-.~%]+$/.test(newName)) return { error: 'A channel parameter name may only contain letters, digits and _ - . ~' };
  const edits: RenameEdits = new Map();
  const add = (uri: string, list: TextEdit[]) => {
    if (list.length === 0) return;
    edits.set(uri, [...(edits.get(uri) ?? []), ...list]);
  };
  add(target.uri, renameKey({ source: file.source, root: file.tree.root }, target.path, newName));
  // Every `$ref` whose pointer passes through the definition, in its file and its referrers.
  const candidates = new Set([target.uri, ...reader.engine.index.referrersOf(target.uri)]);
  await Promise.all([...candidates].map((candidate) => reader.load(candidate)));
  for (const candidate of candidates) {
    reader.checkCancelled();
    const referrer = reader.file(candidate);
    if (!referrer) continue;
    for (const site of collectRefSites(referrer.tree.root)) {
      const resolved = refTarget(reader, referrer, site.ref);
      const resolvedUri = resolved.kind === 'file' ? resolved.uri : resolved.kind === 'local' ? referrer.uri : undefined;
      if (resolvedUri !== target.uri || (resolved.kind !== 'file' && resolved.kind !== 'local') || !isPathPrefix(target.path, resolved.path)) continue;
      const rewritten = rewriteSegment(site.ref, target.path.length - 1, newName);
      if (rewritten !== undefined) add(referrer.uri, [{ range: referrer.source.rangeAt(site.valueNode.offset, site.valueNode.length), newText: quoteLike(referrer, site.valueNode, rewritten) }]);
    }
  }
  if (document.major !== undefined) add(target.uri, nonReferenceUses(document, target, newName));
  return { edits };
}

/** Uses by name rather than by `$ref`: 2.x server lists and security requirements, and `{parameters}` in addresses. */
function nonReferenceUses(document: NavigationDocument, target: RenameTarget, newName: string): TextEdit[] {
  const { file, root, major } = document;
  const path = target.path;
  const oldName = target.name;
  const edits: TextEdit[] = [];
  if (major === 2 && path.length === 2 && path[0] === 'servers') {
    for (const [, property] of objectProperties(childValue(root, 'channels'))) {
      const servers = childValue(property.children?.[1], 'servers');
      for (const item of servers?.type === 'array' ? (servers.children ?? []) : []) {
        if (item.type === 'string' && item.value === oldName) edits.push({ range: file.source.rangeAt(item.offset, item.length), newText: quoteLike(file, item, newName) });
      }
    }
  }
  if (major === 2 && path.length === 3 && path[0] === 'components' && path[1] === 'securitySchemes') {
    // Security requirements name schemes by key: `security: [{ kafkaSasl: [] }]` on servers and operations.
    const requirementLists: TreeNode[] = [];
    for (const [, property] of objectProperties(childValue(root, 'servers'))) pushDefined(requirementLists, childValue(property.children?.[1], 'security'));
    for (const [, property] of objectProperties(childValue(root, 'channels'))) {
      for (const verb of ['publish', 'subscribe']) pushDefined(requirementLists, childValue(childValue(property.children?.[1], verb), 'security'));
    }
    for (const [, property] of objectProperties(childValue(childValue(root, 'components'), 'operationTraits'))) pushDefined(requirementLists, childValue(property.children?.[1], 'security'));
    for (const list of requirementLists) {
      for (const requirement of list.type === 'array' ? (list.children ?? []) : []) {
        const property = objectProperties(requirement).get(oldName);
        const key = property?.children?.[0];
        if (key) edits.push({ range: file.source.rangeAt(key.offset, key.length), newText: quoteLike(file, key, newName) });
      }
    }
  }
  if (major === 3 && path.length === 4 && path[0] === 'channels' && path[2] === 'parameters') {
    const address = childValue(childValue(childValue(root, 'channels'), String(path[1])), 'address');
    if (address?.type === 'string') {
      const raw = file.source.text.slice(address.offset, address.offset + address.length);
      for (const parameter of addressParameters(raw)) {
        if (parameter.name === oldName) edits.push({ range: file.source.rangeAt(address.offset + parameter.start + 1, parameter.name.length), newText: newName });
      }
    }
  }
  return edits;
}

function pushDefined(list: TreeNode[], node: TreeNode | undefined) {
  if (node) list.push(node);
}

/** Replaces the pointer segment at `index` of a `$ref` (0 = the first segment after `#/`). */
export function rewriteSegment(ref: string, index: number, newName: string): string | undefined {
  const hash = ref.indexOf('#');
  if (hash < 0) return undefined;
  const segments = ref.slice(hash + 1).split('/');
  // segments[0] is the empty text before the pointer's first `/`.
  if (segments[0] !== '' || index + 1 >= segments.length) return undefined;
  segments[index + 1] = encodeRefSegment(newName);
  return `${ref.slice(0, hash + 1)}${segments.join('/')}`;
}

/** A new string value in the quoting style of the one it replaces. */
function quoteLike(file: LoadedFile, node: TreeNode, value: string): string {
  const first = file.source.text[node.offset];
  if (file.source.format !== 'yaml' || first === '"') return JSON.stringify(value);
  if (first === "'") return `'${value.replace(/'/g, "''")}'`;
  return /^[A-Za-z0-9_./~-][^:#{}[\],&*!|>'"%@`]*$/.test(value) && !/\s$/.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
}

/** The text ranges of a `$ref`'s pointer segments, when its text is its value (no escapes). */
function refSegmentRanges(file: LoadedFile, node: TreeNode, ref: string): Array<{ start: number; end: number }> | undefined {
  const text = file.source.text;
  const quoted = text[node.offset] === '"' || text[node.offset] === "'";
  const start = node.offset + (quoted ? 1 : 0);
  if (text.slice(start, start + ref.length) !== ref) return undefined;
  const hash = ref.indexOf('#');
  if (hash < 0) return undefined;
  const ranges: Array<{ start: number; end: number }> = [];
  let position = hash + 2;
  if (ref[hash + 1] !== '/') return undefined;
  for (const segment of ref.slice(hash + 2).split('/')) {
    ranges.push({ start: start + position, end: start + position + segment.length });
    position += segment.length + 1;
  }
  return ranges;
}

function documentFor(reader: WorkspaceReader, file: LoadedFile): NavigationDocument {
  const kind = reader.engine.kindOf(file);
  return { reader, file, root: file.tree.root, kind, major: kind.kind === 'asyncapi' ? kind.major : undefined };
}

function article(word: string) {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
