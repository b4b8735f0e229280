import type { Finding, Severity } from '../engine/findings/finding';

/** What `check` found, for the formatters. */
export interface CheckReport {
  /** The folder paths in the output are relative to. */
  cwd: string;
  /** Files that were checked (relevant to the engine), as URIs. */
  checkedFiles: string[];
  findings: Finding[];
  toolVersion: string;
  /** Files the engine failed on (a bug): reported on stderr, and the run exits 2. */
  internalErrors?: string[];
  /** With --fix: how many fixes were applied, in which files (URIs). */
  fixed?: { count: number; files: string[] };
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
