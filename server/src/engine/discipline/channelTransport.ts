import { appendToArray, composeEdits, type EditableFile, type TextEdit } from '../edits/documentEdits';
import { resolveRef } from '../references/refSites';
import { dereference, type SchemaLocation } from '../schemas/bundle';
import { pathToPointer, samePath, type JsonPath } from '../text/paths';
import type { ChannelModel, OperationModel } from '../workspace/applicationModel';
import type { LoadedFile } from '../workspace/fileStore';
import type { RuleContext } from './documentRule';

/**
 * What the transport rules (channel-server, operation-messages, address-parameters, dead-letter,
 * ordering-key) share: which servers a channel is on and which protocols they speak, which
 * protocols a channel's bindings name, and the small helpers their fixes need. Servers,
 * channels, operations and bindings may all be `$ref`s (to components or to other files): they
 * are read through `dereference`, never from the raw text.
 */

/** Binding object keys → the server `protocol` values that carry them. */
export const BINDING_PROTOCOLS: Readonly<Record<string, readonly string[]>> = {
  kafka: ['kafka', 'kafka-secure'],
  amqp: ['amqp', 'amqps'],
  amqp1: ['amqp', 'amqps', 'amqp1'],
  mqtt: ['mqtt', 'mqtts', 'secure-mqtt'],
  mqtt5: ['mqtt', 'mqtts', 'secure-mqtt', 'mqtt5'],
  ws: ['ws', 'wss'],
  http: ['http', 'https'],
  jms: ['jms'],
  ibmmq: ['ibmmq', 'ibmmq-secure'],
  sns: ['sns'],
  sqs: ['sqs'],
  stomp: ['stomp', 'stomps'],
  redis: ['redis'],
  nats: ['nats'],
  solace: ['solace', 'smf', 'smfs', 'secure-smf'],
  anypointmq: ['anypointmq'],
  googlepubsub: ['googlepubsub'],
  pulsar: ['pulsar', 'pulsar+ssl'],
  mercure: ['mercure'],
  ros2: ['ros2'],
};

/** The `protocol` a new server gets for a binding key, and the port its placeholder host uses. */
const STUB_PROTOCOLS: Readonly<Record<string, { protocol: string; port?: number }>> = {
  kafka: { protocol: 'kafka', port: 9092 },
  amqp: { protocol: 'amqp', port: 5672 },
  amqp1: { protocol: 'amqp', port: 5672 },
  mqtt: { protocol: 'mqtt', port: 1883 },
  mqtt5: { protocol: 'mqtt', port: 1883 },
  ws: { protocol: 'ws' },
  http: { protocol: 'http' },
  jms: { protocol: 'jms' },
  ibmmq: { protocol: 'ibmmq', port: 1414 },
  sns: { protocol: 'sns' },
  sqs: { protocol: 'sqs' },
  stomp: { protocol: 'stomp', port: 61613 },
  redis: { protocol: 'redis', port: 6379 },
  nats: { protocol: 'nats', port: 4222 },
  solace: { protocol: 'solace', port: 55555 },
  anypointmq: { protocol: 'anypointmq' },
  googlepubsub: { protocol: 'googlepubsub' },
  pulsar: { protocol: 'pulsar', port: 6650 },
  mercure: { protocol: 'mercure' },
  ros2: { protocol: 'ros2' },
};

/** The protocol a binding key stands for (`amqp1` → `amqp`), or undefined for unknown keys. */
export function bindingProtocol(bindingKey: string): string | undefined {
  return STUB_PROTOCOLS[bindingKey]?.protocol;
}

/** True when a server speaking `protocol` carries bindings of `bindingKey`. */
export function speaks(protocol: string | undefined, bindingKey: string): boolean {
  return !!protocol && (BINDING_PROTOCOLS[bindingKey] ?? []).includes(protocol.toLowerCase());
}

