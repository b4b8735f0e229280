import { channelInfos, editable, isObject, listOf, protocolsOfChannel, wordsOf, type ChannelInfo } from '../discipline/channelTransport';
import type { DocumentRule, Fix, RuleContext, RuleFinding } from '../discipline/documentRule';
import type { MessageView } from '../discipline/messageView';
import { propertiesAt, propertiesBelow, schemaKindOf, type PayloadProperty, type SchemaKind } from '../discipline/payloadKeyProperties';
import { composeEdits, setValue, type EditableFile, type TextEdit } from '../edits/documentEdits';
import { dereference, type SchemaLocation } from '../schemas/bundle';
import { samePath, type JsonPath } from '../text/paths';

/**
 * ordering-key: on transports that keep order only per key, every message says what its key is.
 *
 * - Kafka (`kafka`, `kafka-secure`): the message binding `bindings.kafka.key`, a schema of the
 *   key; with option `requireExtension`, also `x-ordering-key`, the payload property it is
 *   taken from.
 * - Pulsar, Kinesis, and SQS/SNS FIFO queues and topics (the `MessageGroupId`): `x-ordering-key`.
 *   (Pulsar has no key in its AsyncAPI bindings; SQS and SNS only when the binding says FIFO.)
 * - Any `x-ordering-key` must be a runtime expression (`$message.payload#/orderId`, or
 *   `$message.header#/…`) naming a property that exists, and is required, in the payload or headers.
 */
export const DEFAULT_ORDERING_PROTOCOLS: readonly string[] = ['kafka', 'kafka-secure', 'pulsar', 'pulsar+ssl', 'kinesis', 'sqs', 'sns'];

const KAFKA = new Set(['kafka', 'kafka-secure']);
/** Ordered only when the queue or topic is FIFO (their `MessageGroupId`). */
const FIFO_ONLY = new Set(['sqs', 'sns']);
/** Ids every message carries whatever its entity: not a partition key. */
const MESSAGE_LEVEL_IDS = new Set(['id', 'eventid', 'messageid', 'correlationid', 'causationid', 'traceid', 'spanid', 'requestid', 'schemaid', 'idempotencykey', 'deduplicationid', 'dedupid']);
/** Names that say outright that they are the key. */
const KEY_NAMES = new Set(['partitionkey', 'orderingkey', 'messagekey', 'messagegroupid', 'aggregateid', 'entityid']);
const EXPRESSION = /^\$message\.(payload|header)#(\/.*)?$/;
/** `orderId`, `orderID`, `order_id`: the entity before the id (not `paid`, `uuid`). */
const ID_SUFFIX = /^(.+?)(?:Id|ID|[-_](?:id|ID))$/;

