import { dereference, type SchemaLocation, type SchemaSource } from '../schemas/bundle';
import { isProtobufSchemaFormat } from '../protobuf/protobufPayloads';
import type { MessageView } from './messageView';
import { protobufPayloadAt, protobufProperties, protobufPropertiesBelow, type ProtobufProperty } from './protobufPayloadSchema';

/**
 * What the headers and the payload of a message declare, for the rules that look for a field
 * (`event-id`, `correlation-id`, `trace-context`, `cloudevents-attributes`): located, with
 * `$ref`s followed across files, traits applied, multi-format schemas unwrapped, in JSON Schema,
 * Avro and Protobuf (the fields of the payload's message). A schema that cannot be read (a remote
 * reference, a missing file, a format such as RAML) makes the answer incomplete, and the rules
 * then say nothing rather than guess.
 */

/** How schemas are read: the rule context's `read` and `schemaIds`. */
export interface SchemaReader {
  read: SchemaSource;
  schemaIds: ReadonlyMap<string, string>;
}

export type SchemaFormatKind = 'json-schema' | 'avro' | 'protobuf' | 'opaque';

/** A headers or payload schema of a message, where its definition is. */
export interface SchemaSite {
  location: SchemaLocation;
  value: unknown;
  format: SchemaFormatKind;
  /** Where the message (or trait) mentions it: the `headers` or `payload` key. */
  mentionedAt: SchemaLocation;
}

/**
 * Where a field's schema is: the schema that declares it, and the path below that schema
 * (`properties/<name>`, or `fields/<index>/type` in Avro; a Protobuf field is its `.proto` file,
 * or the inline source). Kept in parts: a check looks at thousands of fields and needs the
 * location of very few.
 */
export interface FieldRef {
  uri: string;
  owner: ReadonlyArray<string | number>;
  below: ReadonlyArray<string | number>;
}

export function fieldLocation(field: FieldRef): SchemaLocation {
  return { uri: field.uri, path: [...field.owner, ...field.below] };
}

/** The fields of a schema, by name, with where each field's schema is. */
export interface Fields {
  fields: Map<string, FieldRef>;
  /** False when part of the schema could not be read: a missing name proves nothing then. */
  complete: boolean;
}

/** A message object and its traits, each where it is written: traits in order, then the message. */
export interface MessagePart {
  location: SchemaLocation;
  value: Record<string, unknown>;
  isTrait: boolean;
}

export function messageParts(view: Pick<MessageView, 'definition' | 'own'>, reader: SchemaReader): MessagePart[] {
  const parts: MessagePart[] = [];
  const traits = view.own.traits;
  if (Array.isArray(traits)) {
    traits.forEach((_, index) => {
      const found = dereference({ uri: view.definition.uri, path: [...view.definition.path, 'traits', index] }, reader.read, reader.schemaIds);
      if (found && isRecord(found.value)) parts.push({ location: found.location, value: found.value, isTrait: true });
    });
  }
  parts.push({ location: view.definition, value: view.own, isTrait: false });
  return parts;
}

/**
 * The part that provides a key of the merged message: the message itself when it has the key,
 * else the last trait that has it (traits are merged in order, the message on top).
 */
export function providerOf(parts: MessagePart[], key: string): MessagePart | undefined {
  for (let index = parts.length - 1; index >= 0; index--) if (parts[index]!.value[key] !== undefined && parts[index]!.value[key] !== null) return parts[index];
  return undefined;
}

/** The headers schemas of a message: one per part that has `headers` (their properties merge). */
export function headersSchemas(view: Pick<MessageView, 'definition' | 'own'>, reader: SchemaReader): SchemaSite[] {
  return messageParts(view, reader)
    .filter((part) => part.value.headers !== undefined && part.value.headers !== null)
    .map((part) => schemaSite({ uri: part.location.uri, path: [...part.location.path, 'headers'] }, undefined, reader));
}

/** The headers schema a fix should edit: the message's own, else the last trait's; undefined when there are none. */
export function editableHeaders(view: Pick<MessageView, 'definition' | 'own'>, reader: SchemaReader): SchemaSite | undefined {
  const sites = headersSchemas(view, reader);
  return sites[sites.length - 1];
}

/** The payload schema of a message (the message's own, else a trait's), unwrapped. */
export function payloadSchema(view: Pick<MessageView, 'definition' | 'own'>, reader: SchemaReader): SchemaSite | undefined {
  const parts = messageParts(view, reader);
  const provider = providerOf(parts, 'payload');
  if (!provider) return undefined;
  // AsyncAPI 2.x: the message's `schemaFormat` says what its payload is.
  const format = providerOf(parts, 'schemaFormat')?.value.schemaFormat;
  return schemaSite({ uri: provider.location.uri, path: [...provider.location.path, 'payload'] }, typeof format === 'string' ? format : undefined, reader);
}

