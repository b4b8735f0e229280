import * as avro from 'avsc';
import { linearPattern } from '../schemas/linearPattern';
import { checkValue, compileCached } from '../schemas/validators';
import { pointerToPath } from '../text/paths';
import type { JsonSchemaDialect } from '../workspace/fileKind';
import { samplePattern } from './examplePattern';

/**
 * Example values generated from message schemas, for the quick fix of `message-examples`. The
 * JSON Schema generator works on a bundled (self-contained) schema and honours what the schema
 * says: required and optional properties, `const`, `enum` (the first value), the schema's own
 * `examples` and `default`, formats, patterns, lengths, numeric bounds and `multipleOf`, array
 * sizes, `allOf`/`anyOf`/`oneOf`, `if`/`then`/`else` and `$ref`s. The Avro generator covers
 * records, enums, arrays, maps, unions (the first branch that is not null) and logical types.
 * Every example is validated (ajv, avsc) before it is returned; a schema nothing can satisfy
 * yields `undefined`.
 */

const FAIL = Symbol('no value');
type Generated = unknown | typeof FAIL;

/** How much the generator trusts and includes: documented values first, then plain, then only what is required. */
type Mode = 'documented' | 'plain' | 'minimal';

interface Context {
  depth: number;
  /** The property the value is for: strings default to it (`city: city`). */
  name?: string;
  /** The n-th of several values that must differ (unique array items). */
  variant: number;
}

const MAX_DEPTH = 24;
/** Below this depth optional properties are left out, so that recursive schemas end. */
const OPTIONAL_DEPTH = 6;

/** Fixed samples per format, valid for ajv-formats. */
const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-15T09:30:00Z',
  date: '2024-01-15',
  time: '09:30:00Z',
  duration: 'PT1H',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.10',
  ipv6: '2001:db8::10',
  uri: 'https://example.com/resource',
  'uri-reference': '/resource',
  iri: 'https://example.com/resource',
  'iri-reference': '/resource',
  'uri-template': 'https://example.com/resource/{id}',
  uuid: '3b241101-e2bb-4255-8caf-4136c566a962',
  'json-pointer': '/resource',
  'relative-json-pointer': '0',
  regex: '^[a-z]+$',
  byte: 'ZXhhbXBsZQ==',
  binary: 'example',
  password: 'example-secret',
};

/** An example for a bundled JSON Schema that the schema accepts, or undefined. */
export function jsonSchemaExample(root: unknown, dialect: JsonSchemaDialect): unknown {
  const validate = compileCached(dialect, root);
  if (validate instanceof Error) return undefined;
  for (const mode of ['documented', 'plain', 'minimal'] as const) {
    const value = new JsonSchemaGenerator(root, dialect, mode).generate();
    // Only a value known to be valid: not one whose verdict hangs on a pattern RE2 cannot run.
    if (value !== FAIL && checkValue(validate, value).verdict === 'valid') return value;
  }
  return undefined;
}

class JsonSchemaGenerator {
  private readonly definitionsKey: '$defs' | 'definitions';

  constructor(
    private readonly root: unknown,
    private readonly dialect: JsonSchemaDialect,
    private readonly mode: Mode,
  ) {
    this.definitionsKey = dialect === '2019-09' || dialect === '2020-12' ? '$defs' : 'definitions';
  }

  generate(): Generated {
    return this.value(this.root, { depth: 0, variant: 0 });
  }

  private value(schema: unknown, context: Context): Generated {
    if (context.depth > MAX_DEPTH) return FAIL;
    if (schema === true || schema === undefined) return this.anything(context);
    if (schema === false || !isObject(schema)) return FAIL;
    const flat = this.flatten(schema, 0);
    if (!flat) return FAIL;
    if ('const' in flat) return flat.const;
    if (Array.isArray(flat.enum) && flat.enum.length > 0) return flat.enum[context.variant % flat.enum.length];
    if (this.mode === 'documented' && context.variant === 0) {
      if (Array.isArray(flat.examples) && flat.examples.length > 0) return flat.examples[0];
      if ('default' in flat) return flat.default;
    }
    const choices = [...asList(flat.oneOf), ...asList(flat.anyOf)];
    if (choices.length > 0 || isObject(flat.then) || isObject(flat.else)) return this.choose(flat, choices, context);
    return this.byType(flat, context);
  }

