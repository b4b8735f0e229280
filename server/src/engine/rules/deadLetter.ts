import {
  channelInfo,
  editable,
  isObject,
  listOf,
  localRef,
  operationInfos,
  protocolsOfChannel,
  uniqueKey,
  wordsOf,
  type ChannelInfo,
  type OperationInfo,
} from '../discipline/channelTransport';
import { deadLetterChannelKeys } from '../discipline/deadLetterChannels';
import type { DocumentRule, Fix, FixContext, RuleContext, RuleFinding } from '../discipline/documentRule';
import { composeEdits, removeValue, setValue, type EditableFile, type TextEdit } from '../edits/documentEdits';
import { resolveRef } from '../references/refSites';
import { dereference, locate } from '../schemas/bundle';
import { samePath, type JsonPath } from '../text/paths';

/**
 * dead-letter: every receive operation says where the messages it cannot process go, and that
 * place exists.
 *
 * Accepted: `x-dead-letter` on the operation or on its channel — a `$ref` to a channel
 * (`{ $ref: '#/channels/ordersDeadLetter' }`, in this document or another) or a string naming a
 * channel of this document by key or address — or an SQS binding that routes failures: the queue's
 * `redrivePolicy.deadLetterQueue` (channel or operation binding) or the channel binding's
 * `deadLetterQueue`. Only transports that hold on to a message until it is processed are checked
 * (option `protocols`); channels that are themselves dead-letter channels are not.
 */
export const DEFAULT_DEAD_LETTER_PROTOCOLS: readonly string[] = [
  'kafka',
  'kafka-secure',
  'amqp',
  'amqps',
  'amqp1',
  'sqs',
  'sns',
  'pulsar',
  'pulsar+ssl',
  'googlepubsub',
  'jms',
  'ibmmq',
  'ibmmq-secure',
  'solace',
  'anypointmq',
  'nats',
  'stomp',
  'stomps',
];

const DEFAULT_SUFFIX = '.dlq';

export const deadLetter: DocumentRule = {
  id: 'dead-letter',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'A consumer without a dead-letter channel either retries a message it cannot process forever, holding up the ones behind it, or drops it and loses the event.',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    const findings: RuleFinding[] = [];
    const { protocols, suffix } = optionsOf(context);
    const targets = deadLetterChannelKeys(context.document, context.uri);
    for (const operation of operationInfos(context)) {
      if (operation.model.action !== 'receive') continue;
      const channel = channelInfo(context, operation.model.channelKey);
      if (!channel) continue;
      const spoken = protocolsOfChannel(context, channel);
      if (!spoken.some((protocol) => protocols.includes(protocol))) continue;
      // A dead-letter channel's own consumers (replay, alerting) are where failures end up.
      if (targets.has(channel.model.key) || (channel.model.address ?? channel.model.key).endsWith(suffix)) continue;
      const problem = deadLetterProblem(context, operation, channel);
      if (problem === 'declared') continue;
      const subject = describeOperation(operation, channel);
      const connector = operation.model.verb ? '' : ' but';
      const inThisFile = (problem?.uri ?? operation.definition.uri) === context.uri;
      if (problem) {
        findings.push({ ruleId: this.id, uri: inThisFile ? undefined : problem.uri, message: `${subject}: ${problem.message}`, path: problem.path, anchor: problem.anchor, data: { kind: problem.kind, operationKey: operation.model.key, onChannel: problem.onChannel } });
        continue;
      }
      findings.push({
        ruleId: this.id,
        message: `${subject}${connector} does not say where the messages it cannot process go: each one is either retried forever, holding up the messages behind it, or dropped and lost. Name a dead-letter channel in x-dead-letter.`,
        path: operation.model.path,
        anchor: 'key',
        data: { kind: 'missing', operationKey: operation.model.key },
      });
    }
    return findings;
  },
  fixes(finding, context) {
    if (finding.uri || typeof finding.data?.operationKey !== 'string') return [];
    const kind = finding.data.kind;
    if (kind !== 'missing' && kind !== 'unknown-channel' && kind !== 'malformed') return [];
    const operation = operationInfos(context).find((candidate) => candidate.model.key === finding.data!.operationKey);
    const channel = channelInfo(context, operation?.model.channelKey);
    if (!operation || !channel) return [];
    const owner = finding.data.onChannel ? channel.value : operation.value;
    // A malformed declaration on the channel is the channel owner's to correct.
    if (kind === 'malformed' && finding.data.onChannel) return [];
    const named = kind === 'unknown-channel' && typeof owner['x-dead-letter'] === 'string' ? owner['x-dead-letter'] : undefined;
    return addDeadLetter(context, operation, channel, named);
  },
};

