import type { JsonPath } from '../text/paths';
import type { AsyncApiChangeKind } from './asyncapiKinds';
import { readDocumentMeaning, roleOfActions, type AsyncApiInput, type ChannelMeaning, type DocumentMeaning, type MessageMeaning, type OperationMeaning, type PayloadMeaning, type SecurityMeaning, type ServerField, type ServerMeaning, type ServerVariableMeaning } from './asyncapiMeaning';
import { diffAvroSchemas } from './avroResolution';
import type { ChangeLocation, SchemaChange } from './change';
import { diffSchemaPlaces, type JsonSchemaDiffOptions } from './jsonSchemaDiff';
import { displayValue, isJsonObject, jsonEqual } from './jsonValues';
import { combineRoles, modeForRole, type CompatibilityMode, type CompatibilityPolicy, type MessageRole } from './modes';
import { childPlace, followReplacingRefs, locationOf, type SchemaPlace } from './schemaPlace';
import { judgeChange, type JudgedChange } from './verdicts';

export type { AsyncApiInput } from './asyncapiMeaning';

/** Each server field is compared on its own, and reported at its own key. */
const SERVER_FIELDS: ReadonlyArray<[ServerField, AsyncApiChangeKind]> = [
  ['host', 'server-host-changed'],
  ['pathname', 'server-pathname-changed'],
  ['protocol', 'server-protocol-changed'],
  ['protocolVersion', 'server-protocol-version-changed'],
];

export interface AsyncApiDiffOptions extends JsonSchemaDiffOptions {
  policy?: CompatibilityPolicy;
  /** The mode for a message no operation sends or receives (default BACKWARD, as registries). */
  defaultMode?: CompatibilityMode;
  /**
   * The role a schema has across the workspace (a payload file sent by one service and received
   * by another needs FULL). Combined with what this document says.
   */
  roleOfSchema?: (location: { uri?: string; path: JsonPath }) => MessageRole | undefined;
  /** Overrides how a role becomes a mode (per-document or per-glob configuration; a fixed `--mode`). */
  modeFor?: (role: MessageRole | undefined) => CompatibilityMode;
}

/** A change in an AsyncAPI document, with what it is about and the mode it is judged under. */
export interface AsyncApiChange extends SchemaChange {
  /** The mode that applies: from the role of the message or channel it is in. */
  mode: CompatibilityMode;
  role?: MessageRole;
  channel?: string;
  message?: string;
  operation?: string;
  server?: string;
}

export interface AsyncApiDiffResult {
  policy: CompatibilityPolicy;
  compatible: boolean;
  changes: JudgedChange<AsyncApiChange>[];
}

interface Context {
  subject: Pick<AsyncApiChange, 'channel' | 'message' | 'operation' | 'server'>;
  role: MessageRole | undefined;
  mode: CompatibilityMode;
}

/**
 * Compares two AsyncAPI documents (2.x or 3.x, also one of each) on their meaning: servers by
 * key, channels by address, operations by channel and action, messages by name. Each message's
 * payload and headers are compared with the JSON Schema or Avro diff, and every change is judged
 * under the mode its direction needs: FORWARD for what the application sends, BACKWARD for what
 * it receives, FULL for both.
 */
export function diffAsyncApiDocuments(oldDocument: AsyncApiInput, newDocument: AsyncApiInput, options: AsyncApiDiffOptions = {}): AsyncApiDiffResult {
  const env = { readDocument: options.readDocument, schemaIds: options.schemaIds };
  const before = readDocumentMeaning(oldDocument, env);
  const after = readDocumentMeaning(newDocument, env);
  const policy = options.policy ?? 'strict';
  const changes = new AsyncApiComparison(options, before, after).run();
  const judged = changes.map((change) => judgeChange(change, change.mode, policy));
  return { policy, compatible: judged.every((item) => item.compatible), changes: judged };
}

class AsyncApiComparison {
  private readonly changes: AsyncApiChange[] = [];

