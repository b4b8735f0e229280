import { loadProtoSchemaNow, fieldTypeName, type ProtoSchema } from '../protobuf/protoSchema';
import type { ProtoMessage, Span } from '../protobuf/protoSource';
import { chooseRootMessage } from '../protobuf/rootMessage';
import { dereference, locate, type SchemaLocation, type SchemaSource } from '../schemas/bundle';

/**
 * A Protobuf payload as the document rules read it: the `.proto` source (inline, or the file a
 * `$ref` names) loaded with its imports from the files the check already holds, and the message
 * the AsyncAPI Protobuf parser takes for the payload. Reads go through `locate`, so a message
 * rule's memo (messageRuleMemo.ts) sees a `.proto` file change.
 */
export interface ProtobufPayload {
  schema: ProtoSchema;
  message: ProtoMessage;
  /** The `.proto` file, for a `$ref`; undefined for inline source. */
  fileUri?: string;
  /** Where the payload's schema is written in the AsyncAPI document (the string, or the `$ref` object). */
  written: SchemaLocation;
}

/**
 * One field of a Protobuf message as a payload property. `required` is what a decoded message
 * always has a value for, as the AsyncAPI Protobuf parser reads it: a proto2 (or editions)
 * `required` field; in proto3, a singular field without `optional` outside a `oneof` (it reads
 * as its default when a producer leaves it unset). Lists and maps are never required: they may be empty.
 */
export interface ProtobufProperty {
  name: string;
  required: boolean;
  /** The JSON kind of its values: string, integer, number, boolean, object, array; undefined when unknown. */
  type?: string;
  format?: string;
  /** The message type of the field (for pointers such as `/customer/id`). */
  nested?: ProtoMessage;
}

const INTEGER_TYPES = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64']);

/** Well-known types that Protobuf's JSON mapping writes as a scalar. */
const WELL_KNOWN_SCALARS: Record<string, { type: string; format?: string }> = {
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time' },
  'google.protobuf.Duration': { type: 'string' },
  'google.protobuf.StringValue': { type: 'string' },
  'google.protobuf.BytesValue': { type: 'string' },
  'google.protobuf.BoolValue': { type: 'boolean' },
  'google.protobuf.DoubleValue': { type: 'number' },
  'google.protobuf.FloatValue': { type: 'number' },
  'google.protobuf.Int32Value': { type: 'integer' },
  'google.protobuf.Int64Value': { type: 'integer' },
  'google.protobuf.UInt32Value': { type: 'integer' },
  'google.protobuf.UInt64Value': { type: 'integer' },
};

/** The Protobuf payload whose schema is written at `location` (a string of proto source, or a `$ref` to a `.proto` file). */
export function protobufPayloadAt(location: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): ProtobufPayload | undefined {
  const written = locate(location, read, schemaIds);
  if (!written) return undefined;
  let uri = written.location.uri;
  let text: string | undefined;
  let fileUri: string | undefined;
  if (typeof written.value === 'string') text = written.value;
  else {
    const target = dereference(location, read, schemaIds);
    if (!target || target.location.path.length > 0) return undefined;
    text = read(target.location.uri)?.text;
    uri = fileUri = target.location.uri;
  }
  if (text === undefined) return undefined;
  const schema = loadCached(uri, text, read, schemaIds);
  // What follows a syntax error is not read: a field missing there proves nothing.
  if (schema.main.file.problem) return undefined;
  const choice = chooseRootMessage(schema.main.file);
  if (choice.kind !== 'found') return undefined;
  return { schema, message: choice.message, ...(fileUri ? { fileUri } : {}), written: written.location };
}

/** The fields of a message as payload properties. */
export function protobufProperties(schema: ProtoSchema, message: ProtoMessage): ProtobufProperty[] {
  const file = schema.types.get(message.fullName)?.unit.file ?? schema.main.file;
  return message.fields.map((field) => {
    const repeated = field.label === 'repeated' || field.map !== undefined;
    const required = file.syntax === 'proto3' ? !field.label && !field.oneof && !field.map : field.label === 'required';
    const property: ProtobufProperty = { name: field.name, required };
    if (field.map) return { ...property, type: 'object' };
    const fullName = field.group ? `${message.fullName}.${field.type}` : fieldTypeName(schema, field.type, message.fullName);
    const defined = fullName ? schema.types.get(fullName)?.type : undefined;
    const nested = defined?.kind === 'message' ? defined : undefined;
    if (repeated) return { ...property, type: 'array' };
    if (nested && fullName && WELL_KNOWN_SCALARS[fullName]) return { ...property, ...WELL_KNOWN_SCALARS[fullName] };
    if (nested) return { ...property, type: 'object', nested };
    if (defined?.kind === 'enum') return { ...property, type: 'string' };
    return { ...property, ...scalarKind(field.type) };
  });
}

/** The properties of the message a field of message type holds (repeated ones hold a list of them, not walked). */
export function protobufPropertiesBelow(schema: ProtoSchema, property: ProtobufProperty): ProtobufProperty[] | undefined {
  return property.nested && property.type === 'object' ? protobufProperties(schema, property.nested) : undefined;
}

/** Where a finding about a message or field of a Protobuf payload goes: its span in the `.proto` file, else the payload's schema in the document. */
export function protobufPlace(payload: ProtobufPayload, span: Span): { uri: string; path: ReadonlyArray<string | number>; at?: Span } {
  const uri = payload.fileUri ?? payload.written.uri;
  // Inline source: the string's characters are not known from plain values; the schema itself is the place.
  return payload.fileUri ? { uri, path: [], at: { offset: span.offset, length: span.length } } : { uri, path: payload.written.path };
}

function scalarKind(type: string): { type?: string; format?: string } {
  if (type === 'string') return { type: 'string' };
  if (type === 'bytes') return { type: 'string', format: 'byte' };
  if (type === 'bool') return { type: 'boolean' };
  if (type === 'float' || type === 'double') return { type: 'number' };
  if (INTEGER_TYPES.has(type)) return { type: 'integer' };
  return {};
}

/** Schemas by file and text: the rules of one check ask for the same payload many times. */
const loaded = new Map<string, { schema: ProtoSchema; imports: Array<[string, string | undefined]> }>();

function loadCached(uri: string, text: string, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): ProtoSchema {
  const readNow = (target: string) => {
    // Looked up through `locate` so that a message rule's memo records the read.
    locate({ uri: target, path: [] }, read, schemaIds);
    return read(target)?.text;
  };
  const key = `${uri}\u0000${text}`;
  const known = loaded.get(key);
  if (known && known.imports.every(([target, before]) => readNow(target) === before)) return known.schema;
  const imports: Array<[string, string | undefined]> = [];
  const schema = loadProtoSchemaNow(uri, text, (target) => {
    const found = readNow(target);
    imports.push([target, found]);
    return found;
  });
  if (loaded.size > 64) loaded.clear();
  loaded.set(key, { schema, imports });
  return schema;
}
