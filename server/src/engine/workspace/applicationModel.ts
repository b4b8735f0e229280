import type { JsonPath } from '../text/paths';
import { childString, childValue, objectProperties, SubtreeFact, type TreeNode } from '../text/tree';
import { resolveRef } from '../references/refSites';

/**
 * What one AsyncAPI document says about its application, read from the document's own text.
 * References are recorded, not followed, so that indexing a file never reads another one and a
 * changed file re-indexes only itself; readers that need the target resolve it through the index.
 */
export interface ApplicationModel {
  uri: string;
  asyncapiVersion: string;
  /** `info.title`, or the document `id`, or the file name. */
  title: string;
  id?: string;
  version?: string;
  servers: ServerModel[];
  channels: ChannelModel[];
  operations: OperationModel[];
  /** Messages under `components.messages`. */
  componentMessages: MessageModel[];
  /** Every file this document references as a payload or headers schema. */
  schemaReferences: SchemaReference[];
}

export interface ServerModel {
  key: string;
  host?: string;
  protocol?: string;
  pathname?: string;
  path: JsonPath;
}

export interface ChannelModel {
  /** The key under `channels` (in 2.x, the address itself). */
  key: string;
  /** The address, `undefined` when 3.x leaves it null or out. */
  address?: string;
  /** Server keys the channel is on; empty means all of the document's servers. */
  servers: string[];
  parameters: string[];
  messages: MessageModel[];
  path: JsonPath;
  /** Set when the channel itself is a `$ref` (to a shared channel definition). */
  ref?: string;
  refUri?: string;
}

export type OperationAction = 'send' | 'receive';

export interface OperationModel {
  /** The key under `operations`, or in 2.x the `operationId` or `<channel>/<verb>`. */
  key: string;
  /** What the application does: 3.x `action`; 2.x `subscribe` = send, `publish` = receive. */
  action?: OperationAction;
  /** The key of the channel in this document. */
  channelKey?: string;
  /** Message references: keys in the channel, or `$ref`s. */
  messages: MessageRef[];
  reply?: { channelKey?: string; addressLocation?: string; messages: MessageRef[] };
  path: JsonPath;
  /** The 2.x verb, for messages that explain the inversion. */
  verb?: 'publish' | 'subscribe';
}

export interface MessageRef {
  ref?: string;
  path: JsonPath;
}

export interface MessageModel {
  key: string;
  /** `name`, else the key. */
  name: string;
  title?: string;
  summary?: string;
  contentType?: string;
  schemaFormat?: string;
  /** Set when the message is a `$ref`. */
  ref?: string;
  refUri?: string;
  path: JsonPath;
}

export interface SchemaReference {
  role: 'payload' | 'headers';
  ref: string;
  uri: string;
  messagePath: JsonPath;
  schemaFormat?: string;
  /** True when the reference names the whole file (no pointer into it): the file is a schema. */
  wholeFile: boolean;
}

export function readApplication(uri: string, root: TreeNode | undefined, asyncapiVersion: string): ApplicationModel {
  const major = asyncapiVersion.startsWith('2') ? 2 : 3;
  const info = childValue(root, 'info');
  const id = childString(root, 'id');
  const title = childString(info, 'title') ?? id ?? uri.slice(uri.lastIndexOf('/') + 1);
  const model: ApplicationModel = {
    uri,
    asyncapiVersion,
    title,
    id,
    version: scalarText(childValue(info, 'version')),
    servers: readServers(childValue(root, 'servers'), major),
    channels: [],
    operations: [],
    componentMessages: [],
    schemaReferences: [],
  };
  const components = childValue(root, 'components');
  for (const [key, property] of objectProperties(childValue(components, 'messages'))) {
    model.componentMessages.push(readEntry(componentMessageEntries, uri, property, model, (references) => readMessage(uri, key, property.children?.[1], ['components', 'messages', key], references)));
  }
  if (major === 3) readVersion3(uri, root, model);
  else readVersion2(uri, root, model);
  return model;
}

function scalarText(node: TreeNode | undefined) {
  return node && (node.type === 'string' || node.type === 'number') ? String(node.value) : undefined;
}