export const orderingKey: DocumentRule = {
  id: 'ordering-key',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'Partitioned transports keep order per key only: a message without a declared key loses the order of its entity’s events, which consumers rely on.',
  category: 'discipline',
  origin: 'event-design',
  // Judged per message, kept while what it reads is unchanged: the channels that carry a message
  // and the keys of the other messages on them are its inputs (messageInputs).
  messageInputs(context) {
    const carriers = carryingChannels(context);
    return (message): OrderingInputs => {
      const transports = carriers.get(definitionId(message.definition)) ?? [];
      return { transports, siblings: transports.length === 0 ? [] : [...siblingKeys(context, message, transports, carriers)] };
    };
  },
  checkMessage(message, context) {
    const { requireExtension } = optionsOf(context);
    const { transports, siblings } = context.inputs as OrderingInputs;
    if (transports.length === 0) return [];
    const findings: RuleFinding[] = [];
    const inThisFile = message.definition.uri === context.uri;
    const report = (finding: Omit<RuleFinding, 'ruleId' | 'uri' | 'data'> & { data: { kind: string } }) =>
      findings.push({ ruleId: 'ordering-key', uri: inThisFile ? undefined : message.definition.uri, ...finding, data: { ...finding.data, definition: message.definition.path } });
    const kafka = transports.find((transport) => transport.kind === 'kafka');
    const other = transports.find((transport) => transport.kind !== 'kafka');
    const extension = message.value['x-ordering-key'];
    const hasKafkaKey = kafkaBinding(context, message)?.key !== undefined;
    const candidate = () => keyCandidate(context, message, transports, () => new Set(siblings));
    if (kafka && !hasKafkaKey) {
      const best = candidate();
      report({
        message: `Message "${labelOf(message)}" travels over ${kafka.protocol} (${describeChannels(transports.filter((transport) => transport.kind === 'kafka'))}) but declares no partition key: without bindings.kafka.key, producers send it without one, Kafka spreads it over all partitions, and consumers may process two events of ${entityPhrase(best)} in the opposite order to how they happened. Declare the key${best ? `, taken from ${best.name}` : ''}, with x-ordering-key naming the payload property it comes from.`,
        path: message.definition.path,
        anchor: 'key',
        data: { kind: 'kafka-key' },
      });
    } else if (!kafka && other && extension === undefined) {
      const best = candidate();
      const mechanism = other.kind === 'fifo' ? `${other.protocol.toUpperCase()} FIFO keeps order per MessageGroupId` : `${other.protocol} keeps order per key`;
      report({
        message: `Message "${labelOf(message)}" travels over ${other.protocol} (${describeChannels([other])}), and ${mechanism}, but it does not say which property its key is taken from: producers pick one each, and the events of ${entityPhrase(best)} lose their order. Add x-ordering-key${best ? `: '$message.payload#/${best.name}'` : ', a runtime expression such as $message.payload#/orderId'}.`,
        path: message.definition.path,
        anchor: 'key',
        data: { kind: 'extension' },
      });
    } else if (kafka && hasKafkaKey && extension === undefined && requireExtension) {
      const best = candidate();
      report({
        message: `Message "${labelOf(message)}" has a Kafka key but no x-ordering-key: nobody can tell which payload property the key is taken from, nor check that every producer uses the same one. Add x-ordering-key${best ? `: '$message.payload#/${best.name}'` : ''}.`,
        path: [...message.definition.path, 'bindings', 'kafka', 'key'],
        anchor: 'key',
        data: { kind: 'extension' },
      });
    }
    if (extension !== undefined) {
      const problem = extensionProblem(context, message, extension);
      if (problem) report({ message: problem, path: [...message.definition.path, 'x-ordering-key'], anchor: 'value', data: { kind: 'bad-extension' } });
    }
    return findings;
  },
  async fixes(finding, context) {
    const uri = finding.uri ?? context.uri;
    const definition = finding.data?.definition as JsonPath | undefined;
    const message = definition && context.messages.find((candidate) => candidate.definition.uri === uri && samePath(candidate.definition.path, definition));
    const target = await context.fileAt(uri);
    if (!message || !target) return [];
    // A valid x-ordering-key already says where the key comes from; otherwise, the best guess.
    const declared = finding.data?.kind === 'kafka-key' ? declaredProperty(context, message) : undefined;
    const carriers = carryingChannels(context);
    const transports = carriers.get(definitionId(message.definition)) ?? [];
    const best = declared ?? keyCandidate(context, message, transports, () => siblingKeys(context, message, transports, carriers));
    const kind = String(finding.data?.kind);
    if (best) {
      const fix = keyFix(kind, context, message, uri, editable(target), best);
      return fix ? [{ ...fix, preferred: !fix.breaking }] : [];
    }
    // No property is named like a key (an inventory message keyed by `sku`): each property that
    // could be one is offered, for a person to choose; a guess is never applied by fix-all.
    if (kind === 'bad-extension') return [];
    return possibleKeys(context, message).flatMap((candidate) => {
      const fix = keyFix(kind, context, message, uri, editable(target), candidate);
      return fix ? [{ ...fix, title: `${fix.title} (${candidate.name} is required; no property is named as a key)`, manualOnly: true }] : [];
    });
  },
};

