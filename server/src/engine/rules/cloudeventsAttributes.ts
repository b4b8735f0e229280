import { type DocumentRule, type Fix, type RuleContext, type RuleFinding } from '../discipline/documentRule';
import { describeSchemaTarget, EditPlan, planAddHeaders, planAddProperties, type HeaderToAdd } from '../discipline/headerEdits';
import { headerFields, payloadFields, payloadSchema } from '../discipline/messageFields';
import type { MessageView } from '../discipline/messageView';
import { samePath } from '../text/paths';

/** The context attributes every CloudEvent must have (CloudEvents 1.0, "REQUIRED Attributes"). */
export const REQUIRED_ATTRIBUTES = ['id', 'source', 'specversion', 'type'] as const;
type Attribute = (typeof REQUIRED_ATTRIBUTES)[number];

/**
 * How each protocol binding of CloudEvents carries attributes in binary mode: the prefix of the
 * header (Kafka record header, HTTP header, AMQP application property, MQTT 5 user property…).
 * The first prefix is what the fix writes. Protocols whose binding has no binary mode
 * (WebSockets) carry events in structured mode only.
 */
export const BINARY_PREFIXES: Record<string, readonly string[]> = {
  kafka: ['ce_'],
  'kafka-secure': ['ce_'],
  http: ['ce-'],
  https: ['ce-'],
  nats: ['ce-'],
  googlepubsub: ['ce-'],
  amqp: ['cloudEvents:', 'cloudEvents_'],
  amqps: ['cloudEvents:', 'cloudEvents_'],
  amqp1: ['cloudEvents:', 'cloudEvents_'],
  mqtt: [''],
  mqtt5: [''],
  'secure-mqtt': [''],
  ws: [],
  wss: [],
};

/** For protocols without a CloudEvents binding: every known prefix is accepted; the fix writes `ce-`. */
const ANY_PREFIX = ['ce-', 'ce_', 'cloudEvents:', 'cloudEvents_'] as const;

const ATTRIBUTE_SCHEMAS: Record<Attribute, Record<string, unknown>> = {
  id: { type: 'string', description: 'CloudEvents id, unique for each event of this source.' },
  source: { type: 'string', format: 'uri-reference', description: 'CloudEvents source, the context in which the event happened.' },
  specversion: { type: 'string', const: '1.0', description: 'CloudEvents specversion.' },
  type: { type: 'string', description: 'CloudEvents type, for example com.example.order.placed.' },
};

/** The mode a message uses and the names its attributes must have there. */
export interface CloudEventsMode {
  mode: 'binary' | 'structured';
  /** Protocols the message travels on (empty when unknown). */
  protocols: string[];
  /** Accepted header prefixes in binary mode; the first is the one the fix writes. */
  prefixes: readonly string[];
}

/**
 * Structured mode when the content type says so (`application/cloudevents+json`…), when the
 * payload is the envelope (it declares `specversion`), or when every protocol the message
 * travels on has only a structured mode; binary mode otherwise.
 */
export function cloudEventsMode(message: MessageView, context: Pick<RuleContext, 'document' | 'read' | 'schemaIds' | 'application'>): CloudEventsMode {
  const uses = message.uses.flatMap((use) => use.protocols);
  const protocols = [...new Set(uses.length > 0 ? uses : context.application.servers.map((server) => server.protocol).filter((protocol): protocol is string => !!protocol))].map((protocol) => protocol.toLowerCase());
  const contentType = typeof message.value.contentType === 'string' ? message.value.contentType : typeof context.document.defaultContentType === 'string' ? context.document.defaultContentType : '';
  const prefixes = [...new Set(protocols.length === 0 ? ANY_PREFIX : protocols.flatMap((protocol) => BINARY_PREFIXES[protocol] ?? ANY_PREFIX))];
  const structuredOnly = protocols.length > 0 && protocols.every((protocol) => (BINARY_PREFIXES[protocol] ?? ANY_PREFIX).length === 0);
  const structured = contentType.toLowerCase().startsWith('application/cloudevents') || payloadFields(message, context).fields.has('specversion') || structuredOnly;
  return { mode: structured ? 'structured' : 'binary', protocols, prefixes };
}