  constructor(
    private readonly options: AsyncApiDiffOptions,
    private readonly before: DocumentMeaning,
    private readonly after: DocumentMeaning,
  ) {}

  private modeOf(role: MessageRole | undefined): CompatibilityMode {
    return this.options.modeFor ? this.options.modeFor(role) : modeForRole(role, this.options.defaultMode ?? 'BACKWARD');
  }

  private context(subject: Context['subject'], role: MessageRole | undefined): Context {
    return { subject, role, mode: this.modeOf(role) };
  }

  private add(context: Context, kind: AsyncApiChangeKind, oldLocation: ChangeLocation, newLocation: ChangeLocation, details: { subject?: string; oldValue?: unknown; newValue?: unknown } = {}) {
    this.changes.push(this.wrap(context, { kind, old: oldLocation, new: newLocation, ...clean(details) }));
  }

  private wrap(context: Context, change: SchemaChange): AsyncApiChange {
    return { ...change, mode: context.mode, ...(context.role ? { role: context.role } : {}), ...clean(context.subject) };
  }

  run(): AsyncApiChange[] {
    this.compareServers();
    const channelPairs = this.pairChannels();
    for (const [oldChannel, newChannel] of channelPairs.pairs) this.compareChannels(oldChannel, newChannel);
    for (const channel of channelPairs.removed) this.add(this.context({ channel: channel.address }, channelRole(channel)), 'channel-removed', channel.location, locationOf(this.after.root, 'channels'), { subject: channel.address });
    for (const channel of channelPairs.added) this.add(this.context({ channel: channel.address }, channelRole(channel)), 'channel-added', locationOf(this.before.root, 'channels'), channel.location, { subject: channel.address });
    this.compareOperations(channelPairs.pairs);
    return this.changes;
  }

  private compareServers() {
    const context = (key: string) => this.context({ server: key }, undefined);
    for (const server of this.before.servers) {
      const other = this.after.servers.find((candidate) => candidate.key === server.key);
      if (!other) {
        this.add(context(server.key), 'server-removed', server.location, locationOf(this.after.root, 'servers'), { subject: server.key });
        continue;
      }
      for (const [field, kind] of SERVER_FIELDS) {
        if ((server[field] ?? '') !== (other[field] ?? '')) this.add(context(server.key), kind, server.fieldLocations[field], other.fieldLocations[field], { subject: server.key, oldValue: server[field], newValue: other[field] });
      }
      this.compareServerVariables(context(server.key), server, other);
      this.compareBindings(context(server.key), server.bindings, other.bindings, server.location, other.location);
      this.compareSecurity(context(server.key), server.security, other.security, server.location, other.location);
    }
    for (const server of this.after.servers) {
      if (!this.before.servers.some((candidate) => candidate.key === server.key)) this.add(context(server.key), 'server-added', locationOf(this.before.root, 'servers'), server.location, { subject: server.key });
    }
  }

  /** Server variables by name: whether each exists, the values its `enum` allows (none: any), its `default`. */
  private compareServerVariables(context: Context, server: ServerMeaning, other: ServerMeaning) {
    for (const variable of server.variables) {
      const next = other.variables.find((candidate) => candidate.name === variable.name);
      if (!next) {
        this.add(context, 'server-variable-removed', variable.location, other.fieldLocations.variables, { subject: variable.name });
        continue;
      }
      const valuesBefore = variable.enum?.values;
      const valuesAfter = next.enum?.values;
      const missingFrom = (values: readonly unknown[], others: readonly unknown[]) => values.filter((value) => !others.some((candidate) => jsonEqual(candidate, value)));
      const enumLocation = (meaning: ServerVariableMeaning) => meaning.enum?.location ?? meaning.location;
      if (valuesAfter && (!valuesBefore || missingFrom(valuesBefore, valuesAfter).length > 0)) {
        this.add(context, 'server-variable-enum-narrowed', enumLocation(variable), enumLocation(next), { subject: variable.name, oldValue: valuesBefore ? missingFrom(valuesBefore, valuesAfter) : undefined });
      }
      if (valuesBefore && (!valuesAfter || missingFrom(valuesAfter, valuesBefore).length > 0)) {
        this.add(context, 'server-variable-enum-extended', enumLocation(variable), enumLocation(next), { subject: variable.name, newValue: valuesAfter ? missingFrom(valuesAfter, valuesBefore) : undefined });
      }
      if (!jsonEqual(variable.default?.value, next.default?.value)) {
        this.add(context, 'server-variable-default-changed', variable.default?.location ?? variable.location, next.default?.location ?? next.location, { subject: variable.name, oldValue: displayValue(variable.default?.value), newValue: displayValue(next.default?.value) });
      }
    }
    for (const variable of other.variables) {
      if (!server.variables.some((candidate) => candidate.name === variable.name)) this.add(context, 'server-variable-added', server.fieldLocations.variables, variable.location, { subject: variable.name });
    }
  }