  /** A schema with `$ref`s and `allOf` merged into one set of constraints. */
  private flatten(schema: Record<string, unknown>, hops: number): Record<string, unknown> | undefined {
    if (hops > 32) return undefined;
    let result: Record<string, unknown> = schema;
    if (typeof schema.$ref === 'string') {
      const target = this.resolve(schema.$ref);
      if (target === false) return undefined;
      const { $ref: _ref, ...siblings } = schema;
      const resolved = target === true || target === undefined ? {} : isObject(target) ? this.flatten(target, hops + 1) : undefined;
      if (!resolved) return undefined;
      result = mergeSchemas(resolved, siblings);
    }
    if (Array.isArray(result.allOf)) {
      const { allOf, ...rest } = result;
      let merged: Record<string, unknown> = rest;
      for (const member of allOf) {
        if (member === true) continue;
        if (!isObject(member)) return undefined;
        const flatMember = this.flatten(member, hops + 1);
        if (!flatMember) return undefined;
        merged = mergeSchemas(merged, flatMember);
      }
      result = merged;
    }
    return result;
  }

  private resolve(ref: string): unknown {
    if (!ref.startsWith('#')) return undefined;
    let current: unknown = this.root;
    for (const segment of pointerToPath(ref)) {
      if (Array.isArray(current)) current = current[Number(segment)];
      else if (isObject(current)) current = current[segment];
      else return undefined;
    }
    return current;
  }

  /** `oneOf`/`anyOf` and `if`/`then`/`else`: the first alternative whose value the whole schema accepts. */
  private choose(schema: Record<string, unknown>, choices: unknown[], context: Context): Generated {
    const { oneOf: _oneOf, anyOf: _anyOf, if: _if, then: thenSchema, else: elseSchema, ...base } = schema;
    const candidates: Array<Record<string, unknown>> = [];
    const branches = choices.length > 0 ? choices : [true];
    for (const branch of branches) {
      const flatBranch = branch === true ? {} : isObject(branch) ? this.flatten(branch, 0) : undefined;
      if (!flatBranch) continue;
      const merged = mergeSchemas(base, flatBranch);
      for (const conditional of [thenSchema, elseSchema, true]) {
        if (conditional === true) candidates.push(merged);
        else if (isObject(conditional)) {
          const flatConditional = this.flatten(conditional, 0);
          if (flatConditional) candidates.push(mergeSchemas(merged, flatConditional));
        }
      }
    }
    const validate = this.validatorFor(schema);
    for (const candidate of candidates) {
      const value = this.value(candidate, context);
      if (value === FAIL) continue;
      if (!validate || validate(value)) return value;
    }
    return FAIL;
  }

  /** A validator for a subschema, with the bundle's definitions so its `$ref`s resolve. */
  private validatorFor(schema: Record<string, unknown>): ((value: unknown) => boolean) | undefined {
    const definitions = isObject(this.root) ? this.root[this.definitionsKey] : undefined;
    const own = schema[this.definitionsKey];
    const wrapper = isObject(definitions) ? { ...schema, [this.definitionsKey]: { ...(isObject(own) ? own : {}), ...definitions } } : schema;
    const validate = compileCached(this.dialect, wrapper);
    return validate instanceof Error ? undefined : (value) => checkValue(validate, value).verdict === 'valid';
  }

  private byType(schema: Record<string, unknown>, context: Context): Generated {
    const types = typesOf(schema);
    const candidates = types.length === 0 ? [] : [...types.filter((type) => type !== 'null'), ...(types.includes('null') ? ['null'] : [])];
    if (candidates.length === 0) return this.anything(context);
    for (const type of candidates) {
      const value = this.ofType(type, schema, context);
      if (value !== FAIL) return value;
    }
    return FAIL;
  }

  private ofType(type: string, schema: Record<string, unknown>, context: Context): Generated {
    switch (type) {
      case 'object':
        return this.object(schema, context);
      case 'array':
        return this.array(schema, context);
      case 'string':
        return this.string(schema, context);
      case 'integer':
      case 'number':
        return numberFor(schema, type === 'integer', context.variant, this.dialect);
      case 'boolean':
        return context.variant % 2 === 0;
      case 'null':
        return null;
      default:
        return FAIL;
    }
  }

  /** What a schema that says nothing accepts: a string named after its property reads best. */
  private anything(context: Context): Generated {
    return context.name !== undefined ? `${context.name}${context.variant > 0 ? `-${context.variant + 1}` : ''}` : context.variant > 0 ? `example-${context.variant + 1}` : 'example';
  }

