import { pathToPointer } from '../../engine/text/paths';
import { ruleDocPath } from '../../engine/rules';
import { countBySeverity, type CheckReport } from '../report';
import { displayPath } from './paths';

/** The version of the JSON output's shape (docs/cli.md); it changes only when the shape does. */
export const JSON_OUTPUT_VERSION = 1;

/** Machine-readable findings, documented in docs/cli.md. Positions are 1-based. */
export function formatJson(report: CheckReport): string {
  const counts = countBySeverity(report.findings);
  return (
    JSON.stringify(
      {
        version: JSON_OUTPUT_VERSION,
        tool: { name: 'event-design', version: report.toolVersion },
        summary: {
          checkedFiles: report.checkedFiles.length,
          ...(report.skippedFiles ? { skippedFiles: report.skippedFiles.length } : {}),
          errors: counts.error,
          warnings: counts.warning,
          infos: counts.info,
          hints: counts.hint,
        },
        ...(report.skippedFiles ? { skippedFiles: report.skippedFiles.map((uri) => displayPath(uri, report.cwd)) } : {}),
        ...(report.fixed ? { fixed: { count: report.fixed.count, files: report.fixed.files.map((uri) => displayPath(uri, report.cwd)) } } : {}),
        findings: report.findings.map((finding) => ({
          file: displayPath(finding.uri, report.cwd),
          uri: finding.uri,
          rule: finding.ruleId,
          severity: finding.severity,
          message: finding.message,
          line: finding.range.start.line + 1,
          column: finding.range.start.character + 1,
          endLine: finding.range.end.line + 1,
          endColumn: finding.range.end.character + 1,
          ...(finding.path ? { pointer: pathToPointer(finding.path) } : {}),
          docs: ruleDocPath(finding.ruleId),
          ...(finding.related?.length
            ? {
                related: finding.related.map((related) => ({
                  file: displayPath(related.uri, report.cwd),
                  line: related.range.start.line + 1,
                  column: related.range.start.character + 1,
                  message: related.message,
                })),
              }
            : {}),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
