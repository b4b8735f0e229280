import type { ParserDiagnostic } from '../parserValidation';
import type { ResolvedNode } from './resolvedDocument';

/** The parser's severities: a rule that names none reports warnings. */
export const PARSER_SEVERITY = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/**
 * Collects the findings of the native checks as the parser words them. A node used from several
 * places (a component message in two channels) is reported once, where it is written, as the
 * parser's linter does.
 */
export class ParserReport {
  private readonly keys = new Set<string>();
  readonly diagnostics: ParserDiagnostic[] = [];

  add(code: string, node: Pick<ResolvedNode, 'uri' | 'at'>, message: string, severity: number = PARSER_SEVERITY.error) {
    const key = `${code}\u0000${node.uri}\u0000${node.at.join('\u0001')}\u0000${message}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.diagnostics.push({ uri: node.uri, path: [...node.at], code, message, severity });
  }
}
