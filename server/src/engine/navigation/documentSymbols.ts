import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Cancellation, Engine } from '../engine';
import { nodeAtPath } from '../text/paths';
import { childString, childValue, type TreeNode } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';
import { openNavigationDocument } from './navigationDocument';
import { protoDocumentSymbols } from './protoNavigation';
import { avroType } from './schemaFields';

/**
 * The outline of an AsyncAPI document: servers, channels (with their messages and parameters;
 * in 2.x their publish/subscribe operations), operations (what they do, on which address) and
 * components (messages, schemas with their properties, and the other kinds), each with its
 * kind's symbol; and of an Avro schema: its records and fields.
 */
export async function documentSymbols(engine: Engine, uri: string, token?: Cancellation): Promise<DocumentSymbol[]> {
  const document = await openNavigationDocument(engine, uri, token, { index: false });
  if (document?.kind.kind === 'protobuf') return protoDocumentSymbols(document.file);
  if (!document?.root) return [];
  // The outline, the breadcrumbs and sticky scroll all ask for the same version.
  const known = outlines.get(document.file);
  if (known) return known;
  const builder = new SymbolBuilder(document.file);
  const symbols = document.kind.kind === 'avro' ? (builder.avro(document.root) ?? []) : document.major !== undefined ? builder.asyncApi(document.root, document.major, token) : [];
  if (!token?.isCancellationRequested) outlines.set(document.file, symbols);
  return symbols;
}

const outlines = new WeakMap<LoadedFile, DocumentSymbol[]>();

/** The symbol kind an element of each collection gets, shared with workspace symbols. */
export const SYMBOL_KINDS: Record<string, SymbolKind> = {
  servers: SymbolKind.Module,
  channels: SymbolKind.Interface,
  operations: SymbolKind.Function,
  messages: SymbolKind.Event,
  schemas: SymbolKind.Struct,
  parameters: SymbolKind.TypeParameter,
  correlationIds: SymbolKind.Key,
  securitySchemes: SymbolKind.Key,
  serverVariables: SymbolKind.Variable,
  messageTraits: SymbolKind.Object,
  operationTraits: SymbolKind.Object,
  replies: SymbolKind.Object,
  replyAddresses: SymbolKind.Object,
  tags: SymbolKind.Constant,
  externalDocs: SymbolKind.Constant,
};

class SymbolBuilder {
  constructor(private readonly file: LoadedFile) {}

  asyncApi(root: TreeNode, major: 2 | 3, token?: Cancellation): DocumentSymbol[] {
    const result: DocumentSymbol[] = [];
    for (const property of root.children ?? []) {
      if (token?.isCancellationRequested) return [];
      const key = String(property.children?.[0]?.value);
      const value = property.children?.[1];
      switch (key) {
        case 'servers':
          result.push(this.section(property, this.entries(value, (name, node, entry) => this.symbol(entry, name, SymbolKind.Module, serverDetail(node, major)))));
          break;
        case 'channels':
          result.push(this.section(property, this.entries(value, (name, node, entry) => this.channel(entry, name, node, major))));
          break;
        case 'operations':
          if (major === 3) result.push(this.section(property, this.entries(value, (name, node, entry) => this.symbol(entry, name, SymbolKind.Function, operationDetail(root, node)))));
          break;
        case 'components':
          result.push(this.section(property, this.entries(value, (collection, node, entry) => this.componentGroup(entry, collection, node, major))));
          break;
        case 'info': {
          const title = childString(value, 'title');
          if (title) result.push(this.symbol(property, 'info', SymbolKind.File, `${title}${childString(value, 'version') ? ` ${childString(value, 'version')}` : ''}`));
          break;
        }
        default:
          break;
      }
    }
    return result;
  }

