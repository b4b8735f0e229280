import betterAjvErrors from '@stoplight/better-ajv-errors';
import specs from '@asyncapi/specs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { PathFinding } from '../findings/finding';
import type { EntrywiseValidation } from './entrywiseValidation';
import { explainLegacyAction, operationOfActionPath } from './operationAction';

/**
 * The fast structural check: the document's own text (references unresolved) against the
 * AsyncAPI JSON Schema of its version, with the parser's wording. It costs tens of
 * milliseconds at a thousand channels, so it runs on every edit; the full parser, which also
 * follows references and runs the spec's semantic rules, runs later and off the main thread.
 */
const validators = new Map<string, { validate: ValidateFunction; schema: object }>();

const REF_NOT_ALLOWED = 'Property "$ref" is not expected to be here';

/** The validator of a version's spec schema, as the parser's linter validates unresolved documents (the native parser checks share it). */
export function validatorFor(version: string) {
  let entry = validators.get(version);
  if (!entry) {
    const original = (specs.schemas as Record<string, object>)[version];
    if (!original) return undefined;
    // As the parser does: the meta-schemas the spec bundles clash with ajv's own.
    const schema = JSON.parse(JSON.stringify(original)) as { $id: string; definitions: Record<string, { format?: string }> };
    delete schema.definitions['http://json-schema.org/draft-07/schema'];
    delete schema.definitions['http://json-schema.org/draft-04/schema'];
    const reference = schema.definitions[`http://asyncapi.com/definitions/${version}/ReferenceObject.json`];
    if (reference?.format === 'uri-reference') delete reference.format;
    // Unoptimised code compiles in about half the time (0.8 s rather than 1.4 s for 3.0.0 on a
    // cold process), and the first document opened waits for that; it validates about 5% slower.
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false, unicodeRegExp: false, logger: false, code: { optimize: false } });
    addFormats(ajv);
    entry = { validate: ajv.compile(schema), schema };
    validators.set(version, entry);
  }
  return entry;
}

export function isSupportedAsyncApiVersion(version: string) {
  return version in (specs.schemas as Record<string, object>);
}

/**
 * `kept`, for a document checked again after each edit: entries of its maps (`channels`…) that
 * were valid last time as the same value are left out of the validation (entrywiseValidation.ts),
 * so a keystroke re-validates the entry it changed, not the 1,000 channels around it.
 */
