import { resolveRef } from '../references/refSites';
import { isRecord } from './messageFields';

/**
 * The keys of the channels a document names as dead-letter channels: in `x-dead-letter` of an
 * operation (3.x, or a 2.x `publish`/`subscribe`) or of a channel, as a local `$ref` or as a
 * channel's key or address. The `dead-letter` rule does not ask them for a dead-letter channel of
 * their own, and the contracts expect no service to receive from them: operators and replay tools
 * read them, outside the workspace's services.
 */
export function deadLetterChannelKeys(document: unknown, uri: string): Set<string> {
  const keys = new Set<string>();
  if (!isRecord(document) || !isRecord(document.channels)) return keys;
  const channels = document.channels;
  const add = (declared: unknown) => {
    if (typeof declared === 'string') {
      const key = Object.keys(channels).find((candidate) => candidate === declared || (isRecord(channels[candidate]) && channels[candidate].address === declared));
      if (key !== undefined) keys.add(key);
    } else if (isRecord(declared) && typeof declared.$ref === 'string') {
      const target = resolveRef(declared.$ref, uri);
      if (target.kind === 'local' && target.path.length === 2 && target.path[0] === 'channels') keys.add(target.path[1]!);
    }
  };
  for (const channel of Object.values(channels)) {
    if (!isRecord(channel)) continue;
    add(channel['x-dead-letter']);
    for (const verb of ['publish', 'subscribe']) if (isRecord(channel[verb])) add((channel[verb] as Record<string, unknown>)['x-dead-letter']);
  }
  if (isRecord(document.operations)) for (const operation of Object.values(document.operations)) if (isRecord(operation)) add(operation['x-dead-letter']);
  return keys;
}
