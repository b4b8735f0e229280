import type { GraphSource } from './graphSource';
import { isProtobufSchemaFormat } from '../protobuf/protobufPayloads';
import { payloadMessageOf, protoFieldTypeText } from '../protobuf/rootMessage';
import { nodeAtPath, type JsonPath } from '../text/paths';
import { childString, childValue, objectProperties, type TreeNode } from '../text/tree';
import type { ApplicationModel, MessageRef, OperationAction, ServerModel } from '../workspace/applicationModel';
import type { LoadedFile } from '../workspace/fileStore';
import { identityKeys, normaliseHost, UnionFind, type Endpoint } from './channelIdentity';
import type { ChannelDeclaration, EventFlowModel, FlowDirection, FlowKind, GraphChannel, GraphFlow, GraphLocation, GraphMessage, GraphService, PayloadField } from './graphModel';
import { locate, RefFollower, wholeFile, type PlacedNode } from './refFollower';

const MAX_PAYLOAD_FIELDS = 40;

/** What one message definition says, after its `$ref`s. */
interface MessageInfo {
  name: string;
  title?: string;
  summary?: string;
  contentType?: string;
  schemaFormat?: string;
  payloadFields: PayloadField[];
  moreFields: boolean;
  definition: GraphLocation;
  /** Other files that hold its payload or headers schema. */
  schemaFiles: string[];
}

/** One channel as one document declares it, before declarations are merged. */
interface Declaration {
  index: number;
  serviceId: string;
  key: string;
  address?: string;
  endpoints: Endpoint[];
  keys: string[];
  /** Message key → message id. 3.x: the key under `messages`; 2.x: file and path of the message. */
  messages: Map<string, string>;
  /** Message ids in declaration order. */
  messageOrder: string[];
  location: GraphLocation;
  tags: string[];
}

/** A flow before channels are merged: it points at a declaration (or at a request's dynamic reply). */
interface PendingFlow {
  serviceId: string;
  declaration: number;
  /** The reply goes to an address taken from the request at run time. */
  dynamicReply?: string;
  messageId: string;
  direction: FlowDirection;
  kind: FlowKind;
  operationKey: string;
  location: GraphLocation;
}

interface MessageRecord {
  infos: { info: MessageInfo; serviceId: string }[];
  definitionKeys: Set<string>;
}

/**
 * Builds the workspace's event-flow model from the index. Call `engine.indexOpenDocuments()`
 * first when editors may hold unsaved changes.
 */
export async function buildEventFlowModel(engine: GraphSource): Promise<EventFlowModel> {
  return new EventFlowModelBuilder(engine).build();
}

/**
 * Builds the model again and again as the workspace changes, re-reading only the documents whose
 * files changed: an edit of one service's document costs that document's reading and the merge
 * across documents (at 1,000 channels in 40 documents, reading is most of the work).
 */
export class EventFlowModelBuilder {
  private readings = new Map<string, DocumentReading>();

  constructor(private readonly engine: GraphSource) {}

  async build(): Promise<EventFlowModel> {
    const generation = this.engine.index.generation;
    const previous = this.readings;
    const readings = new Map<string, DocumentReading>();
    const builder = new GraphBuilder();
    const limits = readingLimits(this.engine);
    for (const application of this.engine.index.applications()) {
      let reading = previous.get(application.uri);
      if (!reading || !(await this.stillValid(reading, application, limits))) reading = await new DocumentReader(this.engine).read(application, limits);
      if (!reading) continue;
      readings.set(application.uri, reading);
      builder.add(reading);
    }
    this.readings = readings;
    return builder.assemble(generation);
  }

  /** A reading holds while its document's index entry and every file it read are the same versions. */
  private async stillValid(reading: DocumentReading, application: ApplicationModel, limits: string) {
    if (reading.application !== application || reading.limits !== limits) return false;
    for (const [uri, file] of reading.filesRead) if ((await this.engine.files.get(uri)) !== file) return false;
    return true;
  }
}

