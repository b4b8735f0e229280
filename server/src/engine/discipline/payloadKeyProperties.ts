import { dereference, type SchemaLocation, type SchemaSource } from '../schemas/bundle';
import { isProtobufSchemaFormat } from '../protobuf/protobufPayloads';
import type { ProtoSchema } from '../protobuf/protoSchema';
import { isObject } from './channelTransport';
import { protobufPayloadAt, protobufProperties, protobufPropertiesBelow, type ProtobufProperty } from './protobufPayloadSchema';

/**
 * The properties of a message payload (or headers) schema, as the ordering-key rule needs them:
 * which exist, which are required, and what type they have — in JSON Schema (AsyncAPI schemas,
 * OpenAPI schemas), in Avro, and in Protobuf (the fields of the payload's message; what
 * "required" means there: protobufPayloadSchema.ts). `$ref`s are followed; `allOf` branches are
 * merged; a property of a `oneOf`/`anyOf` branch exists, and is required only when every branch
 * requires it.
 */
export interface PayloadProperty {
  name: string;
  required: boolean;
  /** `string`, `integer`, `number`, `boolean`, `object`, `array`, or undefined when unknown. */
  type?: string;
  format?: string;
  pattern?: string;
  /** Where the property's schema is (JSON Schema), for walking further down. */
  location?: SchemaLocation;
  /** The Avro type of the field, for walking further down. */
  avroType?: unknown;
  /** The Protobuf field, and the schema its type names resolve in, for walking further down. */
  protobuf?: { schema: ProtoSchema; property: ProtobufProperty };
}

export type SchemaKind = 'json' | 'avro' | 'protobuf' | 'unknown';

/** What kind of schema a `schemaFormat` names. */
export function schemaKindOf(schemaFormat: string | undefined): SchemaKind {
  if (!schemaFormat) return 'json';
  const format = schemaFormat.toLowerCase();
  if (format.startsWith('application/vnd.apache.avro')) return 'avro';
  if (isProtobufSchemaFormat(schemaFormat)) return 'protobuf';
  if (format.startsWith('application/vnd.aai.asyncapi') || format.startsWith('application/schema+') || format.startsWith('application/vnd.oai.openapi')) return 'json';
  return 'unknown';
}

/**
 * The properties of the object the schema at `location` describes; `undefined` when that
 * cannot be told (not an object schema, an unknown format, a schema without `properties`).
 */
export function propertiesAt(kind: SchemaKind, location: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): PayloadProperty[] | undefined {
  if (kind === 'json') return jsonProperties(location, read, schemaIds, 0);
  if (kind === 'avro') {
    const found = dereference(location, read, schemaIds);
    return found ? avroProperties(found.value, namedAvroTypes(found.value)) : undefined;
  }
  if (kind === 'protobuf') {
    const payload = protobufPayloadAt(location, read, schemaIds);
    return payload ? fromProtobuf(payload.schema, protobufProperties(payload.schema, payload.message)) : undefined;
  }
  return undefined;
}

/** The properties one level below `property` (for pointers such as `/customer/id`). */
export function propertiesBelow(kind: SchemaKind, property: PayloadProperty, root: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): PayloadProperty[] | undefined {
  if (kind === 'json') return property.location ? jsonProperties(property.location, read, schemaIds, 0) : undefined;
  if (kind === 'avro') {
    const schema = dereference(root, read, schemaIds)?.value;
    return avroProperties(property.avroType, namedAvroTypes(schema));
  }
  if (kind === 'protobuf' && property.protobuf) {
    const below = protobufPropertiesBelow(property.protobuf.schema, property.protobuf.property);
    return below ? fromProtobuf(property.protobuf.schema, below) : undefined;
  }
  return undefined;
}

function fromProtobuf(schema: ProtoSchema, properties: ProtobufProperty[]): PayloadProperty[] {
  return properties.map((property) => ({ name: property.name, required: property.required, type: property.type, format: property.format, protobuf: { schema, property } }));
}

