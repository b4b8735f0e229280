import * as avro from 'avsc';
import { throwIfStopped, type Cancellation } from '../cancellation';
import type { PathFinding } from '../findings/finding';
import { valueAtPath } from '../references/refSites';
import { checkAvroSchema } from '../schemas/avroChecks';
import { bundleSchema, dereference, type SchemaSource } from '../schemas/bundle';
import { KeptResults, LookupSession } from '../schemas/recordedReads';
import { checkExamplesAndDefaults, describeErrors, notValidated, uncheckedPatternNotes, withoutRepeatedNotes } from '../schemas/jsonSchemaChecks';
import { failingValues } from '../schemas/failingValues';
import { checkValue, compileCached } from '../schemas/validators';
import { dialectOf, type JsonSchemaDialect } from '../workspace/fileKind';
import { isPathPrefix } from '../text/paths';

type Path = Array<string | number>;

/** A message definition written in the document (not a `$ref` to one). */
interface MessageSite {
  path: Path;
  message: Record<string, unknown>;
}

/** A schema as a message uses it: where it is and in which format. */
interface MessageSchema {
  path: Path;
  format: 'json-schema' | 'avro' | 'other';
  dialect: JsonSchemaDialect;
}

/**
 * Validates every message example against the message's payload and headers schemas (JSON
 * Schema, or Avro through avsc); checks the schemas written inline in the document (Avro by its
 * specification, the `examples` and `default` values of JSON Schemas), each finding at the
 * example, value or node itself.
 *
 * `kept` holds the results of the document's previous check: a message or component schema whose
 * value and lookups are unchanged since is not validated again (schemas/recordedReads.ts).
 */
export function checkMessageExamples(uri: string, document: unknown, major: 2 | 3, read: SchemaSource, schemaIds: ReadonlyMap<string, string>, opaquePaths: readonly (readonly (string | number)[])[], token?: Cancellation, kept = new KeptResults<PathFinding[]>()): PathFinding[] {
  const isOpaque = (path: Path) => opaquePaths.some((prefix) => isPathPrefix(prefix, path));
  const keep = kept.begin(new LookupSession(read, schemaIds), JSON.stringify([uri, major, opaquePaths]));
  const findings: PathFinding[] = [];
  for (const site of messageSites(document, major)) {
    throwIfStopped(token);
    findings.push(...keep(`message ${site.path.join('/')}`, site.message, () => checkMessageSite(uri, site, major, read, schemaIds, isOpaque)));
  }
  findings.push(...checkComponentSchemas(uri, document, major, read, schemaIds, isOpaque, keep));
  return withoutRepeatedNotes(findings);
}

/** The examples of one message against its schemas, and the schemas it writes inline. */
function checkMessageSite(uri: string, site: MessageSite, major: 2 | 3, read: SchemaSource, schemaIds: ReadonlyMap<string, string>, isOpaque: (path: Path) => boolean): PathFinding[] {
  const findings: PathFinding[] = [];
  const payload = schemaOf(site, 'payload', major);
  const headers = schemaOf(site, 'headers', major);
  const examples = site.message.examples;
  if (Array.isArray(examples)) {
    examples.forEach((example, index) => {
      if (!example || typeof example !== 'object') return;
      const value = example as Record<string, unknown>;
      const examplePath = [...site.path, 'examples', index];
      for (const [part, schema] of [['payload', payload], ['headers', headers]] as const) {
        if (!schema || !(part in value) || isOpaque(schema.path)) continue;
        const { failures, notes, why } = validateAgainst(uri, schema, value[part], read, schemaIds);
        findings.push(...notes);
        if (why) findings.push(notValidated(`Example ${part}`, why, [...examplePath, part]));
        // One finding per failing value, at that value: the `orderId: 42` line, not `payload:`.
        for (const failure of failures) {
          findings.push({ ruleId: 'message-example-invalid', message: `Example ${part} does not match the message ${part} schema: ${failure.problem}`, path: [...examplePath, part, ...failure.path], anchor: failure.atKey ? 'key' : 'auto' });
        }
      }
    });
  }
  for (const schema of [payload, headers]) if (schema) findings.push(...checkInlineSchema(uri, valueAtPath(site.message, schema.path.slice(site.path.length)).value, schema, read, schemaIds, isOpaque));
  return findings;
}