function optionsOf(context: RuleContext): { protocols: string[]; suffix: string } {
  const protocols = Array.isArray(context.options.protocols) ? context.options.protocols.filter((item): item is string => typeof item === 'string').map((item) => item.toLowerCase()) : [...DEFAULT_DEAD_LETTER_PROTOCOLS];
  const suffix = typeof context.options.suffix === 'string' && context.options.suffix.length > 0 ? context.options.suffix : DEFAULT_SUFFIX;
  return { protocols, suffix };
}

interface Problem {
  kind: 'unknown-channel' | 'not-a-channel' | 'malformed' | 'unknown-queue';
  /** The declaration is the channel's (`x-dead-letter` on the channel), not the operation's. */
  onChannel?: boolean;
  message: string;
  uri: string;
  path: JsonPath;
  anchor: 'key' | 'value';
}

/** What is wrong with the dead-letter declaration, `declared` when nothing, `undefined` when there is none. */
function deadLetterProblem(context: RuleContext, operation: OperationInfo, channel: ChannelInfo): Problem | 'declared' | undefined {
  for (const owner of [
    { value: operation.value, at: operation.definition, onChannel: false },
    { value: channel.value, at: channel.definition, onChannel: true },
  ]) {
    if (!('x-dead-letter' in owner.value)) continue;
    const declared = owner.value['x-dead-letter'];
    const path = [...owner.at.path, 'x-dead-letter'];
    const at = { uri: owner.at.uri, path };
    if (typeof declared === 'string') {
      if (channelNamed(context, declared)) return 'declared';
      const known = listOf(context.application.channels.map((candidate) => `"${candidate.address ?? candidate.key}"`).slice(0, 5), 'or');
      return { kind: 'unknown-channel', onChannel: owner.onChannel, message: `x-dead-letter names "${declared}", which is no channel of this document (by key or address${known ? `: ${known}` : ''}), so failed messages go nowhere anyone reads. Add the channel, or name an existing one.`, ...at, anchor: 'value' };
    }
    if (isObject(declared) && typeof declared.$ref === 'string') {
      const target = resolveRef(declared.$ref, owner.at.uri, context.schemaIds);
      if (target.kind !== 'local' && target.kind !== 'file') return 'declared';
      const uri = target.kind === 'file' ? target.uri : owner.at.uri;
      // A reference to nothing is reported as unresolved-ref, where it is written.
      if (!locate({ uri, path: target.path }, context.read, context.schemaIds)) return 'declared';
      const isChannel = (target.path.length === 2 && target.path[0] === 'channels') || (target.path.length === 3 && target.path[0] === 'components' && target.path[1] === 'channels');
      if (isChannel) return 'declared';
      return { kind: 'not-a-channel', onChannel: owner.onChannel, message: `x-dead-letter points at ${declared.$ref}, which is not a channel: it must name the channel failed messages are sent to.`, uri: owner.at.uri, path: [...path, '$ref'], anchor: 'value' };
    }
    return { kind: 'malformed', onChannel: owner.onChannel, message: `x-dead-letter must be a $ref to a channel ({ $ref: '#/channels/<key>' }) or the key or address of a channel of this document.`, ...at, anchor: 'value' };
  }
  return sqsProblem(context, operation, channel);
}

