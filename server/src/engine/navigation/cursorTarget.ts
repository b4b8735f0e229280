import type { JsonPath } from '../text/paths';
import { pathOfNode } from '../text/paths';
import type { TreeNode } from '../text/tree';
import { definitionAt, type ElementKind } from './asyncApiShapes';
import { addressParameters } from './channelAddress';
import { nodeAtOffset } from './cursor';
import type { NavigationDocument } from './navigationDocument';

/** A runtime expression: `$message.header#/a/b` or `$message.payload#/a`. */
export interface RuntimeExpression {
  source: 'header' | 'payload';
  /** The JSON pointer's segments (empty for the whole headers or payload). */
  pointer: string[];
}

/** What the cursor is on, as the navigation features see it. */
export type CursorTarget =
  /** The value of a `$ref`. */
  | { kind: 'ref'; ref: string; node: TreeNode; ownerPath: JsonPath }
  /** The key of a definition: a server, channel, operation, message, schema, parameter or component. */
  | { kind: 'definition'; path: JsonPath; keyNode: TreeNode; element: ElementKind; collection: string }
  /** Any other key. */
  | { kind: 'key'; key: string; keyNode: TreeNode; path: JsonPath }
  /** A runtime expression string. */
  | { kind: 'runtimeExpression'; node: TreeNode; path: JsonPath; expression: RuntimeExpression }
  /** A `{parameter}` in a channel address (3.x `address`, 2.x channel key). */
  | { kind: 'addressParameter'; name: string; start: number; end: number; channelPath: JsonPath }
  /** Any other value. */
  | { kind: 'value'; node: TreeNode; path: JsonPath };

/** Classifies the node under the cursor. */
export function cursorTarget(document: NavigationDocument, offset: number): CursorTarget | undefined {
  const at = nodeAtOffset(document.root, offset);
  if (!at) return undefined;
  const { node } = at;
  const text = document.file.source.text;
  if (at.onKey) {
    const key = String(node.value);
    const path = at.path;
    // The `$ref` key stands for its reference, as the value does.
    const value = node.parent?.children?.[1];
    if (key === '$ref' && value?.type === 'string' && node.parent?.parent) return { kind: 'ref', ref: String(value.value), node: value, ownerPath: pathOfNode(node.parent.parent) };
    // 2.x channel keys are addresses: a parameter in one is a parameter, not the channel.
    if (document.major === 2 && path.length === 2 && path[0] === 'channels') {
      const parameter = parameterAt(text, node, offset);
      if (parameter) return { ...parameter, channelPath: path };
    }
    const definition = definitionInDocument(document, path);
    if (definition) return { kind: 'definition', path, keyNode: node, element: definition.kind, collection: definition.collection };
    return { kind: 'key', key, keyNode: node, path };
  }
  if (node.type === 'string' && at.property?.children?.[0]?.value === '$ref') {
    return { kind: 'ref', ref: String(node.value), node, ownerPath: pathOfNode(at.property.parent!) };
  }
  if (node.type === 'string') {
    const expression = parseRuntimeExpression(String(node.value));
    if (expression) return { kind: 'runtimeExpression', node, path: at.path, expression };
    const path = at.path;
    if (document.major === 3 && path.length === 3 && path[0] === 'channels' && path[2] === 'address') {
      const parameter = parameterAt(text, node, offset);
      if (parameter) return { ...parameter, channelPath: path.slice(0, 2) };
    }
  }
  return { kind: 'value', node, path: at.path };
}

/** `$message.header#/correlationId` → { header, [correlationId] }. */
export function parseRuntimeExpression(text: string): RuntimeExpression | undefined {
  const match = /^\$message\.(header|payload)(?:#(\/.*)?)?$/.exec(text.trim());
  if (!match) return undefined;
  const pointer = match[2] ? match[2].slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~')) : [];
  return { source: match[1] as 'header' | 'payload', pointer };
}

function parameterAt(text: string, node: TreeNode, offset: number): { kind: 'addressParameter'; name: string; start: number; end: number } | undefined {
  const raw = text.slice(node.offset, node.offset + node.length);
  for (const parameter of addressParameters(raw)) {
    const start = node.offset + parameter.start;
    const end = node.offset + parameter.end;
    if (offset >= start && offset <= end) return { kind: 'addressParameter', name: parameter.name, start, end };
  }
  return undefined;
}

/** What the key at `path` defines, if it is a definition (in any kind of file). */
export function definitionInDocument(document: NavigationDocument, path: JsonPath): { kind: ElementKind; collection: string } | undefined {
  return document.major !== undefined ? definitionAt(document.root, path, document.major) : schemaDefinitionAt(document, path);
}

/** The innermost definition that contains `path` (the path itself included). */
export function enclosingDefinition(document: NavigationDocument, path: JsonPath): { path: JsonPath; kind: ElementKind; collection: string } | undefined {
  for (let length = path.length; length >= 1; length--) {
    const prefix = path.slice(0, length);
    const definition = definitionInDocument(document, prefix);
    if (definition) return { path: prefix, ...definition };
  }
  return undefined;
}

/** In JSON Schema files and shared fragments: keys under `definitions`, `$defs` and `components.<kind>`. */
function schemaDefinitionAt(document: NavigationDocument, path: JsonPath): { kind: ElementKind; collection: string } | undefined {
  const parent = path[path.length - 2];
  if (path.length >= 2 && (parent === 'definitions' || parent === '$defs')) return { kind: 'schema', collection: String(parent) };
  if (path.length === 3 && path[0] === 'components' && typeof path[1] === 'string') {
    const collection = path[1];
    const kind: ElementKind = collection === 'schemas' ? 'schema' : collection === 'messages' ? 'message' : collection === 'channels' ? 'channel' : collection === 'servers' ? 'server' : collection === 'parameters' ? 'parameter' : collection === 'operations' ? 'operation' : 'component';
    return { kind, collection };
  }
  // A shared fragment (`common/messages.yaml#/OrderPlaced`): its top-level keys are definitions.
  if (path.length === 1 && document.kind.kind === 'other') return { kind: 'component', collection: '' };
  return undefined;
}