  /** Channels pair by address; then by key (3.x ids), then by an operation id that moved with them: those changed address. */
  private pairChannels() {
    const pairs: Array<[ChannelMeaning, ChannelMeaning]> = [];
    const oldLeft = [...this.before.channels];
    const newLeft = [...this.after.channels];
    const take = (match: (a: ChannelMeaning, b: ChannelMeaning) => boolean) => {
      for (const oldChannel of [...oldLeft]) {
        const index = newLeft.findIndex((newChannel) => match(oldChannel, newChannel));
        if (index < 0) continue;
        pairs.push([oldChannel, newLeft[index]!]);
        newLeft.splice(index, 1);
        oldLeft.splice(oldLeft.indexOf(oldChannel), 1);
      }
    };
    take((a, b) => a.address === b.address);
    if (this.before.major === 3 && this.after.major === 3) take((a, b) => a.key === b.key);
    const operationIds = (document: DocumentMeaning, channel: ChannelMeaning) => document.operations.filter((operation) => operation.channel === channel && operation.id).map((operation) => operation.id!);
    take((a, b) => operationIds(this.before, a).some((id) => operationIds(this.after, b).includes(id)));
    return { pairs, removed: oldLeft, added: newLeft };
  }

  private compareChannels(oldChannel: ChannelMeaning, newChannel: ChannelMeaning) {
    const role = combineRoles([channelRole(oldChannel), channelRole(newChannel)]);
    const context = this.context({ channel: newChannel.address }, role);
    if (oldChannel.address !== newChannel.address) this.add(context, 'channel-address-changed', oldChannel.location, newChannel.location, { subject: newChannel.address, oldValue: oldChannel.address, newValue: newChannel.address });

    // A parameter gives the address its shape only where the address uses it; an address that
    // stays the same keeps its shape whether its parameters are declared or not (their schemas
    // are compared below).
    const reshaped = oldChannel.address !== newChannel.address;
    const shapes = (channel: ChannelMeaning, name: string) => reshaped && (channel.address === undefined || channel.address.includes(`{${name}}`));
    for (const parameter of oldChannel.parameters) {
      const other = newChannel.parameters.find((candidate) => candidate.name === parameter.name);
      if (!other) {
        if (shapes(oldChannel, parameter.name)) this.add(context, 'channel-parameter-removed', parameter.location, newChannel.location, { subject: parameter.name });
        continue;
      }
      if ((parameter.expression ?? '') !== (other.expression ?? '')) this.add(context, 'channel-parameter-location-changed', parameter.location, other.location, { subject: parameter.name, oldValue: parameter.expression, newValue: other.expression });
      for (const change of diffSchemaPlaces(parameter.schema, other.schema, this.options)) this.changes.push(this.wrap(context, change));
    }
    for (const parameter of newChannel.parameters) {
      if (!oldChannel.parameters.some((candidate) => candidate.name === parameter.name) && shapes(newChannel, parameter.name)) this.add(context, 'channel-parameter-added', oldChannel.location, parameter.location, { subject: parameter.name });
    }

    // A channel that lists no servers is on all of them: a server change already says so.
    if (oldChannel.servers || newChannel.servers) {
      const serversOf = (document: DocumentMeaning, channel: ChannelMeaning) => channel.servers ?? document.servers.map((server) => server.key);
      const serversBefore = serversOf(this.before, oldChannel);
      const serversAfter = serversOf(this.after, newChannel);
      for (const server of serversBefore) if (!serversAfter.includes(server)) this.add(context, 'channel-server-removed', oldChannel.location, newChannel.location, { subject: server });
      for (const server of serversAfter) if (!serversBefore.includes(server)) this.add(context, 'channel-server-added', oldChannel.location, newChannel.location, { subject: server });
    }
    this.compareBindings(context, oldChannel.bindings, newChannel.bindings, oldChannel.location, newChannel.location);

    const { pairs, removed, added } = pairMessages(oldChannel.messages, newChannel.messages);
    for (const [oldMessage, newMessage] of pairs) this.compareMessages(newChannel, oldMessage, newMessage);
    for (const message of removed) {
      const roles = [...message.roles];
      for (const role of roles.length > 0 ? roles : [undefined]) this.add(this.context({ channel: newChannel.address, message: message.id }, role), 'message-removed', message.location, newChannel.location, { subject: message.id });
    }
    for (const message of added) {
      const roles = [...message.roles];
      for (const role of roles.length > 0 ? roles : [undefined]) this.add(this.context({ channel: newChannel.address, message: message.id }, role), 'message-added', oldChannel.location, message.location, { subject: message.id });
    }
  }

