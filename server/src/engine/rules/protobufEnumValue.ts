import type { RuleDefinition } from './rule';

export const protobufEnumValue: RuleDefinition = {
  id: 'protobuf-enum-value',
  defaultSeverity: 'error',
  rationale: 'Enum values that repeat a number without allow_alias, or a proto3 enum whose first value is not 0, are rejected by protoc.',
  category: 'schemas',
  origin: 'event-design',
};
