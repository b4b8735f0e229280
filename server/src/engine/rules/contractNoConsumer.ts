import type { RuleDefinition } from './rule';

/** Found by the cross-service contract check (contracts/checkContracts.ts). */
export const contractNoConsumer: RuleDefinition = {
  id: 'contract-no-consumer',
  defaultSeverity: 'info',
  rationale: 'A service sends to a channel that no service of the workspace receives from: a consumer that is missing, lives elsewhere, or a leftover that nobody reads.',
  category: 'contracts',
  origin: 'event-design',
};
