import type { Engine } from '../engine';
import type { JsonPath } from '../text/paths';
import { childString } from '../text/tree';
import type { ApplicationModel, ChannelModel, MessageRef, OperationAction } from '../workspace/applicationModel';
import type { LoadedFile } from '../workspace/fileStore';
import { normaliseAddress } from './channelAddress';
import { dereferenceNode, locateNode, locateRef, locationKey, type NodeLocation } from './refLocations';
import { isPathPrefix } from '../text/paths';
import { WorkspaceReader } from './workspaceReader';

/** One operation of one application that sends or receives on a channel. */
export interface FlowParticipant {
  uri: string;
  /** The application's title. */
  application: string;
  operationKey: string;
  /** Where the operation is declared (its key). */
  operationPath: JsonPath;
  /** What the application does on this channel: a reply inverts the operation's action. */
  action: OperationAction;
  /** True when the participation is the reply of a request/reply operation. */
  isReply: boolean;
  channelKey: string;
  address?: string;
  /** The messages it sends or receives there. */
  messages: MessageIdentity[];
}

/** How a message is recognised across documents. */
export interface MessageIdentity {
  /** `name`, else `messageId`, else the key it is defined under. */
  name: string;
  /** Where its definition is (references followed), as `uri#/pointer`. */
  definition: string;
  definitionUri: string;
  definitionPath: JsonPath;
  /** Where the document mentions it (a channel's message entry or an operation's item). */
  sitePath: JsonPath;
}

/** Producers and consumers of one channel or message. */
export interface Flow {
  producers: FlowParticipant[];
  consumers: FlowParticipant[];
}

/** What one channel of one document is known by across the workspace. */
interface ChannelIdentity {
  keys: string[];
  address?: string;
  messages: MessageIdentity[];
}

const cache = new WeakMap<Engine, { generation: number; flows: Promise<WorkspaceFlows> }>();

/**
 * Who sends and who receives what, across every AsyncAPI document of the workspace index.
 * Channels of different documents are one channel when their addresses match with parameter
 * names dropped (or when both reference one shared definition); a message on such a channel is
 * the same message when its name (or its definition) is. Built once per index generation, in
 * time linear in the number of channels and operations.
 */
export class WorkspaceFlows {
  private readonly byIdentity = new Map<string, FlowParticipant[]>();
  private readonly byDefinition = new Map<string, FlowParticipant[]>();
  private readonly channels = new Map<string, ChannelIdentity>();
  /** Identity key → the channels known by it. */
  private readonly channelsByKey = new Map<string, Array<{ uri: string; channelKey: string }>>();
  /** Message definition → identity keys of the channels that carry it. */
  private readonly carriers = new Map<string, string[]>();

  /** The flows of the current index (open documents' unsaved text included). */
  static async of(reader: WorkspaceReader): Promise<WorkspaceFlows> {
    const engine = reader.engine;
    engine.indexOpenDocuments();
    const generation = engine.index.generation;
    const known = cache.get(engine);
    if (known && known.generation === generation) return known.flows;
    // Shared by every request until the index changes: built with a reader of its own, so that
    // one request's cancellation does not fail the others waiting for it.
    const flows = WorkspaceFlows.build(new WorkspaceReader(engine));
    cache.set(engine, { generation, flows });
    flows.catch(() => cache.delete(engine));
    return flows;
  }

  private static async build(reader: WorkspaceReader): Promise<WorkspaceFlows> {
    const flows = new WorkspaceFlows();
    const applications = reader.engine.index.applications();
    await Promise.all(applications.map((application) => reader.load(application.uri)));
    for (const application of applications) {
      reader.checkCancelled();
      flows.add(await contributionOf(reader, application));
    }
    return flows;
  }

  private add(contribution: Contribution) {
    const uri = contribution.uri;
    for (const [key, identity] of contribution.identities) {
      this.channels.set(channelId(uri, key), identity);
      for (const identityKey of identity.keys) push(this.channelsByKey, identityKey, { uri, channelKey: key });
      for (const message of identity.messages) {
        const keys = this.carriers.get(message.definition) ?? [];
        keys.push(...identity.keys);
        this.carriers.set(message.definition, keys);
      }
    }
    for (const participant of contribution.participants) {
      for (const key of contribution.identities.get(participant.channelKey)?.keys ?? []) push(this.byIdentity, key, participant);
      for (const message of participant.messages) push(this.byDefinition, message.definition, participant);
    }
  }

  /** Producers and consumers of the channel `channelKey` of the document `uri`. */
  channelFlow(uri: string, channelKey: string): Flow {
    const identity = this.channels.get(channelId(uri, channelKey));
    return split(this.participantsOf(identity?.keys ?? [], () => true));
  }

