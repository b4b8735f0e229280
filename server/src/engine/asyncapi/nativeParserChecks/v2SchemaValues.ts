import { bundleSchema } from '../../schemas/bundle';
import { checkValue, compileCached } from '../../schemas/validators';
import type { JsonPath } from '../../text/paths';
import { wordAsParser } from './parserWording';
import type { ParserReport } from './report';
import { isPlainObject, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';
import { CONVERTED_FORMATS } from './v2SchemaFormats';
import { v2MessagesOf, v2Operations } from './v2Walk';

/**
 * The parser's 2.x value rules: a schema's own `default` and `examples` (asyncapi2-schema-default,
 * asyncapi2-schema-examples) and message examples against the payload and headers schemas
 * (asyncapi2-message-examples), worded as the parser words them. Values are validated by the
 * engine's own validators (patterns on RE2), so a value whose verdict hangs on a pattern RE2
 * cannot run is left unknown here, where the parser would run it: the engine drops the parser's
 * word on such a value too.
 */
export function checkV2SchemaValues(document: ResolvedDocument, report: ParserReport) {
  for (const schema of schemasWithValues(document)) {
    const value = schema.value as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(value, 'default')) checkValueAgainst(document, report, 'asyncapi2-schema-default', schema, value.default, { uri: schema.uri, at: [...schema.at, 'default'] }, { skipStrings: true });
    if (Array.isArray(value.examples)) {
      value.examples.forEach((example, index) => checkValueAgainst(document, report, 'asyncapi2-schema-examples', schema, example, { uri: schema.uri, at: [...schema.at, 'examples', index] }, { skipStrings: true }));
    }
  }
  for (const message of messagesWithExamples(document, false)) checkMessageExamples(document, report, message, 'asyncapi2-message-examples', ['payload', 'headers']);
  // With an explicit format, the parser validates payload examples only, against the payload its
  // format's parser gives: the payload itself, unless Avro or OpenAPI converted it.
  for (const message of messagesWithExamples(document, true)) {
    const value = message.value as Record<string, unknown>;
    if (value.payload && !CONVERTED_FORMATS.has(value.schemaFormat as string)) checkMessageExamples(document, report, message, 'asyncapi2-message-examples-custom-format', ['payload']);
  }
}

/** The schemas whose own default and examples the parser checks. */
function schemasWithValues(document: ResolvedDocument): ResolvedNode[] {
  const schemas: ResolvedNode[] = [];
  const add = (node: ResolvedNode | undefined) => {
    if (node && isPlainObject(node.value) && ('default' in node.value || 'examples' in node.value)) schemas.push(node);
  };
  const parameterSchemas = (parameters: ResolvedNode | undefined) => document.entries(parameters).forEach(([, parameter]) => add(document.child(parameter, 'schema')));
  for (const channels of [['channels'], ['components', 'channels']]) {
    for (const operation of v2Operations(document, channels)) {
      const message = document.child(operation, 'message');
      if (message && isPlainObject(message.value) && message.value.schemaFormat === undefined) add(document.child(message, 'payload'));
    }
    for (const [, channel] of document.entries(document.at(channels))) parameterSchemas(document.child(channel, 'parameters'));
  }
  for (const [, schema] of document.entries(document.at(['components', 'schemas']))) add(schema);
  parameterSchemas(document.at(['components', 'parameters']));
  for (const list of [['components', 'messages'], ['components', 'messageTraits']]) {
    for (const [, message] of document.entries(document.at(list))) {
      if (isPlainObject(message.value) && message.value.schemaFormat === undefined) add(document.child(message, 'payload'));
    }
  }
  return schemas;
}

/** Messages and message traits with (or without) an explicit schema format, wherever the parser looks for examples. */
function messagesWithExamples(document: ResolvedDocument, withSchemaFormat: boolean): ResolvedNode[] {
  const messages: ResolvedNode[] = [];
  const add = (node: ResolvedNode | undefined) => {
    if (node && isPlainObject(node.value) && (node.value.schemaFormat !== undefined) === withSchemaFormat && Array.isArray(node.value.examples)) messages.push(node);
  };
  const withTraits = (node: ResolvedNode | undefined) => {
    add(node);
    document.items(node && document.child(node, 'traits')).forEach(add);
  };
  for (const channels of [['channels'], ['components', 'channels']]) {
    for (const operation of v2Operations(document, channels)) {
      const message = document.child(operation, 'message');
      withTraits(message);
      if (message && isPlainObject(message.value) && Array.isArray(message.value.oneOf)) v2MessagesOf(document, operation).forEach(withTraits);
    }
  }
  for (const [, message] of document.entries(document.at(['components', 'messages']))) withTraits(message);
  for (const [, trait] of document.entries(document.at(['components', 'messageTraits']))) add(trait);
  return messages;
}

function checkMessageExamples(document: ResolvedDocument, report: ParserReport, message: ResolvedNode, code: string, parts: Array<'payload' | 'headers'>) {
  const examples = (message.value as { examples: unknown[] }).examples;
  examples.forEach((example, index) => {
    if (!isPlainObject(example)) return;
    for (const part of parts) {
      if (example[part] === undefined) continue;
      const schema = document.child(message, part);
      const at = { uri: message.uri, at: [...message.at, 'examples', index, part] };
      if (typeof schema?.value !== 'boolean' && !schema?.value) checkValueAgainst(document, report, code, undefined, example[part], at, { standIn: part === 'headers' ? { type: 'object' } : {} });
      else if (typeof schema.value === 'boolean') checkValueAgainst(document, report, code, undefined, example[part], at, { standIn: schema.value ? {} : { not: {} } });
      else checkValueAgainst(document, report, code, schema, example[part], at);
    }
  });
}

/**
 * Validates one value and reports each error as the parser's schema function does: worded by
 * better-ajv-errors after the last segment of the value's path (`"default" property type must
 * be integer`), placed at the value or inside it.
 */
function checkValueAgainst(
  document: ResolvedDocument,
  report: ParserReport,
  code: string,
  schema: ResolvedNode | undefined,
  value: unknown,
  place: { uri: string; at: JsonPath },
  options: { skipStrings?: boolean; standIn?: object } = {},
) {
  // The parser never reports a string default or example (its schema function's results are dropped for them).
  if (options.skipStrings && typeof value === 'string') return;
  let schemaValue: unknown = options.standIn;
  if (schema) {
    const bundled = bundleSchema({ uri: schema.uri, path: schema.at }, (uri) => ({ value: document.read(uri) }), NO_SCHEMA_IDS, 'definitions');
    if (!bundled) return;
    schemaValue = bundled.schema;
  }
  const validate = compileCached('draft-07', schemaValue);
  // A schema ajv cannot compile: the parser reports ajv's reason on the value.
  if (validate instanceof Error) return report.add(code, place, validate.message);
  const check = checkValue(validate, value);
  if (check.verdict !== 'invalid') return;
  for (const { message, path } of wordAsParser(schemaValue, check.errors, place.at, value)) report.add(code, { uri: place.uri, at: [...place.at, ...path] }, message);
}

const NO_SCHEMA_IDS: ReadonlyMap<string, string> = new Map();
