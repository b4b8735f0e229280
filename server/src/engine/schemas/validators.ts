import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import type { JsonSchemaDialect } from '../workspace/fileKind';
import { linearPattern } from './linearPattern';
import { validationCost } from './validationCost';

/**
 * ajv instances per JSON Schema dialect and compiled validators cached by schema content.
 * Compiling dominates ajv's cost (see performance-anchors.md) and a schema's bundled content
 * only changes when its meaning does, so most edits reuse every validator.
 */
type AnyAjv = Ajv | Ajv2019 | Ajv2020 | AjvDraft04;

const instances = new Map<JsonSchemaDialect, AnyAjv>();
const compiled = new Map<string, ValidateFunction | Error>();
const MAX_CACHED = 2000;

export function ajvFor(dialect: JsonSchemaDialect): AnyAjv {
  let ajv = instances.get(dialect);
  if (!ajv) {
    // `verbose`: errors carry the schema they come from, so that a failing oneOf/anyOf can be
    // narrowed to the branch a value comes closest to (failingValues.ts).
    // `optimize: false`: a validator here checks a few examples and is compiled once per schema
    // content, so compiling is what costs (a document's first open compiles one per message:
    // about 3.5 s at 1,000 channels); ajv's pass over the generated code halves that time and
    // changes no result.
    const options = { allErrors: true, verbose: true, strict: false, allowUnionTypes: true, validateFormats: true, logger: false as const, unicodeRegExp: false, code: { regExp: userPatternEngine, optimize: false } };
    switch (dialect) {
      case '2020-12':
        ajv = new Ajv2020(options);
        break;
      case '2019-09':
        ajv = new Ajv2019(options);
        break;
      case 'draft-04':
        ajv = new AjvDraft04(options);
        break;
      default:
        ajv = new Ajv(options);
        if (dialect === 'draft-06') ajv.addMetaSchema(draft06);
    }
    addFormats(ajv as Ajv);
    instances.set(dialect, ajv);
  }
  return ajv;
}

/** A validator for a self-contained schema, or the compile error that explains why there is none. */
export function compileCached(dialect: JsonSchemaDialect, schema: unknown): ValidateFunction | Error {
  const key = dialect + '\u0000' + JSON.stringify(schema);
  let entry = compiled.get(key);
  if (!entry) {
    const ajv = ajvFor(dialect);
    try {
      entry = ajv.compile(schema as object);
    } catch (error) {
      entry = error instanceof Error ? error : new Error(String(error));
      // ajv registers a schema before compiling it, and keeps it when the compilation fails.
      ajv.removeSchema(schema as object);
    }
    if (compiled.size >= MAX_CACHED) evictOldest();
    compiled.set(key, entry);
  } else {
    // Keep recently used entries at the end, so the oldest go first.
    compiled.delete(key);
    compiled.set(key, entry);
  }
  return entry;
}

/**
 * Forgets the least recently used validator, in ajv too: ajv keeps every schema it compiled (and
 * its generated code) for ever, so without this every edit of a schema would leak its old version
 * (the fuzz tier saw the server's heap reach 3 GB).
 */
function evictOldest() {
  const [key, entry] = compiled.entries().next().value!;
  compiled.delete(key);
  if (typeof entry === 'function') ajvFor(key.slice(0, key.indexOf('\u0000')) as JsonSchemaDialect).removeSchema(entry.schema as object);
}

/** How many validators are cached; for tests and benchmarks. */
export function cachedValidatorCount() {
  return compiled.size;
}

/** A pattern of the user's that RE2 cannot run, met while validating a value. */
export interface UncheckedPattern {
  source: string;
  reason: string;
}

/**
 * A value's verdict. `unknown`: the answer depends on a pattern RE2 cannot run (`unchecked`),
 * which is never run by a backtracking engine instead.
 */
