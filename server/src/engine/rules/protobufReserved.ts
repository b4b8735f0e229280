import type { RuleDefinition } from './rule';

export const protobufReserved: RuleDefinition = {
  id: 'protobuf-reserved',
  defaultSeverity: 'error',
  rationale: 'A number or name that was reserved after a field was removed must not come back: old data would be read into the new field.',
  category: 'schemas',
  origin: 'event-design',
};
