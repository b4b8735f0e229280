import type { RuleDefinition } from './rule';

/** Found by the cross-service contract check (contracts/checkContracts.ts). */
export const contractNoProducer: RuleDefinition = {
  id: 'contract-no-producer',
  defaultSeverity: 'warning',
  rationale: 'A service waits for a message that no service of the workspace sends on that channel: a producer renamed or dropped it, or the consumer expects an event nobody designed.',
  category: 'contracts',
  origin: 'event-design',
};