/** The fix that keys a message by a property, as the finding's kind asks. */
function keyFix(kind: string, context: Reads, message: MessageView, uri: string, file: EditableFile, best: Candidate): Fix | undefined {
  const expression = `$message.payload#/${escapePointer(best.name)}`;
  const steps: Array<(current: EditableFile) => TextEdit[]> = [];
  let title: string;
  if (kind === 'kafka-key') {
    steps.push((current) => setValue(current, [...message.definition.path, 'bindings', 'kafka', 'key'], keySchema(best)));
    if (message.value['x-ordering-key'] === undefined) steps.push((current) => setValue(current, [...message.definition.path, 'x-ordering-key'], expression));
    title = `Key message "${labelOf(message)}" by ${best.name}: add bindings.kafka.key${message.value['x-ordering-key'] === undefined ? ' and x-ordering-key' : ''}`;
  } else if (kind === 'extension' || kind === 'bad-extension') {
    steps.push((current) => setValue(current, [...message.definition.path, 'x-ordering-key'], expression));
    title = kind === 'extension' ? `Add x-ordering-key '${expression}' to message "${labelOf(message)}"` : `Point x-ordering-key of message "${labelOf(message)}" at ${best.name}`;
    if (kind === 'bad-extension' && message.value['x-ordering-key'] === expression) return undefined;
    // Moving a key that works (if only sometimes) to another property reshuffles the partitions.
    if (kind === 'bad-extension' && resolveExtension(context, message, message.value['x-ordering-key']).status === 'optional') {
      const current = String(message.value['x-ordering-key']);
      return { title: `${title} (changes the partitioning)`, edits: new Map([[uri, composeEdits(file, steps)]]), breaking: `messages keyed by ${current} so far would be keyed by ${best.name}: events of one entity produced before and after the change land in different partitions, and consumers may see them out of order` };
    }
  } else return undefined;
  return { title, edits: new Map([[uri, composeEdits(file, steps)]]) };
}

/** Required top-level string or integer payload properties that are not message-level ids: what a key could be. */
function possibleKeys(context: Reads, message: MessageView): Candidate[] {
  const schema = schemaOf(context, message, 'payload');
  const properties = schema ? propertiesAt(schema.kind, schema.location, context.read, context.schemaIds) : undefined;
  return (properties ?? [])
    .filter((property) => property.required && (property.type === 'string' || property.type === 'integer') && !MESSAGE_LEVEL_IDS.has(property.name.toLowerCase().replace(/[-_]/g, '')))
    .map((property) => ({ name: property.name, property }));
}

function optionsOf(context: Pick<RuleContext, 'options'>): { protocols: string[]; requireExtension: boolean } {
  const protocols = Array.isArray(context.options.protocols) ? context.options.protocols.filter((item): item is string => typeof item === 'string').map((item) => item.toLowerCase()) : [...DEFAULT_ORDERING_PROTOCOLS];
  return { protocols, requireExtension: context.options.requireExtension === true };
}

/** What a rule reads content through (schemas/bundle.ts `dereference`), recorded by the memo. */
type Reads = Pick<RuleContext, 'read' | 'schemaIds'>;

/** A channel on a transport that orders per key (plain data: compared between checks). */
interface Transport {
  kind: 'kafka' | 'fifo' | 'keyed';
  protocol: string;
  channelKey: string;
  address?: string;
}

/** What a message's check reads of the rest of the document. */
interface OrderingInputs {
  /** The partitioned channels that carry the message. */
  transports: Transport[];
  /** The payload properties the other messages of those channels key on. */
  siblings: string[];
}

/** Message definition → the partitioned channels that carry it. */
function carryingChannels(context: RuleContext): Map<string, Transport[]> {
  const { protocols } = optionsOf(context);
  const result = new Map<string, Transport[]>();
  for (const channel of channelInfos(context)) {
    const transport = transportOf(context, channel, protocols);
    if (!transport) continue;
    for (const site of messageSites(context, channel)) {
      const found = dereference(site, context.read, context.schemaIds);
      if (!found) continue;
      const id = definitionId(found.location);
      const list = result.get(id) ?? [];
      if (!list.some((item) => item.channelKey === channel.model.key)) list.push(transport);
      result.set(id, list);
    }
  }
  return result;
}

