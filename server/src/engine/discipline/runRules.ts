import { throwIfStopped, type Cancellation } from '../cancellation';
import { severityFor, type EventDesignConfig } from '../config/config';
import type { SeveritySetting } from '../findings/finding';
import { RULES } from '../rules';
import { isDocumentRule, type DocumentRule, type MessageRuleContext, type RuleContext, type RuleFinding } from './documentRule';
import { MessageRuleMemo } from './messageRuleMemo';
import type { MessageView } from './messageView';
import type { ApplicationModel } from '../workspace/applicationModel';

/** The document rules that are not off for a file. */
export function activeDocumentRules(fileUri: string, config: EventDesignConfig, fallbackRules: Record<string, SeveritySetting>): DocumentRule[] {
  return RULES.filter(isDocumentRule).filter((rule) => severityFor(rule.id, fileUri, config, fallbackRules) !== 'off');
}

/**
 * Runs document rules on one AsyncAPI document. A rule that throws is a bug in that rule: it
 * must not take the others (or the document's other findings) with it, so it becomes a finding.
 */
export function runDocumentRules(rules: readonly DocumentRule[], context: Omit<RuleContext, 'options'>, config: EventDesignConfig, token?: Cancellation, memo = new MessageRuleMemo()): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const run = memo.begin(context.messages, context, operationsOfMessages(context.application));
  for (const rule of rules) {
    // Outside the try: a stop is not the rule's failure.
    throwIfStopped(token);
    const ruleContext = { ...context, options: config.ruleOptions[rule.id] ?? {} };
    try {
      const found: RuleFinding[] = [];
      if (rule.checkMessage) {
        const perMessage = run.findingsOf(rule.id, ruleContext, (view, messageContext) => rule.checkMessage!(view, messageContext), rule.messageInputs?.(ruleContext));
        if (rule.combineMessageFindings) found.push(...rule.combineMessageFindings(perMessage));
        else {
          // A schema that several messages share is reported once, by the first of them.
          const reported = new Set<string>();
          for (const list of perMessage) {
            for (const finding of list) {
              const place = placeOf(finding);
              if (reported.has(place)) continue;
              reported.add(place);
              found.push(finding);
            }
          }
        }
      }
      if (rule.check) found.push(...rule.check(ruleContext));
      // Rules name themselves; kept findings are passed on as they are, never changed.
      for (const finding of found) findings.push(finding.ruleId === rule.id ? finding : { ...finding, ruleId: rule.id });
    } catch (error) {
      findings.push({ ruleId: 'validation-incomplete', message: `The rule ${rule.id} failed on this document: ${error instanceof Error ? error.message : String(error)}`, path: [] });
    }
  }
  return findings;
}

/** Per message, the operations that use it: all a message check may know of the application. */
function operationsOfMessages(application: ApplicationModel): (view: MessageView) => MessageRuleContext['application'] {
  const byKey = new Map<string, ApplicationModel['operations'][number]>();
  for (const operation of application.operations) if (!byKey.has(operation.key)) byKey.set(operation.key, operation);
  return (view) => ({ operations: [...new Set(view.uses.map((use) => use.operationKey))].flatMap((key) => byKey.get(key) ?? []) });
}

function placeOf(finding: RuleFinding) {
  return `${finding.uri ?? ''}#${finding.path.join('/')}#${finding.anchor ?? ''}`;
}
