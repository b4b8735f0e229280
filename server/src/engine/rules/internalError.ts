import type { Finding } from '../findings/finding';
import type { RuleDefinition } from './rule';

export const internalError: RuleDefinition = {
  id: 'internal-error',
  defaultSeverity: 'error',
  rationale: 'event-design failed on this file (a bug in event-design, not in the file), so the file is not checked; the failure should be reported.',
  category: 'validity',
  origin: 'event-design',
};

/** An error message can hold a whole schema; the finding names the failure, not its data. */
const MAX_REASON_LENGTH = 300;

/**
 * The one finding a file gets when checking it failed inside event-design: the hosts turn an
 * exception into this instead of a stack trace, and go on with the other files.
 */
export function internalErrorFinding(uri: string, error: unknown): Finding {
  const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]!;
  const shortened = reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}…` : reason;
  return {
    ruleId: internalError.id,
    message: `event-design failed while checking this file (${shortened}), so it is not checked. This is a bug in event-design, not in the file: please report it with this file.`,
    uri,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 'error',
  };
}