function transportOf(context: RuleContext, channel: ChannelInfo, protocols: string[]): Transport | undefined {
  const spoken = protocolsOfChannel(context, channel);
  const named = { channelKey: channel.model.key, address: channel.model.address };
  const kafka = spoken.find((protocol) => KAFKA.has(protocol) && protocols.includes(protocol));
  if (kafka) return { kind: 'kafka', protocol: kafka, ...named };
  for (const protocol of spoken) {
    if (!protocols.includes(protocol)) continue;
    if (FIFO_ONLY.has(protocol)) {
      if (isFifo(context, channel, protocol)) return { kind: 'fifo', protocol, ...named };
      continue;
    }
    return { kind: 'keyed', protocol, ...named };
  }
  return undefined;
}

function isFifo(context: RuleContext, channel: ChannelInfo, protocol: string): boolean {
  const binding = dereference({ uri: channel.definition.uri, path: [...channel.definition.path, 'bindings', protocol] }, context.read, context.schemaIds)?.value;
  if (!isObject(binding)) return false;
  if (protocol === 'sqs') return isObject(binding.queue) && binding.queue.fifoQueue === true;
  return isObject(binding.ordering) && binding.ordering.type === 'FIFO';
}

/** Where a channel's messages are: 3.x its `messages`; 2.x its operations' messages. */
function messageSites(context: RuleContext, channel: ChannelInfo): SchemaLocation[] {
  if (context.major === 3) return isObject(channel.value.messages) ? Object.keys(channel.value.messages).map((key) => ({ uri: channel.definition.uri, path: [...channel.definition.path, 'messages', key] })) : [];
  return channel.model.messages.map((message) => ({ uri: context.uri, path: message.path }));
}

/** What the document calls a message: its key, or (2.x `message`, `oneOf` items) where it is defined, or its name. */
function labelOf(message: MessageView): string {
  const candidates = [message.key, String(message.definition.path[message.definition.path.length - 1] ?? ''), message.name];
  return candidates.find((candidate) => candidate !== '' && candidate !== 'message' && !/^\d+$/.test(candidate)) ?? message.name;
}

function definitionId(location: SchemaLocation) {
  return `${location.uri}#/${location.path.join('/')}`;
}

function kafkaBinding(context: Reads, message: MessageView): Record<string, unknown> | undefined {
  let bindings = message.value.bindings;
  if (isObject(bindings) && typeof bindings.$ref === 'string') bindings = dereference({ uri: message.definition.uri, path: [...message.definition.path, 'bindings'] }, context.read, context.schemaIds)?.value;
  if (!isObject(bindings)) return undefined;
  let kafka = bindings.kafka;
  if (isObject(kafka) && typeof kafka.$ref === 'string') kafka = dereference({ uri: message.definition.uri, path: [...message.definition.path, 'bindings', 'kafka'] }, context.read, context.schemaIds)?.value;
  return isObject(kafka) ? kafka : undefined;
}

function describeChannels(transports: Transport[]): string {
  const names = [...new Set(transports.map((transport) => transport.address ?? transport.channelKey))];
  return `${names.length === 1 ? 'channel' : 'channels'} ${listOf(names.slice(0, 3))}${names.length > 3 ? '…' : ''}`;
}

function entityPhrase(best: Candidate | undefined) {
  return best?.entity ? `one ${best.entity}` : 'one entity';
}

// --- x-ordering-key -------------------------------------------------------------------------

/** What an `x-ordering-key` leads to. */
type Resolution =
  | { status: 'ok' | 'unknown' }
  | { status: 'malformed' | 'whole'; part?: string }
  | { status: 'missing'; part: string; path: string; known: string[] }
  | { status: 'optional'; part: string; path: string };

/** Follows an `x-ordering-key` runtime expression into the payload or headers schema. */
function resolveExtension(context: Reads, message: MessageView, extension: unknown): Resolution {
  const match = typeof extension === 'string' ? EXPRESSION.exec(extension) : null;
  if (!match) return { status: 'malformed' };
  const part = match[1] === 'payload' ? 'payload' : 'headers';
  const segments = (match[2] ?? '').split('/').slice(1).map(unescapePointer);
  if (segments.length === 0) return { status: 'whole', part };
  const schema = schemaOf(context, message, part);
  if (!schema) return { status: 'unknown' };
  let properties = propertiesAt(schema.kind, schema.location, context.read, context.schemaIds);
  const walked: string[] = [];
  for (const segment of segments) {
    // A schema whose properties cannot be told (open, another format): nothing sure to say.
    if (!properties) return { status: 'unknown' };
    const property = properties.find((candidate) => candidate.name === segment);
    walked.push(segment);
    if (!property) return { status: 'missing', part, path: walked.join('.'), known: properties.map((candidate) => candidate.name) };
    if (!property.required) return { status: 'optional', part, path: walked.join('.') };
    properties = propertiesBelow(schema.kind, property, schema.location, context.read, context.schemaIds);
  }
  return { status: 'ok' };
}

