import type { RuleDefinition } from './rule';

export const asyncapiRefPlacement: RuleDefinition = {
  id: 'asyncapi-ref-placement',
  defaultSeverity: 'error',
  rationale: 'The specification does not allow a `$ref` at this place; tools resolve it inconsistently or not at all.',
  category: 'references',
  origin: '@asyncapi/parser',
  parserCodes: ['asyncapi-document-unresolved'],
};
