import type { RuleDefinition } from './rule';

export const compatibilityWarning: RuleDefinition = {
  id: 'compatibility-warning',
  defaultSeverity: 'warning',
  rationale: 'A change a schema registry accepts that can still reject real data (a required property with a default, a oneOf branch that makes data match twice, a moved $id): compatible on paper, not always in production.',
  category: 'compatibility',
  origin: 'event-design',
};
