/**
 * How much work validating a value takes, counted before validating: ajv follows every `$ref`
 * each time it is met, so a schema whose references branch (`allOf: [{$ref: b}, {$ref: b}]`,
 * forty levels deep) visits 2^40 subschemas for one string, and a schema that refers to itself
 * without descending into the value (`{"$ref": "#"}`) never ends and overflows the stack. The
 * count visits each (subschema, part of the value) pair the way the applicator keywords of
 * draft-04 to 2020-12 would, over-estimating where a keyword picks some properties or items;
 * memoised, it costs time linear in the pairs, not in the visits.
 */
export type ValidationCost = { kind: 'bounded'; visits: number } | { kind: 'endless' } | { kind: 'too-costly' };

/** Deeper than this, counting stops: the value is too deeply nested to check safely. */
const MAX_DEPTH = 1500;

const REFERENCES = ['$ref', '$recursiveRef', '$dynamicRef'];
const SAME_VALUE_SINGLE = ['not', 'if', 'then', 'else'];
const SAME_VALUE_LISTS = ['allOf', 'anyOf', 'oneOf'];
const EACH_PROPERTY = ['additionalProperties', 'unevaluatedProperties'];
const EACH_ITEM = ['additionalItems', 'contains', 'unevaluatedItems'];

class Endless extends Error {}
class TooCostly extends Error {}

export function validationCost(root: unknown, value: unknown, limit: number): ValidationCost {
  const memo = new Map<object, Map<unknown, number>>();
  const onPath = new Map<object, Set<unknown>>();
  let depth = 0;

  const visit = (schema: unknown, instance: unknown): number => {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return 1;
    const key = instance !== null && typeof instance === 'object' ? instance : `${typeof instance}:${String(instance)}`;
    const known = memo.get(schema)?.get(key);
    if (known !== undefined) return known;
    let active = onPath.get(schema);
    if (!active) onPath.set(schema, (active = new Set()));
    // The same subschema on the same value again, with nothing consumed on the way: a loop.
    if (active.has(key)) throw new Endless();
    if (++depth > MAX_DEPTH) throw new TooCostly();
    active.add(key);
    let cost = 1;
    const add = (child: unknown, part: unknown) => {
      cost = Math.min(cost + visit(child, part), limit + 1);
      if (cost > limit) throw new TooCostly();
    };
    const object = schema as Record<string, unknown>;
    for (const keyword of REFERENCES) {
      if (typeof object[keyword] === 'string') add(resolveLocal(root, object[keyword] as string), instance);
    }
    for (const keyword of SAME_VALUE_SINGLE) if (keyword in object) add(object[keyword], instance);
    for (const keyword of SAME_VALUE_LISTS) if (Array.isArray(object[keyword])) for (const child of object[keyword] as unknown[]) add(child, instance);
    for (const keyword of ['dependencies', 'dependentSchemas']) {
      const map = object[keyword];
      if (map && typeof map === 'object') for (const child of Object.values(map)) if (child && typeof child === 'object' && !Array.isArray(child)) add(child, instance);
    }
    if (instance !== null && typeof instance === 'object' && !Array.isArray(instance)) {
      const entries = Object.entries(instance as Record<string, unknown>);
      const properties = object.properties;
      if (properties && typeof properties === 'object') for (const [name, part] of entries) if (Object.prototype.hasOwnProperty.call(properties, name)) add((properties as Record<string, unknown>)[name], part);
      const patternProperties = object.patternProperties;
      if (patternProperties && typeof patternProperties === 'object') for (const child of Object.values(patternProperties)) for (const [, part] of entries) add(child, part);
      for (const keyword of EACH_PROPERTY) if (keyword in object) for (const [, part] of entries) add(object[keyword], part);
      if ('propertyNames' in object) for (const [name] of entries) add(object.propertyNames, name);
    }
    if (Array.isArray(instance)) {
      const tuple = Array.isArray(object.prefixItems) ? object.prefixItems : Array.isArray(object.items) ? object.items : undefined;
      // `items` is a tuple (draft-04 to 2019-09), or applies to every item after `prefixItems` (2020-12).
      const rest = 'items' in object && !Array.isArray(object.items) ? object.items : undefined;
      instance.forEach((part, index) => {
        if (tuple && index < tuple.length) add(tuple[index], part);
        else if (rest !== undefined) add(rest, part);
        for (const keyword of EACH_ITEM) if (keyword in object) add(object[keyword], part);
      });
    }
    active.delete(key);
    depth--;
    let costs = memo.get(schema);
    if (!costs) memo.set(schema, (costs = new Map()));
    costs.set(key, cost);
    return cost;
  };

  try {
    return { kind: 'bounded', visits: visit(root, value) };
  } catch (error) {
    if (error instanceof Endless) return { kind: 'endless' };
    if (error instanceof TooCostly || error instanceof RangeError) return { kind: 'too-costly' };
    throw error;
  }
}

/** A `#…` reference inside a bundled schema (the bundler makes every reference one). */
function resolveLocal(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let current = root;
  for (const segment of ref.slice(1).split('/').slice(1)) {
    const name = decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[name] : undefined;
  }
  return current;
}