  /** The role a message's contents need: what both versions do with it, and what the workspace does with its payload schema. */
  private messageRole(oldMessage: MessageMeaning, newMessage: MessageMeaning): MessageRole | undefined {
    const roles: Array<MessageRole | undefined> = [roleOfActions(oldMessage.roles), roleOfActions(newMessage.roles)];
    if (this.options.roleOfSchema) {
      for (const schema of [newMessage.payload, newMessage.headers, oldMessage.payload, oldMessage.headers]) {
        if (schema) roles.push(this.options.roleOfSchema(locationOf(followReplacingRefs({ ...schema.place, dialect: 'draft-07' }, this.options).place)));
      }
    }
    return combineRoles(roles);
  }

  private compareMessages(channel: ChannelMeaning, oldMessage: MessageMeaning, newMessage: MessageMeaning) {
    const subject = { channel: channel.address, message: newMessage.id };
    const contentContext = this.context(subject, this.messageRole(oldMessage, newMessage));
    if (oldMessage.named && newMessage.named && oldMessage.id !== newMessage.id) this.add(contentContext, 'message-renamed', oldMessage.location, newMessage.location, { subject: newMessage.id, oldValue: oldMessage.id, newValue: newMessage.id });
    // A message that is now sent (or received) where it was not is new to that side.
    for (const role of newMessage.roles) if (!oldMessage.roles.has(role)) this.add(this.context(subject, role), 'message-added', oldMessage.location, newMessage.location, { subject: newMessage.id });
    for (const role of oldMessage.roles) if (!newMessage.roles.has(role)) this.add(this.context(subject, role), 'message-removed', oldMessage.location, newMessage.location, { subject: newMessage.id });

    const contentTypeBefore = oldMessage.contentType?.value ?? this.before.defaultContentType;
    const contentTypeAfter = newMessage.contentType?.value ?? this.after.defaultContentType;
    const contentTypeLocation = (document: DocumentMeaning, message: MessageMeaning) => message.contentType?.location ?? (document.defaultContentType !== undefined ? locationOf(document.root, 'defaultContentType') : locationOf(message.definition));
    if (normalizeMediaType(contentTypeBefore) !== normalizeMediaType(contentTypeAfter)) {
      const kind = contentTypeBefore === undefined ? 'content-type-added' : contentTypeAfter === undefined ? 'content-type-removed' : 'content-type-changed';
      this.add(contentContext, kind, contentTypeLocation(this.before, oldMessage), contentTypeLocation(this.after, newMessage), { subject: 'contentType', oldValue: contentTypeBefore, newValue: contentTypeAfter });
    }

    this.compareSchemas(contentContext, oldMessage, newMessage, oldMessage.payload, newMessage.payload, { added: 'payload-added', removed: 'payload-removed' }, 'payload');
    this.compareSchemas(contentContext, oldMessage, newMessage, oldMessage.headers, newMessage.headers, { added: 'headers-added', removed: 'headers-removed' }, 'headers');

    const correlationBefore = oldMessage.correlationId;
    const correlationAfter = newMessage.correlationId;
    if (correlationBefore && !correlationAfter) this.add(contentContext, 'correlation-id-removed', correlationBefore.location, locationOf(newMessage.definition), { subject: 'correlationId', oldValue: correlationBefore.value });
    else if (!correlationBefore && correlationAfter) this.add(contentContext, 'correlation-id-added', locationOf(oldMessage.definition), correlationAfter.location, { subject: 'correlationId', newValue: correlationAfter.value });
    else if (correlationBefore && correlationAfter && correlationBefore.value !== correlationAfter.value) this.add(contentContext, 'correlation-id-changed', correlationBefore.location, correlationAfter.location, { subject: 'correlationId', oldValue: correlationBefore.value, newValue: correlationAfter.value });

    const keyOf = (bindings: SchemaPlace | undefined) => (bindings && isJsonObject(bindings.value) && isJsonObject(bindings.value.kafka) && 'key' in bindings.value.kafka ? childPlace(bindings, 'kafka', 'key') : undefined);
    const keyBefore = keyOf(oldMessage.bindings);
    const keyAfter = keyOf(newMessage.bindings);
    if (keyBefore && keyAfter) for (const change of diffSchemaPlaces(keyBefore, keyAfter, this.options)) this.changes.push(this.wrap(contentContext, change));
    else if (keyAfter) this.add(contentContext, 'message-key-added', locationOf(oldMessage.definition), locationOf(keyAfter), { subject: 'kafka.key' });
    else if (keyBefore) this.add(contentContext, 'message-key-removed', locationOf(keyBefore), locationOf(newMessage.definition), { subject: 'kafka.key' });
    this.compareBindings(contentContext, oldMessage.bindings, newMessage.bindings, locationOf(oldMessage.definition), locationOf(newMessage.definition), ['kafka.key']);
  }

