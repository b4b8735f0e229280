import type { RuleDefinition } from './rule';

export const fileTooLarge: RuleDefinition = {
  id: 'file-too-large',
  defaultSeverity: 'info',
  rationale: 'Files above the size limit are not checked (full AsyncAPI validation needs about 140 times the file size in memory); a reference to one is not followed.',
  category: 'validity',
  origin: 'event-design',
};
