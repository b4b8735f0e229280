import type { ErrorObject, ValidateFunction } from 'ajv';
import { pathToPointer, type JsonPath } from '../text/paths';
import { pointerSegments } from './nativeParserChecks/parserWording';
import { isPlainObject } from './nativeParserChecks/resolvedDocument';

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