function extensionProblem(context: Reads, message: MessageView, extension: unknown): string | undefined {
  const resolution = resolveExtension(context, message, extension);
  const written = JSON.stringify(typeof extension === 'string' ? extension : JSON.stringify(extension));
  switch (resolution.status) {
    case 'malformed':
      return `x-ordering-key ${written} is not a runtime expression: write the property the key is taken from as '$message.payload#/orderId' (or '$message.header#/…' for a header).`;
    case 'whole':
      return `x-ordering-key ${written} names the whole ${resolution.part}, not a property: the key must be one value, such as '$message.payload#/orderId'.`;
    case 'missing': {
      const segment = resolution.path.split('.').pop()!;
      const close = resolution.known.find((name) => name.toLowerCase() === segment.toLowerCase());
      const hint = close ? ` (did you mean ${close}?)` : resolution.known.length > 0 ? ` (it has ${listOf(resolution.known.slice(0, 6))}${resolution.known.length > 6 ? '…' : ''})` : '';
      return `x-ordering-key ${written} names ${resolution.path}, which is no property of the ${resolution.part} of message "${labelOf(message)}"${hint}: producers find no key to send, and the order of events is lost.`;
    }
    case 'optional':
      return `x-ordering-key ${written} names ${resolution.path}, which the ${resolution.part} of message "${labelOf(message)}" does not require: messages without it have no key and lose their order. Make it required, or take the key from a property that is always there.`;
    default:
      return undefined;
  }
}

function schemaOf(context: Reads, message: MessageView, part: 'payload' | 'headers'): { kind: SchemaKind; location: SchemaLocation } | undefined {
  // Headers a trait brings are not at the message's own path: their properties are not looked into.
  const value = message.own[part];
  if (value === undefined) return undefined;
  const base = { uri: message.definition.uri, path: [...message.definition.path, part] };
  // 3.x multi-format schema: { schemaFormat, schema }.
  if (isObject(value) && typeof value.schemaFormat === 'string' && 'schema' in value) return { kind: schemaKindOf(value.schemaFormat), location: { uri: base.uri, path: [...base.path, 'schema'] } };
  const format = part === 'payload' && typeof message.value.schemaFormat === 'string' ? message.value.schemaFormat : undefined;
  return { kind: schemaKindOf(format), location: base };
}

/** The top-level payload property a valid x-ordering-key names. */
function declaredProperty(context: Reads, message: MessageView): Candidate | undefined {
  const extension = message.value['x-ordering-key'];
  const match = typeof extension === 'string' ? /^\$message\.payload#\/([^/]+)$/.exec(extension) : null;
  const schema = match ? schemaOf(context, message, 'payload') : undefined;
  const name = match ? unescapePointer(match[1]!) : undefined;
  const property = schema ? propertiesAt(schema.kind, schema.location, context.read, context.schemaIds)?.find((candidate) => candidate.name === name) : undefined;
  return property ? { name: property.name, property } : undefined;
}

// --- the key a fix proposes -------------------------------------------------------------------

interface Candidate {
  name: string;
  property: PayloadProperty;
  /** The entity the key identifies (`order` for `orderId`), when the name says. */
  entity?: string;
}

/**
 * The payload property a message's key is most likely taken from. The one the other messages of
 * its channels already key on wins (events must share the key to stay in order relative to each other).
 * Otherwise string or integer properties ending in `Id` (not the message-level ones: `eventId`,
 * `correlationId`…) or named as a key (`partitionKey`…), scored: required 16 (a key must always be
 * there), named as a key 12, naming an entity of the message or channel names (`orderId` for
 * `OrderPlaced` on `orders.order-placed`) 8, a string 2 (an integer 1); ties go to the first.
 */
