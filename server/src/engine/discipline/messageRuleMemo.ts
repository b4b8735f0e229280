import { KeptResults, LookupSession, locationKey } from '../schemas/recordedReads';
import type { MessageRuleContext, RuleFinding } from './documentRule';
import { sameUses, type MessageView } from './messageView';

/** A message as the previous check saw it. */
interface SeenMessage {
  view: MessageView;
  operations: MessageRuleContext['application']['operations'];
}

/**
 * The findings of per-message rules (`DocumentRule.checkMessage`) of one document, kept per rule
 * and message definition, and reused while the message reads the same content.
 *
 * What a message check may read is its view, the operations that use it, its rule's options and
 * the document's version (all compared here), and content reached through `locate`/`dereference`
 * (recorded while it runs). The incremental parse keeps the plain values of unchanged entries as
 * the same objects from version to version, so "the same content" is, nearly always, "the same
 * object": a lookup that finds the very value it found before needs no deeper comparison, and a
 * keystroke in one channel re-checks only the messages whose content it touched.
 */
export class MessageRuleMemo {
  private messages = new Map<string, SeenMessage>();
  private byRule = new Map<string, KeptResults<RuleFinding[]>>();
  /** Per rule with `messageInputs`, per message: one object while the message and its inputs are unchanged. */
  private inputsByRule = new Map<string, Map<string, { current: SeenMessage; inputs: unknown }>>();

  /** Starts one check of the document: which messages are as the last check saw them. */
  begin(views: readonly MessageView[], context: Pick<MessageRuleContext, 'read' | 'schemaIds'>, operationsOf: (view: MessageView) => MessageRuleContext['application']): MessageRuleRun {
    const seen = new Map<string, SeenMessage>();
    const messages = views.map((view) => {
      const id = locationKey(view.definition);
      const application = operationsOf(view);
      const before = this.messages.get(id);
      // An unchanged message keeps its object, so a result kept for it at any earlier check still
      // matches, and one made before a change (by a rule that did not run since) never does.
      // messageViews hands over the same view for an unchanged message, and the application model
      // the same operation objects for unchanged entries: comparing contents is the exception.
      const current = before && (before.view === view || sameView(before.view, view)) && sameOperations(before.operations, application.operations) ? before : { view, operations: application.operations };
      seen.set(id, current);
      return { id, view, application, current };
    });
    this.messages = seen;
    const session = new LookupSession(context.read, context.schemaIds);
    return {
      findingsOf: (ruleId, ruleContext, check, inputsOf) => {
        let kept = this.byRule.get(ruleId);
        if (!kept) this.byRule.set(ruleId, (kept = new KeptResults()));
        const keep = kept.begin(session, JSON.stringify([ruleContext.uri, ruleContext.major, ruleContext.version, ruleContext.options]));
        if (!inputsOf) return messages.map(({ id, view, application, current }) => keep(id, current, () => check(view, { ...ruleContext, application })));
        const inputsBefore = this.inputsByRule.get(ruleId);
        const inputsNow = new Map<string, { current: SeenMessage; inputs: unknown }>();
        this.inputsByRule.set(ruleId, inputsNow);
        return messages.map(({ id, view, application, current }) => {
          const inputs = inputsOf(view);
          const before = inputsBefore?.get(id);
          const input = before && before.current === current && sameValue(before.inputs, inputs) ? before : { current, inputs };
          inputsNow.set(id, input);
          return keep(id, input, () => check(view, { ...ruleContext, application, inputs }));
        });
      },
    };
  }
}

/** One check of a document's per-message rules. */
export interface MessageRuleRun {
  /** The findings of `check` for each message, in order: kept ones where nothing it read has changed. */
  findingsOf(ruleId: string, context: Omit<MessageRuleContext, 'application'>, check: (view: MessageView, context: MessageRuleContext) => RuleFinding[], inputsOf?: (view: MessageView) => unknown): RuleFinding[][];
}

function sameView(a: MessageView, b: MessageView) {
  if (!sameUses(a.uses, b.uses) || a.key !== b.key || a.name !== b.name || locationKey(a.definition) !== locationKey(b.definition) || locationKey(a.site) !== locationKey(b.site)) return false;
  return sameValue(a.own, b.own) && sameValue(a.value, b.value);
}

function sameOperations(a: readonly unknown[], b: readonly unknown[]) {
  return a.length === b.length && a.every((operation, index) => operation === b[index] || JSON.stringify(operation) === JSON.stringify(b[index]));
}

/** Deep equality that stops at shared objects: unchanged parts of a document are the same objects. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  for (let index = 0; index < aKeys.length; index++) {
    const key = aKeys[index]!;
    // Key order matters to rules that list properties in order.
    if (key !== bKeys[index] || !sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
