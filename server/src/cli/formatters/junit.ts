import type { Finding } from '../../engine/findings/finding';
import { pathToPointer } from '../../engine/text/paths';
import type { CheckReport } from '../report';
import type { ReportHeading } from './reportHeading';
import { displayPath } from './paths';

/**
 * JUnit XML, as Jenkins (junit), GitLab (artifacts:reports:junit) and Azure Pipelines
 * (PublishTestResults, JUnit) read it: one test suite per file, named by its path; one failing
 * test case per error or warning, so each UI lists every finding (a test case with several
 * failures shows only the first); a passing test case for a file with none, so that a clean run
 * is a report of passed tests rather than an empty one. Information and hints are no test results.
 */
export function formatJunit(report: CheckReport, heading: ReportHeading): string {
  const byFile = new Map<string, Finding[]>();
  for (const uri of report.checkedFiles) byFile.set(displayPath(uri, report.cwd), []);
  for (const finding of report.findings) {
    if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
    const file = displayPath(finding.uri, report.cwd);
    const list = byFile.get(file) ?? [];
    list.push(finding);
    byFile.set(file, list);
  }
  const files = [...byFile.keys()].sort((a, b) => a.localeCompare(b));
  let tests = 0;
  let failures = 0;
  const suites = files.map((file) => {
    const findings = byFile.get(file)!;
    const cases = findings.length === 0 ? [passingCase(file, heading)] : failingCases(file, findings, report.cwd);
    tests += cases.length;
    failures += findings.length;
    return [
      `  <testsuite name="${escapeXml(file, 'attribute')}" tests="${cases.length}" failures="${findings.length}" errors="0" skipped="0" time="0">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(heading.title, 'attribute')}" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function passingCase(file: string, heading: ReportHeading) {
  return `    <testcase name="${escapeXml(`no ${heading.errorNoun} or warning`, 'attribute')}" classname="${escapeXml(file, 'attribute')}" file="${escapeXml(file, 'attribute')}" time="0"/>`;
}

/**
 * A test per finding, named by its rule and the JSON pointer of what it is about rather than its
 * line, so that Jenkins follows one test across runs while unrelated lines move. GitLab keeps only
 * the first test of a name in a suite: names repeated in one file are numbered.
 */
function failingCases(file: string, findings: readonly Finding[], cwd: string) {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const where = finding.path?.length ? pathToPointer(finding.path) : `line ${position(finding.range)}`;
    const base = `${finding.ruleId} at ${where}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const name = count === 1 ? base : `${base} (${count})`;
    const text = [
      `${file}:${position(finding.range)} ${finding.ruleId} ${finding.message}`,
      ...(finding.related ?? []).map((related) => `  ${displayPath(related.uri, cwd)}:${position(related.range)} ${related.message}`),
    ].join('\n');
    return [
      `    <testcase name="${escapeXml(name, 'attribute')}" classname="${escapeXml(file, 'attribute')}" file="${escapeXml(file, 'attribute')}" time="0">`,
      `      <failure message="${escapeXml(finding.message, 'attribute')}" type="${finding.severity}">${escapeXml(text, 'text')}</failure>`,
      '    </testcase>',
    ].join('\n');
  });
}

function position(range: Finding['range']) {
  return `${range.start.line + 1}:${range.start.character + 1}`;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };
/** An attribute value keeps its tabs and line breaks only as references: a parser turns literal ones into spaces. */
const ATTRIBUTE_ENTITIES: Record<string, string> = { ...ENTITIES, '\t': '&#9;', '\n': '&#10;' };
/**
 * Markup characters, and the characters XML 1.0 cannot hold at all, not even as references: C0
 * controls other than tab and line breaks, U+FFFE, U+FFFF and lone surrogates (the latter are
 * written as `\uXXXX`, so a hostile message stays readable and the report stays well-formed).
 */
const ESCAPED = /[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeXml(text: string, context: 'attribute' | 'text'): string {
  const entities = context === 'attribute' ? ATTRIBUTE_ENTITIES : ENTITIES;
  return text.replace(ESCAPED, (char) => entities[char] ?? (char === '\t' || char === '\n' ? char : `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`));
}