function keyCandidate(context: Reads, message: MessageView, transports: Transport[], siblingsOf: () => ReadonlySet<string>): Candidate | undefined {
  const schema = schemaOf(context, message, 'payload');
  const properties = schema ? propertiesAt(schema.kind, schema.location, context.read, context.schemaIds) : undefined;
  if (!properties) return undefined;
  let siblings: ReadonlySet<string> | undefined;
  let names: string | undefined;
  let best: { property: PayloadProperty; stem?: string; score: number } | undefined;
  for (const property of properties) {
    if (property.type && property.type !== 'string' && property.type !== 'integer') continue;
    const flat = property.name.toLowerCase().replace(/[-_]/g, '');
    const stem = ID_SUFFIX.exec(property.name)?.[1];
    const isKeyName = KEY_NAMES.has(flat);
    if (!isKeyName && (!stem || MESSAGE_LEVEL_IDS.has(flat))) continue;
    // A key must always be there: a required property beats a better name.
    let score = (property.required ? 16 : 0) + (property.type === 'string' ? 2 : property.type === 'integer' ? 1 : 0);
    if (isKeyName) score += 12;
    if (stem && !isKeyName) {
      // The entity in the message's and channels' names (`order` in OrderPlaced, orders.order-placed).
      names ??= [labelOf(message), message.name, ...transports.flatMap((transport) => [transport.channelKey, transport.address ?? ''])].map((name) => name.toLowerCase().replace(/[^a-z0-9]/g, '')).join(' ');
      const entity = stem.toLowerCase().replace(/[-_]/g, '');
      if (entity.length >= 3 && (names.includes(entity) || (entity.endsWith('y') && names.includes(`${entity.slice(0, -1)}ies`)))) score += 8;
    }
    siblings ??= siblingsOf();
    if (siblings.has(property.name)) score += 32;
    if (!best || score > best.score) best = { property, stem: isKeyName ? undefined : stem, score };
  }
  return best && { name: best.property.name, property: best.property, entity: best.stem ? wordsOf(best.stem).join(' ') : undefined };
}

/** The top-level payload properties that the other messages of the same channels key on. */
function siblingKeys(context: RuleContext, message: MessageView, transports: Transport[], carriers: Map<string, Transport[]>): Set<string> {
  const byChannel = keysByChannel(context, carriers);
  const own = definitionId(message.definition);
  const keys = new Set<string>();
  for (const transport of transports) for (const key of byChannel.get(transport.channelKey) ?? []) if (key.message !== own) keys.add(key.property);
  return keys;
}

/** Channel key → the payload properties its messages' `x-ordering-key`s name; once per check. */
const keysByChannelCache = new WeakMap<Map<string, Transport[]>, Map<string, Array<{ property: string; message: string }>>>();

function keysByChannel(context: RuleContext, carriers: Map<string, Transport[]>): Map<string, Array<{ property: string; message: string }>> {
  let result = keysByChannelCache.get(carriers);
  if (result) return result;
  result = new Map();
  for (const message of context.messages) {
    const match = typeof message.value['x-ordering-key'] === 'string' ? /^\$message\.payload#\/([^/]+)$/.exec(message.value['x-ordering-key']) : null;
    if (!match) continue;
    const id = definitionId(message.definition);
    for (const transport of carriers.get(id) ?? []) {
      const list = result.get(transport.channelKey) ?? [];
      list.push({ property: unescapePointer(match[1]!), message: id });
      result.set(transport.channelKey, list);
    }
  }
  keysByChannelCache.set(carriers, result);
  return result;
}

/** The Kafka key schema for a property: its type and format, and what it is for. */
function keySchema(candidate: Candidate): Record<string, unknown> {
  const schema: Record<string, unknown> = { type: candidate.property.type ?? 'string' };
  if (candidate.property.format) schema.format = candidate.property.format;
  if (candidate.property.pattern) schema.pattern = candidate.property.pattern;
  schema.description = `The ${candidate.name} of the payload: events with the same ${candidate.name} go to the same partition and keep their order.`;
  return schema;
}

function escapePointer(segment: string) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string) {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
