import * as fc from 'fast-check';

/**
 * Generators for the property-based test: a draft-07 subset (types, string and number bounds,
 * patterns, enum/const, objects with open/closed/partly open content models, arrays, anyOf/oneOf/
 * allOf, not), random evolutions of such a schema, and instances of one.
 */

type Schema = Record<string, any>;

export const NAMES = ['a', 'b', 'c'] as const;
const PATTERNS = ['^a', 'b$', '^[ab]*$'];
const STRING_SAMPLES = ['', 'a', 'b', 'ab', 'ba', 'aab', 'abb', 'bbb', 'abc'];
const SCALARS: unknown[] = ['a', 'b', 'c', 0, 1, 2, 3, null, true];

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

function withoutUndefined(schema: Schema): Schema {
  return Object.fromEntries(Object.entries(schema).filter(([, value]) => value !== undefined));
}

const stringSchema = fc
  .record({ minLength: optional(fc.integer({ min: 0, max: 3 })), maxLength: optional(fc.integer({ min: 0, max: 4 })), pattern: optional(fc.constantFrom(...PATTERNS)) })
  .map((keywords) => withoutUndefined({ type: 'string', ...keywords }));

const numberSchema = fc
  .record({
    type: fc.constantFrom('integer', 'number'),
    minimum: optional(fc.integer({ min: -3, max: 2 })),
    maximum: optional(fc.integer({ min: -1, max: 5 })),
    exclusiveMinimum: optional(fc.integer({ min: -3, max: 2 })),
    exclusiveMaximum: optional(fc.integer({ min: 0, max: 6 })),
    multipleOf: optional(fc.integer({ min: 1, max: 3 })),
  })
  .map(withoutUndefined);

const enumSchema = fc.uniqueArray(fc.constantFrom(...SCALARS), { minLength: 1, maxLength: 3 }).map((values) => ({ enum: values }));

const leafSchema: fc.Arbitrary<Schema> = fc.oneof(
  stringSchema,
  numberSchema,
  enumSchema,
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: 'null' }),
  fc.constant({ type: ['string', 'null'] }),
  fc.constantFrom('a', 1).map((value) => ({ const: value })),
  fc.constant({}),
);

export const schemaArbitrary: fc.Arbitrary<Schema> = fc.letrec<{ schema: Schema; object: Schema; array: Schema; combined: Schema }>((tie) => ({
  schema: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafSchema, tie('object'), tie('array'), tie('combined')),
  object: fc
    .record({
      properties: fc.dictionary(fc.constantFrom(...NAMES), tie('schema'), { maxKeys: 3 }),
      required: fc.subarray([...NAMES]),
      additionalProperties: fc.constantFrom<unknown>(undefined, true, false, { type: 'string' }, { type: 'integer' }),
      maxProperties: optional(fc.integer({ min: 1, max: 4 })),
    })
    .map(({ properties, required, additionalProperties, maxProperties }) => withoutUndefined({ type: 'object', properties, required: required.length > 0 ? required : undefined, additionalProperties, maxProperties })),
  array: fc
    .record({ items: optional(tie('schema')), minItems: optional(fc.integer({ min: 0, max: 2 })), maxItems: optional(fc.integer({ min: 1, max: 3 })), uniqueItems: optional(fc.boolean()) })
    .map((keywords) => withoutUndefined({ type: 'array', ...keywords })),
  combined: fc.oneof(
    fc.array(leafSchema, { minLength: 2, maxLength: 3 }).map((branches) => ({ anyOf: branches })),
    fc.array(leafSchema, { minLength: 2, maxLength: 3 }).map((branches) => ({ oneOf: branches })),
    fc.array(fc.constantFrom<Schema>({ minLength: 1 }, { maxLength: 3 }, { type: 'string' }, { pattern: '^a' }), { minLength: 2, maxLength: 3 }).map((branches) => ({ allOf: branches })),
    leafSchema.map((inner) => ({ type: 'string', not: inner })),
  ),
}))
  .schema;

/** A small deterministic random source, seeded by fast-check so that failures reproduce. */
export function randomSource(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (probability: number) => next() < probability,
  };
}

type Random = ReturnType<typeof randomSource>;