function jsonProperties(location: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>, depth: number): PayloadProperty[] | undefined {
  if (depth > 16) return undefined;
  const found = dereference(location, read, schemaIds);
  if (!found || !isObject(found.value)) return undefined;
  const schema = found.value;
  const at = found.location;
  const byName = new Map<string, PayloadProperty>();
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : []);
  let known = false;
  if (isObject(schema.properties)) {
    known = true;
    for (const name of Object.keys(schema.properties)) {
      const propertyLocation = { uri: at.uri, path: [...at.path, 'properties', name] };
      const written = schema.properties[name];
      const propertySchema = isObject(written) && typeof written.$ref === 'string' ? dereference(propertyLocation, read, schemaIds)?.value : written;
      byName.set(name, { name, required: false, ...scalarFacts(propertySchema), location: propertyLocation });
    }
  }
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((_, index) => {
      const branch = jsonProperties({ uri: at.uri, path: [...at.path, 'allOf', index] }, read, schemaIds, depth + 1);
      if (!branch) return;
      known = true;
      for (const property of branch) {
        if (property.required) required.add(property.name);
        if (!byName.has(property.name)) byName.set(property.name, { ...property, required: false });
      }
    });
  }
  for (const combinator of ['oneOf', 'anyOf'] as const) {
    const branches = schema[combinator];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    const shapes = branches.map((_, index) => jsonProperties({ uri: at.uri, path: [...at.path, combinator, index] }, read, schemaIds, depth + 1));
    // A branch we cannot read could hold any property: nothing sure can be said then.
    if (shapes.some((shape) => !shape)) return known ? withRequired(byName, required) : undefined;
    known = true;
    for (const shape of shapes) for (const property of shape!) if (!byName.has(property.name)) byName.set(property.name, { ...property, required: false });
    for (const name of byName.keys()) if (shapes.every((shape) => shape!.some((property) => property.name === name && property.required))) required.add(name);
  }
  return known ? withRequired(byName, required) : undefined;
}

function withRequired(byName: Map<string, PayloadProperty>, required: Set<string>): PayloadProperty[] {
  return [...byName.values()].map((property) => ({ ...property, required: required.has(property.name) }));
}

function scalarFacts(schema: unknown): Pick<PayloadProperty, 'type' | 'format' | 'pattern'> {
  if (!isObject(schema)) return {};
  const types = Array.isArray(schema.type) ? schema.type.filter((type) => type !== 'null') : [schema.type];
  const type = types.length === 1 && typeof types[0] === 'string' ? types[0] : isObject(schema.properties) ? 'object' : undefined;
  return { type, format: typeof schema.format === 'string' ? schema.format : undefined, pattern: typeof schema.pattern === 'string' ? schema.pattern : undefined };
}

// --- Avro ----------------------------------------------------------------------------------

function namedAvroTypes(schema: unknown): Map<string, Record<string, unknown>> {
  const named = new Map<string, Record<string, unknown>>();
  const visit = (type: unknown, depth: number) => {
    if (depth > 32) return;
    if (Array.isArray(type)) type.forEach((item) => visit(item, depth + 1));
    else if (isObject(type)) {
      if (typeof type.name === 'string' && (type.type === 'record' || type.type === 'enum' || type.type === 'fixed')) {
        named.set(type.name, type);
        if (typeof type.namespace === 'string') named.set(`${type.namespace}.${type.name}`, type);
      }
      if (Array.isArray(type.fields)) for (const field of type.fields) if (isObject(field)) visit(field.type, depth + 1);
      visit(type.items, depth + 1);
      visit(type.values, depth + 1);
    }
  };
  visit(schema, 0);
  return named;
}

function avroProperties(type: unknown, named: Map<string, Record<string, unknown>>): PayloadProperty[] | undefined {
  const record = resolveAvro(type, named);
  if (!isObject(record) || record.type !== 'record' || !Array.isArray(record.fields)) return undefined;
  return record.fields.filter(isObject).filter((field) => typeof field.name === 'string').map((field) => {
    const union = Array.isArray(field.type) ? field.type : undefined;
    const nullable = !!union?.some((member) => member === 'null');
    const inner = union ? union.filter((member) => member !== 'null') : [field.type];
    const single = inner.length === 1 ? resolveAvro(inner[0], named) : undefined;
    return { name: field.name as string, required: !nullable, ...avroFacts(single), avroType: single };
  });
}

function resolveAvro(type: unknown, named: Map<string, Record<string, unknown>>): unknown {
  return typeof type === 'string' && named.has(type) ? named.get(type) : type;
}

function avroFacts(type: unknown): Pick<PayloadProperty, 'type' | 'format'> {
  const name = isObject(type) ? type.type : type;
  const logical = isObject(type) ? type.logicalType : undefined;
  if (logical === 'uuid') return { type: 'string', format: 'uuid' };
  if (name === 'string' || name === 'enum') return { type: 'string' };
  if (name === 'int' || name === 'long') return { type: 'integer' };
  if (name === 'float' || name === 'double') return { type: 'number' };
  if (name === 'boolean') return { type: 'boolean' };
  if (name === 'record' || name === 'map') return { type: 'object' };
  if (name === 'array') return { type: 'array' };
  return {};
}