/**
 * A host that can never resolve (RFC 2606 reserves `.invalid`): what the fixes put in the servers
 * they create, so that nobody mistakes it for a real broker and channel-server keeps asking
 * for the real one.
 */
export function placeholderHost(bindingKey: string): string {
  const stub = STUB_PROTOCOLS[bindingKey] ?? { protocol: bindingKey };
  return `${stub.protocol}.example.invalid${stub.port ? `:${stub.port}` : ''}`;
}

export function isPlaceholderHost(host: string): boolean {
  const name = host.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:]/)[0] ?? '';
  return /(^|\.)invalid\.?$/i.test(name);
}

export const PLACEHOLDER_DESCRIPTION = 'Placeholder added by event-design: replace the host with the broker that carries these channels.';

/** One server of the document, `$ref`s followed. */
export interface ServerInfo {
  key: string;
  protocol?: string;
  /** 3.x `host`, or 2.x `url`. */
  host?: string;
  /** Where the server is defined (another file when the entry is a `$ref`). */
  definition?: SchemaLocation;
}

export function documentServers(context: RuleContext): ServerInfo[] {
  return indexOf(context).servers;
}

function readServers(context: RuleContext): ServerInfo[] {
  const servers = context.document.servers;
  if (!isObject(servers)) return [];
  return Object.keys(servers).map((key) => {
    const found = dereference({ uri: context.uri, path: ['servers', key] }, context.read, context.schemaIds);
    const value = isObject(found?.value) ? found.value : undefined;
    const host = typeof value?.host === 'string' ? value.host : typeof value?.url === 'string' ? value.url : undefined;
    return { key, protocol: typeof value?.protocol === 'string' ? value.protocol : undefined, host, definition: found?.location };
  });
}

/** A channel of the document as the transport rules see it. */
export interface ChannelInfo {
  model: ChannelModel;
  /** The channel object, `$ref` followed. */
  value: Record<string, unknown>;
  definition: SchemaLocation;
  /** True when the channel is written out under `channels` of this document (fixes may edit it). */
  inline: boolean;
}

export function channelInfos(context: RuleContext): ChannelInfo[] {
  return indexOf(context).channels;
}

export function channelInfo(context: RuleContext, channelKey: string | undefined): ChannelInfo | undefined {
  return channelKey === undefined ? undefined : indexOf(context).channelByKey.get(channelKey);
}

function toChannelInfo(context: RuleContext, model: ChannelModel): ChannelInfo | undefined {
  const found = dereference({ uri: context.uri, path: model.path }, context.read, context.schemaIds);
  if (!found || !isObject(found.value)) return undefined;
  return { model, value: found.value, definition: found.location, inline: found.location.uri === context.uri && samePath(found.location.path, model.path) };
}

/** The servers a channel is on. */
export interface ChannelServers {
  servers: ServerInfo[];
  /** False when the channel lists no servers, which means all of the document's. */
  listed: boolean;
  /** Entries of the channel's `servers` that name no server of the document (reported elsewhere). */
  unresolved: string[];
}

export function serversOfChannel(context: RuleContext, channel: ChannelInfo, all: ServerInfo[] = documentServers(context)): ChannelServers {
  const list = channel.value.servers;
  if (!Array.isArray(list) || list.length === 0) return { servers: all, listed: false, unresolved: [] };
  const servers: ServerInfo[] = [];
  const unresolved: string[] = [];
  for (const entry of list) {
    const key = serverKeyOf(context, channel.definition, entry, all);
    const server = key === undefined ? undefined : all.find((candidate) => candidate.key === key);
    if (server) servers.push(server);
    else unresolved.push(typeof entry === 'string' ? entry : isObject(entry) && typeof entry.$ref === 'string' ? entry.$ref : JSON.stringify(entry));
  }
  return { servers, listed: true, unresolved };
}

