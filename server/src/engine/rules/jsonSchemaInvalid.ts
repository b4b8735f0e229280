import type { RuleDefinition } from './rule';

export const jsonSchemaInvalid: RuleDefinition = {
  id: 'json-schema-invalid',
  defaultSeverity: 'error',
  rationale: 'The schema breaks its JSON Schema draft (draft-07, 2019-09 or 2020-12), so validators and registries reject or misread it.',
  category: 'schemas',
  origin: 'ajv',
};
