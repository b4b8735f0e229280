import type { RuleDefinition } from './rule';

export const protobufDuplicateName: RuleDefinition = {
  id: 'protobuf-duplicate-name',
  defaultSeverity: 'error',
  rationale: 'Two fields, types or enum values of one name in one scope are rejected by protoc and collide in generated code.',
  category: 'schemas',
  origin: 'event-design',
};