  private channel(entry: TreeNode, name: string, node: TreeNode | undefined, major: 2 | 3): DocumentSymbol {
    const children: DocumentSymbol[] = [];
    if (major === 3) {
      const messages = childValue(node, 'messages');
      children.push(...this.entries(messages, (key, message, messageEntry) => this.symbol(messageEntry, key, SymbolKind.Event, messageDetail(message))));
    } else {
      for (const verb of ['publish', 'subscribe'] as const) {
        const operationEntry = propertyOf(node, verb);
        const operation = childValue(node, verb);
        if (!operationEntry) continue;
        const messageChildren: DocumentSymbol[] = [];
        const message = childValue(operation, 'message');
        const oneOf = childValue(message, 'oneOf');
        if (oneOf?.type === 'array') {
          for (const item of oneOf.children ?? []) messageChildren.push(this.symbol(item, messageName(item) ?? 'message', SymbolKind.Event, messageDetail(item)));
        } else if (message) {
          messageChildren.push(this.symbol(propertyOf(operation, 'message')!, messageName(message) ?? 'message', SymbolKind.Event, messageDetail(message)));
        }
        const id = childString(operation, 'operationId');
        // 2.x speaks from the client's side: `subscribe` is what the application sends.
        const action = verb === 'subscribe' ? 'send' : 'receive';
        children.push(this.symbol(operationEntry, id ?? verb, SymbolKind.Function, `${action} (${verb})`, messageChildren));
      }
    }
    const parameters = childValue(node, 'parameters');
    children.push(...this.entries(parameters, (key, _parameter, parameterEntry) => this.symbol(parameterEntry, key, SymbolKind.TypeParameter, 'parameter')));
    const address = major === 3 ? childString(node, 'address') : undefined;
    const ref = childString(node, '$ref');
    return this.symbol(entry, name, SymbolKind.Interface, address ?? (ref ? `→ ${ref}` : undefined), children);
  }

  private componentGroup(entry: TreeNode, collection: string, node: TreeNode | undefined, major: 2 | 3): DocumentSymbol {
    const kind = SYMBOL_KINDS[collection] ?? SymbolKind.Object;
    const children = this.entries(node, (name, value, child) => {
      if (collection === 'schemas') return this.schema(child, name, value);
      if (collection === 'messages') return this.symbol(child, name, SymbolKind.Event, messageDetail(value));
      if (collection === 'channels') return this.channel(child, name, value, major);
      if (collection === 'servers') return this.symbol(child, name, SymbolKind.Module, serverDetail(value, major));
      if (collection === 'operations') return this.symbol(child, name, SymbolKind.Function, childString(value, 'action'));
      return this.symbol(child, name, kind, childString(value, 'description')?.split('\n')[0]);
    });
    return this.symbol(entry, collection, SymbolKind.Namespace, `${children.length}`, children);
  }

  private schema(entry: TreeNode, name: string, node: TreeNode | undefined): DocumentSymbol {
    const properties = childValue(node, 'properties');
    const required = new Set((childValue(node, 'required')?.children ?? []).map((item) => String(item.value)));
    const children = this.entries(properties, (key, value, child) => this.symbol(child, key, SymbolKind.Property, `${schemaType(value)}${required.has(key) ? ' · required' : ''}`));
    return this.symbol(entry, name, SymbolKind.Struct, schemaType(node), children);
  }

  /** An Avro schema file: its named types with their fields, nested records inside. */
  avro(node: TreeNode): DocumentSymbol[] | undefined {
    if (node.type === 'array') return (node.children ?? []).flatMap((item) => this.avro(item) ?? []);
    if (node.type !== 'object') return undefined;
    const type = childString(node, 'type');
    const name = childString(node, 'name');
    if (!name || (type !== 'record' && type !== 'error' && type !== 'enum' && type !== 'fixed')) return undefined;
    const fields = childValue(node, 'fields');
    const children: DocumentSymbol[] = [];
    for (const field of fields?.type === 'array' ? (fields.children ?? []) : []) {
      const fieldName = childString(field, 'name');
      if (!fieldName) continue;
      const fieldType = childValue(field, 'type');
      const nested = fieldType ? this.nestedAvro(fieldType) : [];
      children.push(this.symbol(field, fieldName, SymbolKind.Field, avroType(treePlain(fieldType)), nested));
    }
    return [this.symbol(node, name, type === 'enum' ? SymbolKind.Enum : SymbolKind.Struct, childString(node, 'namespace') ?? type, children)];
  }

  private nestedAvro(type: TreeNode): DocumentSymbol[] {
    if (type.type === 'array') return (type.children ?? []).flatMap((member) => this.nestedAvro(member));
    if (type.type !== 'object') return [];
    const kind = childString(type, 'type');
    if (kind === 'array') return this.nestedAvro(childValue(type, 'items') ?? type);
    if (kind === 'map') return this.nestedAvro(childValue(type, 'values') ?? type);
    return this.avro(type) ?? [];
  }

