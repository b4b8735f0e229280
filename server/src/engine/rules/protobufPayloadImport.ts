import type { RuleDefinition } from './rule';

export const protobufPayloadImport: RuleDefinition = {
  id: 'protobuf-payload-import',
  defaultSeverity: 'warning',
  rationale: 'The AsyncAPI Protobuf parser loads only well-known imports: a payload schema that imports another file cannot be read by AsyncAPI tools.',
  category: 'schemas',
  origin: 'event-design',
};