/**
 * What else a reading depends on: the size limit (a file above it is not read) and the schema
 * `$id`s that `$ref`s may name (sorted: re-indexing a schema moves its `$id` in the map).
 */
function readingLimits(engine: GraphSource) {
  return `${engine.getSettings().maxFileSize}\n${[...engine.index.schemaIds].map(([id, uri]) => `${id} ${uri}`).sort().join('\n')}`;
}

/** What one document contributes to the model, kept across builds while its files stay the same. */
interface DocumentReading {
  application: ApplicationModel;
  limits: string;
  /** Every file the reading loaded (undefined: could not be read), at the version it read. */
  filesRead: Map<string, LoadedFile | undefined>;
  service: GraphService;
  /** `index` and flows' `declaration` count from 0 within the document. */
  declarations: Declaration[];
  flows: PendingFlow[];
  /** Message definitions in the order the document first used them. */
  messageUses: { messageId: string; definitionKey: string; info: MessageInfo; serviceId: string }[];
}

/** Reads one document (and what its `$ref`s reach) into a DocumentReading. */
class DocumentReader {
  private readonly follower: RefFollower;
  private readonly filesRead = new Map<string, LoadedFile | undefined>();
  private readonly declarations: Declaration[] = [];
  private readonly flows: PendingFlow[] = [];
  private readonly messageUses: DocumentReading['messageUses'] = [];
  private readonly infoCache = new Map<string, MessageInfo>();
  private service?: GraphService;

  constructor(engine: GraphSource) {
    this.follower = new RefFollower(engine, (uri, file) => this.filesRead.set(uri, file));
  }

  async read(application: ApplicationModel, limits: string): Promise<DocumentReading | undefined> {
    const file = await this.follower.file(application.uri);
    if (!file) return undefined;
    await this.readApplication(application, file);
    return { application, limits, filesRead: this.filesRead, service: this.service!, declarations: this.declarations, flows: this.flows, messageUses: this.messageUses };
  }

  // ----------------------------------------------------------------------------------------------
  // One document