  private object(schema: Record<string, unknown>, context: Context): Generated {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];
    const onlyRequired = this.mode === 'minimal' || context.depth >= OPTIONAL_DEPTH;
    const names = unique(onlyRequired ? required : [...Object.keys(properties), ...required]);
    const result: Record<string, unknown> = {};
    const schemaFor = (name: string): unknown => {
      if (name in properties) return properties[name];
      if (isObject(schema.patternProperties)) {
        for (const [pattern, child] of Object.entries(schema.patternProperties)) if (matches(pattern, name)) return child;
      }
      return schema.additionalProperties === undefined ? true : schema.additionalProperties;
    };
    const add = (name: string, mustHave: boolean): boolean => {
      if (name in result) return true;
      const child = schemaFor(name);
      const value = this.value(child, { depth: context.depth + 1, name, variant: 0 });
      if (value === FAIL) return !mustHave;
      result[name] = value;
      return true;
    };
    for (const name of names) if (!add(name, required.includes(name))) return FAIL;
    // Properties that others depend on (draft-07 `dependencies`, 2019-09 `dependentRequired`).
    const dependencies = { ...(isObject(schema.dependencies) ? schema.dependencies : {}), ...(isObject(schema.dependentRequired) ? schema.dependentRequired : {}) };
    for (const [name, needed] of Object.entries(dependencies)) {
      if (name in result && Array.isArray(needed)) for (const other of needed) if (typeof other === 'string' && !add(other, true)) return FAIL;
    }
    const minimum = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
    for (const name of Object.keys(properties)) {
      if (Object.keys(result).length >= minimum) break;
      add(name, false);
    }
    for (let index = 1; Object.keys(result).length < minimum && index <= minimum + 1; index++) {
      if (schema.additionalProperties === false) return FAIL;
      add(`property${index}`, true);
    }
    const maximum = typeof schema.maxProperties === 'number' ? schema.maxProperties : Number.POSITIVE_INFINITY;
    for (const name of Object.keys(result).reverse()) {
      if (Object.keys(result).length <= maximum) break;
      if (!required.includes(name)) delete result[name];
    }
    return result;
  }

  private array(schema: Record<string, unknown>, context: Context): Generated {
    const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : [];
    const rest = Array.isArray(schema.prefixItems) ? schema.items : Array.isArray(schema.items) ? schema.additionalItems : schema.items;
    const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
    const wanted = Math.min(maxItems, Math.max(minItems, this.mode === 'minimal' ? 0 : 1, this.mode === 'minimal' ? 0 : Math.min(tuple.length, maxItems)));
    const result: unknown[] = [];
    const child = (itemSchema: unknown, index: number) => this.value(itemSchema, { depth: context.depth + 1, name: context.name ? singular(context.name) : undefined, variant: schema.uniqueItems === true ? index : 0 });
    if (isObject(schema.contains) && wanted > 0 && tuple.length === 0) {
      const first = child(schema.contains, 0);
      if (first === FAIL) return FAIL;
      result.push(first);
    }
    for (let index = result.length; index < wanted; index++) {
      const itemSchema = index < tuple.length ? tuple[index] : rest === undefined ? true : rest;
      if (itemSchema === false) return index >= minItems ? result : FAIL;
      const item = child(itemSchema, index);
      if (item === FAIL) return index >= minItems ? result : FAIL;
      result.push(item);
    }
    return result;
  }

  private string(schema: Record<string, unknown>, context: Context): Generated {
    const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
    const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
    const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
    if (pattern !== undefined && linearPattern(pattern).kind !== 'linear') return FAIL;
    const fits = (text: string) => text.length >= minLength && text.length <= maxLength && (pattern === undefined || matches(pattern, text));
    const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
    if (format !== undefined && fits(format) && context.variant === 0) return format;
    if (pattern !== undefined) {
      // The property's name reads best when the pattern allows it (`^[a-z]+$` for `city`).
      const named = String(this.anything(context));
      if (fits(named)) return named;
      const sample = samplePattern(pattern, { minLength, maxLength });
      if (sample !== undefined) return sample;
      return FAIL;
    }
    let text = String(this.anything(context));
    if (format === 'date-time' || format === 'date') text = format;
    if (text.length < minLength) text = text + 'x'.repeat(minLength - text.length);
    if (text.length > maxLength) text = text.slice(0, maxLength);
    return fits(text) ? text : FAIL;
  }
}

