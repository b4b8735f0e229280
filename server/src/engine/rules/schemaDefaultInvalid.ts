import type { RuleDefinition } from './rule';

export const schemaDefaultInvalid: RuleDefinition = {
  id: 'schema-default-invalid',
  defaultSeverity: 'warning',
  rationale: 'A `default` value fails its own schema: readers that fill in defaults produce data their own schema rejects.',
  category: 'schemas',
  origin: 'ajv',
  parserCodes: ['asyncapi2-schema-default'],
};
