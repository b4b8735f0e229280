import type { RuleDefinition } from './rule';

export const messageExampleInvalid: RuleDefinition = {
  id: 'message-example-invalid',
  defaultSeverity: 'warning',
  rationale: 'A message example does not match the message payload or headers schema: it documents a message no consumer accepts, and tests generated from it mislead.',
  category: 'schemas',
  origin: 'ajv',
  parserCodes: ['asyncapi2-message-examples', 'asyncapi2-message-examples-custom-format'],
};
