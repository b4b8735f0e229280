import type { RuleDefinition } from './rule';

export const protobufUnknownType: RuleDefinition = {
  id: 'protobuf-unknown-type',
  defaultSeverity: 'error',
  rationale: 'A field whose type names no message or enum in scope makes protoc fail; usually a typo, a missing import or a wrong package.',
  category: 'schemas',
  origin: 'event-design',
};
