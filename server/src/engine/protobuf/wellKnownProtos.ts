import { googleProtoTypes } from '@asyncapi/protobuf-schema-parser/cjs/google-types';
import { common } from 'protobufjs';
import apiJson from 'protobufjs/google/protobuf/api.json';
import descriptorJson from 'protobufjs/google/protobuf/descriptor.json';
import sourceContextJson from 'protobufjs/google/protobuf/source_context.json';
import typeJson from 'protobufjs/google/protobuf/type.json';
import type { ProtoEnum, ProtoField, ProtoFile, ProtoMessage, Span } from './protoSource';

/**
 * The files every protoc installation ships (`google/protobuf/*.proto`) and the `google/type`
 * ones the AsyncAPI Protobuf parser bundles, so that importing them resolves without the files
 * being in the workspace. Their definitions come as protobufjs JSON; they have no text, so every
 * span is empty.
 */
const DEFINITIONS: Record<string, unknown> = {
  ...Object.fromEntries(Object.entries(common).filter(([name]) => name.endsWith('.proto'))),
  'google/protobuf/descriptor.proto': descriptorJson,
  'google/protobuf/api.proto': apiJson,
  'google/protobuf/source_context.proto': sourceContextJson,
  'google/protobuf/type.proto': typeJson,
  ...googleProtoTypes,
};

const NO_SPAN: Span = { offset: 0, length: 0 };
const converted = new Map<string, ProtoFile>();

/** The bundled file an import names, or undefined; read once. */
export function wellKnownProto(importPath: string): ProtoFile | undefined {
  const definition = DEFINITIONS[importPath];
  if (definition === undefined) return undefined;
  let file = converted.get(importPath);
  if (!file) {
    file = { syntax: 'proto3', imports: [], messages: [], enums: [], extensionFields: [] };
    readNamespace(definition, '', file);
    converted.set(importPath, file);
  }
  return file;
}

interface JsonNamespace {
  nested?: Record<string, JsonNamespace>;
  fields?: Record<string, { type: string; id: number; keyType?: string; rule?: string }>;
  oneofs?: Record<string, { oneof: string[] }>;
  values?: Record<string, number>;
}

function readNamespace(value: unknown, prefix: string, into: { messages: ProtoMessage[]; enums: ProtoEnum[] }) {
  for (const [name, child] of Object.entries((value as JsonNamespace).nested ?? {})) {
    const fullName = prefix + name;
    if (child.values) {
      into.enums.push({ kind: 'enum', name, nameSpan: NO_SPAN, span: NO_SPAN, fullName, allowAlias: false, reserved: { ranges: [], names: [] }, values: Object.entries(child.values).map(([valueName, number]) => ({ name: valueName, number, nameSpan: NO_SPAN, numberSpan: NO_SPAN, span: NO_SPAN })) });
    } else if (child.fields) {
      const message: ProtoMessage = { kind: 'message', name, nameSpan: NO_SPAN, span: NO_SPAN, fullName, fields: [], oneofs: [], messages: [], enums: [], reserved: { ranges: [], names: [] }, extensions: [] };
      const oneofOf = new Map<string, string>();
      for (const [oneofName, oneof] of Object.entries(child.oneofs ?? {})) {
        message.oneofs.push({ name: oneofName, nameSpan: NO_SPAN, span: NO_SPAN });
        for (const member of oneof.oneof) oneofOf.set(member, oneofName);
      }
      for (const [fieldName, field] of Object.entries(child.fields)) message.fields.push(fieldOf(fieldName, field, oneofOf.get(fieldName)));
      readNamespace(child, `${fullName}.`, message);
      into.messages.push(message);
    } else {
      readNamespace(child, `${fullName}.`, into);
    }
  }
}

function fieldOf(name: string, field: { type: string; id: number; keyType?: string; rule?: string }, oneof: string | undefined): ProtoField {
  return {
    name,
    nameSpan: NO_SPAN,
    number: field.id,
    numberSpan: NO_SPAN,
    type: field.keyType ? `map<${field.keyType},${field.type}>` : field.type,
    typeSpan: NO_SPAN,
    span: NO_SPAN,
    ...(field.keyType ? { map: { keyType: field.keyType, valueType: field.type, valueSpan: NO_SPAN } } : {}),
    ...(field.rule === 'repeated' ? { label: 'repeated' as const } : {}),
    ...(oneof ? { oneof } : {}),
  };
}