  private compareSchemas(context: Context, oldMessage: MessageMeaning, newMessage: MessageMeaning, before: PayloadMeaning | undefined, after: PayloadMeaning | undefined, kinds: { added: AsyncApiChangeKind; removed: AsyncApiChangeKind }, subject: string) {
    if (!before && !after) return;
    if (!before) return this.add(context, kinds.added, locationOf(oldMessage.definition), locationOf(after!.place), { subject });
    if (!after) return this.add(context, kinds.removed, locationOf(before.place), locationOf(newMessage.definition), { subject });
    const changes = diffPayloads(before, after, subject, this.options);
    // The same schema language named another way (a version, +yaml, the default written out) says
    // nothing new about the data, but the report says it changed; two formats this tool does not
    // know may not be the same language, so those are for review.
    const formatBefore = before.schemaFormat?.value;
    const formatAfter = after.schemaFormat?.value;
    if (before.format.family === after.format.family && normalizeMediaType(formatBefore) !== normalizeMediaType(formatAfter)) {
      const locate = (payload: PayloadMeaning) => payload.schemaFormat?.location ?? locationOf(payload.place);
      const details = { subject: 'schemaFormat', oldValue: formatBefore, newValue: formatAfter };
      if (before.format.family !== 'other') this.add(context, 'payload-schema-format-changed', locate(before), locate(after), details);
      else if (changes.length === 0) this.add(context, 'payload-not-compared', locate(before), locate(after), details);
    }
    for (const change of changes) this.changes.push(this.wrap(context, change));
  }

