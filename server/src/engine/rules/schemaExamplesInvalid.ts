import type { RuleDefinition } from './rule';

export const schemaExamplesInvalid: RuleDefinition = {
  id: 'schema-examples-invalid',
  defaultSeverity: 'warning',
  rationale: 'An `examples` value fails its own schema: documentation and generated test data then show messages that no consumer accepts.',
  category: 'schemas',
  origin: 'ajv',
  parserCodes: ['asyncapi2-schema-examples'],
};
