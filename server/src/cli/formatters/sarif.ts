import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Finding, Severity } from '../../engine/findings/finding';
import { RULES, ruleDocPath } from '../../engine/rules';
import type { CheckReport } from '../report';
import { displayPath } from './paths';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * The package root, two folders above the CLI bundle (dist/cli/event-design.js), where the rule
 * pages are: the same base the language server's diagnostics link them from (codeDescription).
 */
const PACKAGE_ROOT_URI = URI.file(path.resolve(__dirname, '..', '..')).toString();

/** SARIF 2.1.0, for code-scanning dashboards. Paths are relative to %SRCROOT% (the working folder). */
export function formatSarif(report: CheckReport): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const region = (finding: { range: Finding['range'] }) => ({
    startLine: finding.range.start.line + 1,
    startColumn: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
  });
  const location = (uri: string, range: Finding['range']) => ({
    physicalLocation: {
      artifactLocation: uri.startsWith('file:') ? { uri: displayPath(uri, report.cwd).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' } : { uri },
      region: region({ range }),
    },
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'event-design',
            version: report.toolVersion,
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.rationale },
              help: { text: `${rule.rationale} See ${ruleDocPath(rule.id)} in the event-design package.` },
              helpUri: `${PACKAGE_ROOT_URI}/${ruleDocPath(rule.id)}`,
              defaultConfiguration: rule.defaultSeverity === 'off' ? { enabled: false } : { level: LEVEL[rule.defaultSeverity] },
              properties: { category: rule.category },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: URI.file(report.cwd).toString() + '/' } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [location(finding.uri, finding.range)],
          ...(finding.related?.length ? { relatedLocations: finding.related.map((related, index) => ({ id: index + 1, ...location(related.uri, related.range), message: { text: related.message } })) } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