export interface ValueCheck {
  verdict: 'valid' | 'invalid' | 'unknown';
  /** Why it is invalid: the errors it has whatever the unchecked patterns would say. */
  errors: ErrorObject[];
  unchecked: UncheckedPattern[];
  /** Why the value was not validated at all: its schema never ends, or would take too long. */
  notValidated?: string;
}

/** Subschema visits a validation may take (see validationCost.ts); ajv makes about a million a second. */
const MAX_VISITS = 1_000_000;

/** What unchecked patterns answer during the current validation, and which were asked. */
let uncheckedAnswer = true;
const consulted = new Map<string, string>();

/**
 * ajv's `code.regExp`: every `pattern` and `patternProperties` key of a user's schema runs on
 * RE2. An invalid pattern fails the compilation, as a JavaScript RegExp would; one RE2 cannot
 * run answers `uncheckedAnswer` and is noted, so that `checkValue` can tell what depends on it.
 */
function userPatternEngine(source: string, flags: string) {
  const pattern = linearPattern(source, flags);
  if (pattern.kind === 'invalid') throw new SyntaxError(`Invalid regular expression /${source}/: ${pattern.reason}`);
  const test =
    pattern.kind === 'linear'
      ? (text: string) => pattern.test(text)
      : () => {
          consulted.set(source, pattern.reason);
          return uncheckedAnswer;
        };
  // ajv shares one compiled pattern per `toString()` within a schema.
  return { test, toString: () => `/${source}/${flags}` };
}
userPatternEngine.code = 'linearPattern';

/** Keywords whose error may come from the mix of answers unchecked patterns give. */
const COMBINATORS = new Set(['oneOf', 'anyOf', 'not', 'if', 'contains', 'allOf']);

/**
 * Validates a value. When the validation met a pattern RE2 cannot run, it is done twice, with
 * that pattern taken to match and taken not to: the value is invalid only for the errors both
 * runs report on the same keyword (other than a combinator's summary), valid when both pass,
 * and unknown otherwise.
 */
export function checkValue(validate: ValidateFunction, value: unknown): ValueCheck {
  const cost = validationCost(validate.schema, value, MAX_VISITS);
  if (cost.kind === 'endless') return { verdict: 'unknown', errors: [], unchecked: [], notValidated: 'its schema refers to itself without a base case, so validating it never ends' };
  if (cost.kind === 'too-costly') return { verdict: 'unknown', errors: [], unchecked: [], notValidated: `validating it would take more than ${MAX_VISITS.toLocaleString('en')} steps through its schema's references` };
  consulted.clear();
  try {
    uncheckedAnswer = true;
    const valid = validate(value) === true;
    const errors = [...(validate.errors ?? [])];
    if (consulted.size === 0) return { verdict: valid ? 'valid' : 'invalid', errors, unchecked: [] };
    uncheckedAnswer = false;
    const validWhenNot = validate(value) === true;
    const errorsWhenNot = new Set((validate.errors ?? []).map(errorKey));
    const unchecked = [...consulted].map(([source, reason]) => ({ source, reason }));
    if (valid && validWhenNot) return { verdict: 'valid', errors: [], unchecked };
    const certain = errors.filter((error) => errorsWhenNot.has(errorKey(error)) && !COMBINATORS.has(error.keyword));
    if (!valid && !validWhenNot && certain.length > 0) return { verdict: 'invalid', errors: certain, unchecked };
    return { verdict: 'unknown', errors: [], unchecked };
  } catch (error) {
    // Deeper than the stack allows, all the same (the count above stops well before).
    if (error instanceof RangeError) return { verdict: 'unknown', errors: [], unchecked: [], notValidated: 'it is nested too deeply to validate' };
    throw error;
  } finally {
    uncheckedAnswer = true;
    consulted.clear();
  }
}

function errorKey(error: ErrorObject) {
  return `${error.instancePath}\u0000${error.schemaPath}\u0000${error.keyword}`;
}
