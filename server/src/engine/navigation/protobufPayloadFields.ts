import { protobufPayloadOf, protobufSourceOf } from '../protobuf/protobufPayloads';
import { payloadMessageOf, protoFieldTypeText } from '../protobuf/rootMessage';
import type { ProtoMessage } from '../protobuf/protoSource';
import { dereferenceNode, type NodeLocation } from './refLocations';
import type { SchemaField, SchemaSummary } from './schemaFields';
import type { WorkspaceReader } from './workspaceReader';

/**
 * The message a Protobuf payload stands for (the one the AsyncAPI Protobuf parser chooses), from
 * inline source or the `.proto` file its `$ref` names; undefined when the payload is not Protobuf
 * or no message qualifies. Reads through the reader: run inside `reader.settle`.
 */
export function protobufPayloadMessage(reader: WorkspaceReader, message: NodeLocation, major: 2 | 3): ProtoMessage | undefined {
  const definition = dereferenceNode(reader, message);
  const site = definition && protobufPayloadOf(definition.node, definition.path, major);
  if (!definition || !site) return undefined;
  const source = protobufSourceOf(site, definition.uri);
  const text = source.kind === 'inline' ? source.text : source.kind === 'file' ? reader.file(source.uri)?.source.text : undefined;
  return text === undefined ? undefined : payloadMessageOf(text);
}

/** The payload's fields as a schema summary, for hovers. */
export function protobufPayloadSummary(message: ProtoMessage, limit = 25): SchemaSummary {
  const fields: SchemaField[] = message.fields.slice(0, limit).map((field) => ({ path: [field.name], type: `${protoFieldTypeText(field)} = ${field.number}`, required: field.label === 'required' }));
  return { type: message.fullName, description: message.comment?.replace(/@RootNode/g, '').trim() || undefined, format: 'protobuf', fields, truncated: message.fields.length > limit };
}