/** A channel's `servers` entry → the key of the server it names (2.x: a name; 3.x: a `$ref`). */
function serverKeyOf(context: RuleContext, at: SchemaLocation, entry: unknown, all: ServerInfo[]): string | undefined {
  if (typeof entry === 'string') return context.major === 2 ? entry : undefined;
  if (!isObject(entry) || typeof entry.$ref !== 'string') return undefined;
  const target = resolveRef(entry.$ref, at.uri, context.schemaIds);
  if (target.kind !== 'local' && target.kind !== 'file') return undefined;
  const uri = target.kind === 'file' ? target.uri : at.uri;
  if (uri === context.uri && target.path.length === 2 && target.path[0] === 'servers') return target.path[1];
  // A reference to where a server of this document is defined (a shared servers file).
  return all.find((server) => server.definition && server.definition.uri === uri && samePath(server.definition.path, target.path))?.key;
}

/** Where a channel's bindings name a protocol: the channel's own bindings, then its operations'. */
export interface BindingEvidence {
  bindingKey: string;
  uri: string;
  path: JsonPath;
}

export function bindingEvidence(context: RuleContext, channel: ChannelInfo): BindingEvidence[] {
  const index = indexOf(context);
  let result = index.evidence.get(channel.model.key);
  if (result) return result;
  result = [];
  const seen = new Set<string>();
  const add = (owner: SchemaLocation, ownerValue: Record<string, unknown>) => {
    const written = ownerValue.bindings;
    if (!isObject(written)) return;
    const location = { uri: owner.uri, path: [...owner.path, 'bindings'] };
    const bindings = typeof written.$ref === 'string' ? dereference(location, context.read, context.schemaIds) : { location, value: written };
    if (!bindings || !isObject(bindings.value)) return;
    for (const key of Object.keys(bindings.value)) {
      if (!BINDING_PROTOCOLS[key] || seen.has(key)) continue;
      seen.add(key);
      result!.push({ bindingKey: key, uri: bindings.location.uri, path: [...bindings.location.path, key] });
    }
  };
  add(channel.definition, channel.value);
  if (context.major === 2) {
    for (const verb of ['publish', 'subscribe']) {
      const operation = channel.value[verb];
      if (isObject(operation)) add({ uri: channel.definition.uri, path: [...channel.definition.path, verb] }, operation);
    }
  } else {
    for (const operation of index.operationsByChannel.get(channel.model.key) ?? []) add(operation.definition, operation.value);
  }
  index.evidence.set(channel.model.key, result);
  return result;
}

/**
 * The protocols a channel travels over (lower case; empty when unknown): those of its servers,
 * narrowed to the ones its bindings name when it has bindings — a channel with only an `amqp`
 * binding on Kafka servers is not a Kafka topic, whatever its server list says (channel-server
 * reports the contradiction). In a document without servers, the protocols its bindings name.
 */
export function protocolsOfChannel(context: RuleContext, channel: ChannelInfo): string[] {
  const index = indexOf(context);
  let result = index.protocols.get(channel.model.key);
  if (result) return result;
  const bindingKeys = bindingEvidence(context, channel).map((evidence) => evidence.bindingKey);
  if (index.servers.length === 0) result = [...new Set(bindingKeys.map((key) => bindingProtocol(key)!))];
  else {
    const { servers } = serversOfChannel(context, channel, index.servers);
    const spoken = servers.filter((server) => bindingKeys.length === 0 || bindingKeys.some((key) => speaks(server.protocol, key)));
    result = [...new Set(spoken.map((server) => server.protocol?.toLowerCase()).filter((protocol): protocol is string => !!protocol))];
  }
  index.protocols.set(channel.model.key, result);
  return result;
}

/** An operation of the document, `$ref` followed. */
export interface OperationInfo {
  model: OperationModel;
  value: Record<string, unknown>;
  definition: SchemaLocation;
  inline: boolean;
}

export function operationInfos(context: RuleContext): OperationInfo[] {
  return indexOf(context).operations;
}

