import type { JsonPath } from '../../text/paths';
import { isPlainObject, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';

export type V2OperationKind = 'subscribe' | 'publish';

/** The operations of the channels under `parent` (the root, or `components`), subscribe first as the parser lists them. */
export function v2Operations(document: ResolvedDocument, channelsPath: JsonPath): ResolvedNode[] {
  const operations: ResolvedNode[] = [];
  for (const [, channel] of document.entries(document.at(channelsPath))) {
    for (const kind of ['subscribe', 'publish'] as const) {
      const operation = document.child(channel, kind);
      if (operation && isPlainObject(operation.value)) operations.push(operation);
    }
  }
  return operations;
}

/** An operation's message, or each of its `oneOf` messages. */
export function v2MessagesOf(document: ResolvedDocument, operation: ResolvedNode): ResolvedNode[] {
  const message = document.child(operation, 'message');
  if (!message || !isPlainObject(message.value)) return [];
  if (Array.isArray(message.value.oneOf)) return document.items(document.child(message, 'oneOf')).filter((item) => isPlainObject(item.value));
  return [message];
}

/** An object with its traits applied, as the parser merges them to look for an id. */
export function withTraitsMerged(document: ResolvedDocument, node: ResolvedNode): Record<string, unknown> {
  const value = node.value as Record<string, unknown>;
  if (!Array.isArray(value.traits)) return value;
  const merged: Record<string, unknown> = { ...value };
  for (const trait of document.items(document.child(node, 'traits'))) {
    if (!isPlainObject(trait.value)) continue;
    for (const [key, patch] of Object.entries(trait.value)) merged[key] = mergePatch(merged[key], patch);
  }
  return merged;
}

function mergePatch(origin: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(origin) ? { ...origin } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}
