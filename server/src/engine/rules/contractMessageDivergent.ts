import type { RuleDefinition } from './rule';

/** Found by the cross-service contract check (contracts/checkContracts.ts). */
export const contractMessageDivergent: RuleDefinition = {
  id: 'contract-message-divergent',
  defaultSeverity: 'warning',
  rationale: 'Two services define a message of the same name with different contents: two producers of one event that disagree, or two consumers that will read it differently.',
  category: 'contracts',
  origin: 'event-design',
};
