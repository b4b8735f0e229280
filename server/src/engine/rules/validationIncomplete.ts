import type { RuleDefinition } from './rule';

export const validationIncomplete: RuleDefinition = {
  id: 'validation-incomplete',
  defaultSeverity: 'warning',
  rationale: 'Full validation could not finish (it failed, ran out of memory or time), so only the fast checks are shown.',
  category: 'validity',
  origin: 'event-design',
  parserCodes: ['uncaught-error'],
};