/** A number within the bounds (draft-04 boolean or later numeric exclusive bounds) and a multiple of `multipleOf`. */
function numberFor(schema: Record<string, unknown>, integer: boolean, variant: number, dialect: JsonSchemaDialect): Generated {
  const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : undefined;
  let low = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  let high = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  let lowExclusive = false;
  let highExclusive = false;
  if (dialect === 'draft-04') {
    lowExclusive = schema.exclusiveMinimum === true;
    highExclusive = schema.exclusiveMaximum === true;
  } else {
    if (typeof schema.exclusiveMinimum === 'number' && (low === undefined || schema.exclusiveMinimum >= low)) [low, lowExclusive] = [schema.exclusiveMinimum, true];
    if (typeof schema.exclusiveMaximum === 'number' && (high === undefined || schema.exclusiveMaximum <= high)) [high, highExclusive] = [schema.exclusiveMaximum, true];
  }
  const above = (value: number) => (low === undefined ? true : lowExclusive ? value > low : value >= low);
  const below = (value: number) => (high === undefined ? true : highExclusive ? value < high : value <= high);
  let value: number;
  if (low !== undefined) value = lowExclusive ? low + (step ?? (high !== undefined ? (high - low) / 2 : 1)) : low;
  else if (high !== undefined) value = Math.min(highExclusive ? high - (step ?? 1) : high, integer ? 1 : 1.5);
  else value = integer ? 1 : 1.5;
  if (step !== undefined) value = Math.ceil(value / step - 1e-9) * step;
  if (integer) value = Math.ceil(value);
  for (let attempt = 0; attempt < 3 && !above(value); attempt++) value += step ?? 1;
  if (variant > 0) {
    const next = value + variant * (step ?? 1);
    if (below(next)) value = next;
  }
  value = Number(value.toPrecision(15));
  return above(value) && below(value) && (!integer || Number.isInteger(value)) ? value : FAIL;
}

/** The types a schema allows, from `type` or else from the keywords it uses. */
function typesOf(schema: Record<string, unknown>): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((type): type is string => typeof type === 'string');
  if (['properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties', 'dependentRequired'].some((key) => key in schema)) return ['object'];
  if (['items', 'prefixItems', 'minItems', 'maxItems', 'contains', 'uniqueItems'].some((key) => key in schema)) return ['array'];
  if (['minLength', 'maxLength', 'pattern', 'format'].some((key) => key in schema)) return ['string'];
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((key) => key in schema)) return ['number'];
  return [];
}

/** Two sets of constraints as one (for `allOf` and `$ref` with siblings): the stricter of each bound. */
function mergeSchemas(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (!(key in result)) {
      result[key] = value;
      continue;
    }
    const existing = result[key];
    switch (key) {
      case 'properties':
      case 'patternProperties': {
        const merged: Record<string, unknown> = { ...(isObject(existing) ? existing : {}) };
        for (const [name, schema] of Object.entries(isObject(value) ? value : {})) merged[name] = name in merged ? { allOf: [merged[name], schema] } : schema;
        result[key] = merged;
        break;
      }
      case 'required':
        result[key] = unique([...asList(existing), ...asList(value)].filter((name): name is string => typeof name === 'string'));
        break;
      case 'type': {
        const left = typeof existing === 'string' ? [existing] : asList(existing);
        const right = typeof value === 'string' ? [value] : asList(value);
        const both = left.filter((type) => right.includes(type) || (type === 'integer' && right.includes('number')));
        for (const type of right) if (type === 'integer' && left.includes('number') && !both.includes('integer')) both.push('integer');
        result[key] = both;
        break;
      }
      case 'minimum':
      case 'minLength':
      case 'minItems':
      case 'minProperties':
        result[key] = Math.max(Number(existing), Number(value));
        break;
      case 'maximum':
      case 'maxLength':
      case 'maxItems':
      case 'maxProperties':
        result[key] = Math.min(Number(existing), Number(value));
        break;
      case 'enum':
        result[key] = asList(existing).filter((item) => asList(value).some((other) => JSON.stringify(other) === JSON.stringify(item)));
        break;
      case 'allOf':
        result.allOf = [...asList(existing), ...asList(value)];
        break;
      case 'anyOf':
      case 'oneOf':
        // Both sides choose: keep one choice here and the other as a member of allOf.
        result.allOf = [...asList(result.allOf), { [key]: value }];
        break;
      case 'items':
      case 'additionalProperties':
      case 'additionalItems':
      case 'contains':
      case 'propertyNames':
        result[key] = existing === false || value === false ? false : isObject(existing) && isObject(value) ? { allOf: [existing, value] } : isObject(value) ? value : existing;
        break;
      default:
        result[key] = value;
    }
  }
  return result;
}

// --- Avro ---------------------------------------------------------------------------------------

/** An example value for an Avro schema that avsc accepts (JSON: bytes and fixed cannot be shown), or undefined. */
export function avroExample(schema: unknown): unknown {
  let type: avro.Type;
  try {
    type = avro.Type.forSchema(schema as avro.Schema);
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = new AvroGenerator().value(schema, undefined, undefined, 0);
  } catch {
    return undefined;
  }
  return type.isValid(value) ? value : undefined;
}

