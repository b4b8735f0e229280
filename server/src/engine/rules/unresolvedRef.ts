import type { RuleDefinition } from './rule';

export const unresolvedRef: RuleDefinition = {
  id: 'unresolved-ref',
  defaultSeverity: 'error',
  rationale: 'A `$ref` points at a file or a JSON pointer that does not exist, so the definition it stands for is missing.',
  category: 'references',
  origin: 'event-design',
  parserCodes: ['invalid-ref'],
};
