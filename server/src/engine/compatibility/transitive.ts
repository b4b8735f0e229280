import type { ProtobufRules } from './bufRules';
import type { SchemaChange } from './change';
import { isTransitive, type CompatibilityMode, type CompatibilityPolicy } from './modes';
import { judgeChanges, type CompatibilityResult } from './verdicts';

export interface VersionCheck<C extends SchemaChange> {
  /** Index in the list of earlier versions (0 = the latest). */
  index: number;
  result: CompatibilityResult<C>;
}

export interface VersionsResult<C extends SchemaChange> {
  compatible: boolean;
  /** One check per earlier version compared: only the latest unless the mode is transitive. */
  checks: VersionCheck<C>[];
}

/**
 * Checks a candidate against earlier versions, newest first, as a registry does: the latest
 * only, or every one for the `_TRANSITIVE` modes. `diff(older, candidate)` names the changes.
 */
export function checkAgainstVersions<V, C extends SchemaChange>(candidate: V, earlier: readonly V[], mode: CompatibilityMode, policy: CompatibilityPolicy, diff: (older: V, newer: V) => readonly C[], protobuf?: ProtobufRules): VersionsResult<C> {
  const compared = isTransitive(mode) ? earlier : earlier.slice(0, 1);
  const checks = compared.map((older, index) => ({ index, result: judgeChanges(diff(older, candidate), mode, policy, protobuf) }));
  return { compatible: checks.every((check) => check.result.compatible), checks };
}