/** SQS: a redrive policy (or dead-letter queue) in the channel's or the operation's binding. */
function sqsProblem(context: RuleContext, operation: OperationInfo, channel: ChannelInfo): Problem | 'declared' | undefined {
  const queues: Array<{ value: unknown; uri: string; path: JsonPath }> = [];
  const channelBinding = dereference({ uri: channel.definition.uri, path: [...channel.definition.path, 'bindings', 'sqs'] }, context.read, context.schemaIds);
  if (channelBinding && isObject(channelBinding.value)) {
    if (isObject(channelBinding.value.deadLetterQueue)) return 'declared';
    queues.push({ value: channelBinding.value.queue, uri: channelBinding.location.uri, path: [...channelBinding.location.path, 'queue'] });
  }
  const operationBinding = dereference({ uri: operation.definition.uri, path: [...operation.definition.path, 'bindings', 'sqs'] }, context.read, context.schemaIds);
  if (operationBinding && isObject(operationBinding.value) && Array.isArray(operationBinding.value.queues)) {
    operationBinding.value.queues.forEach((queue, index) => queues.push({ value: queue, uri: operationBinding.location.uri, path: [...operationBinding.location.path, 'queues', index] }));
  }
  for (const queue of queues) {
    if (!isObject(queue.value) || !isObject(queue.value.redrivePolicy)) continue;
    const target = queue.value.redrivePolicy.deadLetterQueue;
    const path = [...queue.path, 'redrivePolicy', 'deadLetterQueue'];
    if (isObject(target) && typeof target.arn === 'string' && target.arn.length > 0) return 'declared';
    if (isObject(target) && typeof target.name === 'string') {
      if (sqsQueueNames(context).has(target.name) || channelNamed(context, target.name)) return 'declared';
      return { kind: 'unknown-queue', message: `the redrive policy sends failed messages to the queue "${target.name}", which no SQS binding and no channel of this document defines: declare it (a channel, or a queue in the sqs binding), or give its arn.`, uri: queue.uri, path: [...path, 'name'], anchor: 'value' };
    }
    return { kind: 'unknown-queue', message: 'the redrive policy names no dead-letter queue: give deadLetterQueue a name or an arn.', uri: queue.uri, path, anchor: 'key' };
  }
  return undefined;
}

/** Every SQS queue name the document's bindings define. */
function sqsQueueNames(context: RuleContext): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    if (depth > 12) return;
    if (Array.isArray(value)) value.forEach((item) => visit(item, depth + 1));
    else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'sqs' && isObject(child)) {
          for (const queue of [child.queue, child.deadLetterQueue, ...(Array.isArray(child.queues) ? child.queues : [])]) if (isObject(queue) && typeof queue.name === 'string') names.add(queue.name);
        } else visit(child, depth + 1);
      }
    }
  };
  visit(context.document.channels, 0);
  visit(context.document.operations, 0);
  visit(context.document.components, 0);
  return names;
}

function channelNamed(context: RuleContext, name: string) {
  return context.application.channels.some((channel) => channel.key === name || channel.address === name);
}

function describeOperation(operation: OperationInfo, channel: ChannelInfo): string {
  const address = channel.model.address ?? channel.model.key;
  if (operation.model.verb) return `The publish operation of channel "${channel.model.key}" (where the application receives)`;
  return `Operation "${operation.model.key}" receives from ${address}`;
}

/**
 * Adds a dead-letter channel for the operation's channel (`<service>.<address>.dlq`, the same
 * messages, servers and parameters), the operation that sends failed messages there, and
 * `x-dead-letter` on the receive operation. Where that channel (or `<address>.dlq`) exists
 * already, only `x-dead-letter`.
 */
