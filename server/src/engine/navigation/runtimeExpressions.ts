import type { SchemaLocation } from '../schemas/bundle';
import type { JsonPath } from '../text/paths';
import { childString } from '../text/tree';
import type { RuntimeExpression } from './cursorTarget';
import { messageSchemaLocation, messagesForPlace } from './messageSchemas';
import type { NavigationDocument } from './navigationDocument';
import { protobufPayloadMessage, protobufPayloadSummary } from './protobufPayloadFields';
import { dereferenceNode, type NodeLocation } from './refLocations';
import { schemaFields, type SchemaField } from './schemaFields';

/** A runtime expression the messages of a place support, with what it points at. */
export interface ExpressionCandidate {
  expression: string;
  source: 'header' | 'payload';
  field: SchemaField;
  /** Names of the messages that have the field. */
  messages: string[];
}

const MAX_DEPTH = 4;
const MAX_FIELDS = 300;

/** Encodes pointer segments for a runtime expression (`~` → `~0`, `/` → `~1`). */
export function expressionOf(source: 'header' | 'payload', pointer: readonly string[]): string {
  return `$message.${source}#${pointer.map((segment) => '/' + segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('')}`;
}

/**
 * Every `$message.header#/…` and `$message.payload#/…` the messages of a place support, built
 * from their actual header and payload schemas (nested fields included, references followed).
 * Run inside `reader.settle`.
 */
export function expressionCandidates(document: NavigationDocument, path: JsonPath): ExpressionCandidate[] {
  const byExpression = new Map<string, ExpressionCandidate>();
  for (const message of messagesForPlace(document, path)) {
    const definition = dereferenceNode(document.reader, message) ?? message;
    const name = childString(definition.node, 'name') ?? String(definition.path[definition.path.length - 1]);
    for (const source of ['header', 'payload'] as const) {
      const schema = messageSchemaLocation(document, message, source === 'header' ? 'headers' : 'payload');
      if (!schema) continue;
      for (const field of fieldsOf(document, message, source, schema, MAX_DEPTH)) {
        const expression = expressionOf(source, field.path);
        const known = byExpression.get(expression);
        if (known) {
          if (!known.messages.includes(name)) known.messages.push(name);
        } else byExpression.set(expression, { expression, source, field, messages: [name] });
      }
    }
  }
  return [...byExpression.values()];
}

/** Where the field a runtime expression names is defined, in each message of the place. */
export function expressionTargets(document: NavigationDocument, path: JsonPath, expression: RuntimeExpression): Array<{ message: string; schema: SchemaLocation; field?: SchemaField }> {
  const result: Array<{ message: string; schema: SchemaLocation; field?: SchemaField }> = [];
  for (const message of messagesForPlace(document, path)) {
    const definition = dereferenceNode(document.reader, message) ?? message;
    const name = childString(definition.node, 'name') ?? String(definition.path[definition.path.length - 1]);
    const schema = messageSchemaLocation(document, message, expression.source === 'header' ? 'headers' : 'payload');
    if (!schema) continue;
    if (expression.pointer.length === 0) {
      result.push({ message: name, schema });
      continue;
    }
    const fields = fieldsOf(document, message, expression.source, schema, expression.pointer.length);
    const field = fields.find((candidate) => candidate.path.length === expression.pointer.length && candidate.path.every((segment, index) => segment === expression.pointer[index]));
    if (field) result.push({ message: name, schema, field });
  }
  return result;
}

/**
 * The fields of a message's headers or payload: a Protobuf payload's are its message's fields by
 * their proto names (the AsyncAPI Protobuf parser keeps them as written), one level deep.
 */
function fieldsOf(document: NavigationDocument, message: NodeLocation, source: 'header' | 'payload', schema: SchemaLocation, depth: number): SchemaField[] {
  const protobuf = source === 'payload' && document.major !== undefined ? protobufPayloadMessage(document.reader, message, document.major) : undefined;
  if (protobuf) return protobufPayloadSummary(protobuf, MAX_FIELDS).fields;
  return schemaFields(document.reader, schema, { depth, limit: MAX_FIELDS }).fields;
}
