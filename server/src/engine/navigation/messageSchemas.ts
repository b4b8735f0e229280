import { collectRefSites } from '../references/refSites';
import type { SchemaLocation } from '../schemas/bundle';
import type { JsonPath } from '../text/paths';
import { childValue, childString, objectProperties } from '../text/tree';
import { shapeAtPath } from './asyncApiShapes';
import { dereferenceNode, locateNode, locateRef, locationKey, type NodeLocation } from './refLocations';
import type { NavigationDocument } from './navigationDocument';

/**
 * The schema of a message's payload or headers: where it is (in a multi-format schema, its
 * `schema`), taking headers from the message's traits when the message has none of its own.
 * Reads through the document's reader (run inside `reader.settle`).
 */
export function messageSchemaLocation(document: NavigationDocument, message: NodeLocation, role: 'payload' | 'headers'): SchemaLocation | undefined {
  const definition = dereferenceNode(document.reader, message);
  if (!definition) return undefined;
  const own = schemaIn(definition, role);
  if (own || role === 'payload') return own;
  const traits = childValue(definition.node, 'traits');
  for (let index = (traits?.children?.length ?? 0) - 1; index >= 0; index--) {
    const trait = locateNode(document.reader, definition.uri, [...definition.path, 'traits', index]);
    const resolved = trait && dereferenceNode(document.reader, trait);
    const found = resolved && schemaIn(resolved, role);
    if (found) return found;
  }
  return undefined;
}

function schemaIn(message: NodeLocation, role: 'payload' | 'headers'): SchemaLocation | undefined {
  const node = childValue(message.node, role);
  if (!node) return undefined;
  const path = [...message.path, role];
  if (childValue(node, 'schemaFormat') !== undefined && childValue(node, 'schema') !== undefined) return { uri: message.uri, path: [...path, 'schema'] };
  return { uri: message.uri, path };
}

/**
 * The messages a place in a document is about, for runtime expressions: the message it is in
 * (a correlation id, an example), the messages of the channel (a parameter's location), of the
 * request (a reply address), or of whoever references the shared component it is in. When
 * nothing narrows it, every message of the document.
 */
export function messagesForPlace(document: NavigationDocument, path: JsonPath): NodeLocation[] {
  const { reader, file, major } = document;
  if (major === undefined) return [];
  const uri = file.uri;
  // The innermost message (or message trait) that contains the place.
  for (let length = path.length; length >= 1; length--) {
    const prefix = path.slice(0, length);
    const shape = shapeAtPath(document.root, prefix, major);
    if (shape?.kind === 'message') {
      const site = locateNode(reader, uri, prefix);
      return site ? [site] : [];
    }
    if (shape?.kind === 'messageTrait' || shape?.kind === 'correlationId' || shape?.kind === 'parameter' || shape?.kind === 'operationReplyAddress') {
      const inComponents = prefix.length === 3 && prefix[0] === 'components';
      if (inComponents) {
        const users = referrersInDocument(document, prefix);
        const messages = users.flatMap((user) => messagesForPlace(document, user));
        if (messages.length > 0) return unique(document, messages);
        break;
      }
      if (shape.kind === 'parameter' && prefix[0] === 'channels') return channelMessages(document, prefix.slice(0, 2));
      if (shape.kind === 'operationReplyAddress') return operationMessages(document, prefix.slice(0, 2));
    }
  }
  return allMessages(document);
}

/** Places in the document that `$ref` the component at `path` (directly). */
function referrersInDocument(document: NavigationDocument, path: JsonPath): JsonPath[] {
  const target = locationKey(document.file.uri, path);
  const result: JsonPath[] = [];
  for (const site of collectRefSites(document.root)) {
    if (!site.ref.startsWith('#')) continue;
    const located = locateRef(document.reader, document.file, site.ref);
    if (located && locationKey(located.uri, located.path) === target) result.push(site.ownerPath);
  }
  return result;
}

function channelMessages(document: NavigationDocument, channelPath: JsonPath): NodeLocation[] {
  const site = locateNode(document.reader, document.file.uri, channelPath);
  const channel = site && dereferenceNode(document.reader, site);
  if (!channel) return [];
  if (document.major === 2) {
    const result: NodeLocation[] = [];
    for (const verb of ['publish', 'subscribe']) {
      const message = locateNode(document.reader, channel.uri, [...channel.path, verb, 'message']);
      if (!message) continue;
      const oneOf = childValue(message.node, 'oneOf');
      if (oneOf?.type === 'array') (oneOf.children ?? []).forEach((_, index) => pushDefined(result, locateNode(document.reader, channel.uri, [...message.path, 'oneOf', index])));
      else result.push(message);
    }
    return result;
  }
  return [...objectProperties(childValue(channel.node, 'messages')).keys()].flatMap((key) => {
    const message = locateNode(document.reader, channel.uri, [...channel.path, 'messages', key]);
    return message ? [message] : [];
  });
}

function operationMessages(document: NavigationDocument, operationPath: JsonPath): NodeLocation[] {
  const site = locateNode(document.reader, document.file.uri, operationPath);
  const operation = site && dereferenceNode(document.reader, site);
  if (!operation) return [];
  const listed = childValue(operation.node, 'messages');
  if (listed?.type === 'array' && (listed.children?.length ?? 0) > 0) {
    const result: NodeLocation[] = [];
    (listed.children ?? []).forEach((_, index) => pushDefined(result, locateNode(document.reader, operation.uri, [...operation.path, 'messages', index])));
    return result;
  }
  const channelRef = childString(childValue(operation.node, 'channel'), '$ref');
  const channel = channelRef !== undefined ? locateRef(document.reader, operation.file, channelRef) : undefined;
  return channel ? channelMessages({ ...document, file: channel.file, root: channel.file.tree.root }, channel.path) : [];
}

function allMessages(document: NavigationDocument): NodeLocation[] {
  const uri = document.file.uri;
  const result: NodeLocation[] = [];
  for (const key of objectProperties(childValue(childValue(document.root, 'components'), 'messages')).keys()) pushDefined(result, locateNode(document.reader, uri, ['components', 'messages', key]));
  for (const key of objectProperties(childValue(document.root, 'channels')).keys()) result.push(...channelMessages(document, ['channels', key]));
  return unique(document, result);
}

function pushDefined(list: NodeLocation[], item: NodeLocation | undefined) {
  if (item) list.push(item);
}

/** One entry per definition (references followed). */
function unique(document: NavigationDocument, locations: NodeLocation[]): NodeLocation[] {
  const seen = new Set<string>();
  return locations.filter((location) => {
    const definition = dereferenceNode(document.reader, location) ?? location;
    const key = locationKey(definition.uri, definition.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
