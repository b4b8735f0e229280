import { dereference, type SchemaLocation } from '../schemas/bundle';
import type { WorkspaceReader } from './workspaceReader';

/** One field of a payload or headers schema (JSON Schema property or Avro record field). */
export interface SchemaField {
  /** The field's path from the schema root, as the JSON pointer of a runtime expression uses it. */
  path: string[];
  type: string;
  required: boolean;
  description?: string;
  /** Where the field is defined (a property schema, an Avro field). */
  definition?: SchemaLocation;
}

/** What a schema is, for a hover: its title/description, its type and (for objects) its fields. */
export interface SchemaSummary {
  title?: string;
  description?: string;
  type: string;
  format: 'json-schema' | 'avro' | 'protobuf';
  fields: SchemaField[];
  /** True when more fields exist than were listed. */
  truncated: boolean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** True for an Avro record, enum, array… as a value (a schema file `.avsc`, or inline). */
export function isAvroSchema(value: unknown, uri?: string): boolean {
  if (uri?.toLowerCase().endsWith('.avsc')) return true;
  return isObject(value) && (value.type === 'record' || value.type === 'enum' || value.type === 'fixed') && typeof value.name === 'string';
}

/**
 * The fields of the schema at `location`, nested objects and records included down to `depth`
 * levels, references followed (reads through the reader: run inside `reader.settle`).
 */
export function schemaFields(reader: WorkspaceReader, location: SchemaLocation, options: { depth: number; limit: number }): { fields: SchemaField[]; truncated: boolean } {
  const fields: SchemaField[] = [];
  let truncated = false;
  const visit = (at: SchemaLocation, prefix: string[], depth: number, seen: Set<string>) => {
    const found = dereference(at, reader.source, reader.schemaIds);
    if (!found) return;
    const key = `${found.location.uri}#${found.location.path.join('/')}`;
    if (seen.has(key)) return;
    const nextSeen = new Set(seen).add(key);
    for (const field of directFields(reader, found.location, found.value)) {
      if (fields.length >= options.limit) {
        truncated = true;
        return;
      }
      fields.push({ ...field, path: [...prefix, ...field.path] });
      if (depth > 1 && field.definition) visit(field.definition, [...prefix, ...field.path], depth - 1, nextSeen);
    }
  };
  visit(location, [], options.depth, new Set());
  return { fields, truncated };
}

/** A summary of the schema at `location` (references followed). */
export function summariseSchema(reader: WorkspaceReader, location: SchemaLocation, limit = 25): SchemaSummary | undefined {
  const found = dereference(location, reader.source, reader.schemaIds);
  if (!found) return undefined;
  const value = found.value;
  const avro = isAvroSchema(value, found.location.uri);
  const { fields, truncated } = schemaFields(reader, found.location, { depth: 1, limit });
  const object = isObject(value) ? value : {};
  return {
    title: typeof object.title === 'string' ? object.title : avro && typeof object.name === 'string' ? object.name : undefined,
    description: typeof object.description === 'string' ? object.description : typeof object.doc === 'string' ? object.doc : undefined,
    type: avro ? avroType(value) : ((isObject(value) ? primitiveType(value) : undefined) ?? jsonSchemaType(reader, found.location, value)),
    format: avro ? 'avro' : 'json-schema',
    fields,
    truncated,
  };
}

function directFields(reader: WorkspaceReader, location: SchemaLocation, value: unknown): SchemaField[] {
  if (isAvroSchema(value, location.uri) || (isObject(value) && Array.isArray(value.fields))) return avroFields(location, value);
  if (!isObject(value)) return [];
  const result: SchemaField[] = [];
  const seen = new Set<string>();
  const collect = (at: SchemaLocation, schema: Json, hops: number) => {
    const required = new Set(Array.isArray(schema.required) ? schema.required.filter((item): item is string => typeof item === 'string') : []);
    if (isObject(schema.properties)) {
      for (const [name, property] of Object.entries(schema.properties)) {
        if (seen.has(name)) continue;
        seen.add(name);
        const definition = { uri: at.uri, path: [...at.path, 'properties', name] };
        const resolved = dereference(definition, reader.source, reader.schemaIds);
        const described = isObject(resolved?.value) ? resolved.value : isObject(property) ? property : {};
        result.push({
          path: [name],
          type: jsonSchemaType(reader, definition, property),
          required: required.has(name),
          description: typeof described.description === 'string' ? described.description : undefined,
          definition,
        });
      }
    }
    // allOf members add their properties (a common way to compose event envelopes).
    if (Array.isArray(schema.allOf) && hops < 8) {
      schema.allOf.forEach((_, index) => {
        const member = dereference({ uri: at.uri, path: [...at.path, 'allOf', index] }, reader.source, reader.schemaIds);
        if (member && isObject(member.value)) collect(member.location, member.value, hops + 1);
      });
    }
  };
  collect(location, value, 0);
  return result;
}

function avroFields(location: SchemaLocation, value: unknown): SchemaField[] {
  if (!isObject(value) || !Array.isArray(value.fields)) return [];
  return value.fields.flatMap((field, index) => {
    if (!isObject(field) || typeof field.name !== 'string') return [];
    const type = field.type;
    const nullable = Array.isArray(type) && type.includes('null');
    // A nested record (possibly in a union with null) continues the field paths.
    const recordIndex = Array.isArray(type) ? type.findIndex((member) => isObject(member) && member.type === 'record') : isObject(type) && type.type === 'record' ? -1 : undefined;
    const definition = recordIndex === undefined ? undefined : { uri: location.uri, path: recordIndex < 0 ? [...location.path, 'fields', index, 'type'] : [...location.path, 'fields', index, 'type', recordIndex] };
    return [{ path: [field.name], type: avroType(type), required: !nullable && field.default === undefined, description: typeof field.doc === 'string' ? field.doc : undefined, definition }];
  });
}

/** An Avro type in a line: `long (timestamp-millis)`, `null | string`, `array<Parcel>`. */
export function avroType(type: unknown): string {
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.map(avroType).join(' | ');
  if (!isObject(type)) return 'unknown';
  const logical = typeof type.logicalType === 'string' ? ` (${type.logicalType})` : '';
  switch (type.type) {
    case 'record':
    case 'error':
    case 'fixed':
      return typeof type.name === 'string' ? type.name : String(type.type);
    case 'enum':
      return Array.isArray(type.symbols) ? `enum ${type.symbols.slice(0, 6).join(' | ')}${type.symbols.length > 6 ? ' | …' : ''}` : 'enum';
    case 'array':
      return `array<${avroType(type.items)}>`;
    case 'map':
      return `map<${avroType(type.values)}>`;
    default:
      return `${avroType(type.type)}${logical}`;
  }
}

/** A JSON Schema's type in a line: `string (uuid)`, `Money`, `array<string>`, `"a" | "b"`. */
export function jsonSchemaType(reader: WorkspaceReader, location: SchemaLocation, value: unknown, depth = 0): string {
  if (value === true) return 'any';
  if (value === false) return 'never';
  if (!isObject(value) || depth > 4) return 'unknown';
  if (typeof value.$ref === 'string') {
    const target = dereference(location, reader.source, reader.schemaIds);
    const targetValue = target && isObject(target.value) ? target.value : undefined;
    const name = typeof targetValue?.title === 'string' && /^[\w.-]+$/.test(targetValue.title) ? targetValue.title : refName(value.$ref);
    const targetType = targetValue ? primitiveType(targetValue) : undefined;
    return targetType && targetType !== 'object' ? `${name} (${targetType})` : name;
  }
  if (Array.isArray(value.enum)) {
    const items = value.enum.slice(0, 6).map((item) => JSON.stringify(item));
    return items.join(' | ') + (value.enum.length > 6 ? ' | …' : '');
  }
  if ('const' in value) return JSON.stringify(value.const);
  for (const combinator of ['oneOf', 'anyOf'] as const) {
    const members = value[combinator];
    if (Array.isArray(members) && members.length > 0 && !value.type) {
      return members.map((member, index) => jsonSchemaType(reader, { uri: location.uri, path: [...location.path, combinator, index] }, member, depth + 1)).join(' | ');
    }
  }
  const type = primitiveType(value);
  if (type === 'array' && value.items !== undefined && !Array.isArray(value.items)) {
    return `array<${jsonSchemaType(reader, { uri: location.uri, path: [...location.path, 'items'] }, value.items, depth + 1)}>`;
  }
  const title = typeof value.title === 'string' && type === 'object' ? value.title : undefined;
  return title ?? type ?? (Array.isArray(value.allOf) ? 'object' : 'any');
}

function primitiveType(value: Json): string | undefined {
  const type = Array.isArray(value.type) ? value.type.join(' | ') : typeof value.type === 'string' ? value.type : undefined;
  if (!type) return isObject(value.properties) ? 'object' : undefined;
  return typeof value.format === 'string' ? `${type} (${value.format})` : type;
}

/** `#/components/schemas/Money` → `Money`; `../schemas/money.schema.json` → `money`. */
export function refName(ref: string): string {
  const hash = ref.indexOf('#');
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  const segments = pointer.split('/').filter((segment) => segment !== '');
  if (segments.length > 0) return decodeSegment(segments[segments.length - 1]!);
  const file = (hash < 0 ? ref : ref.slice(0, hash)).split('/').pop() ?? ref;
  return file.replace(/\.(schema\.)?(json|ya?ml|avsc)$/i, '') || ref;
}

function decodeSegment(segment: string) {
  try {
    return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return segment;
  }
}
