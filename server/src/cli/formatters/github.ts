import type { Severity } from '../../engine/findings/finding';
import type { CheckReport } from '../report';
import { displayPath } from './paths';

/** Hints are the editor's quiet suggestions; an annotation on a pull request is not quiet. */
const COMMAND: Record<Severity, string | undefined> = { error: 'error', warning: 'warning', info: 'notice', hint: undefined };

/**
 * GitHub Actions workflow commands, one line per finding, which the runner turns into annotations
 * on the pull request's files: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
 * Paths are relative to `report.cwd` (the caller passes the repository's root, GITHUB_WORKSPACE).
 */
export function formatGithub(report: CheckReport): string {
  const lines: string[] = [];
  for (const finding of report.findings) {
    const command = COMMAND[finding.severity];
    if (!command) continue;
    const { start, end } = finding.range;
    const properties = [
      ['file', displayPath(finding.uri, report.cwd)],
      ['line', start.line + 1],
      ['col', start.character + 1],
      ['endLine', end.line + 1],
      ['endColumn', end.character + 1],
      ['title', `${finding.ruleId} (event-design)`],
    ] as const;
    const related = (finding.related ?? []).map((place) => `\n${displayPath(place.uri, report.cwd)}:${place.range.start.line + 1}:${place.range.start.character + 1}: ${place.message}`);
    lines.push(`::${command} ${properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',')}::${escapeData(finding.message + related.join(''))}`);
  }
  return lines.map((line) => line + '\n').join('');
}

/**
 * The runner's own escaping (its ActionCommand): a message keeps to one line, so that no text in a
 * finding can start a workflow command of its own (`::add-mask::`, `::stop-commands::`).
 */
function escapeData(text: string) {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** In a property, `:` and `,` would end the value. */
function escapeProperty(text: string) {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