  private async readApplication(application: ApplicationModel, file: LoadedFile) {
    const serviceId = `service:${application.uri}`;
    const major = application.asyncapiVersion.startsWith('2') ? 2 : 3;
    const servers = new Map<string, Endpoint>();
    for (const server of application.servers) servers.set(server.key, await this.endpointOf(server, file));
    const root = file.tree.root;
    const info = childValue(root, 'info');
    const protocols = new Set<string>();
    for (const endpoint of servers.values()) if (endpoint.protocol) protocols.add(endpoint.protocol.toLowerCase());
    this.service = {
      id: serviceId,
      title: application.title,
      version: application.version,
      asyncapiVersion: application.asyncapiVersion,
      uri: application.uri,
      protocols: [...protocols].sort(),
      tags: tagNames(info),
      location: locate(file, childValue(info, 'title') ? ['info', 'title'] : info ? ['info'] : []),
      documentExtent: wholeFile(file),
    };

    const byKey = new Map<string, Declaration>();
    for (const channel of application.channels) {
      const start: PlacedNode = { file, node: nodeAtPath(root, channel.path), path: channel.path };
      const placed = channel.ref ? await this.follower.follow(start) : start;
      const address = major === 2 ? channel.key : (channel.address ?? childString(placed.node, 'address'));
      const serverKeys = channel.servers.filter((key) => servers.has(key));
      const endpoints = (serverKeys.length > 0 ? serverKeys : [...servers.keys()]).map((key) => servers.get(key)!);
      const shared = channel.ref && placed !== start ? `${placed.file.uri}#/${placed.path.join('/')}` : undefined;
      const declaration: Declaration = {
        index: this.declarations.length,
        serviceId,
        key: channel.key,
        address,
        endpoints: uniqueEndpoints(endpoints),
        keys: identityKeys(address, uniqueEndpoints(endpoints), shared),
        messages: new Map(),
        messageOrder: [],
        location: locate(file, channel.path),
        tags: tagNames(placed.node),
      };
      if (declaration.keys.length === 0) declaration.keys.push(`decl:${application.uri}#${channel.key}`);
      this.declarations.push(declaration);
      byKey.set(channel.key, declaration);

      if (major === 3) {
        for (const [key, property] of objectProperties(childValue(placed.node, 'messages'))) {
          const messageId = await this.messageIdOf({ file: placed.file, node: property.children?.[1], path: [...placed.path, 'messages', key] }, key, serviceId);
          addMessage(declaration, key, messageId);
        }
      } else if (!channel.ref) {
        for (const message of channel.messages) {
          const messageId = await this.messageIdOf({ file, node: nodeAtPath(root, message.path), path: message.path }, genericKey(message.key) ? undefined : message.key, serviceId, fallbackName(address, message.path));
          addMessage(declaration, pathKey(file.uri, message.path), messageId);
        }
      } else {
        await this.readReferencedVersion2Channel(placed, declaration, serviceId);
      }
    }

    // A 2.x `$ref`'d channel's operations were read with the channel.
    const referencedVersion2 = new Set(major === 2 ? application.channels.filter((channel) => channel.ref).map((channel) => channel.key) : []);
    for (const operation of application.operations) {
      const declaration = operation.channelKey !== undefined ? byKey.get(operation.channelKey) : undefined;
      if (!declaration || referencedVersion2.has(declaration.key)) continue;
      const location = locate(file, operation.path);
      const messageIds = await this.operationMessages(operation.messages, declaration, file, serviceId, major);
      const direction: FlowDirection = operation.action ?? 'unknown';
      const reply = operation.action ? operation.reply : undefined;
      const kind: FlowKind = reply ? 'request' : 'event';
      for (const messageId of messageIds) this.flows.push({ serviceId, declaration: declaration.index, messageId, direction, kind, operationKey: operation.key, location });
      if (!reply) continue;
      const replyDeclaration = reply.channelKey !== undefined ? byKey.get(reply.channelKey) : undefined;
      const replyDirection: FlowDirection = operation.action === 'send' ? 'receive' : 'send';
      const replyLocation = locate(file, [...operation.path, 'reply']);
      if (replyDeclaration) {
        for (const messageId of await this.operationMessages(reply.messages, replyDeclaration, file, serviceId, major)) {
          this.flows.push({ serviceId, declaration: replyDeclaration.index, messageId, direction: replyDirection, kind: 'reply', operationKey: operation.key, location: replyLocation });
        }
      } else if (reply.addressLocation !== undefined) {
        for (const messageId of await this.operationMessages(reply.messages, undefined, file, serviceId, major)) {
          this.flows.push({ serviceId, declaration: declaration.index, dynamicReply: reply.addressLocation, messageId, direction: replyDirection, kind: 'reply', operationKey: operation.key, location: replyLocation });
        }
      }
    }
  }

  /** A 2.x channel that is itself a `$ref`: its publish/subscribe live in the target. */
  private async readReferencedVersion2Channel(placed: PlacedNode, declaration: Declaration, serviceId: string) {
    for (const verb of ['publish', 'subscribe'] as const) {
      const operation = childValue(placed.node, verb);
      if (!operation) continue;
      const operationPath = [...placed.path, verb];
      const message = childValue(operation, 'message');
      const oneOf = childValue(message, 'oneOf');
      const entries: { node: TreeNode | undefined; path: JsonPath }[] =
        oneOf?.type === 'array' ? (oneOf.children ?? []).map((node, index) => ({ node, path: [...operationPath, 'message', 'oneOf', index] })) : message ? [{ node: message, path: [...operationPath, 'message'] }] : [];
      const location = declaration.location;
      for (const entry of entries) {
        const messageId = await this.messageIdOf({ file: placed.file, node: entry.node, path: entry.path }, undefined, serviceId, fallbackName(declaration.address, entry.path));
        addMessage(declaration, pathKey(placed.file.uri, entry.path), messageId);
        const action: OperationAction = verb === 'subscribe' ? 'send' : 'receive';
        this.flows.push({ serviceId, declaration: declaration.index, messageId, direction: action, kind: 'event', operationKey: childString(operation, 'operationId') ?? `${declaration.key}/${verb}`, location });
      }
    }
  }