function readOperations(context: RuleContext): OperationInfo[] {
  const result: OperationInfo[] = [];
  for (const model of context.application.operations) {
    const found = dereference({ uri: context.uri, path: model.path }, context.read, context.schemaIds);
    if (!found || !isObject(found.value)) continue;
    const action = model.action ?? (found.value.action === 'send' || found.value.action === 'receive' ? found.value.action : undefined);
    result.push({ model: { ...model, action }, value: found.value, definition: found.location, inline: found.location.uri === context.uri && samePath(found.location.path, model.path) });
  }
  return result;
}

/**
 * What the rules read of one document, once per check: five rules ask the same questions for
 * every channel and operation, and a document may have a thousand of each. Kept per document
 * value and per `read` (the files it reaches, as of this check), so that an edit to the
 * document or to a file it references starts afresh.
 */
interface TransportIndex {
  servers: ServerInfo[];
  channels: ChannelInfo[];
  channelByKey: Map<string, ChannelInfo>;
  operations: OperationInfo[];
  operationsByChannel: Map<string, OperationInfo[]>;
  evidence: Map<string, BindingEvidence[]>;
  protocols: Map<string, string[]>;
}

const indexes = new WeakMap<object, WeakMap<object, TransportIndex>>();

function indexOf(context: RuleContext): TransportIndex {
  let byRead = indexes.get(context.document);
  if (!byRead) indexes.set(context.document, (byRead = new WeakMap()));
  let index = byRead.get(context.read);
  if (index) return index;
  const channels = context.application.channels.map((model) => toChannelInfo(context, model)).filter((channel): channel is ChannelInfo => !!channel);
  const operations = readOperations(context);
  const operationsByChannel = new Map<string, OperationInfo[]>();
  for (const operation of operations) {
    if (operation.model.channelKey === undefined) continue;
    const list = operationsByChannel.get(operation.model.channelKey);
    if (list) list.push(operation);
    else operationsByChannel.set(operation.model.channelKey, [operation]);
  }
  index = { servers: readServers(context), channels, channelByKey: new Map(channels.map((channel) => [channel.model.key, channel])), operations, operationsByChannel, evidence: new Map(), protocols: new Map() };
  byRead.set(context.read, index);
  return index;
}

/** A `$ref` to a place in the same document: `#/channels/orders~1{id}` with the segments escaped. */
export function localRef(path: JsonPath): string {
  return '#' + pathToPointer(path).replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/g, (character) => encodeURIComponent(character));
}

/** `base`, or `base2`, `base3`… : the first that is not taken. */
export function uniqueKey(base: string, taken: (key: string) => boolean): string {
  if (!taken(base)) return base;
  for (let index = 2; ; index++) if (!taken(`${base}${index}`)) return `${base}${index}`;
}

/**
 * Sets a list that is missing or empty, item by item. (Replacing an existing YAML value with a
 * block sequence through `setValue` joins the line after it onto the new value's last line, so
 * an existing `[]` is filled in place instead, in its own flow style.)
 */
export function fillList(file: EditableFile, path: JsonPath, items: readonly unknown[]): TextEdit[] {
  return composeEdits(
    file,
    items.map((item) => (current: EditableFile) => appendToArray(current, path, item)),
  );
}

export function editable(file: LoadedFile): EditableFile {
  return { source: file.source, root: file.tree.root };
}

/** AsyncAPI 2.2 added `servers` to channels; 2.0 and 2.1 channels are on every server. */
export function channelsListServers(context: RuleContext): boolean {
  if (context.major === 3) return true;
  const minor = Number(/^2\.(\d+)/.exec(context.version)?.[1] ?? '0');
  return minor >= 2;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}


/** `a`, `a and b`, `a, b and c`. */
export function listOf(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** `OrderPlaced` / `order.placed` / `order-placed` → `['order', 'placed']`. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}
