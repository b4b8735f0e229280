import specs from '@asyncapi/specs';
import betterAjvErrors from '@stoplight/better-ajv-errors';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { validatorFor } from '../structure';
import { pointerSegments, wordAsParser } from './parserWording';
import type { ParserReport } from './report';
import { pathToPointer, type JsonPath } from '../../text/paths';
import { isPlainObject, ResolvedCopies, type ResolvedDocument } from './resolvedDocument';

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

/**
 * A document validated again and again, entry by entry where the schema allows. The spec's schema
 * judges each entry of a map such as `channels` or `components.messages` alone
 * (`additionalProperties`/`patternProperties`), so an entry valid last time as the very same
 * object is left out of the validated document: it would add no error, and the errors of the
 * others come in the same order.
 */
export class EntrywiseValidation {
  /** Per map (its pointer), entry key → the value it was valid as; for `version` only. */
  private valid = new Map<string, Map<string, object>>();
  private version: string | undefined;
  /** How many valid entries the last validation left out (tests, benchmarks). */
  leftOut = 0;

  /** ajv's errors for `value`, as validating it whole gives them. */
  errors(validator: { validate: ValidateFunction; schema: object }, version: string, value: unknown): ErrorObject[] {
    const entryMaps = entryMapsOf(validator.schema);
    const pruned = withoutValidEntries(value, entryMaps, this.version === version ? this.valid : new Map());
    this.leftOut = pruned.leftOut;
    let errors = validator.validate(pruned.value) ? [] : [...(validator.validate.errors ?? [])];
    // Safety net: an error on a map itself (its keys' names) may have counted the entries left out.
    if (pruned.maps.size > 0 && errors.some((error) => pruned.maps.has(error.instancePath))) {
      errors = validator.validate(value) ? [] : [...(validator.validate.errors ?? [])];
    }
    this.version = version;
    this.valid = validEntries(value, entryMaps, errors);
    return errors;
  }
}

/** The document with each map's entries that were valid as the same object left out; `maps` are the pointers of the maps it pruned. */
function withoutValidEntries(copy: unknown, entryMaps: readonly JsonPath[], lastValid: Map<string, Map<string, object>>): { value: unknown; maps: Set<string>; leftOut: number } {
  const maps = new Set<string>();
  let leftOut = 0;
  if (!isPlainObject(copy)) return { value: copy, maps, leftOut };
  const root: Record<string, unknown> = { ...copy };
  for (const path of entryMaps) {
    const valid = lastValid.get(pathToPointer(path));
    const holder = path.length === 1 ? root : isPlainObject(root[path[0]!]) ? (root[path[0]!] = { ...(root[path[0]!] as object) }) : undefined;
    const key = String(path[path.length - 1]);
    const map = holder?.[key];
    if (!valid || !holder || !isPlainObject(map)) continue;
    const left: Record<string, unknown> = {};
    const before = leftOut;
    for (const [name, value] of Object.entries(map)) {
      if (valid.get(name) === value) leftOut++;
      else left[name] = value;
    }
    if (leftOut === before) continue;
    holder[key] = left;
    maps.add(pathToPointer(path));
  }
  return { value: root, maps, leftOut };
}

/** The entries of each map with no error in or on them, by the value they were valid as. */
function validEntries(copy: unknown, entryMaps: readonly JsonPath[], errors: ErrorObject[]): Map<string, Map<string, object>> {
  const result = new Map<string, Map<string, object>>();
  for (const path of entryMaps) {
    let map: unknown = copy;
    for (const segment of path) map = isPlainObject(map) ? map[segment] : undefined;
    if (!isPlainObject(map)) continue;
    const pointer = pathToPointer(path);
    if (errors.some((error) => error.instancePath === pointer)) continue;
    const invalid = new Set<string>();
    for (const error of errors) {
      if (!error.instancePath.startsWith(`${pointer}/`)) continue;
      const end = error.instancePath.indexOf('/', pointer.length + 1);
      invalid.add(pointerSegments(error.instancePath.slice(pointer.length, end < 0 ? undefined : end))[0]!);
    }
    const valid = new Map<string, object>();
    for (const [name, value] of Object.entries(map)) {
      if (!invalid.has(name) && value !== null && typeof value === 'object') valid.set(name, value);
    }
    result.set(pointer, valid);
  }
  return result;
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

/** Keywords that say nothing about a value. */
const ANNOTATIONS = new Set(['$id', '$schema', '$comment', 'definitions', 'title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);
/** Keywords of an object that judge its entries each alone (`type` aside, which judges the object itself). */
const ENTRYWISE = new Set(['type', 'additionalProperties', 'patternProperties', 'propertyNames']);
/** Keywords of an object holding maps that do not look into the maps' entries. */
const HOLDER = new Set([...ENTRYWISE, 'properties', 'required']);

/**
 * The maps of the document (`channels`, `components.messages`…) that the schema reaches through
 * `properties` alone and whose entries it judges each alone, so that leaving an entry out of the
 * validated document takes away its errors and nothing else. A map under a combinator (`oneOf`…)
 * or with a keyword that counts its entries is not one.
 */
function entryMapsOf(schema: object): JsonPath[] {
  let maps = entryMapsBySchema.get(schema);
  if (!maps) {
    maps = findEntryMaps(schema as { definitions?: Record<string, unknown> });
    entryMapsBySchema.set(schema, maps);
  }
  return maps;
}

const entryMapsBySchema = new WeakMap<object, JsonPath[]>();

function findEntryMaps(schema: { definitions?: Record<string, unknown> }): JsonPath[] {
  const definitions = schema.definitions ?? {};
  const dereference = (node: unknown): Record<string, unknown> | undefined => {
    for (let hops = 0; isPlainObject(node) && typeof node.$ref === 'string'; hops++) {
      if (hops > 8 || Object.keys(node).some((keyword) => keyword !== '$ref' && !ANNOTATIONS.has(keyword))) return undefined;
      node = definitions[node.$ref];
    }
    return isPlainObject(node) ? node : undefined;
  };
  const only = (node: Record<string, unknown>, allowed: Set<string>) => Object.keys(node).every((keyword) => ANNOTATIONS.has(keyword) || allowed.has(keyword));
  const childrenOf = (holder: Record<string, unknown> | undefined): Array<[string, Record<string, unknown>]> => {
    if (!holder || !only(holder, HOLDER) || !isPlainObject(holder.properties)) return [];
    const patterns = Object.keys(isPlainObject(holder.patternProperties) ? holder.patternProperties : {}).map((pattern) => new RegExp(pattern, 'u'));
    const result: Array<[string, Record<string, unknown>]> = [];
    for (const [name, child] of Object.entries(holder.properties)) {
      const resolved = dereference(child);
      if (resolved && !patterns.some((pattern) => pattern.test(name))) result.push([name, resolved]);
    }
    return result;
  };
  const isEntryMap = (node: Record<string, unknown>) =>
    node.type === 'object' && only(node, ENTRYWISE) && (isPlainObject(node.additionalProperties) || isPlainObject(node.patternProperties));
  const maps: JsonPath[] = [];
  for (const [name, child] of childrenOf(schema as Record<string, unknown>)) {
    if (name === 'components') {
      for (const [inner, map] of childrenOf(child)) if (isEntryMap(map)) maps.push([name, inner]);
    } else if (isEntryMap(child)) {
      maps.push([name]);
    }
  }
  return maps;
}

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
