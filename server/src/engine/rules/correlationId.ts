import { type DocumentRule, type Fix, type FixContext, type RuleFinding } from '../discipline/documentRule';
import { EditPlan, planAddHeaders } from '../discipline/headerEdits';
import { isPathPrefix, samePath } from '../text/paths';
import { fieldAtPointer, findField, headerFields, headersSchemas, isRecord, messageParts, namesOption, payloadFields, payloadSchema, providerOf, type SchemaReader } from '../discipline/messageFields';
import type { MessageView } from '../discipline/messageView';
import { removeValue, setValue } from '../edits/documentEdits';
import { dereference, type SchemaLocation } from '../schemas/bundle';
import { pathToPointer, pointerToPath } from '../text/paths';

/** Names of properties that hold a correlation id, unless the rule's `names` option says otherwise; the first is what the fix adds. */
export const DEFAULT_CORRELATION_NAMES = ['correlationId', 'x-correlation-id'] as const;

/** A runtime expression that names a place in a message, parsed. */
export type RuntimeExpression = { source: 'header' | 'payload'; segments: string[] };

/**
 * Parses an AsyncAPI runtime expression as `correlationId.location` needs it:
 * `$message.header#/<JSON pointer>` or `$message.payload#/<JSON pointer>`. The specification's
 * grammar allows the whole header or payload (no `#`), but a correlation id is one value, so
 * this asks for a pointer to it. The reason, in words, when the text is not such an expression.
 */
export function parseRuntimeExpression(text: string): RuntimeExpression | { error: string } {
  const match = /^\$message\.([A-Za-z]*)(.*)$/s.exec(text);
  if (!match) return { error: 'it must start with $message.header# or $message.payload#' };
  const [, source, rest] = match as unknown as [string, string, string];
  if (source !== 'header' && source !== 'payload') return { error: `"${source}" is not a part of a message, which has a header and a payload` };
  if (!rest.startsWith('#')) return { error: rest === '' ? `it names the whole ${source}, not the property that holds the correlation id` : `the ${source} and the JSON pointer must be separated by "#", as in $message.${source}#/…` };
  const pointer = rest.slice(1);
  if (pointer === '' || pointer === '/') return { error: `it names the whole ${source}, not the property that holds the correlation id` };
  if (!pointer.startsWith('/')) return { error: `"${pointer}" is not a JSON pointer: it must start with "/"` };
  if (/~(?![01])/.test(pointer)) return { error: `"${pointer}" is not a JSON pointer: "~" must be written ~0, and "/" inside a name ~1` };
  return { source, segments: pointerToPath(pointer) };
}