const AVRO_PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

class AvroGenerator {
  private readonly named = new Map<string, unknown>();

  value(schema: unknown, namespace: string | undefined, name: string | undefined, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Error('too deep');
    if (typeof schema === 'string') {
      if (AVRO_PRIMITIVES.has(schema)) return this.primitive(schema, name);
      const full = schema.includes('.') || !namespace ? schema : `${namespace}.${schema}`;
      const target = this.named.get(full) ?? this.named.get(schema);
      if (target === undefined) throw new Error(`unknown type ${schema}`);
      return this.value(target, namespace, name, depth + 1);
    }
    if (Array.isArray(schema)) {
      // A union: the first branch that is not null (and that JSON can show), else null.
      for (const branch of schema) {
        if (branch === 'null') continue;
        try {
          return this.value(branch, namespace, name, depth + 1);
        } catch {
          // try the next branch
        }
      }
      if (schema.includes('null')) return null;
      throw new Error('no branch');
    }
    if (!isObject(schema)) throw new Error('not a schema');
    const logical = logicalSample(schema);
    if (logical !== undefined) return logical;
    const type = schema.type;
    if (typeof type !== 'string') return this.value(type, namespace, name, depth + 1);
    const ownNamespace = typeof schema.namespace === 'string' ? schema.namespace : namespace;
    const register = () => {
      if (typeof schema.name !== 'string') return;
      const full = schema.name.includes('.') ? schema.name : ownNamespace ? `${ownNamespace}.${schema.name}` : schema.name;
      this.named.set(full, schema);
      this.named.set(schema.name, schema);
    };
    switch (type) {
      case 'record':
      case 'error': {
        register();
        const recordNamespace = typeof schema.name === 'string' && schema.name.includes('.') ? schema.name.slice(0, schema.name.lastIndexOf('.')) : ownNamespace;
        const result: Record<string, unknown> = {};
        for (const field of asList(schema.fields)) {
          if (!isObject(field) || typeof field.name !== 'string') throw new Error('bad field');
          result[field.name] = this.value(field.type, recordNamespace, field.name, depth + 1);
        }
        return result;
      }
      case 'enum': {
        register();
        const symbols = asList(schema.symbols);
        if (symbols.length === 0) throw new Error('no symbols');
        return typeof schema.default === 'string' && symbols.includes(schema.default) ? schema.default : symbols[0];
      }
      case 'fixed':
        register();
        throw new Error('fixed values cannot be shown in JSON');
      case 'array':
        return [this.value(schema.items, ownNamespace, name ? singular(name) : undefined, depth + 1)];
      case 'map':
        return { key: this.value(schema.values, ownNamespace, name, depth + 1) };
      default:
        return this.value(type, ownNamespace, name, depth + 1);
    }
  }

  private primitive(type: string, name: string | undefined): unknown {
    switch (type) {
      case 'null':
        return null;
      case 'boolean':
        return true;
      case 'int':
      case 'long':
        return 1;
      case 'float':
      case 'double':
        return 1.5;
      case 'string':
        return name ?? 'example';
      default:
        throw new Error('bytes cannot be shown in JSON');
    }
  }
}

/** Samples for Avro logical types on their underlying type (2024-01-15 09:30 UTC). */
function logicalSample(schema: Record<string, unknown>): unknown {
  const type = schema.type;
  switch (schema.logicalType) {
    case 'date':
      return type === 'int' ? 19737 : undefined;
    case 'time-millis':
      return type === 'int' ? 34_200_000 : undefined;
    case 'time-micros':
      return type === 'long' ? 34_200_000_000 : undefined;
    case 'timestamp-millis':
    case 'local-timestamp-millis':
      return type === 'long' ? 1_705_311_000_000 : undefined;
    case 'timestamp-micros':
    case 'local-timestamp-micros':
      return type === 'long' ? 1_705_311_000_000_000 : undefined;
    case 'uuid':
      return type === 'string' ? FORMAT_SAMPLES.uuid : undefined;
    default:
      return undefined;
  }
}

// --- helpers --------------------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Whether `text` matches a schema's pattern, run as ajv runs it (in linear time); a pattern RE2 cannot run matches nothing. */
function matches(pattern: string, text: string): boolean {
  const compiled = linearPattern(pattern);
  return compiled.kind === 'linear' && compiled.test(text);
}

/** `lines` → `line`, for the names of array items. */
function singular(name: string): string {
  if (/ies$/.test(name)) return name.slice(0, -3) + 'y';
  if (/(ss|us)$/.test(name)) return name;
  if (/s$/.test(name) && name.length > 3) return name.slice(0, -1);
  return name;
}