  /**
   * Producers and consumers of the message at `path` of the document `uri` (a channel's message
   * entry, a component message, a 2.x operation's message): the operations, in any document,
   * that use it on a channel that carries it.
   */
  messageFlow(reader: WorkspaceReader, uri: string, path: JsonPath): Flow {
    const definition = messageIdentityAt(reader, uri, path, String(path[path.length - 1]));
    if (!definition) return { producers: [], consumers: [] };
    const channelKeys = this.carriers.get(definition.definition);
    // A message no channel carries still meets the operations that list its definition.
    if (!channelKeys) return split(unique(this.byDefinition.get(definition.definition) ?? []));
    return split(this.participantsOf(channelKeys, (participant) => participant.messages.some((message) => message.definition === definition.definition || message.name === definition.name)));
  }

  /** The channels of other documents that are the same channel (by address or shared definition). */
  equivalentChannels(uri: string, channelKey: string): Array<{ uri: string; channelKey: string }> {
    const identity = this.channels.get(channelId(uri, channelKey));
    const result = new Map<string, { uri: string; channelKey: string }>();
    for (const key of identity?.keys ?? []) {
      if (key.startsWith('local:')) continue;
      for (const other of this.channelsByKey.get(key) ?? []) if (other.uri !== uri) result.set(channelId(other.uri, other.channelKey), other);
    }
    return [...result.values()];
  }

  /**
   * The definitions of the same message in other documents: what the other participants of its
   * flow send or receive under the same name (or the same definition).
   */
  equivalentMessages(reader: WorkspaceReader, uri: string, path: JsonPath): Array<{ uri: string; path: JsonPath }> {
    const definition = messageIdentityAt(reader, uri, path, String(path[path.length - 1]));
    if (!definition) return [];
    const flow = this.messageFlow(reader, uri, path);
    const result = new Map<string, { uri: string; path: JsonPath }>();
    for (const participant of [...flow.producers, ...flow.consumers]) {
      for (const message of participant.messages) {
        if (message.definition === definition.definition || message.name !== definition.name || message.definitionUri === uri) continue;
        result.set(message.definition, { uri: message.definitionUri, path: message.definitionPath });
      }
    }
    return [...result.values()];
  }

  /** The address a channel of a document has (references followed). */
  addressOf(uri: string, channelKey: string): string | undefined {
    return this.channels.get(channelId(uri, channelKey))?.address;
  }

  private participantsOf(keys: string[], accept: (participant: FlowParticipant) => boolean): FlowParticipant[] {
    const result: FlowParticipant[] = [];
    for (const key of new Set(keys)) for (const participant of this.byIdentity.get(key) ?? []) if (accept(participant)) result.push(participant);
    return unique(result);
  }

}

/** What one application adds to the workspace's flows: its channels and its operations on them. */
interface Contribution {
  uri: string;
  identities: Map<string, ChannelIdentity>;
  participants: FlowParticipant[];
  /** The versions of the other files its references read, when it was computed. */
  versions: Map<string, LoadedFile | undefined>;
}

/**
 * Contributions are kept per application model (the index makes a new one when the document
 * changes), and reused while the other files they read are the same versions: an edit of one
 * document of a large workspace recomputes that document's contribution only.
 */
const contributions = new WeakMap<ApplicationModel, Contribution>();

async function contributionOf(reader: WorkspaceReader, application: ApplicationModel): Promise<Contribution> {
  const known = contributions.get(application);
  if (known) {
    let current = true;
    for (const [uri, file] of known.versions) {
      if ((await reader.load(uri)) !== file) {
        current = false;
        break;
      }
    }
    if (current) return known;
  }
  const { result, reads } = await reader.settle(() => reader.tracking(() => computeContribution(reader, application)));
  reads.delete(application.uri);
  result.versions = new Map([...reads].map((uri) => [uri, reader.file(uri)]));
  contributions.set(application, result);
  return result;
}

function computeContribution(reader: WorkspaceReader, application: ApplicationModel): Contribution {
  const uri = application.uri;
  const identities = new Map<string, ChannelIdentity>();
  for (const channel of application.channels) identities.set(channel.key, channelIdentity(reader, application, channel));
  const participants: FlowParticipant[] = [];
  const add = (operation: ApplicationModel['operations'][number], channelKey: string | undefined, refs: MessageRef[], action: OperationAction, isReply: boolean) => {
    if (channelKey === undefined) return;
    const channel = identities.get(channelKey);
    if (!channel) return;
    participants.push({
      uri,
      application: application.title,
      operationKey: operation.key,
      operationPath: operation.path,
      action,
      isReply,
      channelKey,
      address: channel.address,
      messages: operationMessages(reader, uri, refs, channel),
    });
  };
  for (const operation of application.operations) {
    if (!operation.action) continue;
    add(operation, operation.channelKey, operation.messages, operation.action, false);
    // Only a reply with its own channel is a flow on a channel; an address set at run time is not.
    if (operation.reply?.channelKey !== undefined) add(operation, operation.reply.channelKey, operation.reply.messages, operation.action === 'send' ? 'receive' : 'send', true);
  }
  return { uri, identities, participants, versions: new Map() };
}

