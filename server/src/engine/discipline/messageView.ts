import { dereference, type SchemaLocation, type SchemaSource } from '../schemas/bundle';
import { samePath, type JsonPath } from '../text/paths';
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

/**
 * The views of one document's last check, by definition, kept so that the next check hands the
 * rules the very same view object for a message whose parts are the same objects (its value, its
 * traits) and whose uses are equal: the per-message rule memo then knows it unchanged at a glance.
 */
export class KeptMessageViews {
  views = new Map<string, { view: MessageView; traits: readonly unknown[] }>();
}

/** The messages of a document, each definition once, with how they are used. */
export function messageViews(uri: string, document: Record<string, unknown>, application: ApplicationModel, read: SchemaSource, schemaIds: ReadonlyMap<string, string>, kept?: KeptMessageViews): MessageView[] {
  // The parts of each view first: its uses are complete only once every operation is seen.
  const byDefinition = new Map<string, { key: string; definition: SchemaLocation; site: SchemaLocation; own: Record<string, unknown>; uses: MessageUse[] }>();
  const viewAt = (site: SchemaLocation, key: string) => {
    const found = dereference(site, read, schemaIds);
    if (!found || !found.value || typeof found.value !== 'object' || Array.isArray(found.value)) return undefined;
    const id = `${found.location.uri}#/${found.location.path.join('/')}`;
    let parts = byDefinition.get(id);
    if (!parts) byDefinition.set(id, (parts = { key, definition: found.location, site, own: found.value as Record<string, unknown>, uses: [] }));
    return parts;
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
        const parts = viewAt(site, String(site.path[site.path.length - 1]));
        if (!parts || !operation.action) continue;
        const action: OperationAction = isReply ? (operation.action === 'send' ? 'receive' : 'send') : operation.action;
        parts.uses.push({ operationKey: operation.key, operationPath: operation.path, action, isReply, channelKey, address: channel?.address, protocols: protocolsOf(channelKey) });
      }
    };
    addUse(operation.messages, operation.channelKey, false);
    if (operation.reply) addUse(operation.reply.messages, operation.reply.channelKey ?? operation.channelKey, true);
  }
  const views: MessageView[] = [];
  const seen = new Map<string, { view: MessageView; traits: readonly unknown[] }>();
  for (const [id, parts] of byDefinition) {
    const before = kept?.views.get(id);
    const traits = traitValues(parts.own, parts.definition, read, schemaIds);
    const sameParts = !!before && before.view.own === parts.own && sameItems(before.traits, traits);
    const value = sameParts ? before.view.value : withTraits(parts.own, traits);
    const name = typeof value.name === 'string' ? value.name : typeof value.messageId === 'string' ? value.messageId : parts.key;
    const view =
      sameParts && before.view.key === parts.key && sameLocation(before.view.definition, parts.definition) && sameLocation(before.view.site, parts.site) && sameUses(before.view.uses, parts.uses)
        ? before.view
        : { key: parts.key, name, definition: parts.definition, site: parts.site, value, own: parts.own, uses: parts.uses };
    seen.set(id, { view, traits });
    views.push(view);
  }
  if (kept) kept.views = seen;
  return views;
}

/** Whether two lists of uses say the same (each field equal, in order). */
export function sameUses(a: readonly MessageUse[], b: readonly MessageUse[]): boolean {
  return (
    a.length === b.length &&
    a.every((use, index) => {
      const other = b[index]!;
      return (
        use.operationKey === other.operationKey &&
        use.action === other.action &&
        use.isReply === other.isReply &&
        use.channelKey === other.channelKey &&
        use.address === other.address &&
        samePath(use.operationPath, other.operationPath) &&
        sameItems(use.protocols, other.protocols)
      );
    })
  );
}

function sameLocation(a: SchemaLocation, b: SchemaLocation) {
  return a.uri === b.uri && samePath(a.path, b.path);
}


function sameItems(a: readonly unknown[], b: readonly unknown[]) {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** The message's traits, each `$ref` followed (objects only; others are left out, as when merged). */
function traitValues(message: Record<string, unknown>, at: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): Record<string, unknown>[] {
  const traits = message.traits;
  if (!Array.isArray(traits) || traits.length === 0) return [];
  return traits.flatMap((_, index) => {
    const trait = dereference({ uri: at.uri, path: [...at.path, 'traits', index] }, read, schemaIds)?.value;
    return trait && typeof trait === 'object' && !Array.isArray(trait) ? [trait as Record<string, unknown>] : [];
  });
}

/** Applies message traits: each trait in order, then the message itself on top. */
function withTraits(message: Record<string, unknown>, traits: readonly Record<string, unknown>[]): Record<string, unknown> {
  if (!Array.isArray(message.traits) || message.traits.length === 0) return message;
  let merged: Record<string, unknown> = {};
  for (const trait of traits) merged = mergePatch(merged, trait);
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
