import type { Range } from 'vscode-languageserver-types';
import type { JsonPath } from '../text/paths';

/** How loud a finding is; `off` silences a rule entirely. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/** A location in some file, for related information. */
export interface FindingLocation {
  uri: string;
  range: Range;
  message: string;
}

/**
 * One problem the engine found, located in the user's text. `severity` is the rule's default or
 * what the governing configuration says; `path` is kept so that a finding can be re-anchored
 * after the text changes.
 */
export interface Finding {
  ruleId: string;
  message: string;
  uri: string;
  range: Range;
  severity: Severity;
  path?: JsonPath;
  /** Which part of the node at `path` the range covers, to place it again after an edit. */
  anchor?: 'key' | 'value' | 'auto';
  related?: FindingLocation[];
  /** Marks text that is unused or deprecated, shown faded or struck through. */
  tags?: Array<'unnecessary' | 'deprecated'>;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function compareSeverity(a: Severity, b: Severity) {
  return ORDER[a] - ORDER[b];
}

export function worstSeverity(findings: readonly { severity: Severity }[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const finding of findings) if (!worst || compareSeverity(finding.severity, worst) < 0) worst = finding.severity;
  return worst;
}

/** Sorts findings by file, position and rule, the order every output uses. */
export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return findings.sort(
    (a, b) =>
      a.uri.localeCompare(b.uri) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.message.localeCompare(b.message),
  );
}

/**
 * A finding before it is located: checks speak in JSON paths, and the engine turns paths into
 * ranges in one place (text/paths.ts). `severity` overrides the rule's default, which is rare.
 */
export interface PathFinding {
  ruleId: string;
  /** The file the finding is in, when not the file being checked (a message defined elsewhere). */
  uri?: string;
  message: string;
  path: JsonPath;
  anchor?: 'key' | 'value' | 'auto';
  severity?: Severity;
  related?: FindingLocation[];
  tags?: Finding['tags'];
  /** For problems that have an offset rather than a path (syntax errors). */
  at?: { offset: number; length: number };
}
