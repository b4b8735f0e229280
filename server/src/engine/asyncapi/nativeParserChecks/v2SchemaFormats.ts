import specs from '@asyncapi/specs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as avro from 'avsc';
import { SPEC_VERSIONS } from './documentVersion';
import { pointerSegments } from './parserWording';
import { PARSER_SEVERITY, type ParserReport } from './report';
import { isPlainObject, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';
import { v2MessagesOf, v2Operations } from './v2Walk';

/** The formats @asyncapi/parser is given parsers for (its own, and the Avro and OpenAPI schema parsers `runParser` registers). */
const JSON_SCHEMA_FORMATS = new Set([
  'application/schema;version=draft-07',
  'application/schema+json;version=draft-07',
  'application/schema+yaml;version=draft-07',
  ...SPEC_VERSIONS.flatMap((version) => ['', '+json', '+yaml'].map((suffix) => `application/vnd.aai.asyncapi${suffix};version=${version}`)),
]);
const AVRO_FORMATS = new Set(['1.9.0', '1.8.2'].flatMap((version) => ['', '+json', '+yaml'].map((suffix) => `application/vnd.apache.avro${suffix};version=${version}`)));
/**
 * Avro and OpenAPI: the parser converts them. An Avro payload is checked here as the parser's Avro
 * schema parser does (avsc reads it, its message as it is) — in a workspace file the engine's own
 * `avro-schema-invalid` says it better and the engine drops this one, but a fetched remote schema
 * has no other check; OpenAPI payloads and both formats' examples are left to the engine's checks.
 */
export const CONVERTED_FORMATS = new Set([...AVRO_FORMATS, ...['', '+json', '+yaml'].map((suffix) => `application/vnd.oai.openapi${suffix};version=3.0.0`)]);

/** The schema format of a message, as the parser reads it: its own, or the default of the document's version. */
export function schemaFormatOf(message: Record<string, unknown>, asyncapiVersion: string) {
  return typeof message.schemaFormat === 'string' ? message.schemaFormat : `application/vnd.aai.asyncapi;version=${asyncapiVersion}`;
}

/**
 * asyncapi2-schemas: each message's payload is valid in its schema format. Payloads in the
 * AsyncAPI (or JSON Schema) format are validated against the spec's Schema Object, with ajv's
 * own messages; Avro payloads are read by avsc; a format no parser is registered for is a warning
 * on `schemaFormat`. OpenAPI payloads are the engine's to check.
 */
export function checkV2PayloadFormats(document: ResolvedDocument, report: ParserReport, asyncapiVersion: string) {
  for (const message of v2MessagesWithPayload(document)) {
    const value = message.value as Record<string, unknown>;
    const format = schemaFormatOf(value, asyncapiVersion);
    if (JSON_SCHEMA_FORMATS.has(format)) {
      const validate = payloadValidatorFor(asyncapiVersion);
      const payload = document.child(message, 'payload')!;
      if (!validate || validate(document.plainCopy(payload)!.value)) continue;
      for (const error of validate.errors ?? []) {
        report.add('asyncapi2-schemas', document.closest([...payload.path, ...pointerSegments(error.instancePath)]), error.message ?? '');
      }
    } else if (AVRO_FORMATS.has(format)) {
      const payload = document.child(message, 'payload')!;
      try {
        avro.Type.forSchema(document.plainCopy(payload)!.value as avro.Schema);
      } catch (error) {
        report.add('asyncapi2-schemas', payload, error instanceof Error ? error.message : String(error));
      }
    } else if (!CONVERTED_FORMATS.has(format)) {
      const at = document.child(message, 'schemaFormat') ?? message;
      report.add('asyncapi2-schemas', at, `No schema parser registered for "${format}"`, PARSER_SEVERITY.warning);
    }
  }
}

/** The messages the parser validates payloads of: root and component channels' operations, `oneOf` members, component messages. */
function v2MessagesWithPayload(document: ResolvedDocument): ResolvedNode[] {
  const messages: ResolvedNode[] = [];
  for (const channels of [['channels'], ['components', 'channels']]) {
    for (const operation of v2Operations(document, channels)) {
      const message = document.child(operation, 'message');
      if (message && isPlainObject(message.value)) messages.push(message);
      if (message && isPlainObject(message.value) && Array.isArray(message.value.oneOf)) messages.push(...v2MessagesOf(document, operation));
    }
  }
  for (const [, message] of document.entries(document.at(['components', 'messages']))) if (isPlainObject(message.value)) messages.push(message);
  return messages.filter((message) => !!(message.value as Record<string, unknown>).payload);
}

const payloadValidators = new Map<string, ValidateFunction | undefined>();

/** The spec's Schema Object of a version, on its own, as the parser's AsyncAPI schema parser validates payloads. */
function payloadValidatorFor(version: string): ValidateFunction | undefined {
  if (payloadValidators.has(version)) return payloadValidators.get(version);
  const spec = (specs.schemas as Record<string, { definitions?: Record<string, unknown> }>)[version];
  let validate: ValidateFunction | undefined;
  if (spec?.definitions) {
    const definitions = JSON.parse(JSON.stringify(spec.definitions)) as Record<string, unknown>;
    delete definitions['http://json-schema.org/draft-07/schema'];
    delete definitions['http://json-schema.org/draft-04/schema'];
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, unicodeRegExp: false, logger: false, validateSchema: false });
    addFormats(ajv);
    validate = ajv.compile({ $ref: `http://asyncapi.com/definitions/${version}/schema.json`, definitions });
  }
  payloadValidators.set(version, validate);
  return validate;
}
