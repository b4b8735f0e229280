import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../engine/findings/finding';
import { ruleDocPath } from '../engine/rules';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The data a diagnostic carries back to code actions. */
export interface DiagnosticData {
  path?: Array<string | number>;
  /** The document whose check made the finding (it may be in a file that document references). */
  producer?: string;
}

/** A finding as the protocol shows it: our source, the rule id as code, a link to its doc. */
export function toDiagnostic(finding: Finding, packageRootUri: string, producer?: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: 'event-design',
    code: finding.ruleId,
    codeDescription: { href: `${packageRootUri.replace(/\/$/, '')}/${ruleDocPath(finding.ruleId)}` },
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({ location: { uri: related.uri, range: related.range }, message: related.message }));
  }
  if (finding.tags?.length) {
    diagnostic.tags = finding.tags.map((tag) => (tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  if (finding.path) diagnostic.data = { path: [...finding.path], ...(producer && producer !== finding.uri ? { producer } : {}) } satisfies DiagnosticData;
  return diagnostic;
}

/**
 * What one producer (a document's check) says, by file, for the diagnostics collector: its own
 * file always has an entry, so that a check that finds nothing clears what it said before.
 */
export function diagnosticsByFile(producer: string, findings: Iterable<readonly Finding[]>, packageRootUri: string, shown: (uri: string) => boolean = () => true): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const list of findings) {
    for (const finding of list) {
      if (!shown(finding.uri)) continue;
      const diagnostics = byFile.get(finding.uri) ?? [];
      diagnostics.push(toDiagnostic(finding, packageRootUri, producer));
      byFile.set(finding.uri, diagnostics);
    }
  }
  if (!byFile.has(producer) && shown(producer)) byFile.set(producer, []);
  return byFile;
}
