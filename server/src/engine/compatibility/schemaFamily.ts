import { diffAsyncApiDocuments } from './asyncapiDiff';
import { diffAvroSchemas } from './avroResolution';
import type { SchemaChange } from './change';
import { diffJsonSchemas, type JsonSchemaDiffOptions } from './jsonSchemaDiff';
import { isJsonObject } from './jsonValues';
import type { ProtoSchema } from '../protobuf/protoSchema';
import { diffProtobufSchemas } from './protobufDiff';
import { ANNOTATION_KEYWORDS, ASSERTION_KEYWORDS } from './schemaKeywords';

export type SchemaFamily = 'json-schema' | 'avro' | 'asyncapi' | 'protobuf';

const AVRO_TYPES = new Set(['record', 'error', 'enum', 'fixed', 'array', 'map', 'null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/**
 * What a file holds: an AsyncAPI document (a top-level `asyncapi`), an Avro schema (an `.avsc`
 * name, or a value only Avro reads that way), or a JSON Schema (`true`, `false`, or an object
 * that is empty or has at least one JSON Schema keyword), or a Protobuf file (a `.proto` name:
 * its text is not read as a value). Undefined for anything else: a YAML
 * file of some other tool, or a text that YAML happens to read as a string, must not be compared
 * as a schema without constraints, which would pass every change.
 */
export function detectSchemaFamily(value: unknown, fileName = ''): SchemaFamily | undefined {
  if (/\.proto$/i.test(fileName)) return 'protobuf';
  if (isJsonObject(value) && value.asyncapi !== undefined) return 'asyncapi';
  if (/\.avsc$/i.test(fileName)) return 'avro';
  if (isJsonObject(value) && value.$schema === undefined && typeof value.type === 'string' && ['record', 'error', 'enum', 'fixed', 'map'].includes(value.type) && (Array.isArray(value.fields) || Array.isArray(value.symbols) || value.values !== undefined || typeof value.size === 'number')) return 'avro';
  if (Array.isArray(value) && value.length > 0 && value.every((branch) => (typeof branch === 'string' && AVRO_TYPES.has(branch)) || (isJsonObject(branch) && typeof branch.type === 'string'))) return 'avro';
  if (typeof value === 'boolean') return 'json-schema';
  if (isJsonObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 || keys.some((key) => ASSERTION_KEYWORDS.has(key) || ANNOTATION_KEYWORDS.has(key))) return 'json-schema';
  }
  return undefined;
}

/**
 * Diffs two schemas of one family (for AsyncAPI documents, their changes without the per-role
 * verdicts; for Protobuf, the roots are `ProtoSchema`s, loaded with their imports).
 */
export function diffSchemas(family: SchemaFamily, oldRoot: unknown, newRoot: unknown, options: JsonSchemaDiffOptions & { oldUri?: string; newUri?: string } = {}): SchemaChange[] {
  const oldInput = { root: oldRoot, ...(options.oldUri ? { uri: options.oldUri } : {}) };
  const newInput = { root: newRoot, ...(options.newUri ? { uri: options.newUri } : {}) };
  switch (family) {
    case 'json-schema':
      return diffJsonSchemas(oldInput, newInput, options);
    case 'avro':
      return diffAvroSchemas(oldInput, newInput);
    case 'asyncapi':
      return diffAsyncApiDocuments(oldInput, newInput, options).changes.map((judged) => judged.change);
    case 'protobuf':
      return diffProtobufSchemas({ ...oldInput, schema: oldRoot as ProtoSchema }, { ...newInput, schema: newRoot as ProtoSchema });
  }
}
