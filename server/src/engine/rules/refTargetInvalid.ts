import type { RuleDefinition } from './rule';

export const refTargetInvalid: RuleDefinition = {
  id: 'ref-target-invalid',
  defaultSeverity: 'warning',
  rationale: 'The file a `$ref` points into has problems of its own; they are reported there and summarised at the `$ref`.',
  category: 'references',
  origin: 'event-design',
};