/**
 * A schema written in the document itself (`value`, at `schema.path`): an Avro schema by the Avro
 * specification, a JSON Schema's `examples` and `default` values against it. A `$ref` is checked
 * where it leads.
 */
function checkInlineSchema(uri: string, value: unknown, schema: MessageSchema, read: SchemaSource, schemaIds: ReadonlyMap<string, string>, isOpaque: (path: Path) => boolean): PathFinding[] {
  if (schema.format === 'other' || isOpaque(schema.path)) return [];
  if (value && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string' && Object.keys(value).length === 1) return [];
  if (schema.format === 'avro') return checkAvroSchema(value, schema.path);
  return checkExamplesAndDefaults({ uri, path: schema.path }, value, schema.dialect, read, schemaIds);
}

/** `components.schemas`: AsyncAPI schemas, or in 3.x multi-format schemas of any format. */
function checkComponentSchemas(uri: string, document: unknown, major: 2 | 3, read: SchemaSource, schemaIds: ReadonlyMap<string, string>, isOpaque: (path: Path) => boolean, keep: (key: string, input: unknown, compute: () => PathFinding[]) => PathFinding[]): PathFinding[] {
  const schemas = valueAtPath(document, ['components', 'schemas']).value;
  if (!schemas || typeof schemas !== 'object' || Array.isArray(schemas)) return [];
  const findings: PathFinding[] = [];
  for (const [key, value] of Object.entries(schemas as Record<string, unknown>)) {
    const multiFormat = major === 3 && !!value && typeof value === 'object' && typeof (value as { schemaFormat?: unknown }).schemaFormat === 'string' && 'schema' in value;
    const path = multiFormat ? ['components', 'schemas', key, 'schema'] : ['components', 'schemas', key];
    const format = formatOf(multiFormat ? String((value as Record<string, unknown>).schemaFormat) : undefined);
    const schema = multiFormat ? (value as Record<string, unknown>).schema : value;
    findings.push(...keep(`schema ${key}`, value, () => checkInlineSchema(uri, schema, { path, ...format }, read, schemaIds, isOpaque)));
  }
  return findings;
}

function messageSites(document: unknown, major: 2 | 3): MessageSite[] {
  const sites: MessageSite[] = [];
  const add = (value: unknown, path: Path) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    const message = value as Record<string, unknown>;
    if (typeof message.$ref === 'string') return;
    sites.push({ path, message });
  };
  const root = (document ?? {}) as Record<string, unknown>;
  const messages = (root.components as Record<string, unknown> | undefined)?.messages;
  if (messages && typeof messages === 'object') for (const [key, value] of Object.entries(messages)) add(value, ['components', 'messages', key]);
  const channels = root.channels;
  if (!channels || typeof channels !== 'object') return sites;
  for (const [key, channel] of Object.entries(channels as Record<string, unknown>)) {
    if (!channel || typeof channel !== 'object') continue;
    if (major === 3) {
      const channelMessages = (channel as Record<string, unknown>).messages;
      if (channelMessages && typeof channelMessages === 'object') {
        for (const [messageKey, value] of Object.entries(channelMessages)) add(value, ['channels', key, 'messages', messageKey]);
      }
      continue;
    }
    for (const verb of ['publish', 'subscribe']) {
      const message = ((channel as Record<string, unknown>)[verb] as Record<string, unknown> | undefined)?.message as Record<string, unknown> | undefined;
      if (!message) continue;
      if (Array.isArray(message.oneOf)) message.oneOf.forEach((value, index) => add(value, ['channels', key, verb, 'message', 'oneOf', index]));
      else add(message, ['channels', key, verb, 'message']);
    }
  }
  return sites;
}