/** The fields the headers of a message declare, all schemas merged. */
export function headerFields(view: Pick<MessageView, 'definition' | 'own'>, reader: SchemaReader): Fields {
  const result: Fields = { fields: new Map(), complete: true };
  for (const site of headersSchemas(view, reader)) merge(result, fieldsOf(site, reader));
  return result;
}

/** The top-level fields of the payload ("envelope" properties); complete and empty when there is no payload. */
export function payloadFields(view: Pick<MessageView, 'definition' | 'own'>, reader: SchemaReader): Fields {
  const site = payloadSchema(view, reader);
  return site ? fieldsOf(site, reader) : { fields: new Map(), complete: true };
}

function merge(into: Fields, from: Fields) {
  for (const [name, location] of from.fields) if (!into.fields.has(name)) into.fields.set(name, location);
  into.complete &&= from.complete;
}

/** A schema where it is mentioned: references followed, a 3.x multi-format schema object unwrapped. */
function schemaSite(mentionedAt: SchemaLocation, schemaFormat: string | undefined, reader: SchemaReader): SchemaSite {
  let found = dereference(mentionedAt, reader.read, reader.schemaIds);
  let format = schemaFormat;
  if (found && isRecord(found.value) && typeof found.value.schemaFormat === 'string' && 'schema' in found.value) {
    format = found.value.schemaFormat;
    found = dereference({ uri: found.location.uri, path: [...found.location.path, 'schema'] }, reader.read, reader.schemaIds);
  }
  if (!found) return { location: mentionedAt, value: undefined, format: 'opaque', mentionedAt };
  const kind = formatKind(format, found.location.uri);
  return { location: found.location, value: found.value, format: kind, mentionedAt };
}

/** What a `schemaFormat` is to the field readers. */
export function formatKind(schemaFormat: string | undefined, uri?: string): SchemaFormatKind {
  if (!schemaFormat) return uri?.toLowerCase().endsWith('.avsc') ? 'avro' : 'json-schema';
  const format = schemaFormat.toLowerCase();
  if (format.includes('avro')) return 'avro';
  if (isProtobufSchemaFormat(schemaFormat)) return 'protobuf';
  if (format.includes('schema+json') || format.includes('schema+yaml') || format.includes('vnd.aai.asyncapi') || format.includes('vnd.oai.openapi')) return 'json-schema';
  return 'opaque';
}

/** The fields a schema declares at its top level. */
export function fieldsOf(site: SchemaSite, reader: SchemaReader): Fields {
  // A `.proto` file has text, no plain value.
  if (site.format === 'protobuf') return protobufFields(site, reader);
  const result: Fields = { fields: new Map(), complete: site.format !== 'opaque' && site.value !== undefined };
  if (!result.complete) return result;
  if (site.format === 'avro') return avroFields(site.location, site.value);
  collectJsonSchemaFields(site.location, site.value, reader, result, new Set(), 0);
  return result;
}

/**
 * The field at a JSON pointer below a schema (`/MQMD/CorrelId`, `/items/0/id`): `found` with its
 * location, `missing` when the schema declares no such field, `unknown` when it cannot be told.
 */
export function fieldAtPointer(site: SchemaSite, segments: readonly string[], reader: SchemaReader): { state: 'found'; location: SchemaLocation } | { state: 'missing' | 'unknown' } {
  if (site.format === 'protobuf') return protobufFieldAtPointer(site, segments, reader);
  let current: SchemaSite = site;
  for (const segment of segments) {
    if (current.format === 'json-schema' && /^\d+$/.test(segment)) {
      const items = itemsOf(current, reader);
      if (items) {
        current = items;
        continue;
      }
    }
    const { fields, complete } = fieldsOf(current, reader);
    const field = fields.get(segment);
    if (!field) return { state: complete ? 'missing' : 'unknown' };
    const next = fieldLocation(field);
    const found = dereference(next, reader.read, reader.schemaIds);
    if (!found) return { state: 'unknown' };
    current = { location: found.location, value: found.value, format: current.format, mentionedAt: next };
    if (current.format === 'avro') current = avroNamedRecord(current);
  }
  return { state: 'found', location: current.location };
}

function itemsOf(site: SchemaSite, reader: SchemaReader): SchemaSite | undefined {
  if (!isRecord(site.value) || !isRecord(site.value.items)) return undefined;
  const found = dereference({ uri: site.location.uri, path: [...site.location.path, 'items'] }, reader.read, reader.schemaIds);
  return found ? { location: found.location, value: found.value, format: site.format, mentionedAt: site.location } : undefined;
}

