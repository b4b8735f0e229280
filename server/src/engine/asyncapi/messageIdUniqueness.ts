import { dereference, type SchemaSource } from '../schemas/bundle';

/**
 * `@asyncapi/parser` compares the `messageId`s of every message *use*: one component message
 * used by a publish and a subscribe operation (a service that receives what it also relays, a
 * request and its echo) is "two messages with the same id" to it, an error on a valid document.
 * One definition is one message: the id is repeated only when distinct definitions share it.
 */
export function isSharedByDistinctMessages(rootUri: string, document: unknown, messageId: string, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): boolean {
  const definitions = new Set<string>();
  const channels = isRecord(document) && isRecord(document.channels) ? document.channels : {};
  for (const [channelKey, channel] of Object.entries(channels)) {
    if (!isRecord(channel)) continue;
    for (const verb of ['publish', 'subscribe']) {
      const operation = channel[verb];
      if (!isRecord(operation) || !isRecord(operation.message)) continue;
      const base = ['channels', channelKey, verb, 'message'];
      const uses = Array.isArray(operation.message.oneOf) ? operation.message.oneOf.map((_, index) => [...base, 'oneOf', index]) : [base];
      for (const path of uses) {
        const found = dereference({ uri: rootUri, path }, read, schemaIds);
        if (!found || !isRecord(found.value) || found.value.messageId !== messageId) continue;
        definitions.add(`${found.location.uri}#/${found.location.path.join('/')}`);
        if (definitions.size > 1) return true;
      }
    }
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
