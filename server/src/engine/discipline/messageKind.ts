import { dereference, type SchemaSource } from '../schemas/bundle';
import type { JsonPath } from '../text/paths';
import type { ApplicationModel } from '../workspace/applicationModel';
import type { MessageView } from './messageView';
import { linearPattern } from '../schemas/linearPattern';

/**
 * What a message is in event-driven design terms:
 *
 * - an **event** states a fact that happened (`OrderPlaced`): any number of receivers, none of
 *   which the producer knows, and it must never be refused;
 * - a **command** asks one receiver to do something (`CreateShipment`), and may be refused;
 * - a **query** asks for information (`GetOrderStatus`);
 * - a **reply** answers a command or a query (`PaymentAuthorizationResult`);
 * - a **document** carries state without saying that something happened or should (only when a
 *   message says so with `x-event-kind: document`).
 *
 * Rules that apply to events only (`event-name-past-tense`, `event-id`) ask here, and read the
 * same options, so that they always agree on which messages are events.
 */
export type MessageKind = 'event' | 'command' | 'query' | 'reply' | 'document';

export const MESSAGE_KINDS: readonly MessageKind[] = ['event', 'command', 'query', 'reply', 'document'];

/** The kind of a message and what said so. */
export interface MessageKindVerdict {
  kind: MessageKind;
  /**
   * The `x-event-kind` extension (on the message or a trait), a tag, a naming pattern, the
   * operations' request/reply shape, or `default` when nothing tells (then it is an event).
   */
  source: 'extension' | 'tag' | 'pattern' | 'request-reply' | 'default';
  /** An extension value that names no kind (`x-event-kind: notification`): ignored, and worth reporting. */
  unknownMarker?: { value: string; path: JsonPath };
}

/**
 * How kinds are told, from a rule's options (each rule that asks reads the same option names,
 * so that one configuration says it for all of them):
 *
 * - `eventKindExtension` (default `x-event-kind`): the extension whose value is the kind;
 * - `eventTags`, `commandTags`, `queryTags`, `replyTags`: tag names that mark each kind
 *   (defaults `event(s)`, `command(s)`, `query`/`queries`, `reply`/`replies`/`response`; a
 *   `kind:` prefix is allowed, as in `kind:command`);
 * - `commandPatterns`, `queryPatterns`, `replyPatterns`: regular expressions (`'Command$'`, or
 *   `'/^cmd_/i'` with flags) tested against the name as written and against its words in lower
 *   case joined by dots (`CreateOrderCommandV2` → `create.order.command`);
 * - `checkRequestReply` (default false): treat requests that expect a reply, and the replies,
 *   as events too.
 */
export interface KindOptions {
  eventKindExtension: string;
  tags: Record<Exclude<MessageKind, 'document'>, string[]>;
  patterns: Record<'command' | 'query' | 'reply', Array<{ test(text: string): boolean }>>;
  checkRequestReply: boolean;
}

/** The default naming patterns, on the dotted lower-case words of a name. */
export const DEFAULT_KIND_PATTERNS = {
  command: ['(^|\\.)(command|cmd|request)$'],
  query: ['(^|\\.)query$', '^(get|find|fetch|list|search|lookup|query)\\.'],
  reply: ['(^|\\.)(response|reply|result|ack|nack)$'],
};

export function kindOptions(raw: Record<string, unknown> | undefined): KindOptions {
  const options = raw ?? {};
  const strings = (value: unknown, fallback: string[]) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : fallback);
  const patterns = (value: unknown, fallback: string[]) => strings(value, fallback).flatMap(namePattern);
  const tags = (value: unknown, fallback: string[]) => strings(value, fallback).map((tag) => tag.toLowerCase());
  return {
    eventKindExtension: typeof options.eventKindExtension === 'string' ? options.eventKindExtension : 'x-event-kind',
    tags: {
      event: tags(options.eventTags, ['event', 'events']),
      command: tags(options.commandTags, ['command', 'commands']),
      query: tags(options.queryTags, ['query', 'queries']),
      reply: tags(options.replyTags, ['reply', 'replies', 'response']),
    },
    patterns: {
      command: patterns(options.commandPatterns, DEFAULT_KIND_PATTERNS.command),
      query: patterns(options.queryPatterns, DEFAULT_KIND_PATTERNS.query),
      reply: patterns(options.replyPatterns, DEFAULT_KIND_PATTERNS.reply),
    },
    checkRequestReply: options.checkRequestReply === true,
  };
}

/**
 * `'/^cmd_/i'` or `'Command$'`, run in linear time; an invalid expression, or one RE2 cannot
 * run, marks nothing (the others still apply).
 */