function collectJsonSchemaFields(location: SchemaLocation, value: unknown, reader: SchemaReader, result: Fields, seen: Set<string>, depth: number) {
  if (depth > 32 || !isRecord(value)) return;
  if (typeof value.$ref === 'string') {
    // Only a reference can lead back to a schema already visited.
    const key = `${location.uri}#${location.path.join('/')}`;
    if (seen.has(key)) return;
    seen.add(key);
    const found = dereference(location, reader.read, reader.schemaIds);
    if (!found) {
      result.complete = false;
      return;
    }
    collectJsonSchemaFields(found.location, found.value, reader, result, seen, depth + 1);
    return;
  }
  if (isRecord(value.properties)) {
    for (const name of Object.keys(value.properties)) {
      if (!result.fields.has(name)) result.fields.set(name, { uri: location.uri, owner: location.path, below: ['properties', name] });
    }
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = value[combinator];
    if (!Array.isArray(branches)) continue;
    branches.forEach((branch, index) => collectJsonSchemaFields({ uri: location.uri, path: [...location.path, combinator, index] }, branch, reader, result, seen, depth + 1));
  }
}

function avroFields(location: SchemaLocation, value: unknown): Fields {
  const result: Fields = { fields: new Map(), complete: true };
  const record = avroNamedRecord({ location, value, format: 'avro', mentionedAt: location });
  if (!isRecord(record.value) || record.value.type !== 'record' || !Array.isArray(record.value.fields)) {
    // A named type defined elsewhere, a union at the top: not followed.
    result.complete = false;
    return result;
  }
  record.value.fields.forEach((field, index) => {
    if (isRecord(field) && typeof field.name === 'string') result.fields.set(field.name, { uri: record.location.uri, owner: record.location.path, below: ['fields', index, 'type'] });
  });
  return result;
}

/** The fields of a Protobuf payload's message; incomplete when its source cannot be read or no message is the payload. */
function protobufFields(site: SchemaSite, reader: SchemaReader): Fields {
  const payload = protobufPayloadAt(site.location, reader.read, reader.schemaIds);
  if (!payload) return { fields: new Map(), complete: false };
  const at = { uri: payload.fileUri ?? payload.written.uri, owner: payload.fileUri ? [] : payload.written.path, below: [] };
  return { fields: new Map(protobufProperties(payload.schema, payload.message).map((property) => [property.name, at])), complete: true };
}

/** A pointer into a Protobuf payload: through fields of message type (a list's items are not followed). */
function protobufFieldAtPointer(site: SchemaSite, segments: readonly string[], reader: SchemaReader): { state: 'found'; location: SchemaLocation } | { state: 'missing' | 'unknown' } {
  const payload = protobufPayloadAt(site.location, reader.read, reader.schemaIds);
  if (!payload) return { state: 'unknown' };
  let properties: ProtobufProperty[] | undefined = protobufProperties(payload.schema, payload.message);
  for (const segment of segments) {
    if (!properties) return { state: 'unknown' };
    const property = properties.find((candidate) => candidate.name === segment);
    if (!property) return { state: 'missing' };
    properties = protobufPropertiesBelow(payload.schema, property);
  }
  return { state: 'found', location: payload.fileUri ? { uri: payload.fileUri, path: [] } : payload.written };
}

/** An Avro field type that is a record, or a union of null and a record: the record. */
function avroNamedRecord(site: SchemaSite): SchemaSite {
  if (Array.isArray(site.value)) {
    const index = site.value.findIndex((branch) => isRecord(branch) && branch.type === 'record');
    if (index >= 0) return { ...site, location: { uri: site.location.uri, path: [...site.location.path, index] }, value: site.value[index] };
  }
  return site;
}

const normalized = new Map<string, string>();

/** Lower-case, without `-`, `_`, `.` and spaces: `Event-ID`, `event_id` and `eventId` are one name. */
export function normalizeFieldName(name: string) {
  let result = normalized.get(name);
  if (result === undefined) {
    result = name.toLowerCase().replace(/[-_.\s]/g, '');
    if (normalized.size > 10_000) normalized.clear();
    normalized.set(name, result);
  }
  return result;
}

/** The first field whose normalised name is among `names` (normalised too). */
export function findField(fields: Fields, names: readonly string[]): string | undefined {
  const wanted = new Set(names.map(normalizeFieldName));
  for (const name of fields.fields.keys()) if (wanted.has(normalizeFieldName(name))) return name;
  return undefined;
}

/** Names from a rule option (a string or a list of strings), or the defaults when it gives none. */
export function namesOption(value: unknown, defaults: readonly string[]): string[] {
  const list = (typeof value === 'string' ? [value] : Array.isArray(value) ? value : []).filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return list.length > 0 ? list : [...defaults];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