  /** The message ids an operation names; all of the channel's when it names none. */
  private async operationMessages(refs: MessageRef[], declaration: Declaration | undefined, file: LoadedFile, serviceId: string, major: number): Promise<string[]> {
    if (refs.length === 0) return declaration ? [...declaration.messageOrder] : [];
    const result: string[] = [];
    for (const reference of refs) {
      let messageId: string | undefined;
      if (major === 2) {
        messageId = declaration?.messages.get(pathKey(file.uri, reference.path));
      } else if (reference.ref !== undefined) {
        const match = /^#\/channels\/([^/]+)\/messages\/([^/]+)$/.exec(reference.ref);
        if (match && declaration) messageId = declaration.messages.get(decodeSegment(match[2]!));
        messageId ??= await this.messageIdOf({ file, node: nodeAtPath(file.tree.root, reference.path), path: reference.path }, undefined, serviceId);
      }
      if (messageId !== undefined && !result.includes(messageId)) result.push(messageId);
    }
    return result;
  }

  private async endpointOf(server: ServerModel, file: LoadedFile): Promise<Endpoint> {
    if (server.host !== undefined || server.protocol !== undefined) return { protocol: server.protocol?.toLowerCase(), host: normaliseHost(server.host, server.pathname) };
    // `servers: { x: { $ref: '../common/servers.yaml#/x' } }`: the index records only the document's own text.
    const placed = await this.follower.follow({ file, node: nodeAtPath(file.tree.root, server.path), path: server.path });
    const protocol = childString(placed.node, 'protocol')?.toLowerCase();
    const url = childString(placed.node, 'url');
    if (url !== undefined) {
      const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
      const slash = withoutScheme.indexOf('/');
      return { protocol, host: normaliseHost(slash < 0 ? withoutScheme : withoutScheme.slice(0, slash), slash < 0 ? undefined : withoutScheme.slice(slash)) };
    }
    return { protocol, host: normaliseHost(childString(placed.node, 'host'), childString(placed.node, 'pathname')) };
  }

  // ----------------------------------------------------------------------------------------------
  // Messages

  /** Reads the message (through its `$ref`s), records its definition and returns its id. */
  private async messageIdOf(start: PlacedNode, key: string | undefined, serviceId: string, lastResort?: string): Promise<string> {
    const placed = await this.follower.follow(start);
    const cacheKey = pathKey(placed.file.uri, placed.path);
    let info = this.infoCache.get(cacheKey);
    if (!info) {
      const node = placed.node;
      const name = childString(node, 'name') ?? childString(node, 'messageId') ?? (placed !== start ? placed.refName : undefined) ?? key ?? childString(node, 'title') ?? lastResort ?? 'message';
      const payload = await this.payloadOf(placed);
      const schemaFiles = new Set<string>();
      if (payload.uri && payload.uri !== placed.file.uri) schemaFiles.add(payload.uri);
      const headers = childValue(placed.node, 'headers');
      if (headers) {
        const followed = await this.follower.follow({ file: placed.file, node: headers, path: [...placed.path, 'headers'] });
        if (followed.file.uri !== placed.file.uri) schemaFiles.add(followed.file.uri);
      }
      info = {
        name,
        title: childString(node, 'title'),
        summary: childString(node, 'summary') ?? firstLine(childString(node, 'description')),
        contentType: childString(node, 'contentType'),
        schemaFormat: payload.schemaFormat,
        payloadFields: payload.fields,
        moreFields: payload.more,
        definition: locate(placed.file, placed.path),
        schemaFiles: [...schemaFiles],
      };
      this.infoCache.set(cacheKey, info);
      this.messageUses.push({ messageId: `message:${info.name}`, definitionKey: cacheKey, info, serviceId });
    }
    return `message:${info.name}`;
  }

