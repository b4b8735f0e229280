import type { RuleDefinition } from './rule';

/** The engine makes the finding itself when a check of a file runs out of its time budget. */
export const checkTimeout: RuleDefinition = {
  id: 'check-timeout',
  defaultSeverity: 'error',
  rationale: 'A check that runs out of time has not looked at everything, so a file that shows no other problem may still have some; CI must not pass it silently.',
  category: 'validity',
  origin: 'event-design',
};
