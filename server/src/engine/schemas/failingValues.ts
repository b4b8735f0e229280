import type { ErrorObject } from 'ajv';
import type { JsonPath } from '../text/paths';
import type { JsonSchemaDialect } from '../workspace/fileKind';
import type { BundledSchema } from './bundle';
import { checkValue, compileCached } from './validators';

/** The errors of one value inside a validated instance. */
export interface FailingValue {
  /** Where the value is, below the validated instance. */
  path: JsonPath;
  errors: ErrorObject[];
  /** Whether the finding belongs on the key (a property that is not allowed) rather than the value. */
  atKey: boolean;
}

/** How many nested `oneOf`/`anyOf` levels are narrowed to a branch; deeper ones keep ajv's errors. */
const MAX_NARROWING_DEPTH = 4;

/**
 * ajv reports, for a value that fails a `oneOf`/`anyOf`, the errors of every branch together: "must
 * have errorMessage; pair must be array; …" mixes what two different messages would need. People
 * mean one branch: the one the value comes closest to (fewest errors when validated against it
 * alone). This keeps that branch's errors, then groups what is left by the value each error is
 * about, so that every failing value gets its own finding at its own line.
 */
export function failingValues(bundled: BundledSchema, dialect: JsonSchemaDialect, value: unknown, errors: readonly ErrorObject[]): FailingValue[] {
  const narrowed = narrowToClosestBranches(bundled, dialect, value, [...errors], 0);
  const byValue = new Map<string, FailingValue>();
  for (const error of narrowed) {
    if (error.keyword === 'oneOf' && (error.params as { passingSchemas?: unknown }).passingSchemas === null) continue;
    if (error.keyword === 'anyOf' || error.keyword === 'if') continue;
    let path = pointerSegments(error.instancePath);
    let atKey = false;
    if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      // ajv places it at the object; the property that should not be there is the place to show.
      const name = (error.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ?? (error.params as { unevaluatedProperty?: string }).unevaluatedProperty;
      if (name !== undefined) {
        path = [...path, name];
        atKey = true;
      }
    }
    const key = path.join('\u0000');
    const entry = byValue.get(key) ?? { path, errors: [], atKey };
    entry.errors.push(error);
    byValue.set(key, entry);
  }
  return [...byValue.values()];
}

function narrowToClosestBranches(bundled: BundledSchema, dialect: JsonSchemaDialect, value: unknown, errors: ErrorObject[], depth: number): ErrorObject[] {
  if (depth >= MAX_NARROWING_DEPTH) return errors;
  // The outermost failing combinator first: narrowing it replaces everything beneath it.
  const combinator = errors
    .filter((error) => (error.keyword === 'oneOf' && (error.params as { passingSchemas?: unknown }).passingSchemas === null) || error.keyword === 'anyOf')
    .sort((a, b) => pointerSegments(a.instancePath).length - pointerSegments(b.instancePath).length)[0];
  if (!combinator) return errors;
  // ajv's schemaPath restarts at each `$ref`; with `verbose` the error holds its schema itself.
  const owner = combinator.parentSchema;
  const branches = combinator.schema;
  if (!owner || typeof owner !== 'object' || !Array.isArray(branches) || branches.length < 2) return errors;
  const at = pointerSegments(combinator.instancePath);
  const target = valueAtSegments(value, at);
  const definitionsKey = bundled.origins.definitionsKey;
  const definitions = (bundled.schema as Record<string, unknown> | undefined)?.[definitionsKey];
  // The owner schema with the combinator replaced by one branch, so that the owner's other
  // keywords (`type`, `properties`…) are judged too.
  let best: { errors: ErrorObject[]; count: number } | undefined;
  for (const branch of branches) {
    const { [combinator.keyword]: _dropped, ...rest } = owner as Record<string, unknown>;
    const candidate = { ...rest, allOf: [...(Array.isArray(rest.allOf) ? rest.allOf : []), branch], ...(definitions ? { [definitionsKey]: definitions } : {}) };
    const validate = compileCached(dialect, candidate);
    if (validate instanceof Error) return errors;
    const check = checkValue(validate, target);
    if (check.verdict !== 'invalid') return errors;
    if (!best || check.errors.length < best.count) best = { errors: check.errors, count: check.errors.length };
  }
  if (!best) return errors;
  const prefix = combinator.instancePath;
  const outside = errors.filter((error) => !(error.instancePath === prefix || error.instancePath.startsWith(prefix + '/')));
  const inBranch = narrowToClosestBranches(bundled, dialect, target, best.errors, depth + 1).map((error) => ({ ...error, instancePath: prefix + error.instancePath }));
  return [...outside, ...inBranch];
}

function valueAtSegments(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}