function readServers(servers: TreeNode | undefined, major: number): ServerModel[] {
  const result: ServerModel[] = [];
  for (const [key, property] of objectProperties(servers)) {
    const server = property.children?.[1];
    let host = childString(server, 'host');
    let pathname = childString(server, 'pathname');
    if (major === 2) {
      const url = childString(server, 'url');
      if (url) {
        const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
        const slash = withoutScheme.indexOf('/');
        host = slash < 0 ? withoutScheme : withoutScheme.slice(0, slash);
        pathname = slash < 0 ? undefined : withoutScheme.slice(slash);
      }
    }
    result.push({ key, host, protocol: childString(server, 'protocol'), pathname, path: ['servers', key] });
  }
  return result;
}

/**
 * What each entry of a 3.x document's `channels`, `operations` and `components.messages` says,
 * kept on the entry's node: it depends on the entry's content, key and file only, and an entry an
 * edit did not touch keeps its node's facts (text/tree.ts), so re-indexing a 1,000-channel
 * document after a keystroke reads the one entry that changed. The models are shared between
 * versions and never changed in place.
 */
interface EntryModel<T> {
  uri: string;
  model: T;
  schemaReferences: SchemaReference[];
}
const channelEntries = new SubtreeFact<EntryModel<ChannelModel>>();
const operationEntries = new SubtreeFact<EntryModel<OperationModel>>();
const componentMessageEntries = new SubtreeFact<EntryModel<MessageModel>>();

function readEntry<T>(fact: SubtreeFact<EntryModel<T>>, uri: string, property: TreeNode, model: ApplicationModel, read: (schemaReferences: SchemaReference[]) => T): T {
  let entry = fact.get(property);
  if (entry?.uri !== uri) {
    const schemaReferences: SchemaReference[] = [];
    entry = { uri, model: read(schemaReferences), schemaReferences };
    fact.set(property, entry);
  }
  model.schemaReferences.push(...entry.schemaReferences);
  return entry.model;
}

function readVersion3(uri: string, root: TreeNode | undefined, model: ApplicationModel) {
  for (const [key, property] of objectProperties(childValue(root, 'channels'))) {
    model.channels.push(readEntry(channelEntries, uri, property, model, (references) => readChannel3(uri, key, property.children?.[1], references)));
  }
  for (const [key, property] of objectProperties(childValue(root, 'operations'))) {
    model.operations.push(readEntry(operationEntries, uri, property, model, () => readOperation3(key, property.children?.[1])));
  }
}

function readChannel3(uri: string, key: string, channel: TreeNode | undefined, references: SchemaReference[]): ChannelModel {
  const path = ['channels', key];
  const ref = childString(channel, '$ref');
  const channelModel: ChannelModel = {
    key,
    address: childString(channel, 'address'),
    servers: refKeys(childValue(channel, 'servers'), 'servers'),
    parameters: [...objectProperties(childValue(channel, 'parameters')).keys()],
    messages: [],
    path,
    ref,
    refUri: ref ? refUriOf(ref, uri) : undefined,
  };
  for (const [messageKey, messageProperty] of objectProperties(childValue(channel, 'messages'))) {
    channelModel.messages.push(readMessage(uri, messageKey, messageProperty.children?.[1], [...path, 'messages', messageKey], references));
  }
  return channelModel;
}

function readOperation3(key: string, operation: TreeNode | undefined): OperationModel {
  const action = childString(operation, 'action');
  const channelRef = childString(childValue(operation, 'channel'), '$ref');
  const reply = childValue(operation, 'reply');
  return {
    key,
    action: action === 'send' || action === 'receive' ? action : undefined,
    channelKey: channelKeyOf(channelRef),
    messages: messageRefs(childValue(operation, 'messages'), ['operations', key, 'messages']),
    reply: reply
      ? {
          channelKey: channelKeyOf(childString(childValue(reply, 'channel'), '$ref')),
          addressLocation: childString(childValue(reply, 'address'), 'location'),
          messages: messageRefs(childValue(reply, 'messages'), ['operations', key, 'reply', 'messages']),
        }
      : undefined,
    path: ['operations', key],
  };
}

