import { countBySeverity, type CheckReport } from '../report';
import type { ReportHeading } from './reportHeading';
import { displayPath } from './paths';

/**
 * A report for a pull-request comment or a job summary: what is wrong (for diff: what breaks
 * whom), per file, with the line to look at. Markdown special characters in messages are
 * escaped; no HTML.
 */
export function formatMarkdown(report: CheckReport, heading: ReportHeading): string {
  const counts = countBySeverity(report.findings);
  const lines: string[] = [`### ${heading.title}`, ''];
  if (report.findings.length === 0) {
    lines.push(`No problems in ${report.checkedFiles.length} file${report.checkedFiles.length === 1 ? '' : 's'}.`, '');
    return lines.join('\n');
  }
  lines.push(`**${counts.error} ${heading.errorNoun}${counts.error === 1 ? '' : 's'}**, ${counts.warning} warning${counts.warning === 1 ? '' : 's'} in ${report.checkedFiles.length} checked file${report.checkedFiles.length === 1 ? '' : 's'}.`, '');
  lines.push('| | File | Line | Finding |', '| --- | --- | --- | --- |');
  for (const finding of report.findings) {
    const icon = finding.severity === 'error' ? '❌' : finding.severity === 'warning' ? '⚠️' : 'ℹ️';
    lines.push(`| ${icon} | \`${escapeCode(displayPath(finding.uri, report.cwd))}\` | ${finding.range.start.line + 1} | ${escapeMarkdown(finding.message)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function escapeMarkdown(text: string) {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (char) => (char === '<' ? '&lt;' : '&gt;')).replace(/\r?\n/g, ' ');
}

function escapeCode(text: string) {
  return text.replace(/`/g, "'").replace(/\|/g, '\\|');
}
