import { type DocumentRule, type Fix, type RuleContext } from '../discipline/documentRule';
import { EditPlan, planAddHeaders } from '../discipline/headerEdits';
import { findField, headerFields, namesOption, payloadFields, type Fields } from '../discipline/messageFields';
import { kindOptions, messageKind } from '../discipline/messageKind';
import type { MessageView } from '../discipline/messageView';
import { samePath } from '../text/paths';

/** Header or envelope property names that carry an event's unique id, unless the rule's `names` option says otherwise. */
export const DEFAULT_EVENT_ID_NAMES = ['eventId', 'messageId'] as const;

/** CloudEvents' `id` in binary mode, with each protocol binding's prefix (Kafka, HTTP and NATS, AMQP). */
const CLOUDEVENTS_ID_HEADERS = ['ce_id', 'ce-id', 'cloudEvents:id', 'cloudEvents_id'];

/** What the fix declares: an opaque unique string; UUIDs are what producers generate. */
const EVENT_ID_SCHEMA = {
  type: 'string',
  format: 'uuid',
  description: 'Unique id of this event, the same on every redelivery; receivers de-duplicate on it.',
};

/**
 * Where an event's id is, if anywhere: a header (the configured names, or CloudEvents' `ce_id`
 * and its variants), a top-level payload property of the configured names, or the `id` of a
 * structured-mode CloudEvents envelope (a payload that also has `specversion`). Undefined means
 * none; `unknown` means part of the schemas could not be read.
 */
export function eventIdField(message: MessageView, context: Pick<RuleContext, 'read' | 'schemaIds'>, names: readonly string[]): { in: 'headers' | 'payload'; name: string } | 'unknown' | undefined {
  const headers = headerFields(message, context);
  const header = findField(headers, [...names, ...CLOUDEVENTS_ID_HEADERS]);
  if (header) return { in: 'headers', name: header };
  const payload = payloadFields(message, context);
  const property = findField(payload, names) ?? structuredCloudEventsId(payload);
  if (property) return { in: 'payload', name: property };
  return headers.complete && payload.complete ? undefined : 'unknown';
}

function structuredCloudEventsId(payload: Fields) {
  return payload.fields.has('specversion') && payload.fields.has('id') ? 'id' : undefined;
}

export const eventId: DocumentRule = {
  id: 'event-id',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'Brokers deliver at least once and events are replayed: a unique id on every event is what lets receivers recognise a duplicate and process it only once.',
  category: 'discipline',
  origin: 'event-design',
  checkMessage(message, context) {
    const names = namesOption(context.options.names, DEFAULT_EVENT_ID_NAMES);
    if (messageKind(message, context, kindOptions(context.options)).kind !== 'event') return [];
    if (eventIdField(message, context, names) !== undefined) return [];
    const looked = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    return [
      {
        ruleId: this.id,
        uri: message.definition.uri === context.uri ? undefined : message.definition.uri,
        message: `Event "${message.name}" carries no unique id (no ${looked} header or payload property): brokers deliver at least once and events get replayed, and without an id receivers cannot tell a redelivery from a new event, so they process it twice. Declare it as a header, ${names[0]}: a UUID the producer sets once`,
        path: message.definition.path,
        anchor: 'key',
        data: { key: message.key },
      },
    ];
  },
  async fixes(finding, context) {
    const message = context.messages.find((candidate) => candidate.definition.uri === (finding.uri ?? context.uri) && samePath(candidate.definition.path, finding.path));
    if (!message) return [];
    const name = namesOption(context.options.names, DEFAULT_EVENT_ID_NAMES)[0]!;
    const fixes: Fix[] = [];
    for (const required of [false, true]) {
      const plan = new EditPlan();
      const target = planAddHeaders(plan, message, context, [{ name, schema: EVENT_ID_SCHEMA }], { required, documentUri: context.uri });
      const edits = target && (await plan.build(context));
      if (!target || !edits) continue;
      fixes.push(
        required
          ? {
              title: `Add a required ${name} header (string, uuid) ${target.where} (breaking: receivers reject messages sent without it)`,
              edits,
              breaking: `Receivers that validate the headers reject every message without ${name}: those already on the broker (retries, replays of old events) and those of producers not yet updated. Add it as optional first, make it required once every producer sends it.`,
            }
          : { title: `Add an optional ${name} header (string, uuid) ${target.where}`, edits, preferred: true },
      );
    }
    return fixes;
  },
};

