import type { Severity } from '../../engine/findings/finding';
import { countBySeverity, type CheckReport } from '../report';
import { displayPath } from './paths';

const COLORS: Record<Severity | 'dim' | 'underline' | 'bold', [string, string]> = {
  error: ['\u001b[31m', '\u001b[39m'],
  warning: ['\u001b[33m', '\u001b[39m'],
  info: ['\u001b[36m', '\u001b[39m'],
  hint: ['\u001b[90m', '\u001b[39m'],
  dim: ['\u001b[90m', '\u001b[39m'],
  underline: ['\u001b[4m', '\u001b[24m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};

/** Findings grouped by file, one line each, as linters print them. */
export function formatStylish(report: CheckReport, color: boolean): string {
  const paint = (style: keyof typeof COLORS, text: string) => (color ? COLORS[style][0] + text + COLORS[style][1] : text);
  // Hints are the editor's quiet suggestions; a terminal report lists them only in its count.
  const shown = report.findings.filter((finding) => finding.severity !== 'hint');
  const byFile = new Map<string, typeof report.findings>();
  for (const finding of shown) {
    const list = byFile.get(finding.uri) ?? [];
    list.push(finding);
    byFile.set(finding.uri, list);
  }
  const lines: string[] = [];
  for (const [uri, findings] of byFile) {
    lines.push(paint('underline', displayPath(uri, report.cwd)));
    const rows = findings.map((finding) => [`${finding.range.start.line + 1}:${finding.range.start.character + 1}`, finding.severity, finding.message.replace(/\s*\n\s*/g, ' '), finding.ruleId] as const);
    const positionWidth = Math.max(...rows.map((row) => row[0].length));
    const severityWidth = Math.max(...rows.map((row) => row[1].length));
    for (const [position, severity, message, rule] of rows) {
      lines.push(`  ${paint('dim', position.padEnd(positionWidth))}  ${paint(severity, severity.padEnd(severityWidth))}  ${message}  ${paint('dim', rule)}`);
    }
    lines.push('');
  }
  if (report.fixed && report.fixed.count > 0) {
    lines.push(paint('bold', `✎ Applied ${report.fixed.count} fix${report.fixed.count === 1 ? '' : 'es'} in ${report.fixed.files.length} file${report.fixed.files.length === 1 ? '' : 's'}: ${report.fixed.files.map((uri) => displayPath(uri, report.cwd)).join(', ')}`));
  }
  const counts = countBySeverity(report.findings);
  const total = report.findings.length;
  const skipped = report.skippedFiles?.length ?? 0;
  const files =
    `${report.checkedFiles.length} file${report.checkedFiles.length === 1 ? '' : 's'} checked` +
    (skipped > 0 ? `, ${skipped} file${skipped === 1 ? '' : 's'} skipped: not AsyncAPI, JSON Schema, Avro or event-design configuration` : '');
  if (total === 0) {
    lines.push(paint('bold', `✔ No problems (${files})`));
  } else {
    const hints = counts.hint > 0 ? `, ${counts.hint} hint${counts.hint === 1 ? '' : 's'} not shown` : '';
    const summary = `${counts.error > 0 ? '✖' : counts.warning > 0 ? '⚠' : 'ℹ'} ${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info${hints}) in ${files}`;
    lines.push(paint('bold', paint(counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'info', summary)));
  }
  return lines.join('\n') + '\n';
}
