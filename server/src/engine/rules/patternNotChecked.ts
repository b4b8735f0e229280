import type { RuleDefinition } from './rule';

export const patternNotChecked: RuleDefinition = {
  id: 'pattern-not-checked',
  defaultSeverity: 'info',
  rationale: 'A `pattern` that a linear-time engine cannot run (backreferences, lookaround…) is not checked: values are neither accepted nor rejected by it, so a wrong value can go unnoticed.',
  category: 'schemas',
  origin: 'event-design',
};