  private compareOperations(channelPairs: ReadonlyArray<[ChannelMeaning, ChannelMeaning]>) {
    const counterpart = new Map(channelPairs);
    const sameChannel = (a: OperationMeaning, b: OperationMeaning) => a.channel !== undefined && b.channel !== undefined && counterpart.get(a.channel) === b.channel;
    const pairs: Array<[OperationMeaning, OperationMeaning]> = [];
    const oldLeft = [...this.before.operations];
    const newLeft = [...this.after.operations];
    const take = (match: (a: OperationMeaning, b: OperationMeaning) => boolean, onlyUnique = false) => {
      for (const oldOperation of [...oldLeft]) {
        const candidates = newLeft.filter((newOperation) => match(oldOperation, newOperation));
        if (candidates.length === 0 || (onlyUnique && (candidates.length > 1 || oldLeft.filter((other) => match(other, candidates[0]!)).length > 1))) continue;
        pairs.push([oldOperation, candidates[0]!]);
        newLeft.splice(newLeft.indexOf(candidates[0]!), 1);
        oldLeft.splice(oldLeft.indexOf(oldOperation), 1);
      }
    };
    take((a, b) => sameChannel(a, b) && a.action === b.action && a.key === b.key);
    take((a, b) => sameChannel(a, b) && a.action === b.action, true);
    take((a, b) => a.id !== undefined && a.id === b.id);
    for (const [oldOperation, newOperation] of pairs) {
      const context = this.context({ operation: newOperation.key, ...(newOperation.channel ? { channel: newOperation.channel.address } : {}) }, newOperation.action);
      if (oldOperation.action !== newOperation.action) {
        this.add(context, 'operation-action-changed', oldOperation.location, newOperation.location, { subject: newOperation.key, oldValue: oldOperation.verb ? `${oldOperation.verb} (${oldOperation.action})` : oldOperation.action, newValue: newOperation.verb ? `${newOperation.verb} (${newOperation.action})` : newOperation.action });
      }
      if (oldOperation.id !== undefined && newOperation.id !== undefined && oldOperation.id !== newOperation.id) this.add(context, 'operation-id-changed', oldOperation.location, newOperation.location, { subject: newOperation.key, oldValue: oldOperation.id, newValue: newOperation.id });
      const replyBefore = oldOperation.reply;
      const replyAfter = newOperation.reply;
      if (replyBefore && !replyAfter) this.add(context, 'operation-reply-removed', replyBefore.location, newOperation.location, { subject: newOperation.key });
      else if (!replyBefore && replyAfter) this.add(context, 'operation-reply-added', oldOperation.location, replyAfter.location, { subject: newOperation.key });
      else if (replyBefore && replyAfter && (replyBefore.channel?.address !== replyAfter.channel?.address || replyBefore.addressExpression !== replyAfter.addressExpression)) {
        this.add(context, 'operation-reply-address-changed', replyBefore.location, replyAfter.location, { subject: newOperation.key, oldValue: replyBefore.channel?.address ?? replyBefore.addressExpression, newValue: replyAfter.channel?.address ?? replyAfter.addressExpression });
      }
      this.compareBindings(context, oldOperation.bindings, newOperation.bindings, oldOperation.location, newOperation.location);
      this.compareSecurity(context, oldOperation.security, newOperation.security, oldOperation.location, newOperation.location);
    }
    for (const operation of oldLeft) this.add(this.context({ operation: operation.key, ...(operation.channel ? { channel: operation.channel.address } : {}) }, operation.action), 'operation-removed', operation.location, locationOf(this.after.root, this.after.major === 3 ? 'operations' : 'channels'), { subject: operation.key });
    for (const operation of newLeft) this.add(this.context({ operation: operation.key, ...(operation.channel ? { channel: operation.channel.address } : {}) }, operation.action), 'operation-added', locationOf(this.before.root, this.before.major === 3 ? 'operations' : 'channels'), operation.location, { subject: operation.key });
  }

