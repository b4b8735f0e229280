import type { RuleDefinition } from './rule';

export const valueNotChecked: RuleDefinition = {
  id: 'value-not-checked',
  defaultSeverity: 'warning',
  rationale: 'An example or default could not be validated: its schema refers to itself without a base case, or its references branch so much that validation would not finish; other validators hang or crash on it too.',
  category: 'schemas',
  origin: 'event-design',
};