function addDeadLetter(context: FixContext, operation: OperationInfo, channel: ChannelInfo, named?: string): Fix[] {
  if (operation.definition.uri !== context.uri || channel.definition.uri !== context.uri) return [];
  const { suffix } = optionsOf(context);
  const file = editable(context.file);
  const sourceAddress = channel.model.address ?? channel.model.key;
  const address = named ?? serviceDeadLetterAddress(context, sourceAddress, suffix);
  const unprefixed = `${sourceAddress}${suffix}`;
  const declarationPath = [...operation.definition.path, 'x-dead-letter'];
  // A malformed declaration is replaced: removed first (setValue cannot turn a YAML scalar into a block mapping in place).
  const setDeadLetter = (current: EditableFile, key: string): TextEdit[] =>
    composeEdits(current, [...(operation.value['x-dead-letter'] !== undefined ? [(inner: EditableFile) => removeValue(inner, declarationPath)] : []), (inner: EditableFile) => setValue(inner, declarationPath, { $ref: localRef(['channels', key]) })]);
  // The channel <address>.dlq, or one named as this repository's examples do (<channel>DeadLetter).
  const existing = context.application.channels.find((candidate) => candidate.address === address || candidate.key === address || (!named && (candidate.address === unprefixed || candidate.key === unprefixed || candidate.key === `${channel.model.key}DeadLetter`)));
  if (existing && !named) {
    return [{ title: `Send the messages "${operation.model.key}" cannot process to the existing channel "${existing.key}" (${existing.address ?? existing.key})`, edits: new Map([[context.uri, composeEdits(file, [(current) => setDeadLetter(current, existing.key)])]]), preferred: true }];
  }
  const taken = (key: string) => context.application.channels.some((candidate) => candidate.key === key);
  const key = context.major === 2 ? address : uniqueKey(`${channel.model.key}DeadLetter`, taken);
  if (context.major === 2 && taken(key)) return [];
  const messages = receivedMessages(context, operation, channel);
  const steps: Array<(current: EditableFile) => TextEdit[]> = [(current) => setValue(current, ['channels', key], deadLetterChannel(context, operation, channel, address, messages))];
  if (context.major === 3) {
    const sender = uniqueKey(`deadLetter${upperFirst(channel.model.key)}`, (candidate) => context.application.operations.some((other) => other.key === candidate));
    steps.push((current) =>
      setValue(current, ['operations', sender], {
        action: 'send',
        summary: `Park the messages that ${operation.model.key} could not process.`,
        channel: { $ref: localRef(['channels', key]) },
        messages: messages.map((message) => ({ $ref: localRef(['channels', key, 'messages', message.key]) })),
      }),
    );
  }
  if (!named) steps.push((current) => setDeadLetter(current, key));
  const title = named ? `Add the dead-letter channel "${address}" that x-dead-letter names` : `Add dead-letter channel ${address} and name it in x-dead-letter of "${operation.model.key}"`;
  return [{ title, edits: new Map([[context.uri, composeEdits(file, steps)]]), preferred: true }];
}

/**
 * Each consuming service parks what it cannot process in its own channel, named after it as this
 * repository's examples do (`inventory.orders.order-placed.dlq`): two services receiving from one
 * channel must not share a dead-letter channel (replaying one's failures would feed the other).
 * The service is the document's `info.title` without a trailing "Service".
 */
function serviceDeadLetterAddress(context: RuleContext, sourceAddress: string, suffix: string): string {
  const info = isObject(context.document.info) ? context.document.info : {};
  const words = typeof info.title === 'string' ? wordsOf(info.title) : [];
  if (words.length > 1 && (words[words.length - 1] === 'service' || words[words.length - 1] === 'services')) words.pop();
  const service = words.join('-');
  const separator = sourceAddress.includes('/') && !sourceAddress.includes('.') ? '/' : '.';
  const rooted = separator === '/' && sourceAddress.startsWith('/') ? '/' : '';
  const relative = sourceAddress.slice(rooted.length);
  if (!service || relative.startsWith(`${service}${separator}`)) return `${sourceAddress}${suffix}`;
  return `${rooted}${service}${separator}${relative}${suffix}`;
}