  /** Security requirements as the ways a client may authenticate: a way dropped refuses the clients that used it. */
  private compareSecurity(context: Context, before: SecurityMeaning | undefined, after: SecurityMeaning | undefined, oldOwner: ChangeLocation, newOwner: ChangeLocation) {
    const waysBefore = before?.alternatives ?? [];
    const waysAfter = after?.alternatives ?? [];
    const describe = (ways: SecurityMeaning['alternatives']) => ways.map((way) => way.key).join(' or ');
    if (waysBefore.length === 0 && waysAfter.length === 0) return;
    if (waysBefore.length === 0) return this.add(context, 'security-required', before?.location ?? oldOwner, after!.location, { subject: 'security', newValue: describe(waysAfter) });
    if (waysAfter.length === 0) return this.add(context, 'security-no-longer-required', before!.location, after?.location ?? newOwner, { subject: 'security', oldValue: describe(waysBefore) });
    for (const way of waysBefore) if (!waysAfter.some((other) => other.key === way.key)) this.add(context, 'security-requirement-removed', way.location, after!.location, { subject: way.key });
    for (const way of waysAfter) if (!waysBefore.some((other) => other.key === way.key)) this.add(context, 'security-requirement-added', before!.location, way.location, { subject: way.key });
  }

  /** Protocol bindings, setting by setting (`bindingVersion` is ignored; `skip` names settings compared elsewhere). */
  private compareBindings(context: Context, before: SchemaPlace | undefined, after: SchemaPlace | undefined, oldOwner: ChangeLocation, newOwner: ChangeLocation, skip: string[] = []) {
    const protocolsBefore = before && isJsonObject(before.value) ? before.value : {};
    const protocolsAfter = after && isJsonObject(after.value) ? after.value : {};
    for (const protocol of new Set([...Object.keys(protocolsBefore), ...Object.keys(protocolsAfter)])) {
      const inOld = Object.prototype.hasOwnProperty.call(protocolsBefore, protocol);
      const inNew = Object.prototype.hasOwnProperty.call(protocolsAfter, protocol);
      // A binding that holds only settings compared elsewhere (the Kafka key) is said there.
      const substantive = (settings: unknown) => isJsonObject(settings) && Object.keys(settings).some((setting) => setting !== 'bindingVersion' && !skip.includes(`${protocol}.${setting}`));
      if (!inNew) {
        if (substantive(protocolsBefore[protocol]) || !isJsonObject(protocolsBefore[protocol])) this.add(context, 'binding-removed', locationOf(before!, protocol), after ? locationOf(after) : newOwner, { subject: protocol });
        continue;
      }
      if (!inOld) {
        if (substantive(protocolsAfter[protocol]) || !isJsonObject(protocolsAfter[protocol])) this.add(context, 'binding-added', before ? locationOf(before) : oldOwner, locationOf(after!, protocol), { subject: protocol });
        continue;
      }
      const settingsBefore = isJsonObject(protocolsBefore[protocol]) ? (protocolsBefore[protocol] as Record<string, unknown>) : {};
      const settingsAfter = isJsonObject(protocolsAfter[protocol]) ? (protocolsAfter[protocol] as Record<string, unknown>) : {};
      for (const setting of new Set([...Object.keys(settingsBefore), ...Object.keys(settingsAfter)])) {
        if (setting === 'bindingVersion' || skip.includes(`${protocol}.${setting}`)) continue;
        if (jsonEqual(settingsBefore[setting], settingsAfter[setting])) continue;
        const oldLocation = setting in settingsBefore ? locationOf(before!, protocol, setting) : locationOf(before!, protocol);
        const newLocation = setting in settingsAfter ? locationOf(after!, protocol, setting) : locationOf(after!, protocol);
        this.add(context, 'binding-changed', oldLocation, newLocation, { subject: `${protocol}.${setting}`, oldValue: displayValue(settingsBefore[setting]), newValue: displayValue(settingsAfter[setting]) });
      }
    }
  }
}

/**
 * The changes from one payload (or headers) schema to another, in whatever format they share:
 * JSON Schema and Avro are diffed; a change of format, or two equal-format payloads of a format
 * the engine cannot diff, is one change. Also what cross-service contracts compare.
 */
