import type { RuleDefinition } from './rule';

export const configInvalid: RuleDefinition = {
  id: 'config-invalid',
  defaultSeverity: 'error',
  rationale: 'The `.event-design.yaml` file has a problem; the defaults apply to what it could not say.',
  category: 'configuration',
  origin: 'event-design',
};