function schemaNodes(schema: unknown, found: Schema[] = []): Schema[] {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return found;
  const node = schema as Schema;
  found.push(node);
  for (const properties of [node.properties]) if (properties) for (const child of Object.values(properties)) schemaNodes(child, found);
  for (const key of ['items', 'additionalProperties', 'not']) if (node[key] && typeof node[key] === 'object') schemaNodes(node[key], found);
  for (const key of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(node[key])) for (const child of node[key]) schemaNodes(child, found);
  return found;
}

const NUMERIC = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'maxProperties'];

/** One random edit somewhere in the schema: the kinds of evolution people make. */
function mutateOnce(schema: Schema, random: Random): Schema {
  const copy = structuredClone(schema);
  const node = random.pick(schemaNodes(copy));
  const edits: Array<() => void> = [
    () => {
      const keyword = random.pick(NUMERIC);
      if (node[keyword] === undefined || random.chance(0.3)) node[keyword] = keyword === 'multipleOf' ? random.int(1, 4) : random.int(0, 4);
      else if (random.chance(0.3)) delete node[keyword];
      else node[keyword] = Math.max(keyword === 'multipleOf' ? 1 : 0, node[keyword] + random.pick([-2, -1, 1, 2]));
    },
    () => {
      if (node.pattern && random.chance(0.5)) delete node.pattern;
      else node.pattern = random.pick(PATTERNS);
    },
    () => {
      const types = ['string', 'integer', 'number', 'boolean', 'null', 'object', 'array'];
      if (node.type === undefined) node.type = random.pick(types);
      else if (random.chance(0.3)) delete node.type;
      else if (random.chance(0.5)) node.type = Array.isArray(node.type) ? node.type[0] : [node.type, random.pick(types.filter((type) => type !== node.type))];
      else node.type = random.pick(types);
    },
    () => {
      if (!Array.isArray(node.enum)) node.enum = [random.pick(SCALARS), random.pick(SCALARS)].filter((value, index, all) => all.indexOf(value) === index);
      else if (random.chance(0.3)) delete node.enum;
      else if (random.chance(0.5) && node.enum.length > 1) node.enum.splice(random.int(0, node.enum.length - 1), 1);
      else node.enum = [...new Set([...node.enum, random.pick(SCALARS)])];
    },
    () => {
      node.properties ??= {};
      const name = random.pick(NAMES);
      if (name in node.properties && random.chance(0.5)) delete node.properties[name];
      else node.properties[name] = random.pick<unknown>([{ type: 'string' }, { type: 'integer' }, {}, { type: 'string', maxLength: 2 }, { enum: ['a', 'b'] }, false]);
    },
    () => {
      const required: string[] = node.required ?? [];
      const name = random.pick(NAMES);
      node.required = required.includes(name) ? required.filter((item) => item !== name) : [...required, name];
      if (node.required.length === 0) delete node.required;
      if (node.properties?.[name] && random.chance(0.3)) node.properties[name] = { ...node.properties[name], default: 'a' };
    },
    () => {
      const choices: unknown[] = [undefined, true, false, { type: 'string' }, { type: 'integer' }, {}];
      const next = random.pick(choices);
      if (next === undefined) delete node.additionalProperties;
      else node.additionalProperties = next;
    },
    () => {
      if (node.uniqueItems) delete node.uniqueItems;
      else node.uniqueItems = true;
    },
    () => {
      if (node.items && random.chance(0.5)) delete node.items;
      else node.items = random.pick<Schema>([{ type: 'string' }, { type: 'integer' }, { type: 'string', maxLength: 1 }, {}]);
    },
    () => {
      const key = node.oneOf ? 'oneOf' : node.anyOf ? 'anyOf' : node.allOf ? 'allOf' : undefined;
      if (key && random.chance(0.5)) {
        if (random.chance(0.5) && node[key].length > 1) node[key].splice(random.int(0, node[key].length - 1), 1);
        else node[key].push(random.pick<Schema>([{ type: 'null' }, { type: 'string' }, { type: 'integer', minimum: 0 }, { maxLength: 1 }]));
      } else {
        const inner = structuredClone(node);
        for (const keyword of Object.keys(node)) delete node[keyword];
        node[random.pick(['anyOf', 'oneOf'])] = [inner, random.pick<Schema>([{ type: 'null' }, { type: 'integer' }, { type: 'string' }])];
      }
    },
    () => {
      if (node.not && random.chance(0.5)) delete node.not;
      else if (node.not) node.not = { ...node.not, maxLength: random.int(0, 3) };
      else node.not = random.pick<Schema>([{ const: 'a' }, { type: 'null' }, { maxLength: 0 }]);
    },
    () => {
      if ('const' in node) delete node.const;
      else node.const = random.pick(SCALARS);
    },
  ];
  random.pick(edits)();
  return copy;
}

