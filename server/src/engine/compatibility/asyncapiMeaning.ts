import { pointerToPath, type JsonPath } from '../text/paths';
import type { JsonSchemaDialect } from '../workspace/fileKind';
import type { ChangeLocation } from './change';
import { hasOwn, isJsonObject, jsonEqual, type JsonObject } from './jsonValues';
import type { MessageRole } from './modes';
import { childPlace, locationOf, resolveRefPlace, type PlaceEnvironment, type SchemaPlace } from './schemaPlace';

/** An AsyncAPI document: its plain value and, when it is a file, its URI. */
export interface AsyncApiInput {
  root: unknown;
  uri?: string;
}

export type PayloadFormat = { family: 'json-schema'; dialect: JsonSchemaDialect; name: string } | { family: 'avro'; name: string } | { family: 'other'; name: string };

export interface PayloadMeaning {
  place: SchemaPlace;
  format: PayloadFormat;
  /** The `schemaFormat` as written, where it is; none when the default applies. */
  schemaFormat?: { value: string; location: ChangeLocation };
}

export interface MessageMeaning {
  /** What the message is matched by across versions: its name (2.x also `messageId`), else its component or channel key. */
  id: string;
  /** True when `id` is a name the author gave (`name`, `messageId`), not a key. */
  named: boolean;
  /** Where the message is declared in the channel (or, in 2.x, the operation). */
  location: ChangeLocation;
  /** The message object itself, after `$ref`s. */
  definition: SchemaPlace;
  /** What the application does with it, from the operations that use it. */
  roles: Set<'send' | 'receive'>;
  payload?: PayloadMeaning;
  headers?: PayloadMeaning;
  contentType?: { value: string; location: ChangeLocation };
  correlationId?: { value: string; location: ChangeLocation };
  bindings?: SchemaPlace;
}

export interface ParameterMeaning {
  name: string;
  location: ChangeLocation;
  /** The parameter as a schema: 2.x `schema`; 3.x the parameter itself (`enum`, `default`), a string. */
  schema: SchemaPlace;
  expression?: string;
}

export interface ChannelMeaning {
  key: string;
  address: string;
  location: ChangeLocation;
  /** Server keys; undefined means every server of the document. */
  servers: string[] | undefined;
  parameters: ParameterMeaning[];
  bindings?: SchemaPlace;
  messages: MessageMeaning[];
}

export interface OperationMeaning {
  key: string;
  /** The id the author gave (`operationId` in 2.x; the operations key in 3.x). */
  id: string | undefined;
  action: 'send' | 'receive';
  channel: ChannelMeaning | undefined;
  location: ChangeLocation;
  /** 2.x: `publish`/`subscribe`, kept for messages that explain the inversion. */
  verb?: 'publish' | 'subscribe';
  reply?: { channel: ChannelMeaning | undefined; addressExpression?: string; location: ChangeLocation };
  bindings?: SchemaPlace;
  security?: SecurityMeaning;
}

/**
 * A `security` list: the ways a client may authenticate, any one of which is enough. A 2.x
 * requirement object names several schemes that are all needed together; a 3.x item is one scheme.
 * Each way is keyed by its schemes' names (a 3.x inline scheme by the component it copies) and
 * scopes, so that the same requirement written in either version has the same key.
 */
export interface SecurityMeaning {
  alternatives: Array<{ key: string; location: ChangeLocation }>;
  location: ChangeLocation;
}

export interface ServerVariableMeaning {
  name: string;
  location: ChangeLocation;
  /** The values it may take, where they are written; none: any value. */
  enum?: { values: unknown[]; location: ChangeLocation };
  default?: { value: unknown; location: ChangeLocation };
}

export type ServerField = 'host' | 'pathname' | 'protocol' | 'protocolVersion';

export interface ServerMeaning {
  key: string;
  host?: string;
  pathname?: string;
  protocol?: string;
  protocolVersion?: string;
  /** Where each field is written (in 2.x, host and pathname are in `url`); the server where it is not. */
  fieldLocations: Record<ServerField | 'variables', ChangeLocation>;
  variables: ServerVariableMeaning[];
  location: ChangeLocation;
  bindings?: SchemaPlace;
  security?: SecurityMeaning;
}

/** What an AsyncAPI document means, in one shape for 2.x and 3.x. */
export interface DocumentMeaning {
  major: 2 | 3;
  root: SchemaPlace;
  defaultContentType?: string;
  servers: ServerMeaning[];
  channels: ChannelMeaning[];
  operations: OperationMeaning[];
}

