import type { RuleDefinition } from './rule';

export const fileTooLarge: RuleDefinition = {
  id: 'file-too-large',
  defaultSeverity: 'info',
  rationale: 'Files above the size limit get only the cheap checks: full AsyncAPI validation needs about 140 times the file size in memory.',
  category: 'validity',
  origin: 'event-design',
};
