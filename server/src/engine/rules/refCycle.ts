import type { RuleDefinition } from './rule';

export const refCycle: RuleDefinition = {
  id: 'ref-cycle',
  defaultSeverity: 'error',
  rationale: 'A chain of `$ref`s leads back to itself without ever reaching a definition.',
  category: 'references',
  origin: 'event-design',
};