  private async payloadOf(message: PlacedNode): Promise<{ fields: PayloadField[]; more: boolean; schemaFormat?: string; uri?: string }> {
    let payload = childValue(message.node, 'payload');
    let path: JsonPath = [...message.path, 'payload'];
    let schemaFormat = childString(message.node, 'schemaFormat');
    if (childValue(payload, 'schemaFormat') && childValue(payload, 'schema')) {
      schemaFormat = childString(payload, 'schemaFormat');
      payload = childValue(payload, 'schema');
      path = [...path, 'schema'];
    }
    if (!payload) return { fields: [], more: false, schemaFormat };
    const schema = await this.follower.follow({ file: message.file, node: payload, path });
    const fields: PayloadField[] = [];
    const seen = new Set<string>();
    const add = (field: PayloadField) => {
      if (seen.has(field.name)) return;
      seen.add(field.name);
      fields.push(field);
    };
    if (isProtobufSchemaFormat(schemaFormat)) {
      // Inline proto source, or the `.proto` file the `$ref` names: the payload is its root message.
      const source = payload.type === 'string' ? String(payload.value) : schema.file.kind.kind === 'protobuf' ? schema.file.source.text : undefined;
      const root = source === undefined ? undefined : payloadMessageOf(source);
      for (const field of root?.fields ?? []) add({ name: field.name, type: protoFieldTypeText(field), required: field.label === 'required' });
      return { fields: fields.slice(0, MAX_PAYLOAD_FIELDS), more: fields.length > MAX_PAYLOAD_FIELDS, schemaFormat, uri: schema.file.uri };
    }
    const avro = /avro/i.test(schemaFormat ?? '') || schema.file.uri.toLowerCase().endsWith('.avsc') || (childString(schema.node, 'type') === 'record' && childValue(schema.node, 'fields')?.type === 'array');
    if (avro) {
      for (const field of childValue(schema.node, 'fields')?.children ?? []) {
        const name = childString(field, 'name');
        if (name === undefined) continue;
        const type = childValue(field, 'type');
        add({ name, type: avroTypeText(type), required: !(type?.type === 'array' && (type.children ?? []).some((item) => item.value === 'null')) });
      }
    } else {
      await this.collectProperties(schema, add, 0);
    }
    return { fields: fields.slice(0, MAX_PAYLOAD_FIELDS), more: fields.length > MAX_PAYLOAD_FIELDS, schemaFormat, uri: schema.file.uri };
  }

  private async collectProperties(schema: PlacedNode, add: (field: PayloadField) => void, depth: number) {
    if (depth > 3) return;
    const required = new Set((childValue(schema.node, 'required')?.children ?? []).filter((item) => item.type === 'string').map((item) => String(item.value)));
    for (const [name, property] of objectProperties(childValue(schema.node, 'properties'))) {
      add({ name, type: jsonTypeText(property.children?.[1]), required: required.has(name) });
    }
    for (const combinator of ['allOf'] as const) {
      const branches = childValue(schema.node, combinator);
      for (const [index, branch] of (branches?.children ?? []).entries()) {
        const placed = await this.follower.follow({ file: schema.file, node: branch, path: [...schema.path, combinator, index] });
        await this.collectProperties(placed, add, depth + 1);
      }
    }
  }
}

/** Merges the documents' readings: channels across documents, messages, flows. */
class GraphBuilder {
  private readonly services: GraphService[] = [];
  private readonly declarations: Declaration[] = [];
  private readonly flows: PendingFlow[] = [];
  private readonly messages = new Map<string, MessageRecord>();

