import { dereference, type SchemaLocation, type SchemaSource } from '../schemas/bundle';
import type { JsonPath } from '../text/paths';
import type { ApplicationModel, OperationAction } from '../workspace/applicationModel';

/** How an operation of the document uses a message. */
export interface MessageUse {
  operationKey: string;
  operationPath: JsonPath;
  /** What the application does with the message: a reply inverts the operation's action. */
  action: OperationAction;
  isReply: boolean;
  channelKey?: string;
  address?: string;
  /** Protocols of the servers the channel is on (all of the document's, when it lists none). */
  protocols: string[];
}

/**
 * One message of a document as the rules see it: where it is defined (possibly in another file),
 * its content with `$ref`s of the message itself followed and traits applied, and how the
 * document's operations use it.
 */
export interface MessageView {
  /** The key it is known by (under components.messages or a channel's messages). */
  key: string;
  /** `name`, else the key. */
  name: string;
  /** Where the definition is. */
  definition: SchemaLocation;
  /** Where this document mentions it first (the definition, or the `$ref` to it). */
  site: SchemaLocation;
  /** The message object with its traits merged in (the message's own values win). */
  value: Record<string, unknown>;
  /** The message object as written, without traits (for fixes: edits go there). */
  own: Record<string, unknown>;
  uses: MessageUse[];
}

/** The messages of a document, each definition once, with how they are used. */
export function messageViews(uri: string, document: Record<string, unknown>, application: ApplicationModel, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): MessageView[] {
  const byDefinition = new Map<string, MessageView>();
  const viewAt = (site: SchemaLocation, key: string): MessageView | undefined => {
    const found = dereference(site, read, schemaIds);
    if (!found || !found.value || typeof found.value !== 'object' || Array.isArray(found.value)) return undefined;
    const id = `${found.location.uri}#/${found.location.path.join('/')}`;
    let view = byDefinition.get(id);
    if (!view) {
      const own = found.value as Record<string, unknown>;
      const value = withTraits(own, found.location, read, schemaIds);
      view = { key, name: typeof value.name === 'string' ? value.name : typeof value.messageId === 'string' ? value.messageId : key, definition: found.location, site, value, own, uses: [] };
      byDefinition.set(id, view);
    }
    return view;
  };
  const components = (document.components as Record<string, unknown> | undefined)?.messages;
  if (components && typeof components === 'object') for (const key of Object.keys(components)) viewAt({ uri, path: ['components', 'messages', key] }, key);
  // By key, and each channel's protocols once: a large document has thousands of operations.
  const channels = new Map<string | undefined, ApplicationModel['channels'][number]>();
  for (const channel of application.channels) if (!channels.has(channel.key)) channels.set(channel.key, channel);
  const protocols = new Map<string | undefined, string[]>();
  const protocolsOf = (channelKey: string | undefined) => {
    let found = protocols.get(channelKey);
    if (!found) {
      const channel = channels.get(channelKey);
      const servers = channel && channel.servers.length > 0 ? application.servers.filter((server) => channel.servers.includes(server.key)) : application.servers;
      protocols.set(channelKey, (found = [...new Set(servers.map((server) => server.protocol).filter((protocol): protocol is string => !!protocol))]));
    }
    // Each use gets its own list, as before: nothing downstream may see another use's.
    return [...found];
  };
  for (const channel of application.channels) {
    for (const message of channel.messages) viewAt({ uri, path: message.path }, message.key);
  }
  for (const operation of application.operations) {
    const addUse = (refs: Array<{ ref?: string; path: JsonPath }>, channelKey: string | undefined, isReply: boolean) => {
      const channel = channels.get(channelKey);
      // An operation that lists no messages sends or receives all of its channel's.
      const sites = refs.length > 0 ? refs.map((item) => ({ uri, path: item.path })) : (channel?.messages ?? []).map((message) => ({ uri, path: message.path }));
      for (const site of sites) {
        const view = viewAt(site, String(site.path[site.path.length - 1]));
        if (!view || !operation.action) continue;
        const action: OperationAction = isReply ? (operation.action === 'send' ? 'receive' : 'send') : operation.action;
        view.uses.push({ operationKey: operation.key, operationPath: operation.path, action, isReply, channelKey, address: channel?.address, protocols: protocolsOf(channelKey) });
      }
    };
    addUse(operation.messages, operation.channelKey, false);
    if (operation.reply) addUse(operation.reply.messages, operation.reply.channelKey ?? operation.channelKey, true);
  }
  return [...byDefinition.values()];
}

/** Applies message traits: each trait in order, then the message itself on top. */
function withTraits(message: Record<string, unknown>, at: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): Record<string, unknown> {
  const traits = message.traits;
  if (!Array.isArray(traits) || traits.length === 0) return message;
  let merged: Record<string, unknown> = {};
  traits.forEach((_, index) => {
    const trait = dereference({ uri: at.uri, path: [...at.path, 'traits', index] }, read, schemaIds)?.value;
    if (trait && typeof trait === 'object' && !Array.isArray(trait)) merged = mergePatch(merged, trait as Record<string, unknown>);
  });
  const { traits: _traits, ...rest } = message;
  return mergePatch(merged, rest);
}

/** JSON merge patch (RFC 7386), as the AsyncAPI specification applies traits. */
function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (value && typeof value === 'object' && !Array.isArray(value) && result[key] && typeof result[key] === 'object' && !Array.isArray(result[key])) {
      result[key] = mergePatch(result[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else result[key] = value;
  }
  return result;
}
