import type { RuleDefinition } from './rule';

export const protobufFieldNumber: RuleDefinition = {
  id: 'protobuf-field-number',
  defaultSeverity: 'error',
  rationale: 'Field numbers are the wire format: two fields on one number, numbers outside 1 to 536,870,911 or in the implementation range 19000-19999 are rejected by protoc.',
  category: 'schemas',
  origin: 'event-design',
};
