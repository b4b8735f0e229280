import type { RuleDefinition } from './rule';

/** The findings are made by the engine's reference checks, when the host declines to read a file. */
export const refOutsideWorkspace: RuleDefinition = {
  id: 'ref-outside-workspace',
  defaultSeverity: 'info',
  rationale: 'In an untrusted workspace no file outside the workspace folders is read, so what a `$ref` there points at is not checked.',
  category: 'references',
  origin: 'event-design',
};
