import type { RuleDefinition } from './rule';

export const messageExampleInvalid: RuleDefinition = {
  id: 'message-example-invalid',
  defaultSeverity: 'error',
  rationale: 'A message example does not match the message payload or headers schema, so it documents a message no consumer accepts.',
  category: 'schemas',
  origin: 'ajv',
  parserCodes: ['asyncapi2-message-examples', 'asyncapi2-message-examples-custom-format'],
};
