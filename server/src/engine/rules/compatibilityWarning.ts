import type { BreakData } from '../breaks/breakData';
import type { DocumentRule, Fix, FixContext, RuleFinding } from '../discipline/documentRule';
import { reverseProtobufChange } from '../edits/protobufEdits';
import type { RuleDefinition } from './rule';

export const compatibilityWarning: RuleDefinition & Pick<DocumentRule, 'fixes'> = {
  id: 'compatibility-warning',
  defaultSeverity: 'warning',
  rationale: 'A change a schema registry accepts that can still reject real data (a required property with a default, a oneOf branch that makes data match twice, a moved $id, a Protobuf field number left free for reuse): compatible on paper, not always in production.',
  category: 'compatibility',
  origin: 'event-design',
  /** A removed Protobuf field: reserve its number and name (or restore it). */
  async fixes(finding: RuleFinding, context: FixContext): Promise<Fix[]> {
    const data = finding.data as BreakData | undefined;
    if (!data?.newSpan) return [];
    const uri = finding.uri ?? context.uri;
    const target = await context.fileAt(uri);
    if (!target) return [];
    // Reserving is what the warning asks for: offered first.
    const reversals = reverseProtobufChange(data, target.source).reverse();
    return reversals.map((reversal, index) => ({ title: reversal.title, edits: new Map([[uri, reversal.edits]]), ...(index === 0 ? { preferred: true } : {}) }));
  },
};
