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