  private section(property: TreeNode, children: DocumentSymbol[]): DocumentSymbol {
    return this.symbol(property, String(property.children?.[0]?.value), SymbolKind.Namespace, `${children.length}`, children);
  }

  /** Maps the entries of an object; each callback gets the key, the value and the property node. */
  private entries(node: TreeNode | undefined, make: (key: string, value: TreeNode | undefined, entry: TreeNode) => DocumentSymbol): DocumentSymbol[] {
    if (node?.type !== 'object') return [];
    const result: DocumentSymbol[] = [];
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (!key || String(key.value).startsWith('x-')) continue;
      result.push(make(String(key.value), property.children?.[1], property));
    }
    return result;
  }

  /** A symbol for a property (selection: its key) or a list item / object (selection: its start). */
  private symbol(node: TreeNode, name: string, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
    const source = this.file.source;
    const key = node.type === 'property' ? node.children?.[0] : undefined;
    const range = source.rangeAt(node.offset, node.length);
    const selection = key ? source.rangeAt(key.offset, key.length) : source.rangeAt(node.offset, Math.min(node.length, 1));
    return { name: name || '""', kind, detail, range, selectionRange: selection, children: children && children.length > 0 ? children : undefined };
  }
}

function propertyOf(node: TreeNode | undefined, key: string): TreeNode | undefined {
  if (node?.type !== 'object') return undefined;
  return (node.children ?? []).find((property) => property.children?.[0]?.value === key);
}

function serverDetail(node: TreeNode | undefined, major: 2 | 3): string | undefined {
  const protocol = childString(node, 'protocol');
  const host = major === 3 ? childString(node, 'host') : childString(node, 'url');
  const ref = childString(node, '$ref');
  if (ref) return `→ ${ref}`;
  return [protocol, host].filter(Boolean).join(' · ') || undefined;
}

function operationDetail(root: TreeNode, node: TreeNode | undefined): string | undefined {
  const action = childString(node, 'action');
  const channelRef = childString(childValue(node, 'channel'), '$ref');
  const match = channelRef ? /^#\/channels\/([^/]+)$/.exec(channelRef) : null;
  let address: string | undefined;
  if (match) {
    const key = decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~');
    address = childString(nodeAtPath(root, ['channels', key]), 'address') ?? key;
  }
  const ref = childString(node, '$ref');
  if (ref) return `→ ${ref}`;
  return [action, address].filter(Boolean).join(' · ') || undefined;
}

function messageName(node: TreeNode | undefined): string | undefined {
  const ref = childString(node, '$ref');
  return childString(node, 'name') ?? childString(node, 'messageId') ?? (ref ? ref.slice(ref.lastIndexOf('/') + 1) : undefined);
}

function messageDetail(node: TreeNode | undefined): string | undefined {
  const ref = childString(node, '$ref');
  if (ref) return `→ ${ref}`;
  return childString(node, 'title') ?? childString(node, 'summary') ?? childString(node, 'contentType');
}

/** A schema's type in a few words, read in one pass over its keys (thousands of schemas per outline). */
function schemaType(node: TreeNode | undefined): string | undefined {
  if (node?.type !== 'object') return undefined;
  let ref: TreeNode | undefined;
  let type: TreeNode | undefined;
  let format: TreeNode | undefined;
  let combinator: string | undefined;
  for (const property of node.children ?? []) {
    const key = property.children?.[0]?.value;
    const value = property.children?.[1];
    if (key === '$ref') ref = value;
    else if (key === 'type') type = value;
    else if (key === 'format') format = value;
    else if (key === 'enum' || key === 'allOf' || key === 'oneOf' || key === 'anyOf') combinator ??= String(key);
  }
  if (ref?.type === 'string') return `→ ${String(ref.value)}`;
  if (type?.type === 'string') return format?.type === 'string' ? `${String(type.value)} (${String(format.value)})` : String(type.value);
  if (type?.type === 'array') return (type.children ?? []).map((item) => String(item.value)).join(' | ');
  return combinator;
}

/** The plain value of a small subtree (an Avro field type). */
function treePlain(node: TreeNode | undefined): unknown {
  if (!node) return undefined;
  if (node.type === 'object') return Object.fromEntries((node.children ?? []).map((property) => [String(property.children?.[0]?.value), treePlain(property.children?.[1])]));
  if (node.type === 'array') return (node.children ?? []).map(treePlain);
  return node.value;
}
