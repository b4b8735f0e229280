import { ASYNCAPI_CHANGE_KINDS, ASYNCAPI_RULES, type AsyncApiChangeKind } from './asyncapiKinds';
import { AVRO_CHANGE_KINDS, AVRO_RULES, type AvroChangeKind } from './avroKinds';
import { JSON_SCHEMA_CHANGE_KINDS, JSON_SCHEMA_RULES, type JsonSchemaChangeKind } from './jsonSchemaKinds';
import type { KindRule } from './kindRule';
import { PROTOBUF_CHANGE_KINDS, PROTOBUF_RULES, type ProtobufChangeKind } from './protobufKinds';

export type { AsyncApiChangeKind, AvroChangeKind, JsonSchemaChangeKind, ProtobufChangeKind };

/** Every change kind the compatibility engine reports. */
export type ChangeKind = JsonSchemaChangeKind | AvroChangeKind | AsyncApiChangeKind | ProtobufChangeKind;

export type ChangeFamily = 'json-schema' | 'avro' | 'asyncapi' | 'protobuf';

/** The classification table: docs/compatibility.md documents it and a test holds the two equal. */
export const CHANGE_RULES: { readonly [K in ChangeKind]: KindRule<ChangeKind> } = { ...JSON_SCHEMA_RULES, ...AVRO_RULES, ...ASYNCAPI_RULES, ...PROTOBUF_RULES };

export const CHANGE_KINDS_BY_FAMILY: { readonly [F in ChangeFamily]: readonly ChangeKind[] } = {
  'json-schema': JSON_SCHEMA_CHANGE_KINDS,
  avro: AVRO_CHANGE_KINDS,
  asyncapi: ASYNCAPI_CHANGE_KINDS,
  protobuf: PROTOBUF_CHANGE_KINDS,
};

export function familyOf(kind: ChangeKind): ChangeFamily {
  if ((JSON_SCHEMA_CHANGE_KINDS as readonly string[]).includes(kind)) return 'json-schema';
  if ((AVRO_CHANGE_KINDS as readonly string[]).includes(kind)) return 'avro';
  if ((PROTOBUF_CHANGE_KINDS as readonly string[]).includes(kind)) return 'protobuf';
  return 'asyncapi';
}
