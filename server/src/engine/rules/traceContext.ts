import { type DocumentRule } from '../discipline/documentRule';
import { EditPlan, planAddHeaders, type HeaderToAdd } from '../discipline/headerEdits';
import { findField, headerFields, payloadFields } from '../discipline/messageFields';
import { samePath } from '../text/paths';

/** The W3C Trace Context `traceparent`: version, trace id, parent id, flags, in lower-case hex. */
export const TRACEPARENT_PATTERN = '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';

/** The header names that carry a trace context attribute: plain, or as a CloudEvents extension in binary mode. */
function namesFor(attribute: 'traceparent' | 'tracestate') {
  return [attribute, `ce_${attribute}`, `ce-${attribute}`, `cloudEvents:${attribute}`, `cloudEvents_${attribute}`];
}

const HEADERS: Record<'traceparent' | 'tracestate', HeaderToAdd> = {
  traceparent: {
    name: 'traceparent',
    schema: { type: 'string', pattern: TRACEPARENT_PATTERN, description: 'W3C Trace Context traceparent of the operation that produced this message.' },
  },
  tracestate: {
    name: 'tracestate',
    schema: { type: 'string', description: 'W3C Trace Context tracestate, vendor-specific trace data passed on unchanged.' },
  },
};

export const traceContext: DocumentRule = {
  id: 'trace-context',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'A W3C traceparent header (with its tracestate) is what carries a distributed trace across the broker, so one request can be followed from its producer through every receiver.',
  category: 'discipline',
  origin: 'event-design',
  checkMessage(message, context) {
    const requireTracestate = context.options.requireTracestate === true;
    const headers = headerFields(message, context);
    // Structured-mode CloudEvents carry the tracing extension inside the envelope.
    const payload = payloadFields(message, context);
    const envelope = payload.fields.has('specversion');
    const has = (attribute: 'traceparent' | 'tracestate') => !!findField(headers, namesFor(attribute)) || (envelope && payload.fields.has(attribute));
    const missing = (['traceparent', 'tracestate'] as const).filter((attribute) => !has(attribute) && (attribute === 'traceparent' || requireTracestate));
    if (missing.length === 0 || !headers.complete || (envelope && !payload.complete)) return [];
    const what = missing.length === 2 ? 'no traceparent or tracestate header' : `no ${missing[0]} header`;
    return [
      {
        ruleId: this.id,
        uri: message.definition.uri === context.uri ? undefined : message.definition.uri,
        message:
          missing[0] === 'traceparent'
            ? `Message "${message.name}" has ${what}: the W3C trace context does not cross the broker, so every receiver starts a new trace and a request cannot be followed from producer to consumers. Declare traceparent (and tracestate) headers`
            : `Message "${message.name}" has ${what}: vendor-specific trace data is dropped at the broker. Declare a tracestate header next to traceparent`,
        path: message.definition.path,
        anchor: 'key',
        data: { missing: [...(['traceparent', 'tracestate'] as const).filter((attribute) => !has(attribute))] },
      },
    ];
  },
  async fixes(finding, context) {
    const message = context.messages.find((candidate) => candidate.definition.uri === (finding.uri ?? context.uri) && samePath(candidate.definition.path, finding.path));
    const missing = (finding.data?.missing as Array<'traceparent' | 'tracestate'> | undefined) ?? [];
    if (!message || missing.length === 0) return [];
    const plan = new EditPlan();
    const target = planAddHeaders(plan, message, context, missing.map((attribute) => HEADERS[attribute]), { documentUri: context.uri });
    const edits = target && (await plan.build(context));
    if (!target || !edits) return [];
    const what = missing.length === 2 ? 'optional traceparent and tracestate headers' : `an optional ${missing[0]} header`;
    return [{ title: `Add ${what} (W3C Trace Context) ${target.where}`, edits, preferred: true }];
  },
};