interface ReceivedMessage {
  key: string;
  /** The `$ref` the dead-letter channel uses for it. */
  ref: string;
  /** 2.x: the message has a `messageId`, which a second operation may not repeat. */
  hasMessageId: boolean;
}

/** The messages the operation receives, each as a `$ref` the dead-letter channel can use. */
function receivedMessages(context: RuleContext, operation: OperationInfo, channel: ChannelInfo): ReceivedMessage[] {
  if (context.major === 2) {
    const message = operation.value.message;
    if (!isObject(message)) return [];
    const entries: Array<{ value: unknown; path: JsonPath }> = Array.isArray(message.oneOf) ? message.oneOf.map((value, index) => ({ value, path: [...operation.definition.path, 'message', 'oneOf', index] })) : [{ value: message, path: [...operation.definition.path, 'message'] }];
    return entries.map((entry, index) => {
      const ref = isObject(entry.value) && typeof entry.value.$ref === 'string' ? entry.value.$ref : localRef(entry.path);
      const view = context.messages.find((candidate) => candidate.site.uri === context.uri && samePath(candidate.site.path, entry.path));
      const definition = dereference({ uri: context.uri, path: entry.path }, context.read, context.schemaIds)?.value;
      const hasMessageId = typeof view?.value.messageId === 'string' || (isObject(definition) && typeof definition.messageId === 'string');
      return { key: String(index), ref, hasMessageId };
    });
  }
  const channelMessages = isObject(channel.value.messages) ? channel.value.messages : {};
  const listed = Array.isArray(operation.value.messages)
    ? operation.value.messages.map((item) => (isObject(item) && typeof item.$ref === 'string' ? item.$ref : undefined)).filter((ref): ref is string => !!ref)
    : undefined;
  const keys = Object.keys(channelMessages).filter((key) => !listed || listed.some((ref) => ref.endsWith(`/messages/${key}`) || ref.endsWith(`/messages/${encodeURIComponent(key)}`)));
  return keys.map((key) => {
    const entry = channelMessages[key];
    const ref = isObject(entry) && typeof entry.$ref === 'string' ? entry.$ref : localRef([...channel.definition.path, 'messages', key]);
    return { key, ref, hasMessageId: false };
  });
}

function deadLetterChannel(context: RuleContext, operation: OperationInfo, channel: ChannelInfo, address: string, messages: ReceivedMessage[]): Record<string, unknown> {
  const source = channel.model.address ?? channel.model.key;
  const result: Record<string, unknown> = {};
  if (context.major === 3) {
    result.address = address;
    result.title = `Dead letters of ${source}`;
  }
  result.description = `Messages from ${source} that ${operation.model.key} could not process.`;
  if (Array.isArray(channel.value.servers) && channel.value.servers.length > 0) result.servers = channel.value.servers;
  if (isObject(channel.value.parameters)) {
    result.parameters = Object.fromEntries(Object.keys(channel.value.parameters).map((name) => [name, { $ref: localRef([...channel.definition.path, 'parameters', name]) }]));
  }
  if (context.major === 3) {
    result.messages = Object.fromEntries(messages.map((message) => [message.key, { $ref: message.ref }]));
  } else if (messages.length > 0 && !messages.some((message) => message.hasMessageId)) {
    // 2.x: a message with a messageId may be used by one operation only (the parser rejects the document otherwise).
    const message = messages.length === 1 ? { $ref: messages[0]!.ref } : { oneOf: messages.map((item) => ({ $ref: item.ref })) };
    result.subscribe = { summary: `Park the messages that ${operation.model.key} could not process.`, message };
  }
  return result;
}

function upperFirst(text: string) {
  const words = wordsOf(text);
  return words.length === 0 ? 'Channel' : words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}