/** One to three random edits of a schema. */
export function evolve(schema: Schema, seed: number): Schema {
  const random = randomSource(seed);
  let result = schema;
  for (let count = random.int(1, 3); count > 0; count--) result = mutateOnce(result, random);
  return result;
}

/**
 * Candidate instances of a schema: values built to satisfy it where that is easy, plus stray
 * values and undeclared properties (the data an open content model lets through). The test keeps
 * those the old schema accepts.
 */
export function candidateInstances(schema: unknown, seed: number, count: number): unknown[] {
  const random = randomSource(seed);
  const result: unknown[] = [];
  for (let index = 0; index < count; index++) result.push(sample(schema, random, 0));
  return result;
}

function sample(schema: unknown, random: Random, depth: number): unknown {
  if (depth > 4 || schema === true || schema === undefined || random.chance(0.05)) return anyValue(random, depth);
  if (schema === false || typeof schema !== 'object' || schema === null) return anyValue(random, depth);
  const node = schema as Schema;
  if ('const' in node && random.chance(0.8)) return structuredClone(node.const);
  if (Array.isArray(node.enum) && random.chance(0.8)) return structuredClone(random.pick(node.enum));
  for (const key of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(node[key]) && random.chance(0.6)) return sample(random.pick(node[key]), random, depth + 1);
  const types: string[] = node.type === undefined ? ['string', 'integer', 'number', 'boolean', 'null', 'object', 'array'] : Array.isArray(node.type) ? node.type : [node.type];
  switch (random.pick(types)) {
    case 'string':
      return random.pick(STRING_SAMPLES);
    case 'integer':
    case 'number': {
      const low = typeof node.minimum === 'number' ? node.minimum : typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum + 1 : -4;
      const high = typeof node.maximum === 'number' ? node.maximum : typeof node.exclusiveMaximum === 'number' ? node.exclusiveMaximum - 1 : 6;
      const value = random.int(Math.min(low, high), Math.max(low, high));
      const step = typeof node.multipleOf === 'number' ? node.multipleOf : 1;
      return node.type === 'number' && random.chance(0.2) ? value + 0.5 : Math.round(value / step) * step;
    }
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    case 'object': {
      const value: Record<string, unknown> = {};
      const properties: Schema = node.properties ?? {};
      const required: string[] = node.required ?? [];
      for (const name of NAMES) {
        if (name in properties) {
          if (required.includes(name) || random.chance(0.6)) value[name] = sample(properties[name], random, depth + 1);
        } else if (required.includes(name) || random.chance(0.25)) {
          value[name] = sample(node.additionalProperties, random, depth + 1);
        }
      }
      if (random.chance(0.2)) value.z = sample(node.additionalProperties, random, depth + 1);
      return value;
    }
    case 'array': {
      const length = random.int(typeof node.minItems === 'number' ? node.minItems : 0, typeof node.maxItems === 'number' ? node.maxItems : 3);
      return Array.from({ length }, () => sample(node.items, random, depth + 1));
    }
    default:
      return anyValue(random, depth);
  }
}

function anyValue(random: Random, depth: number): unknown {
  const choice = random.int(0, depth > 3 ? 4 : 6);
  switch (choice) {
    case 0:
      return random.pick(STRING_SAMPLES);
    case 1:
      return random.int(-3, 5);
    case 2:
      return random.pick([true, false, null, 1.5]);
    case 3:
      return random.pick(SCALARS);
    case 4:
      return {};
    case 5:
      return { [random.pick(NAMES)]: anyValue(random, depth + 1) };
    default:
      return [anyValue(random, depth + 1)];
  }
}
