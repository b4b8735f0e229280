import type { RuleDefinition } from './rule';

export const remoteRef: RuleDefinition = {
  id: 'remote-ref',
  defaultSeverity: 'info',
  rationale: 'A remote `$ref` is not fetched unless you allow it, so what it points at is not checked.',
  category: 'references',
  origin: 'event-design',
};
