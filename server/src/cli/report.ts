import type { Finding, Severity } from '../engine/findings/finding';
import { displayPath } from './formatters/paths';

/** What `check` found, for the formatters. */
export interface CheckReport {
  /** The folder paths in the output are relative to. */
  cwd: string;
  /** Files that were checked (relevant to the engine), as URIs. */
  checkedFiles: string[];
  /** Files found under the paths that are not the engine's (not AsyncAPI, JSON Schema, Avro or configuration), as URIs. */
  skippedFiles?: string[];
  findings: Finding[];
  toolVersion: string;
  /**
   * What the engine failed on (a bug): each file's failure is also an `internal-error` finding;
   * one line each on stderr, and the run exits 2.
   */
  internalErrors?: InternalError[];
  /** With --fix: how many fixes were applied, in which files (URIs). */
  fixed?: { count: number; files: string[] };
}

/** A failure inside event-design while checking one file (its URI), or in a step across files. */
export type InternalError = { uri: string; error: unknown } | { step: string; error: unknown };

/** One line on standard error for each internal error of the report; true when there was any (the run then exits 2). */
export function writeInternalErrors(report: CheckReport, writeError: (text: string) => void): boolean {
  for (const failure of report.internalErrors ?? []) {
    const what = 'uri' in failure ? `${displayPath(failure.uri, report.cwd)} (reported as internal-error in the file)` : failure.step;
    writeError(`event-design: internal error while checking ${what}: ${describeInternalError(failure.error)}\n`);
  }
  return (report.internalErrors?.length ?? 0) > 0;
}

/**
 * What failed, in one line. The stack trace is for whoever fixes the bug, not for the user: it
 * comes only with EVENT_DESIGN_DEBUG=1.
 */
export function describeInternalError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  const stack = process.env.EVENT_DESIGN_DEBUG === '1' && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return message + stack;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
