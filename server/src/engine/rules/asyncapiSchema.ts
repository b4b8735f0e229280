import type { RuleDefinition } from './rule';

export const asyncapiSchema: RuleDefinition = {
  id: 'asyncapi-schema',
  defaultSeverity: 'error',
  rationale: 'The document breaks the AsyncAPI specification for its version, so generators, brokers and readers may reject or misread it.',
  category: 'validity',
  origin: '@asyncapi/parser',
  parserCodes: ['asyncapi-document-resolved', 'asyncapi-is-asyncapi'],
};