function readVersion2(uri: string, root: TreeNode | undefined, model: ApplicationModel) {
  for (const [address, property] of objectProperties(childValue(root, 'channels'))) {
    const channel = property.children?.[1];
    const path = ['channels', address];
    const ref = childString(channel, '$ref');
    const channelModel: ChannelModel = {
      key: address,
      address,
      servers: stringItems(childValue(channel, 'servers')),
      parameters: [...objectProperties(childValue(channel, 'parameters')).keys()],
      messages: [],
      path,
      ref,
      refUri: ref ? refUriOf(ref, uri) : undefined,
    };
    for (const verb of ['publish', 'subscribe'] as const) {
      const operation = childValue(channel, verb);
      if (!operation) continue;
      const operationPath = [...path, verb];
      const message = childValue(operation, 'message');
      const messages: MessageRef[] = [];
      const oneOf = childValue(message, 'oneOf');
      const entries = oneOf?.type === 'array' ? (oneOf.children ?? []).map((node, index) => ({ node, path: [...operationPath, 'message', 'oneOf', index] })) : message ? [{ node: message, path: [...operationPath, 'message'] }] : [];
      for (const entry of entries) {
        const messageModel = readMessage(uri, String(entry.path[entry.path.length - 1]), entry.node, entry.path, model.schemaReferences);
        channelModel.messages.push(messageModel);
        messages.push({ ref: messageModel.ref, path: entry.path });
      }
      model.operations.push({
        key: childString(operation, 'operationId') ?? `${address}/${verb}`,
        // AsyncAPI 2.x speaks from the client's side: `subscribe` means the application sends.
        action: verb === 'subscribe' ? 'send' : 'receive',
        channelKey: address,
        messages,
        path: operationPath,
        verb,
      });
    }
    model.channels.push(channelModel);
  }
}

function readMessage(uri: string, key: string, node: TreeNode | undefined, path: JsonPath, schemaReferences: SchemaReference[]): MessageModel {
  const ref = childString(node, '$ref');
  const payload = childValue(node, 'payload');
  let schemaFormat = childString(node, 'schemaFormat');
  let payloadSchema = payload;
  // 3.x multi-format schema object: { schemaFormat, schema }.
  if (childValue(payload, 'schemaFormat') && childValue(payload, 'schema')) {
    schemaFormat = childString(payload, 'schemaFormat');
    payloadSchema = childValue(payload, 'schema');
  }
  const payloadRef = childString(payloadSchema, '$ref');
  if (payloadRef && !payloadRef.startsWith('#')) {
    const target = resolveRef(payloadRef, uri);
    if (target.kind === 'file') schemaReferences.push({ role: 'payload', ref: payloadRef, uri: target.uri, messagePath: path, schemaFormat, wholeFile: target.path.length === 0 });
  }
  const headers = childValue(node, 'headers');
  const headersSchema = childValue(headers, 'schema') && childValue(headers, 'schemaFormat') ? childValue(headers, 'schema') : headers;
  const headersRef = childString(headersSchema, '$ref');
  if (headersRef && !headersRef.startsWith('#')) {
    const target = resolveRef(headersRef, uri);
    if (target.kind === 'file') schemaReferences.push({ role: 'headers', ref: headersRef, uri: target.uri, messagePath: path, wholeFile: target.path.length === 0 });
  }
  return {
    key,
    name: childString(node, 'name') ?? childString(node, 'messageId') ?? key,
    title: childString(node, 'title'),
    summary: childString(node, 'summary'),
    contentType: childString(node, 'contentType'),
    schemaFormat,
    ref,
    refUri: ref ? refUriOf(ref, uri) : undefined,
    path,
  };
}

function refUriOf(ref: string, uri: string) {
  const target = resolveRef(ref, uri);
  return target.kind === 'file' ? target.uri : target.kind === 'local' ? uri : undefined;
}

/** `#/channels/orders` → `orders`. */
function channelKeyOf(ref: string | undefined) {
  const match = ref ? /^#\/channels\/([^/]+)$/.exec(ref) : null;
  return match ? decodePointerSegment(match[1]!) : undefined;
}

function decodePointerSegment(segment: string) {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // keep it as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

function messageRefs(node: TreeNode | undefined, path: JsonPath): MessageRef[] {
  if (node?.type !== 'array') return [];
  return (node.children ?? []).map((item, index) => ({ ref: childString(item, '$ref'), path: [...path, index] }));
}

/** 3.x: a list of `$ref`s to servers → their keys. */
function refKeys(node: TreeNode | undefined, collection: string): string[] {
  if (node?.type !== 'array') return [];
  const keys: string[] = [];
  for (const item of node.children ?? []) {
    const ref = childString(item, '$ref');
    const match = ref ? new RegExp(`^#/${collection}/([^/]+)$`).exec(ref) : null;
    if (match) keys.push(decodePointerSegment(match[1]!));
  }
  return keys;
}

function stringItems(node: TreeNode | undefined): string[] {
  if (node?.type !== 'array') return [];
  return (node.children ?? []).filter((item) => item.type === 'string').map((item) => String(item.value));
}