export function checkStructure(version: string, value: unknown, kept?: EntrywiseValidation): PathFinding[] {
  const entry = validatorFor(version);
  if (!entry) return [];
  const found = kept ? kept.errors(entry, version, value) : entry.validate(value) ? [] : [...(entry.validate.errors ?? [])];
  if (found.length === 0) return [];
  const errors = keepBestAlternatives(found);
  prepareErrors(errors);
  const findings: PathFinding[] = [];
  // Each error is worded on its own: together, better-ajv-errors keeps only some siblings (an
  // unknown key would hide a wrong value next to it until the key is fixed).
  const worded = errors.flatMap((error) => betterAjvErrors(entry.schema, [error], { propertyPath: [], targetValue: value }));
  for (const { error, suggestion, path } of worded) {
    const segments = path === '' ? [] : path.replace(/^\//, '').split('/').map(unescapePointer);
    if (error === REF_NOT_ALLOWED) {
      findings.push({ ruleId: 'asyncapi-ref-placement', message: 'Referencing in this place is not allowed', path: segments, anchor: 'key' });
      continue;
    }
    // A `$ref` object matches both branches of `oneOf: [Reference, <schema>]` where the schema
    // branch also allows `$ref`: the resolved document decides, and the parser checks that one.
    // More generally, the schema describes resolved content: an error *at* a `$ref` object is about
    // what it points at, which the parser checks once resolved (a misplaced `$ref` is reported
    // above as asyncapi-ref-placement).
    if (isRefObject(valueAt(value, segments))) continue;
    const isAdditional = /^Property ".*" is not expected to be here$/.test(error);
    const advice = legacyActionAdvice(version, segments, valueAt(value, segments)) ?? suggestion;
    findings.push({
      ruleId: 'asyncapi-schema',
      message: advice ? `${error}. ${advice}` : error,
      path: segments,
      anchor: isAdditional ? 'key' : 'auto',
    });
  }
  return dropCombinatorNoise(dropOuterRefPlacements(findings));
}

/** "Referencing is not allowed" once, at the `$ref` itself, not again at the object holding it. */
function dropOuterRefPlacements(findings: PathFinding[]): PathFinding[] {
  const placements = findings.filter((finding) => finding.ruleId === 'asyncapi-ref-placement');
  return findings.filter(
    (finding) => finding.ruleId !== 'asyncapi-ref-placement' || !placements.some((other) => other !== finding && other.path.length > finding.path.length && startsWith(other.path, finding.path)),
  );
}

/** A 2.x word in a 3.x operation's `action` deserves its 2.x meaning, not a spelling suggestion. */
function legacyActionAdvice(version: string, path: string[], written: unknown) {
  const operation = operationOfActionPath(path);
  return operation !== undefined && !version.startsWith('2') && typeof written === 'string' ? explainLegacyAction(operation, written) : undefined;
}

function valueAt(value: unknown, path: string[]) {
  let current = value;
  for (const segment of path) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
  return current;
}

function isRefObject(value: unknown) {
  return !!value && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string';
}

function unescapePointer(segment: string) {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Where a value fails every branch of a `oneOf`/`anyOf`, ajv reports the errors of all branches;
 * only the branch the value was meant to match is worth showing. A branch whose errors sit
 * deeper inside the value matched more of it, so the errors other branches raise on the value
 * itself (a missing `oneOf`, "property not expected") are dropped. Errors are told apart by
 * schema path, except past a `$ref`, where ajv starts the path again: there, depth decides.
 */
function keepBestAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const depth = (pointer: string) => (pointer === '' ? 0 : pointer.split('/').length - 1);
  const dropped = new Set<ErrorObject>();
  for (const combinator of errors) {
    if (combinator.keyword !== 'oneOf' && combinator.keyword !== 'anyOf') continue;
    const at = combinator.instancePath;
    const branches = combinator.schemaPath + '/';
    const under = errors.filter((error) => error !== combinator && (error.instancePath === at || error.instancePath.startsWith(at + '/')));
    const deepest = new Map<string, number>();
    for (const error of under) {
      const branch = error.schemaPath.startsWith(branches) ? /^\d+/.exec(error.schemaPath.slice(branches.length))?.[0] ?? '?' : 'elsewhere';
      deepest.set(branch, Math.max(deepest.get(branch) ?? 0, depth(error.instancePath)));
    }
    const best = Math.max(...deepest.values());
    if (best <= depth(at)) continue;
    for (const error of under) {
      if (error.instancePath !== at || !error.schemaPath.startsWith(branches)) continue;
      const branch = /^\d+/.exec(error.schemaPath.slice(branches.length))?.[0] ?? '?';
      if ((deepest.get(branch) ?? 0) < best) dropped.add(error);
    }
  }
  return errors.filter((error) => !dropped.has(error));
}

/** The parser's own clean-up of ajv's errors, so that both report the same findings. */
function prepareErrors(errors: ErrorObject[]) {
  for (let index = 0; index < errors.length; index++) {
    const error = errors[index]!;
    if (error.keyword === 'additionalProperties') {
      error.instancePath = `${error.instancePath}/${String((error.params as { additionalProperty: string }).additionalProperty)}`;
    } else if (error.keyword === 'required' && (error.params as { missingProperty: string }).missingProperty === '$ref') {
      errors.splice(index, 1);
      index--;
    }
  }
  for (let index = 0; index < errors.length; index++) {
    const error = errors[index]!;
    const next = errors[index + 1];
    const previous = errors[index - 1];
    if (next && next.instancePath === error.instancePath) {
      errors.splice(index + 1, 1);
      index--;
    } else if (previous && (error.keyword === 'oneOf' || error.keyword === 'if') && previous.instancePath.startsWith(error.instancePath)) {
      errors.splice(index, 1);
      index--;
    }
  }
}

/**
 * "must match exactly one schema in oneOf" or "must match else schema" on a value that also has
 * a precise error deeper inside says nothing the precise one does not.
 */
export function dropCombinatorNoise<T extends { message: string; path: readonly (string | number)[] }>(findings: T[]): T[] {
  const vague = /must match (exactly one schema in oneOf|"(then|else)" schema|a schema in anyOf)/;
  return findings.filter((finding) => {
    if (!vague.test(finding.message)) return true;
    return !findings.some((other) => other !== finding && !vague.test(other.message) && startsWith(other.path, finding.path));
  });
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]) {
  return path.length >= prefix.length && prefix.every((segment, index) => String(path[index]) === String(segment));
}
