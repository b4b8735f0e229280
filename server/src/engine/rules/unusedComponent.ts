import type { RuleDefinition } from './rule';

export const unusedComponent: RuleDefinition = {
  id: 'unused-component',
  defaultSeverity: 'info',
  rationale: 'A component that nothing references is dead weight that readers still have to understand and keep compatible.',
  category: 'validity',
  origin: '@asyncapi/parser',
  parserCodes: ['asyncapi-unused-component'],
};
