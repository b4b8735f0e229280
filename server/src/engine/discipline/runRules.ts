import { throwIfStopped, type Cancellation } from '../cancellation';
import { severityFor, type EventDesignConfig } from '../config/config';
import type { SeveritySetting } from '../findings/finding';
import { RULES } from '../rules';
import { isDocumentRule, type DocumentRule, type RuleContext, type RuleFinding } from './documentRule';

/** The document rules that are not off for a file. */
export function activeDocumentRules(fileUri: string, config: EventDesignConfig, fallbackRules: Record<string, SeveritySetting>): DocumentRule[] {
  return RULES.filter(isDocumentRule).filter((rule) => severityFor(rule.id, fileUri, config, fallbackRules) !== 'off');
}

/**
 * Runs document rules on one AsyncAPI document. A rule that throws is a bug in that rule: it
 * must not take the others (or the document's other findings) with it, so it becomes a finding.
 */
export function runDocumentRules(rules: readonly DocumentRule[], context: Omit<RuleContext, 'options'>, config: EventDesignConfig, token?: Cancellation): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    // Outside the try: a stop is not the rule's failure.
    throwIfStopped(token);
    try {
      for (const finding of rule.check({ ...context, options: config.ruleOptions[rule.id] ?? {} })) findings.push({ ...finding, ruleId: rule.id });
    } catch (error) {
      findings.push({ ruleId: 'validation-incomplete', message: `The rule ${rule.id} failed on this document: ${error instanceof Error ? error.message : String(error)}`, path: [] });
    }
  }
  return findings;
}