/** The attributes a message lacks in its mode; undefined when its schemas cannot be read. */
function missingAttributes(message: MessageView, context: RuleContext, mode: CloudEventsMode): Attribute[] | undefined {
  if (mode.mode === 'structured') {
    const payload = payloadFields(message, context);
    if (!payload.complete) return undefined;
    return REQUIRED_ATTRIBUTES.filter((attribute) => !payload.fields.has(attribute));
  }
  const headers = headerFields(message, context);
  if (!headers.complete) return undefined;
  // Header names are matched as the bindings write them; HTTP headers are case-insensitive.
  const declared = new Set([...headers.fields.keys()].map((name) => name.toLowerCase()));
  return REQUIRED_ATTRIBUTES.filter((attribute) => !mode.prefixes.some((prefix) => declared.has(`${prefix}${attribute}`.toLowerCase())));
}

function list(items: readonly string[]) {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const cloudeventsAttributes: DocumentRule = {
  id: 'cloudevents-attributes',
  defaultSeverity: 'warning',
  enabledBy: 'cloudevents',
  rationale: 'CloudEvents requires the context attributes id, source, specversion and type on every event: SDKs, brokers and routers reject or misroute events without them.',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const message of context.messages) {
      const mode = cloudEventsMode(message, context);
      const missing = missingAttributes(message, context, mode);
      if (!missing || missing.length === 0) continue;
      const carried =
        mode.mode === 'structured'
          ? `in structured mode they are top-level properties of the payload`
          : `in binary mode${mode.protocols.length > 0 ? ` on ${list(mode.protocols)}` : ''} they travel as headers (${list(missing.map((attribute) => `${mode.prefixes[0]}${attribute}`))})`;
      findings.push({
        ruleId: this.id,
        uri: message.definition.uri === context.uri ? undefined : message.definition.uri,
        message: `Message "${message.name}" lacks the required CloudEvents attribute${missing.length === 1 ? '' : 's'} ${list(missing)}: ${carried}. CloudEvents SDKs and routers reject or misroute events without them`,
        path: message.definition.path,
        anchor: 'key',
        data: { missing, mode: mode.mode, prefix: mode.prefixes[0] ?? '' },
      });
    }
    return findings;
  },
  async fixes(finding, context) {
    const message = context.messages.find((candidate) => candidate.definition.uri === (finding.uri ?? context.uri) && samePath(candidate.definition.path, finding.path));
    const missing = (finding.data?.missing as Attribute[] | undefined) ?? [];
    if (!message || missing.length === 0) return [];
    const structured = finding.data?.mode === 'structured';
    const prefix = String(finding.data?.prefix ?? '');
    const fields: HeaderToAdd[] = missing.map((attribute) => ({ name: structured ? attribute : `${prefix}${attribute}`, schema: ATTRIBUTE_SCHEMAS[attribute] }));
    const names = list(fields.map((field) => field.name));
    const fixes: Fix[] = [];
    for (const required of [false, true]) {
      const plan = new EditPlan();
      let where: string | undefined;
      if (structured) {
        const site = payloadSchema(message, context);
        if (site && planAddProperties(plan, site, fields, { required })) where = describeSchemaTarget(site, message, context.uri, 'payload').where;
      } else {
        where = planAddHeaders(plan, message, context, fields, { required, documentUri: context.uri })?.where;
      }
      const edits = where && (await plan.build(context));
      if (!where || !edits) continue;
      const what = `${structured ? 'payload propert' : 'header'}${fields.length === 1 ? (structured ? 'y' : '') : structured ? 'ies' : 's'} ${names}`;
      fixes.push(
        required
          ? {
              title: `Add the CloudEvents ${what} as required ${where} (breaking: receivers reject messages sent without them)`,
              edits,
              breaking: `Receivers that validate the ${structured ? 'payload' : 'headers'} reject every message without ${names}: those already on the broker and those of producers not yet updated. Add them as optional first, require them once every producer sends them.`,
            }
          : { title: `Add the CloudEvents ${what} (optional) ${where}`, edits, preferred: true },
      );
    }
    return fixes;
  },
};