  add(reading: DocumentReading) {
    this.services.push(reading.service);
    const offset = this.declarations.length;
    for (const declaration of reading.declarations) this.declarations.push({ ...declaration, index: declaration.index + offset });
    for (const flow of reading.flows) this.flows.push({ ...flow, declaration: flow.declaration + offset });
    for (const use of reading.messageUses) {
      let record = this.messages.get(use.messageId);
      if (!record) {
        record = { infos: [], definitionKeys: new Set() };
        this.messages.set(use.messageId, record);
      }
      // The first document to use a definition speaks for it.
      if (!record.definitionKeys.has(use.definitionKey)) {
        record.definitionKeys.add(use.definitionKey);
        record.infos.push({ info: use.info, serviceId: use.serviceId });
      }
    }
  }

  assemble(generation: number): EventFlowModel {
    return this.assembleChannels(generation, this.mergeChannels());
  }

  // ----------------------------------------------------------------------------------------------
  // Across documents

  private mergeChannels(): Map<number, GraphChannel> {
    const sets = new UnionFind(this.declarations.length);
    const firstWithKey = new Map<string, number>();
    for (const declaration of this.declarations) {
      for (const key of declaration.keys) {
        const first = firstWithKey.get(key);
        if (first === undefined) firstWithKey.set(key, declaration.index);
        else sets.union(first, declaration.index);
      }
    }
    const groups = new Map<number, Declaration[]>();
    for (const declaration of this.declarations) {
      const root = sets.find(declaration.index);
      let group = groups.get(root);
      if (!group) groups.set(root, (group = []));
      group.push(declaration);
    }
    const byDeclaration = new Map<number, GraphChannel>();
    for (const group of groups.values()) {
      const keys = [...new Set(group.flatMap((declaration) => declaration.keys))].sort();
      const idKey = keys.find((key) => key.startsWith('addr:')) ?? keys[0]!;
      const protocols = new Set<string>();
      const hosts = new Set<string>();
      const tags = new Set<string>();
      for (const declaration of group) {
        for (const endpoint of declaration.endpoints) {
          if (endpoint.protocol) protocols.add(endpoint.protocol);
          if (endpoint.host) hosts.add(endpoint.host);
        }
        for (const tag of declaration.tags) tags.add(tag);
      }
      const channel: GraphChannel = {
        id: `channel:${idKey.replace(/^addr:/, '')}`,
        address: group.find((declaration) => declaration.address !== undefined)?.address ?? group[0]!.key,
        protocols: [...protocols].sort(),
        hosts: [...hosts].sort(),
        tags: [...tags].sort(),
        declarations: group.map((declaration): ChannelDeclaration => ({ serviceId: declaration.serviceId, key: declaration.key, address: declaration.address, location: declaration.location })),
        messages: [],
        producers: [],
        consumers: [],
        noProducer: true,
        noConsumer: true,
        ownerId: group[0]!.serviceId,
      };
      for (const declaration of group) byDeclaration.set(declaration.index, channel);
    }
    return byDeclaration;
  }

