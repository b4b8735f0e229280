import specs from '@asyncapi/specs';
import betterAjvErrors from '@stoplight/better-ajv-errors';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EntrywiseValidation } from '../entrywiseValidation';
import { validatorFor } from '../structure';
import { pointerSegments, wordAsParser } from './parserWording';
import type { ParserReport } from './report';
import { ResolvedCopies, type ResolvedDocument } from './resolvedDocument';

/**
 * asyncapi-document-resolved: the resolved document (references followed, as the parser's linter
 * sees it) against the AsyncAPI JSON Schema of its version, each error reported where the node is
 * written. The fast check (`asyncapi/structure.ts`) validates each file's own text; this adds what
 * only the resolved document shows, such as a referenced file's content in the place it is used.
 */
export function checkResolvedStructure(document: ResolvedDocument, report: ParserReport, version: string, kept?: KeptStructure) {
  const entry = resolvedValidatorFor(version);
  if (!entry) return;
  const resolved = document.plainCopy(document.root, MAX_RESOLVED_NODES, kept?.copies);
  if (!resolved) return;
  const copy = resolved.value;
  const errors = kept ? kept.resolved.errors(entry, version, copy) : entry.validate(copy) ? [] : [...(entry.validate.errors ?? [])];
  if (errors.length === 0) return;
  keepParserErrors(errors);
  for (const { message, error, path } of wordAsParser(entry.schema, errors, [], copy)) {
    // References the parser could not follow stay `$ref` objects; the fast check reports them.
    if (error !== REF_NOT_EXPECTED) report.add('asyncapi-document-resolved', document.closest(path), message);
  }
}

/**
 * asyncapi-document-unresolved: a `$ref` where the spec allows none, in the root file as written.
 * The fast check reports the same at the `$ref` itself (asyncapi-ref-placement); the parser
 * points at the object holding it.
 */
export function checkReferencePlacement(document: ResolvedDocument, report: ParserReport, version: string, kept?: KeptStructure) {
  const entry = validatorFor(version);
  const value = document.unresolved;
  if (!entry) return;
  const errors = kept ? kept.unresolved.errors(entry, version, value) : entry.validate(value) ? [] : [...(entry.validate.errors ?? [])];
  if (errors.length === 0) return;
  for (const { error, path } of betterAjvErrors(entry.schema, errors, { propertyPath: [], targetValue: value })) {
    if (error === REF_NOT_EXPECTED) report.add('asyncapi-document-unresolved', { uri: document.rootUri, at: pointerSegments(path) }, 'Referencing in this place is not allowed');
  }
}

/**
 * What the structure checks keep between runs on the same document: the copies of its entries
 * (`ResolvedCopies`), and for the resolved and the unresolved document which entries were valid.
 */
export class KeptStructure {
  readonly copies = new ResolvedCopies();
  readonly resolved = new EntrywiseValidation();
  readonly unresolved = new EntrywiseValidation();
}

const REF_NOT_EXPECTED = 'Property "$ref" is not expected to be here';

/** Resolving copies shared definitions at each use: the structure of a document that would grow past this is not checked here. */
const MAX_RESOLVED_NODES = 2_000_000;

/**
 * The parser's clean-up of ajv's errors: an unknown property is reported at the property, a
 * missing `$ref` never (resolved content has none), one error per place, and a `oneOf` next to
 * an error inside the same value is dropped.
 */
function keepParserErrors(errors: ErrorObject[]) {
  for (let index = 0; index < errors.length; index++) {
    const error = errors[index]!;
    if (error.keyword === 'additionalProperties') error.instancePath = `${error.instancePath}/${String((error.params as { additionalProperty: string }).additionalProperty)}`;
    else if (isMissingRef(error)) errors.splice(index--, 1);
  }
  for (let index = 0; index < errors.length; index++) {
    const error = errors[index]!;
    if (index + 1 < errors.length && errors[index + 1]!.instancePath === error.instancePath) {
      errors.splice(index + 1, 1);
      index--;
    } else if (index > 0 && (error.keyword === 'oneOf' || isMissingRef(error)) && errors[index - 1]!.instancePath.startsWith(error.instancePath)) {
      errors.splice(index--, 1);
    }
  }
}

function isMissingRef(error: ErrorObject) {
  return error.keyword === 'required' && (error.params as { missingProperty?: string }).missingProperty === '$ref';
}

const validators = new Map<string, { validate: ValidateFunction; schema: object } | undefined>();

/**
 * The spec's schema as the parser validates resolved documents with it: without the bundled
 * meta-schemas, `$ref` values not checked as URIs, and in 3.x, the places that must be
 * references (a channel's servers, an operation's channel and messages, a reply's) taking the
 * object they point at.
 */
function resolvedValidatorFor(version: string) {
  if (validators.has(version)) return validators.get(version);
  const original = (specs.schemas as Record<string, object>)[version];
  let entry: { validate: ValidateFunction; schema: object } | undefined;
  if (original) {
    const schema = JSON.parse(JSON.stringify(original)) as { $id: string; definitions: Record<string, Record<string, unknown>> };
    const definitions = schema.definitions;
    delete definitions['http://json-schema.org/draft-07/schema'];
    delete definitions['http://json-schema.org/draft-04/schema'];
    schema.$id = schema.$id.replace('asyncapi.json', 'asyncapi-resolved.json');
    const reference = definitions[`http://asyncapi.com/definitions/${version}/ReferenceObject.json`];
    if (reference?.format === 'uri-reference') delete reference.format;
    if (version.startsWith('3.')) {
      const definition = (name: string) => `http://asyncapi.com/definitions/${version}/${name}.json`;
      type Property = { $ref?: string; items?: { $ref?: string } };
      const properties = (name: string) => (definitions[definition(name)]?.properties ?? {}) as Record<string, Property | undefined>;
      const channel = properties('channel');
      if (channel.servers?.items) channel.servers.items.$ref = definition('server');
      for (const holder of [properties('operation'), properties('operationReply')]) {
        if (holder.channel) holder.channel.$ref = definition('channel');
        if (holder.messages?.items) holder.messages.items.$ref = definition('messageObject');
      }
    }
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, unicodeRegExp: false, logger: false, validateSchema: false });
    addFormats(ajv);
    entry = { validate: ajv.compile(schema), schema };
  }
  validators.set(version, entry);
  return entry;
}
