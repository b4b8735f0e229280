import { createHash } from 'node:crypto';
import type { Severity } from '../../engine/findings/finding';
import { pathToPointer } from '../../engine/text/paths';
import type { CheckReport } from '../report';
import { displayPath } from './paths';

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** GitLab's scale has five steps; hints, the editor's quiet suggestions, are left out. */
const SEVERITY: Record<Severity, CodeQualitySeverity | undefined> = { error: 'major', warning: 'minor', info: 'info', hint: undefined };

/**
 * A GitLab Code Quality report (artifacts:reports:codequality): a JSON array of issues, which the
 * merge request shows as new or resolved by comparing fingerprints with the target branch's.
 * Paths are relative to `report.cwd` (the caller passes the repository's root, CI_PROJECT_DIR).
 */
export function formatGitlab(report: CheckReport): string {
  const occurrences = new Map<string, number>();
  const issues: object[] = [];
  for (const finding of report.findings) {
    const severity = SEVERITY[finding.severity];
    if (!severity) continue;
    const path = displayPath(finding.uri, report.cwd);
    // An issue whose fingerprint the target branch's report lacks is "new": the fingerprint must
    // survive lines moving above the finding (so: its JSON pointer, not its line) and still tell
    // apart the findings of one rule at one place (its message, with numbers masked as they are
    // often positions; then its occurrence).
    const identity = JSON.stringify([path, finding.ruleId, finding.path ? pathToPointer(finding.path) : null, finding.message.replace(/\d+/g, '#')]);
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    issues.push({
      description: finding.message,
      check_name: finding.ruleId,
      fingerprint: createHash('sha256').update(`${identity}#${occurrence}`).digest('hex'),
      severity,
      location: { path, lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 } },
    });
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