  private assembleChannels(generation: number, byDeclaration: Map<number, GraphChannel>): EventFlowModel {
    const channels = new Map<string, GraphChannel>();
    const channelMessages = new Map<string, Map<string, { producers: Set<string>; consumers: Set<string> }>>();
    const messageOf = (channel: GraphChannel, messageId: string) => {
      let messages = channelMessages.get(channel.id);
      if (!messages) channelMessages.set(channel.id, (messages = new Map()));
      let entry = messages.get(messageId);
      if (!entry) messages.set(messageId, (entry = { producers: new Set(), consumers: new Set() }));
      return entry;
    };
    for (const [index, channel] of byDeclaration) {
      channels.set(channel.id, channel);
      for (const messageId of this.declarations[index]!.messageOrder) messageOf(channel, messageId);
    }

    const flows: GraphFlow[] = [];
    const flowIds = new Set<string>();
    for (const pending of this.flows) {
      let channel = byDeclaration.get(pending.declaration)!;
      if (pending.dynamicReply !== undefined) channel = this.dynamicReplyChannel(channel, pending, channels);
      const id = `flow:${pending.serviceId}|${pending.operationKey}|${pending.kind}|${pending.direction}|${channel.id}|${pending.messageId}`;
      if (flowIds.has(id)) continue;
      flowIds.add(id);
      flows.push({ id, serviceId: pending.serviceId, channelId: channel.id, messageId: pending.messageId, direction: pending.direction, kind: pending.kind, operationKey: pending.operationKey, location: pending.location });
      const entry = messageOf(channel, pending.messageId);
      if (pending.direction === 'send') entry.producers.add(pending.serviceId);
      if (pending.direction === 'receive') entry.consumers.add(pending.serviceId);
    }

    const serviceOrder = new Map(this.services.map((service, index) => [service.id, index]));
    const byServiceOrder = (a: string, b: string) => (serviceOrder.get(a) ?? 0) - (serviceOrder.get(b) ?? 0);
    const messageTotals = new Map<string, { producers: Set<string>; consumers: Set<string>; channels: Set<string> }>();
    for (const channel of channels.values()) {
      const producers = new Set<string>();
      const consumers = new Set<string>();
      for (const [messageId, entry] of channelMessages.get(channel.id) ?? []) {
        channel.messages.push({ messageId, producers: [...entry.producers].sort(byServiceOrder), consumers: [...entry.consumers].sort(byServiceOrder) });
        for (const producer of entry.producers) producers.add(producer);
        for (const consumer of entry.consumers) consumers.add(consumer);
        let total = messageTotals.get(messageId);
        if (!total) messageTotals.set(messageId, (total = { producers: new Set(), consumers: new Set(), channels: new Set() }));
        for (const producer of entry.producers) total.producers.add(producer);
        for (const consumer of entry.consumers) total.consumers.add(consumer);
        total.channels.add(channel.id);
      }
      channel.producers = [...producers].sort(byServiceOrder);
      channel.consumers = [...consumers].sort(byServiceOrder);
      channel.noProducer = producers.size === 0;
      channel.noConsumer = consumers.size === 0;
      channel.ownerId = channel.producers[0] ?? channel.consumers[0] ?? channel.declarations[0]?.serviceId ?? channel.ownerId;
    }

    const messages: GraphMessage[] = [];
    for (const [messageId, record] of this.messages) {
      const total = messageTotals.get(messageId) ?? { producers: new Set<string>(), consumers: new Set<string>(), channels: new Set<string>() };
      const infos = [...record.infos].sort((a, b) => Number(total.producers.has(b.serviceId)) - Number(total.producers.has(a.serviceId)));
      const best = infos[0]!.info;
      const richest = infos.find((entry) => entry.info.payloadFields.length > 0)?.info ?? best;
      messages.push({
        id: messageId,
        name: best.name,
        title: best.title ?? infos.find((entry) => entry.info.title)?.info.title,
        summary: best.summary ?? infos.find((entry) => entry.info.summary)?.info.summary,
        contentType: best.contentType,
        schemaFormat: richest.schemaFormat,
        payloadFields: richest.payloadFields,
        moreFields: richest.moreFields || undefined,
        definitions: infos.map((entry) => entry.info.definition),
        ...(() => {
          const files = [...new Set(infos.flatMap((entry) => entry.info.schemaFiles))].sort();
          return files.length > 0 ? { schemaFiles: files } : {};
        })(),
        producers: [...total.producers].sort(byServiceOrder),
        consumers: [...total.consumers].sort(byServiceOrder),
        channels: [...total.channels].sort(),
        unconsumed: total.producers.size > 0 && total.consumers.size === 0,
      });
    }

    const services = [...this.services].sort((a, b) => a.title.localeCompare(b.title) || a.uri.localeCompare(b.uri));
    return {
      generation,
      services,
      channels: [...channels.values()].sort((a, b) => a.address.localeCompare(b.address) || a.id.localeCompare(b.id)),
      messages: messages.sort((a, b) => a.name.localeCompare(b.name)),
      flows: flows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    };
  }

