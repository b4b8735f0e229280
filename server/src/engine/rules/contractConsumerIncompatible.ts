import type { RuleDefinition } from './rule';

/** The producer's side of `contract-incompatible`: found by contracts/checkContracts.ts. */
export const contractConsumerIncompatible: RuleDefinition = {
  id: 'contract-consumer-incompatible',
  defaultSeverity: 'info',
  rationale: 'A consumer of what this service sends declares a schema that cannot read it: the producer should know whom a change would break, even when the consumer has to change.',
  category: 'contracts',
  origin: 'event-design',
};
