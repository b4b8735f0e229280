import { locate, recordingReads, type SchemaLocation } from '../schemas/bundle';
import type { MessageRuleContext, RuleFinding } from './documentRule';
import type { MessageView } from './messageView';

/** One lookup a message check made, and what it found then. */
interface RecordedRead {
  location: SchemaLocation;
  found: Lookup;
}

/**
 * Where a lookup ended, what value it found there, and the base that file's relative references
 * use; for a file without a tree (a `.proto` file), its text.
 */
interface Lookup {
  at: string | undefined;
  value: unknown;
  idBase: string | undefined;
  text: string | undefined;
}

/** A message as the previous check saw it. */
interface SeenMessage {
  view: MessageView;
  uses: string;
  operations: string;
}

/** What one rule found for one message, and everything it read to find it. */
interface MemoEntry {
  /** The message it was found for: the same object as long as the message has not changed since. */
  seen: SeenMessage;
  reads: RecordedRead[];
  findings: RuleFinding[];
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
  private byRule = new Map<string, { settings: string; entries: Map<string, MemoEntry> }>();

  /** Starts one check of the document: which messages are as the last check saw them. */
  begin(views: readonly MessageView[], context: Pick<MessageRuleContext, 'read' | 'schemaIds'>, operationsOf: (view: MessageView) => MessageRuleContext['application']): MessageRuleRun {
    const seen = new Map<string, SeenMessage>();
    const messages = views.map((view) => {
      const id = locationKey(view.definition);
      const application = operationsOf(view);
      const now: SeenMessage = { view, uses: JSON.stringify(view.uses), operations: JSON.stringify(application.operations) };
      const before = this.messages.get(id);
      // An unchanged message keeps its object, so an entry made for it at any earlier check still
      // matches, and one made before a change (by a rule that did not run since) never does.
      const current = before && before.uses === now.uses && before.operations === now.operations && sameView(before.view, view) ? before : now;
      seen.set(id, current);
      return { id, view, application, current };
    });
    this.messages = seen;
    const lookups = new Map<string, Lookup>();
    const lookUp = (location: SchemaLocation): Lookup => {
      const key = locationKey(location);
      let found = lookups.get(key);
      if (!found) lookups.set(key, (found = lookupOf(locate(location, context.read, context.schemaIds), context)));
      return found;
    };
    const stillReads = (read: RecordedRead) => {
      const now = lookUp(read.location);
      return now.value === read.found.value && now.at === read.found.at && now.idBase === read.found.idBase && now.text === read.found.text;
    };
    return {
      findingsOf: (ruleId, ruleContext, check) => {
        const settings = JSON.stringify([ruleContext.uri, ruleContext.major, ruleContext.version, ruleContext.options]);
        const known = this.byRule.get(ruleId);
        const previous = known?.settings === settings ? known.entries : new Map<string, MemoEntry>();
        // Only the messages of this version are kept: a removed message's entry goes with it.
        const entries = new Map<string, MemoEntry>();
        this.byRule.set(ruleId, { settings, entries });
        return messages.map(({ id, view, application, current }) => {
          const entry = previous.get(id);
          if (entry && entry.seen === current && entry.reads.every(stillReads)) {
            entries.set(id, entry);
            return entry.findings;
          }
          const reads: RecordedRead[] = [];
          const recorded = new Set<string>();
          const record = (location: SchemaLocation, found: ReturnType<typeof locate>) => {
            const key = locationKey(location);
            if (recorded.has(key)) return;
            recorded.add(key);
            const lookup = lookupOf(found, context);
            // This run's later checks of other messages compare against the same lookups.
            lookups.set(key, lookup);
            reads.push({ location, found: lookup });
          };
          const findings = recordingReads(record, () => check(view, { ...ruleContext, application }));
          entries.set(id, { seen: current, reads, findings });
          return findings;
        });
      },
    };
  }
}

/** One check of a document's per-message rules. */
export interface MessageRuleRun {
  /** The findings of `check` for each message, in order: kept ones where nothing it read has changed. */
  findingsOf(ruleId: string, context: Omit<MessageRuleContext, 'application'>, check: (view: MessageView, context: MessageRuleContext) => RuleFinding[]): RuleFinding[][];
}

function lookupOf(found: ReturnType<typeof locate>, context: Pick<MessageRuleContext, 'read'>): Lookup {
  if (!found) return { at: undefined, value: undefined, idBase: undefined, text: undefined };
  const file = context.read(found.location.uri);
  return { at: locationKey(found.location), value: found.value, idBase: file?.idBase, text: file?.text };
}

function locationKey(location: SchemaLocation) {
  return `${location.uri}#${location.path.join('/')}`;
}

/** The same message apart from its uses (compared as text by the caller). */
function sameView(a: MessageView, b: MessageView) {
  if (a.key !== b.key || a.name !== b.name || locationKey(a.definition) !== locationKey(b.definition) || locationKey(a.site) !== locationKey(b.site)) return false;
  return sameValue(a.own, b.own) && sameValue(a.value, b.value);
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