function schemaOf(site: MessageSite, part: 'payload' | 'headers', major: 2 | 3): MessageSchema | undefined {
  const value = site.message[part];
  if (value === undefined || value === null || typeof value !== 'object') return undefined;
  const multiFormat = major === 3 && typeof (value as Record<string, unknown>).schemaFormat === 'string' && 'schema' in (value as object);
  const schemaFormat = multiFormat ? String((value as Record<string, unknown>).schemaFormat) : part === 'payload' && typeof site.message.schemaFormat === 'string' ? site.message.schemaFormat : undefined;
  const path = multiFormat ? [...site.path, part, 'schema'] : [...site.path, part];
  return { path, ...formatOf(schemaFormat) };
}

function formatOf(schemaFormat: string | undefined): { format: MessageSchema['format']; dialect: JsonSchemaDialect } {
  if (!schemaFormat || schemaFormat.startsWith('application/vnd.aai.asyncapi')) return { format: 'json-schema', dialect: 'draft-07' };
  if (schemaFormat.includes('avro')) return { format: 'avro', dialect: 'draft-07' };
  if (schemaFormat.startsWith('application/schema+json') || schemaFormat.startsWith('application/schema+yaml')) {
    const version = /version=([^;]+)/.exec(schemaFormat)?.[1];
    return { format: 'json-schema', dialect: dialectOf(version) };
  }
  return { format: 'other', dialect: 'draft-07' };
}

/** A value inside an example that fails its schema, and why. */
interface ExampleFailure {
  path: Path;
  problem: string;
  atKey: boolean;
}

/**
 * Where `value` fails the schema and why, value by value (none when it passes or the schema
 * cannot be checked), the patterns of the schema that could not be checked on it, and `why` it
 * was not validated at all.
 */
function validateAgainst(uri: string, schema: MessageSchema, value: unknown, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): { failures: ExampleFailure[]; notes: PathFinding[]; why?: string } {
  if (schema.format === 'json-schema') {
    const bundled = bundleSchema({ uri, path: schema.path }, read, schemaIds, schema.dialect === '2019-09' || schema.dialect === '2020-12' ? '$defs' : 'definitions');
    if (!bundled || bundled.missing.length > 0) return { failures: [], notes: [] };
    const validate = compileCached(schema.dialect, bundled.schema);
    if (validate instanceof Error) return { failures: [], notes: [] };
    const check = checkValue(validate, value);
    const notes = check.verdict === 'valid' ? [] : uncheckedPatternNotes(uri, bundled, check.unchecked);
    const failures = check.verdict === 'invalid' ? failingValues(bundled, schema.dialect, value, check.errors).map((failure) => ({ path: [...failure.path], problem: describeErrors(failure.errors), atKey: failure.atKey })) : [];
    return { failures, notes, why: check.notValidated };
  }
  if (schema.format === 'avro') {
    const avroSchema = resolveAvroSchema(uri, schema.path, read, schemaIds);
    if (avroSchema === undefined) return { failures: [], notes: [] };
    let type: avro.Type;
    try {
      type = avro.Type.forSchema(avroSchema as avro.Schema);
    } catch {
      return { failures: [], notes: [] };
    }
    const failures: ExampleFailure[] = [];
    const valid = type.isValid(value, {
      errorHook: (path, invalid) => {
        if (failures.length < MAX_AVRO_FAILURES) failures.push({ path: [...path], problem: `${path.length > 0 ? path.join('.') + ' ' : ''}${JSON.stringify(invalid)} is not a valid ${describeAvroType(type, path)}`, atKey: false });
      },
    });
    return { failures: valid ? [] : failures.length > 0 ? failures : [{ path: [], problem: 'it does not match', atKey: false }], notes: [] };
  }
  return { failures: [], notes: [] };
}

/** Findings for one Avro example: past this many, the example is too far from its schema to list each. */
const MAX_AVRO_FAILURES = 20;

function describeAvroType(root: avro.Type, path: string[]) {
  let type: avro.Type | undefined = root;
  for (const name of path) {
    const record = type as avro.types.RecordType;
    type = typeof record.field === 'function' ? record.field(name)?.type : undefined;
  }
  return type ? (type.typeName ?? 'value') : 'value';
}

/** The Avro schema at a path, following `$ref`s (to an `.avsc` file), through recorded lookups. */
function resolveAvroSchema(uri: string, path: Path, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): unknown {
  return dereference({ uri, path }, read, schemaIds)?.value;
}