  /** The reply channel of a request whose reply address is read from the request at run time. */
  private dynamicReplyChannel(request: GraphChannel, pending: PendingFlow, channels: Map<string, GraphChannel>): GraphChannel {
    const id = `channel:reply-of:${request.id.slice('channel:'.length)}`;
    let channel = channels.get(id);
    if (!channel) {
      channel = {
        id,
        address: `reply to ${request.address}`,
        protocols: request.protocols,
        hosts: request.hosts,
        tags: [],
        declarations: [],
        messages: [],
        producers: [],
        consumers: [],
        noProducer: true,
        noConsumer: true,
        dynamicAddress: pending.dynamicReply,
        ownerId: pending.serviceId,
      };
      channels.set(id, channel);
    }
    return channel;
  }
}

function addMessage(declaration: Declaration, key: string, messageId: string) {
  declaration.messages.set(key, messageId);
  if (!declaration.messageOrder.includes(messageId)) declaration.messageOrder.push(messageId);
}

function uniqueEndpoints(endpoints: Endpoint[]): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const endpoint of endpoints) seen.set(`${endpoint.protocol ?? ''}|${endpoint.host ?? ''}`, endpoint);
  return [...seen.values()];
}

function pathKey(uri: string, path: JsonPath) {
  return `${uri}#${JSON.stringify(path)}`;
}

/** 2.x message keys that are positions, not names: `message`, or an index in `oneOf`. */
function genericKey(key: string) {
  return key === 'message' || /^\d+$/.test(key);
}

function fallbackName(address: string | undefined, path: JsonPath) {
  const verb = path.find((segment) => segment === 'publish' || segment === 'subscribe');
  const index = typeof path[path.length - 1] === 'number' ? ` ${String(path[path.length - 1])}` : '';
  return `${address ?? 'channel'} ${verb ?? ''} message${index}`.replace(/\s+/g, ' ');
}

function decodeSegment(segment: string) {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // keep it as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

function tagNames(node: TreeNode | undefined): string[] {
  const tags = childValue(node, 'tags');
  if (tags?.type !== 'array') return [];
  const names = (tags.children ?? []).map((tag) => childString(tag, 'name')).filter((name): name is string => name !== undefined);
  return [...new Set(names)];
}

function firstLine(text: string | undefined) {
  if (text === undefined) return undefined;
  const line = text.trim().split('\n')[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line || undefined;
}

function jsonTypeText(node: TreeNode | undefined): string | undefined {
  if (!node) return undefined;
  const type = childValue(node, 'type');
  let text: string | undefined;
  if (type?.type === 'string') text = String(type.value);
  else if (type?.type === 'array') text = (type.children ?? []).map((item) => String(item.value)).join(' | ');
  else {
    const ref = childString(node, '$ref');
    if (ref !== undefined) text = ref.slice(Math.max(ref.lastIndexOf('/'), ref.lastIndexOf('#')) + 1).replace(/\.(schema\.)?(json|ya?ml)$/, '') || ref;
    else if (childValue(node, 'properties')) text = 'object';
    else if (childValue(node, 'enum')) text = 'enum';
    else if (childValue(node, 'oneOf') || childValue(node, 'anyOf')) text = 'one of';
    else if (childValue(node, 'allOf')) text = (childValue(node, 'allOf')?.children ?? []).map(jsonTypeText).find((branch) => branch !== undefined) ?? 'all of';
  }
  const format = childString(node, 'format');
  if (text === 'array') {
    const items = jsonTypeText(childValue(node, 'items'));
    if (items) text = `${items}[]`;
  }
  return format && text ? `${text} (${format})` : text;
}

function avroTypeText(node: TreeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return String(node.value);
  if (node.type === 'array') return (node.children ?? []).map(avroTypeText).filter(Boolean).join(' | ');
  if (node.type === 'object') {
    const type = childString(node, 'type');
    const logical = childString(node, 'logicalType');
    if (type === 'array') return `${avroTypeText(childValue(node, 'items')) ?? ''}[]`;
    if (type === 'record' || type === 'enum' || type === 'fixed') return childString(node, 'name') ?? type;
    return logical && type ? `${type} (${logical})` : type;
  }
  return undefined;
}
