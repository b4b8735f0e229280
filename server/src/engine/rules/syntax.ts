import type { RuleDefinition } from './rule';

export const syntax: RuleDefinition = {
  id: 'syntax',
  defaultSeverity: 'error',
  rationale: 'The file is not well-formed YAML or JSON, so nothing in it can be checked or used.',
  category: 'syntax',
  origin: 'event-design',
};