function namePattern(text: string): Array<{ test(text: string): boolean }> {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(text);
  const pattern = literal ? linearPattern(literal[1]!, literal[2]!.replace(/[gyd]/g, '')) : linearPattern(text);
  return pattern.kind === 'linear' ? [pattern] : [];
}

/** A name's words in lower case joined by dots, a version suffix left out: `CreateOrderCommandV2` → `create.order.command`. */
export function dottedWords(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s._\-/:]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');
  while (words.length > 1 && /^v\d+$/.test(words[words.length - 1]!)) words.pop();
  return words.join('.');
}

/** What the kind is read from: the message (traits applied), where it is, how operations use it. */
export type KindSubject = Pick<MessageView, 'key' | 'name' | 'value' | 'own' | 'definition' | 'uses'>;

/** What a verdict may look at besides the message. */
export interface KindContext {
  application: Pick<ApplicationModel, 'operations'>;
  read: SchemaSource;
  schemaIds: ReadonlyMap<string, string>;
}

/**
 * The kind of a message. In order, the first that tells wins:
 *
 * 1. the `x-event-kind` extension on the message or one of its traits (traits are applied: a
 *    shared `Command` trait marks every message that uses it) — an unknown value is ignored and
 *    returned as `unknownMarker`;
 * 2. a tag (3.x tags that are `$ref`s are followed);
 * 3. a naming pattern;
 * 4. the operations: a message that is only sent as a request that expects a reply is a
 *    command, one that is only a reply is a reply (unless `checkRequestReply`);
 * 5. otherwise it is an event: on an event bus most messages are, and treating an unmarked
 *    message as an event only asks it for what every event needs.
 */
export function messageKind(message: KindSubject, context: KindContext, options: KindOptions = kindOptions(undefined)): MessageKindVerdict {
  const marker = message.value[options.eventKindExtension];
  let unknownMarker: MessageKindVerdict['unknownMarker'];
  if (typeof marker === 'string') {
    const kind = marker.trim().toLowerCase() as MessageKind;
    if (MESSAGE_KINDS.includes(kind)) return { kind, source: 'extension' };
    const written = typeof message.own[options.eventKindExtension] === 'string';
    unknownMarker = { value: marker, path: written ? [...message.definition.path, options.eventKindExtension] : message.definition.path };
  }
  const verdict = (kind: MessageKind, source: MessageKindVerdict['source']): MessageKindVerdict => (unknownMarker ? { kind, source, unknownMarker } : { kind, source });
  const tags = tagNames(message, context).map((tag) => tag.replace(/^\s*kind\s*[:=]\s*/i, ''));
  for (const kind of ['event', 'command', 'query', 'reply'] as const) if (tags.some((tag) => options.tags[kind].includes(tag))) return verdict(kind, 'tag');
  const dotted = dottedWords(message.name);
  for (const kind of ['command', 'query', 'reply'] as const) {
    if (options.patterns[kind].some((pattern) => pattern.test(message.name) || pattern.test(dotted))) return verdict(kind, 'pattern');
  }
  if (!options.checkRequestReply && message.uses.length > 0) {
    const requestOrReply = message.uses.every((use) => use.isReply || !!context.application.operations.find((operation) => operation.key === use.operationKey)?.reply);
    if (requestOrReply) return verdict(message.uses.every((use) => use.isReply) ? 'reply' : 'command', 'request-reply');
  }
  return verdict('event', 'default');
}

/** True when the message is an event (see {@link messageKind}). */
export function isEvent(message: KindSubject, context: KindContext, options?: KindOptions): boolean {
  return messageKind(message, context, options).kind === 'event';
}

/** The message's tag names in lower case; the message's own 3.x tags that are `$ref`s are followed, a trait's are named by the key they reference. */
function tagNames(message: KindSubject, context: KindContext): string[] {
  const tags = message.value.tags;
  if (!Array.isArray(tags)) return [];
  return tags.map((tag, index) => {
    if (!tag || typeof tag !== 'object') return '';
    const ref = (tag as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') return String((tag as { name?: unknown }).name ?? '').toLowerCase();
    const own = Array.isArray(message.own.tags) && message.own.tags[index] === tag;
    const target = own ? dereference({ uri: message.definition.uri, path: [...message.definition.path, 'tags', index] }, context.read, context.schemaIds)?.value : undefined;
    const name = target && typeof target === 'object' ? (target as { name?: unknown }).name : lastSegment(ref);
    return String(name ?? '').toLowerCase();
  });
}

function lastSegment(ref: string) {
  const segment = ref.slice(ref.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
