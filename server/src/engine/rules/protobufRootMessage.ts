import type { RuleDefinition } from './rule';

export const protobufRootMessage: RuleDefinition = {
  id: 'protobuf-root-message',
  defaultSeverity: 'error',
  rationale: 'The AsyncAPI Protobuf parser must tell which message of the schema is the payload; when none or several qualify, the document cannot be read by AsyncAPI tools.',
  category: 'schemas',
  origin: 'event-design',
};