/** Common slips, mended: `$message.headers#/x`, `$message.header.x`, `$message.payload#x`, `message.header#/x`. */
export function repairRuntimeExpression(text: string): string | undefined {
  const match = /^\$?message\.(headers?|payload)\s*[#./]*\s*([^#\s].*)$/s.exec(text.trim());
  if (!match) return undefined;
  const source = match[1] === 'payload' ? 'payload' : 'header';
  const rest = match[2]!.replace(/^\/+/, '');
  const segments = rest.includes('/') ? rest : rest.replace(/\./g, '/');
  const repaired = `$message.${source}#/${segments}`;
  return repaired !== text && !('error' in parseRuntimeExpression(repaired)) ? repaired : undefined;
}

/** Whether the place an expression names is declared by the message's headers or payload schema. */
export function expressionTarget(message: MessageView, expression: RuntimeExpression, reader: SchemaReader): 'found' | 'missing' | 'unknown' | 'no-headers' | 'no-payload' {
  const sites = expression.source === 'header' ? headersSchemas(message, reader) : [payloadSchema(message, reader)].filter((site) => site !== undefined);
  if (sites.length === 0) return expression.source === 'header' ? 'no-headers' : 'no-payload';
  let unknown = false;
  for (const site of sites) {
    const state = fieldAtPointer(site, expression.segments, reader).state;
    if (state === 'found') return 'found';
    if (state === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'missing';
}

export function expressionText(expression: RuntimeExpression) {
  return `$message.${expression.source}#${pathToPointer(expression.segments)}`;
}

/** How a message states its correlation id: where the object is, where the message refers to it. */
interface CorrelationSite {
  /** The `correlationId` key of the message or trait that provides it. */
  mentionedAt: SchemaLocation;
  /** The Correlation ID Object, references followed. */
  location: SchemaLocation;
  value: Record<string, unknown>;
}

function correlationSite(message: MessageView, reader: SchemaReader): CorrelationSite | 'none' | 'unknown' {
  const provider = providerOf(messageParts(message, reader), 'correlationId');
  if (!provider) return 'none';
  const mentionedAt = { uri: provider.location.uri, path: [...provider.location.path, 'correlationId'] };
  const found = dereference(mentionedAt, reader.read, reader.schemaIds);
  if (!found || !isRecord(found.value)) return 'unknown';
  return { mentionedAt, location: found.location, value: found.value };
}

export const correlationId: DocumentRule = {
  id: 'correlation-id',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'A correlationId whose location names a declared header or payload property is what lets receivers, logs and traces tie a message to the request or business flow it belongs to.',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    const findings: RuleFinding[] = [];
    const reported = new Set<string>();
    const report = (finding: RuleFinding) => {
      const key = `${finding.uri ?? context.uri}#${finding.path.join('/')}`;
      if (reported.has(key)) return;
      reported.add(key);
      findings.push(finding);
    };
    const uriOf = (uri: string) => (uri === context.uri ? undefined : uri);
    for (const message of context.messages) {
      const site = correlationSite(message, context);
      if (site === 'unknown') continue;
      const about = { uri: message.definition.uri, path: message.definition.path };
      if (site === 'none') {
        report({
          ruleId: this.id,
          uri: uriOf(message.definition.uri),
          message: `Message "${message.name}" has no correlationId: receivers, logs and traces cannot tie it to the request or business flow it belongs to. Say where its correlation id travels, for example a correlationId header with correlationId.location '$message.header#/correlationId'`,
          path: message.definition.path,
          anchor: 'key',
          data: { kind: 'missing', message: about },
        });
        continue;
      }
      const location = site.value.location;
      // A Correlation ID Object without a location is a structure error, reported as such.
      if (typeof location !== 'string') continue;
      const parsed = parseRuntimeExpression(location);
      if ('error' in parsed) {
        report({
          ruleId: this.id,
          uri: uriOf(site.location.uri),
          message: `correlationId.location "${location}" is not a valid runtime expression (${parsed.error}): tools cannot find the correlation id of message "${message.name}". Write $message.header#/<name> or $message.payload#/<path>`,
          path: [...site.location.path, 'location'],
          anchor: 'value',
          data: { kind: 'invalid', message: about },
        });
        continue;
      }
      const target = expressionTarget(message, parsed, context);
      if (target === 'found' || target === 'unknown') continue;
      const lacks =
        target === 'no-headers' ? 'the message has no headers' : target === 'no-payload' ? 'the message has no payload' : `its ${parsed.source === 'header' ? 'headers schema' : 'payload schema'} declares no ${pathToPointer(parsed.segments).slice(1)}`;
      report({
        ruleId: this.id,
        uri: uriOf(site.mentionedAt.uri),
        message: `The correlationId of message "${message.name}" points at ${location}, but ${lacks}: the correlation id cannot be read from the message`,
        path: site.mentionedAt.path,
        anchor: 'key',
        data: { kind: 'target', message: about },
      });
    }
    return findings;
  },
  async fixes(finding, context) {
    const about = finding.data?.message as { uri: string; path: Array<string | number> } | undefined;
    const message = about && context.messages.find((candidate) => candidate.definition.uri === about.uri && samePath(candidate.definition.path, about.path));
    if (!message) return [];
    const names = namesOption(context.options.names, DEFAULT_CORRELATION_NAMES);
    const fixes = finding.data?.kind === 'missing' ? await fixesForMissing(message, context, names) : await fixesForWrongLocation(finding, message, context, names);
    if (fixes[0]) fixes[0].preferred = true;
    return fixes;
  },
};

/** Expressions that name an existing correlation-like property of the message: headers first, then the payload. */
function existingCorrelationExpressions(message: MessageView, reader: SchemaReader, names: readonly string[]): string[] {
  const result: string[] = [];
  const header = findField(headerFields(message, reader), names);
  if (header) result.push(`$message.header#${pathToPointer([header])}`);
  const property = findField(payloadFields(message, reader), names);
  if (property) result.push(`$message.payload#${pathToPointer([property])}`);
  return result;
}

async function fixesForMissing(message: MessageView, context: FixContext, names: readonly string[]): Promise<Fix[]> {
  const fixes: Fix[] = [];
  const at = [...message.definition.path, 'correlationId'];
  // A Correlation ID Object of the file's components that fits this message already.
  const components = (context.read(message.definition.uri)?.value as { components?: { correlationIds?: unknown } } | undefined)?.components?.correlationIds;
  if (isRecord(components)) {
    for (const [key, value] of Object.entries(components)) {
      const location = isRecord(value) && typeof value.location === 'string' ? value.location : undefined;
      const parsed = location === undefined ? undefined : parseRuntimeExpression(location);
      if (!parsed || 'error' in parsed || expressionTarget(message, parsed, context) !== 'found') continue;
      const plan = new EditPlan().add(message.definition.uri, (current) => setValue(current, at, { $ref: `#${pathToPointer(['components', 'correlationIds', key])}` }));
      const edits = await plan.build(context);
      if (edits) fixes.push({ title: `Reference the correlation id "${key}" (${location}) from message "${message.name}"`, edits });
    }
  }
  for (const expression of existingCorrelationExpressions(message, context, names)) {
    const edits = await new EditPlan().add(message.definition.uri, (current) => setValue(current, at, { location: expression })).build(context);
    if (edits) fixes.push({ title: `Add correlationId with location '${expression}' to message "${message.name}"`, edits });
  }
  if (fixes.length > 0) return fixes;
  const name = names[0]!;
  const plan = new EditPlan();
  const target = planAddHeaders(plan, message, context, [{ name, schema: CORRELATION_HEADER_SCHEMA }], { documentUri: context.uri });
  if (!target) return fixes;
  const expression = `$message.header#${pathToPointer([name])}`;
  plan.add(message.definition.uri, (current) => setValue(current, at, { location: expression }));
  const edits = await plan.build(context);
  if (edits) fixes.push({ title: `Add an optional ${name} header (string) ${target.where} and correlationId with location '${expression}'`, edits });
  return fixes;
}

/**
 * The message's own `correlationId`, replaced: removed, then added again, so that a flow-style
 * `{ $ref: … }` becomes a block mapping cleanly (and a trait's correlationId is overridden).
 */
function replaceOwnCorrelationId(message: MessageView, value: Record<string, unknown>): EditPlan {
  const at = [...message.definition.path, 'correlationId'];
  const plan = new EditPlan();
  if (message.own.correlationId !== undefined) plan.add(message.definition.uri, (file) => removeValue(file, at));
  return plan.add(message.definition.uri, (file) => setValue(file, at, value));
}

const CORRELATION_HEADER_SCHEMA = { type: 'string', description: 'Id shared by every message of one request or business flow.' };

async function fixesForWrongLocation(finding: RuleFinding, message: MessageView, context: FixContext, names: readonly string[]): Promise<Fix[]> {
  const site = correlationSite(message, context);
  if (site === 'none' || site === 'unknown' || typeof site.value.location !== 'string') return [];
  const current = site.value.location;
  const candidates: string[] = [];
  const parsed = parseRuntimeExpression(current);
  if ('error' in parsed) {
    const repaired = repairRuntimeExpression(current);
    const repairedParsed = repaired ? parseRuntimeExpression(repaired) : undefined;
    if (repaired && repairedParsed && !('error' in repairedParsed) && expressionTarget(message, repairedParsed, context) === 'found') candidates.push(repaired);
  }
  for (const expression of existingCorrelationExpressions(message, context, names)) if (!candidates.includes(expression)) candidates.push(expression);
  // The object belongs to this message alone when it is written inside the message's definition;
  // a shared one (components.correlationIds, a trait) is left as it is for the other messages,
  // and this message gets its own — unless the expression is invalid for everyone.
  const ownsObject = site.location.uri === message.definition.uri && isPathPrefix(message.definition.path, site.location.path);
  const inPlace = finding.data?.kind === 'invalid' || ownsObject;
  const fixes: Fix[] = [];
  for (const expression of candidates) {
    const plan = inPlace
      ? new EditPlan().add(site.location.uri, (file) => setValue(file, [...site.location.path, 'location'], expression))
      : replaceOwnCorrelationId(message, { location: expression });
    const edits = await plan.build(context);
    if (!edits) continue;
    const scope = inPlace ? (ownsObject ? '' : ` (in the shared ${String(site.location.path[site.location.path.length - 1])})`) : ` for message "${message.name}" only`;
    fixes.push({ title: `Point correlationId at '${expression}'${scope}`, edits });
  }
  // The expression is right but the header it names was never declared: declare it.
  if (!('error' in parsed) && parsed.source === 'header' && parsed.segments.length === 1) {
    const plan = new EditPlan();
    const target = planAddHeaders(plan, message, context, [{ name: parsed.segments[0]!, schema: CORRELATION_HEADER_SCHEMA }], { documentUri: context.uri });
    const edits = target && (await plan.build(context));
    if (target && edits) fixes.push({ title: `Add the optional ${parsed.segments[0]} header (string) that correlationId points at, ${target.where}`, edits });
  }
  return fixes;
}