function channelId(uri: string, channelKey: string) {
  return `${uri}\u0000${channelKey}`;
}

function channelIdentity(reader: WorkspaceReader, application: ApplicationModel, channel: ChannelModel): ChannelIdentity {
  const uri = application.uri;
  let address = channel.address;
  const keys: string[] = [];
  if (channel.ref) {
    const site = locateNode(reader, uri, channel.path);
    const definition = site && dereferenceNode(reader, site);
    if (definition) {
      keys.push(`def:${locationKey(definition.uri, definition.path)}`);
      address ??= application.asyncapiVersion.startsWith('2') ? channel.key : childString(definition.node, 'address');
    }
  }
  if (address !== undefined) keys.push(`addr:${normaliseAddress(address)}`);
  keys.push(`local:${channelId(uri, channel.key)}`);
  const messages: MessageIdentity[] = [];
  for (const message of channel.messages) {
    const identity = messageIdentityAt(reader, uri, message.path, message.key);
    if (identity) messages.push(identity);
  }
  if (channel.ref && messages.length === 0) {
    // A channel defined elsewhere brings its messages along.
    const site = locateNode(reader, uri, channel.path);
    const definition = site && dereferenceNode(reader, site);
    const entries = definition ? childMessages(definition) : [];
    for (const entry of entries) {
      const identity = messageIdentityAt(reader, entry.uri, entry.path, String(entry.path[entry.path.length - 1]));
      if (identity) messages.push({ ...identity, sitePath: [...channel.path, 'messages', String(entry.path[entry.path.length - 1])] });
    }
  }
  return { keys, address, messages };
}

function childMessages(channel: NodeLocation): NodeLocation[] {
  const messages = channel.node.type === 'object' ? (channel.node.children ?? []).find((property) => property.children?.[0]?.value === 'messages')?.children?.[1] : undefined;
  if (messages?.type !== 'object') return [];
  return (messages.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return key && value ? [{ uri: channel.uri, file: channel.file, path: [...channel.path, 'messages', String(key.value)], node: value }] : [];
  });
}

/** The identity of the message at `path` of `uri`: its definition (references followed) and its name. */
export function messageIdentityAt(reader: WorkspaceReader, uri: string, path: JsonPath, fallbackName: string): MessageIdentity | undefined {
  const site = locateNode(reader, uri, path);
  if (!site) return undefined;
  const definition = dereferenceNode(reader, site);
  if (!definition) return { name: fallbackName, definition: locationKey(uri, path), definitionUri: uri, definitionPath: path, sitePath: path };
  const last = definition.path[definition.path.length - 1];
  const definedName = typeof last === 'string' && !/^\d+$/.test(last) && last !== 'message' ? last : fallbackName;
  const name = childString(definition.node, 'name') ?? childString(definition.node, 'messageId') ?? definedName;
  return { name, definition: locationKey(definition.uri, definition.path), definitionUri: definition.uri, definitionPath: definition.path, sitePath: path };
}

/** The messages an operation lists, as identities; none listed means all of its channel's. */
function operationMessages(reader: WorkspaceReader, uri: string, refs: MessageRef[], channel: ChannelIdentity): MessageIdentity[] {
  if (refs.length === 0) return channel.messages;
  const result: MessageIdentity[] = [];
  for (const item of refs) {
    const site = locateNode(reader, uri, item.path);
    if (!site) continue;
    // A reference to one of the channel's entries is that entry's message.
    const target = item.ref !== undefined ? locateRef(reader, site.file, item.ref) : site;
    const known = target && channel.messages.find((message) => target.uri === uri && isPathPrefix(message.sitePath, target.path) && message.sitePath.length === target.path.length);
    if (known) {
      result.push(known);
      continue;
    }
    const identity = messageIdentityAt(reader, uri, item.path, String(item.path[item.path.length - 1]));
    if (identity) result.push(identity);
  }
  return result;
}

function split(participants: FlowParticipant[]): Flow {
  const ordered = [...participants].sort((a, b) => a.application.localeCompare(b.application) || a.operationKey.localeCompare(b.operationKey) || Number(a.isReply) - Number(b.isReply));
  return { producers: ordered.filter((participant) => participant.action === 'send'), consumers: ordered.filter((participant) => participant.action === 'receive') };
}

function push<T>(map: Map<string, T[]>, key: string, item: T) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