export function diffPayloads(before: PayloadMeaning, after: PayloadMeaning, subject: string, options: JsonSchemaDiffOptions): SchemaChange[] {
  if (before.format.family !== after.format.family) return [{ kind: 'payload-format-changed', old: locationOf(before.place), new: locationOf(after.place), subject, oldValue: before.format.name, newValue: after.format.name }];
  if (before.format.family === 'json-schema') return diffSchemaPlaces(before.place, after.place, options);
  if (before.format.family === 'avro') return diffAvroSchemas(avroInput(before.place, options), avroInput(after.place, options));
  return jsonEqual(before.place.value, after.place.value) ? [] : [{ kind: 'payload-not-compared', old: locationOf(before.place), new: locationOf(after.place), subject, oldValue: before.format.name, newValue: after.format.name }];
}

/** An Avro payload may be a `$ref` to an .avsc file. */
function avroInput(place: SchemaPlace, options: JsonSchemaDiffOptions) {
  const value = place.value;
  if (isJsonObject(value) && typeof value.$ref === 'string' && Object.keys(value).length === 1 && options.readDocument) {
    const target = resolveAvroRef(place, value.$ref, options.readDocument);
    if (target) return target;
  }
  return { root: place.root, path: place.path, ...(place.uri !== undefined ? { uri: place.uri } : {}) };
}

function channelRole(channel: ChannelMeaning): MessageRole | undefined {
  return combineRoles(channel.messages.map((message) => roleOfActions(message.roles)));
}

/**
 * Messages pair by id (name, else key); what is left pairs when a channel has exactly one
 * unpaired message on each side (a message renamed, or named only in one version), or when the
 * payloads are equal.
 */
function pairMessages(before: readonly MessageMeaning[], after: readonly MessageMeaning[]) {
  const pairs: Array<[MessageMeaning, MessageMeaning]> = [];
  const oldLeft = mergeRepeatedMessages(before);
  const newLeft = mergeRepeatedMessages(after);
  const take = (match: (a: MessageMeaning, b: MessageMeaning) => boolean) => {
    for (const oldMessage of [...oldLeft]) {
      const index = newLeft.findIndex((newMessage) => match(oldMessage, newMessage));
      if (index < 0) continue;
      pairs.push([oldMessage, newLeft[index]!]);
      newLeft.splice(index, 1);
      oldLeft.splice(oldLeft.indexOf(oldMessage), 1);
    }
  };
  take((a, b) => a.id === b.id);
  take((a, b) => a.payload !== undefined && b.payload !== undefined && jsonEqual(a.payload.place.value, b.payload.place.value));
  if (oldLeft.length === 1 && newLeft.length === 1) take(() => true);
  return { pairs, removed: oldLeft, added: newLeft };
}

/**
 * One message listed twice in a channel (a 3.x channel where one operation sends it and another
 * receives it, each with its own key, as the 2.x → 3.0 converter writes it) is one message
 * with both roles.
 */
function mergeRepeatedMessages(messages: readonly MessageMeaning[]): MessageMeaning[] {
  const merged: MessageMeaning[] = [];
  for (const message of messages) {
    const index = merged.findIndex((other) => other.id === message.id && jsonEqual(other.definition.value, message.definition.value));
    if (index < 0) merged.push(message);
    else merged[index] = { ...merged[index]!, roles: new Set([...merged[index]!.roles, ...message.roles]) };
  }
  return merged;
}

function normalizeMediaType(value: string | undefined) {
  return value?.toLowerCase().replace(/\s+/g, '');
}

function clean<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

function resolveAvroRef(place: SchemaPlace, ref: string, read: (uri: string) => unknown) {
  try {
    const base = place.uri ?? 'file:///';
    const hash = ref.indexOf('#');
    const uri = new URL(hash < 0 ? ref : ref.slice(0, hash), base).href;
    const root = read(uri);
    return root === undefined ? undefined : { root, path: [], uri };
  } catch {
    return undefined;
  }
}