/** Reads an AsyncAPI 2.x or 3.x document into its meaning, following `$ref`s inside it and, through `env`, into other files. */
export function readDocumentMeaning(input: AsyncApiInput, env: PlaceEnvironment): DocumentMeaning {
  const root: SchemaPlace = { uri: input.uri, root: input.root, path: [], value: input.root, dialect: 'draft-07' };
  const version = isJsonObject(input.root) ? String(input.root.asyncapi ?? '') : '';
  const major = version.startsWith('2') ? 2 : 3;
  const reader = new MeaningReader(env, major, root);
  const meaning: DocumentMeaning = {
    major,
    root,
    defaultContentType: stringAt(root, 'defaultContentType'),
    servers: reader.servers(childPlace(root, 'servers')),
    channels: [],
    operations: [],
  };
  if (major === 2) reader.readVersion2(root, meaning);
  else reader.readVersion3(root, meaning);
  return meaning;
}

function stringAt(place: SchemaPlace, key: string): string | undefined {
  const value = isJsonObject(place.value) ? place.value[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function entries(place: SchemaPlace): Array<[string, SchemaPlace]> {
  return isJsonObject(place.value) ? Object.keys(place.value).map((key) => [key, childPlace(place, key)]) : [];
}

/** `#/components/messages/OrderPlaced` → `OrderPlaced`. */
function lastRefSegment(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const hash = ref.indexOf('#');
  if (hash < 0) return undefined;
  try {
    const path = pointerToPath(ref.slice(hash));
    return path[path.length - 1];
  } catch {
    return undefined;
  }
}

/** The schema format of a payload: JSON Schema (AsyncAPI's own, or a JSON Schema media type), Avro, or another. */
export function payloadFormatOf(schemaFormat: string | undefined): PayloadFormat {
  const name = schemaFormat ?? 'application/vnd.aai.asyncapi+json';
  const lower = name.toLowerCase();
  if (lower.startsWith('application/vnd.apache.avro')) return { family: 'avro', name };
  if (lower.startsWith('application/vnd.aai.asyncapi') || lower.startsWith('application/vnd.oai.openapi')) return { family: 'json-schema', dialect: 'draft-07', name };
  if (lower.startsWith('application/schema+json') || lower.startsWith('application/schema+yaml')) {
    const dialect: JsonSchemaDialect = lower.includes('2020-12') ? '2020-12' : lower.includes('2019-09') ? '2019-09' : lower.includes('draft-04') ? 'draft-04' : lower.includes('draft-06') ? 'draft-06' : 'draft-07';
    return { family: 'json-schema', dialect, name };
  }
  return { family: 'other', name };
}

class MeaningReader {
  constructor(
    private readonly env: PlaceEnvironment,
    private readonly major: 2 | 3,
    private readonly root: SchemaPlace,
  ) {}

  /** Follows `$ref`s from a place (components, other files); the place itself when one cannot be followed. */
  deref(place: SchemaPlace): { place: SchemaPlace; ref?: string } {
    let current = place;
    let firstRef: string | undefined;
    for (let hops = 0; hops < 32; hops++) {
      const ref = isJsonObject(current.value) ? current.value.$ref : undefined;
      if (typeof ref !== 'string') break;
      firstRef ??= ref;
      const target = resolveRefPlace(current, ref, this.env);
      if (!target) break;
      current = { ...target, dialect: 'draft-07' };
    }
    return { place: current, ...(firstRef ? { ref: firstRef } : {}) };
  }

  servers(place: SchemaPlace): ServerMeaning[] {
    return entries(place).map(([key, entry]) => {
      const server = this.deref(entry).place;
      let host = stringAt(server, 'host');
      let pathname = stringAt(server, 'pathname');
      const url = stringAt(server, 'url');
      if (this.major === 2 && url) {
        const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
        const slash = withoutScheme.indexOf('/');
        host = slash < 0 ? withoutScheme : withoutScheme.slice(0, slash);
        pathname = slash < 0 ? undefined : withoutScheme.slice(slash);
      }
      const at = (field: string) => (hasOwn(server.value, field) ? locationOf(server, field) : locationOf(entry));
      return {
        key,
        host,
        pathname,
        protocol: stringAt(server, 'protocol'),
        protocolVersion: stringAt(server, 'protocolVersion'),
        fieldLocations: { host: at(this.major === 2 ? 'url' : 'host'), pathname: at(this.major === 2 ? 'url' : 'pathname'), protocol: at('protocol'), protocolVersion: at('protocolVersion'), variables: at('variables') },
        variables: this.serverVariables(server),
        location: locationOf(entry),
        bindings: this.bindingsOf(server),
        ...this.securityOf(server),
      };
    });
  }

  private serverVariables(server: SchemaPlace): ServerVariableMeaning[] {
    return entries(childPlace(server, 'variables')).map(([name, entry]) => {
      const variable = this.deref(entry).place;
      const value = isJsonObject(variable.value) ? variable.value : {};
      return {
        name,
        location: locationOf(entry),
        ...(Array.isArray(value.enum) ? { enum: { values: value.enum, location: locationOf(variable, 'enum') } } : {}),
        ...(hasOwn(value, 'default') ? { default: { value: value.default, location: locationOf(variable, 'default') } } : {}),
      };
    });
  }

  private securityOf(owner: SchemaPlace): { security?: SecurityMeaning } {
    if (!hasOwn(owner.value, 'security')) return {};
    const list = childPlace(owner, 'security');
    const items = Array.isArray(list.value) ? list.value : [];
    const alternatives = items.map((_, index) => {
      const written = childPlace(list, index);
      return { key: this.requirementKey(written), location: locationOf(written) };
    });
    return { security: { alternatives, location: locationOf(list) } };
  }

  private requirementKey(written: SchemaPlace): string {
    if (this.major === 2) {
      const requirement = isJsonObject(written.value) ? written.value : {};
      return Object.keys(requirement)
        .sort()
        .map((name) => schemeKey(name, requirement[name]))
        .join(' + ');
    }
    const { place, ref } = this.deref(written);
    const scheme = isJsonObject(place.value) ? place.value : {};
    return schemeKey(lastRefSegment(ref) ?? this.componentSchemeNameOf(scheme) ?? `(${typeof scheme.type === 'string' ? scheme.type : 'inline'} scheme)`, scheme.scopes);
  }

  /** A 3.x inline scheme with scopes is a copy of a component scheme (the converter writes them so): its name. */
  private componentSchemeNameOf(scheme: JsonObject): string | undefined {
    const withoutScopes = (value: JsonObject) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'scopes'));
    const components = childPlace(this.root, 'components', 'securitySchemes');
    for (const [name, entry] of entries(components)) {
      const candidate = this.deref(entry).place.value;
      if (isJsonObject(candidate) && jsonEqual(withoutScopes(candidate), withoutScopes(scheme))) return name;
    }
    return undefined;
  }

  private bindingsOf(owner: SchemaPlace): SchemaPlace | undefined {
    if (!hasOwn(owner.value, 'bindings')) return undefined;
    return this.deref(childPlace(owner, 'bindings')).place;
  }

  /** A message's field, from the message or else from its traits (the message's own value wins). */
  private messageField(message: SchemaPlace, key: string): SchemaPlace | undefined {
    if (hasOwn(message.value, key)) return childPlace(message, key);
    const traits = isJsonObject(message.value) && Array.isArray(message.value.traits) ? message.value.traits : [];
    for (let index = traits.length - 1; index >= 0; index--) {
      let trait = this.deref(childPlace(message, 'traits', index)).place;
      // 2.x allows a trait to be [trait, parameters]; the first item is the trait.
      if (Array.isArray(trait.value)) trait = this.deref(childPlace(trait, 0)).place;
      if (hasOwn(trait.value, key)) return childPlace(trait, key);
    }
    return undefined;
  }

  message(written: SchemaPlace, fallbackId: string): MessageMeaning {
    const { place: definition, ref } = this.deref(written);
    const nameField = this.messageField(definition, 'name');
    const idField = this.major === 2 ? this.messageField(definition, 'messageId') : undefined;
    const explicit = [nameField, idField].map((field) => (typeof field?.value === 'string' ? field.value : undefined)).find((value) => value !== undefined);
    const message: MessageMeaning = {
      id: explicit ?? lastRefSegment(ref) ?? fallbackId,
      named: explicit !== undefined,
      location: locationOf(written),
      definition,
      roles: new Set(),
    };
    const schemaFormatField = this.messageField(definition, 'schemaFormat');
    const schemaFormat = typeof schemaFormatField?.value === 'string' ? { value: schemaFormatField.value, location: locationOf(schemaFormatField) } : undefined;
    const payload = this.messageField(definition, 'payload');
    if (payload) message.payload = this.schemaOf(payload, schemaFormat);
    const headers = this.messageField(definition, 'headers');
    if (headers) message.headers = this.schemaOf(headers, undefined);
    const contentType = this.messageField(definition, 'contentType');
    if (typeof contentType?.value === 'string') message.contentType = { value: contentType.value, location: locationOf(contentType) };
    const correlation = this.messageField(definition, 'correlationId');
    if (correlation) {
      const resolved = this.deref(correlation).place;
      const value = stringAt(resolved, 'location');
      if (value !== undefined) message.correlationId = { value, location: locationOf(resolved, 'location') };
    }
    const bindings = this.messageField(definition, 'bindings');
    if (bindings) message.bindings = this.deref(bindings).place;
    return message;
  }

  /** A payload or headers schema: 3.x may wrap it as `{schemaFormat, schema}`. */
  private schemaOf(place: SchemaPlace, schemaFormat: PayloadMeaning['schemaFormat']): PayloadMeaning {
    let schema = place;
    let written = schemaFormat;
    if (this.major === 3 && isJsonObject(place.value) && hasOwn(place.value, 'schema') && typeof place.value.schemaFormat === 'string') {
      written = { value: place.value.schemaFormat, location: locationOf(place, 'schemaFormat') };
      schema = childPlace(place, 'schema');
    }
    const format = payloadFormatOf(written?.value);
    const dialect = format.family === 'json-schema' ? format.dialect : 'draft-07';
    return { place: { ...schema, dialect }, format, ...(written ? { schemaFormat: written } : {}) };
  }

  parameters(channel: SchemaPlace): ParameterMeaning[] {
    return entries(childPlace(channel, 'parameters')).map(([name, entry]) => {
      const parameter = this.deref(entry).place;
      const expression = stringAt(parameter, 'location');
      let schema: SchemaPlace;
      if (this.major === 2) {
        schema = hasOwn(parameter.value, 'schema') ? childPlace(parameter, 'schema') : { ...parameter, value: true, path: [...parameter.path, 'schema'], synthetic: true };
        // The parameter's description describes its values, as a 3.x parameter's does (where
        // the schema is the parameter itself): read it as the schema's when the schema has none.
        const description = stringAt(parameter, 'description');
        if (description !== undefined && isJsonObject(schema.value) && !hasOwn(schema.value, 'description')) schema = { ...schema, value: { ...schema.value, description } };
      } else {
        // A 3.x parameter is a string with optional enum and default: read it as that schema.
        const value: JsonObject = { type: 'string' };
        for (const key of ['enum', 'default', 'description', 'examples'] as const) if (hasOwn(parameter.value, key)) value[key] = (parameter.value as JsonObject)[key];
        schema = { ...parameter, value };
      }
      return { name, location: locationOf(entry), schema, ...(expression !== undefined ? { expression } : {}) };
    });
  }

  readVersion2(root: SchemaPlace, meaning: DocumentMeaning) {
    for (const [address, entry] of entries(childPlace(root, 'channels'))) {
      const channelPlace = this.deref(entry).place;
      const servers = isJsonObject(channelPlace.value) && Array.isArray(channelPlace.value.servers) ? channelPlace.value.servers.filter((item): item is string => typeof item === 'string') : undefined;
      const channel: ChannelMeaning = { key: address, address, location: locationOf(entry), servers, parameters: this.parameters(channelPlace), bindings: this.bindingsOf(channelPlace), messages: [] };
      meaning.channels.push(channel);
      for (const verb of ['publish', 'subscribe'] as const) {
        if (!hasOwn(channelPlace.value, verb)) continue;
        const operationPlace = this.deref(childPlace(channelPlace, verb)).place;
        // AsyncAPI 2.x speaks from the client's side: `subscribe` means the application sends.
        const action = verb === 'subscribe' ? 'send' : 'receive';
        const operationId = stringAt(operationPlace, 'operationId');
        meaning.operations.push({ key: operationId ?? `${address}/${verb}`, id: operationId, action, channel, location: locationOf(childPlace(channelPlace, verb)), verb, bindings: this.bindingsOf(operationPlace), ...this.securityOf(operationPlace) });
        if (!hasOwn(operationPlace.value, 'message')) continue;
        const messagePlace = this.deref(childPlace(operationPlace, 'message')).place;
        const written = isJsonObject(messagePlace.value) && Array.isArray(messagePlace.value.oneOf) ? messagePlace.value.oneOf.map((_, index) => childPlace(messagePlace, 'oneOf', index)) : [childPlace(operationPlace, 'message')];
        written.forEach((place, index) => {
          const message = this.message(place, `${verb}#${index}`);
          const existing = channel.messages.find((candidate) => candidate.id === message.id);
          (existing ?? (channel.messages.push(message), message)).roles.add(action);
        });
      }
    }
  }

  readVersion3(root: SchemaPlace, meaning: DocumentMeaning) {
    const byPath = new Map<string, ChannelMeaning>();
    for (const [key, entry] of entries(childPlace(root, 'channels'))) {
      const channelPlace = this.deref(entry).place;
      const address = stringAt(channelPlace, 'address') ?? key;
      const serverRefs = isJsonObject(channelPlace.value) && Array.isArray(channelPlace.value.servers) ? channelPlace.value.servers : undefined;
      const servers = serverRefs?.map((item) => lastRefSegment(isJsonObject(item) && typeof item.$ref === 'string' ? item.$ref : undefined)).filter((item): item is string => item !== undefined);
      const channel: ChannelMeaning = { key, address, location: locationOf(entry), servers, parameters: this.parameters(channelPlace), bindings: this.bindingsOf(channelPlace), messages: [] };
      for (const [messageKey, messageEntry] of entries(childPlace(channelPlace, 'messages'))) channel.messages.push(this.message(messageEntry, messageKey));
      meaning.channels.push(channel);
      byPath.set(`channels/${key}`, channel);
    }
    const channelOf = (refHolder: SchemaPlace | undefined) => {
      const ref = refHolder && isJsonObject(refHolder.value) && typeof refHolder.value.$ref === 'string' ? refHolder.value.$ref : undefined;
      const match = ref ? /^#\/channels\/([^/]+)$/.exec(ref) : null;
      return match ? byPath.get(`channels/${pointerToPath('#/' + match[1])[0]}`) : undefined;
    };
    /** Message refs `#/channels/c/messages/m` of an operation or reply; none listed means all of the channel's. */
    const messagesOf = (owner: SchemaPlace, channel: ChannelMeaning | undefined): MessageMeaning[] => {
      const list = isJsonObject(owner.value) && Array.isArray(owner.value.messages) ? owner.value.messages : undefined;
      if (!list) return channel?.messages ?? [];
      const found: MessageMeaning[] = [];
      for (const item of list) {
        const ref = isJsonObject(item) && typeof item.$ref === 'string' ? item.$ref : undefined;
        if (!ref?.startsWith('#/channels/')) continue;
        let path: string[];
        try {
          path = pointerToPath(ref);
        } catch {
          continue;
        }
        const target = byPath.get(`channels/${path[1]}`);
        const messageKey = path[3];
        const message = target?.messages.find((candidate) => candidate.location.path[candidate.location.path.length - 1] === messageKey);
        if (message) found.push(message);
      }
      return found;
    };
    for (const [key, entry] of entries(childPlace(root, 'operations'))) {
      const operationPlace = this.deref(entry).place;
      const actionValue = stringAt(operationPlace, 'action');
      if (actionValue !== 'send' && actionValue !== 'receive') continue;
      const channel = channelOf(hasOwn(operationPlace.value, 'channel') ? childPlace(operationPlace, 'channel') : undefined);
      for (const message of messagesOf(operationPlace, channel)) message.roles.add(actionValue);
      const operation: OperationMeaning = { key, id: key, action: actionValue, channel, location: locationOf(entry), bindings: this.bindingsOf(operationPlace), ...this.securityOf(operationPlace) };
      if (hasOwn(operationPlace.value, 'reply')) {
        const reply = this.deref(childPlace(operationPlace, 'reply')).place;
        const replyChannel = channelOf(hasOwn(reply.value, 'channel') ? childPlace(reply, 'channel') : undefined);
        const address = hasOwn(reply.value, 'address') ? this.deref(childPlace(reply, 'address')).place : undefined;
        // The sender of a request receives its reply, and the receiver sends it.
        const replyRole = actionValue === 'send' ? 'receive' : 'send';
        for (const message of messagesOf(reply, replyChannel)) message.roles.add(replyRole);
        operation.reply = { channel: replyChannel, ...(address && typeof stringAt(address, 'location') === 'string' ? { addressExpression: stringAt(address, 'location') } : {}), location: locationOf(childPlace(operationPlace, 'reply')) };
      }
      meaning.operations.push(operation);
    }
  }
}

function schemeKey(name: string, scopes: unknown): string {
  const list = Array.isArray(scopes) ? scopes.map(String).sort() : [];
  return list.length > 0 ? `${name} [${list.join(', ')}]` : name;
}

/** The role a set of actions gives a message. */
export function roleOfActions(roles: Iterable<'send' | 'receive'>): MessageRole | undefined {
  const set = new Set(roles);
  return set.has('send') && set.has('receive') ? 'both' : set.has('send') ? 'send' : set.has('receive') ? 'receive' : undefined;
}

export type { JsonPath };
