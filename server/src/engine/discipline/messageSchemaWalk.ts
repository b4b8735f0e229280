import { dereference, locate, type SchemaLocation, type SchemaSource } from '../schemas/bundle';
import { dialectOf, type JsonSchemaDialect } from '../workspace/fileKind';
import type { MessageView } from './messageView';
import { linearPattern } from '../schemas/linearPattern';

/**
 * The payload and headers schemas of a message as the schema rules of group A see them (schema
 * ids, content models, property types, examples): where each is written (in the message, a
 * trait, a component or another file), in which format, and a walk over a JSON Schema that
 * follows `$ref`s across files and keeps track of where each subschema is, how it was reached
 * and which part of an instance it describes.
 */

export type MessagePart = 'payload' | 'headers';
export type SchemaFormatKind = 'json-schema' | 'avro' | 'other';

export interface MessageSchema {
  part: MessagePart;
  /** Where the schema is written: the message's `payload`, or the `schema` of a multi-format schema object. */
  location: SchemaLocation;
  format: SchemaFormatKind;
  /** The JSON Schema dialect the message's schema format implies (the AsyncAPI format: draft-07). */
  dialect: JsonSchemaDialect;
  schemaFormat?: string;
}

/** The payload or headers schema of a message, with traits applied (the message's own value wins). */
export function messageSchema(view: MessageView, part: MessagePart, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): MessageSchema | undefined {
  const written = partLocation(view, part, read, schemaIds);
  if (!written) return undefined;
  const found = dereference(written, read, schemaIds);
  const value = found?.value;
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  // 3.x multi-format schema object: { schemaFormat, schema }.
  const multi = value as Record<string, unknown>;
  if (typeof multi.schemaFormat === 'string' && 'schema' in multi && found) {
    return { part, location: { uri: found.location.uri, path: [...found.location.path, 'schema'] }, schemaFormat: multi.schemaFormat, ...formatOf(multi.schemaFormat) };
  }
  const schemaFormat = part === 'payload' && typeof view.value.schemaFormat === 'string' ? view.value.schemaFormat : undefined;
  return { part, location: written, schemaFormat, ...formatOf(schemaFormat) };
}

/** Where a part of a message is written: in the message itself, else in the last trait that has it. */
function partLocation(view: MessageView, part: MessagePart, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): SchemaLocation | undefined {
  if (view.own[part] !== undefined && view.own[part] !== null) return { uri: view.definition.uri, path: [...view.definition.path, part] };
  const traits = view.own.traits;
  if (!Array.isArray(traits)) return undefined;
  for (let index = traits.length - 1; index >= 0; index--) {
    const trait = dereference({ uri: view.definition.uri, path: [...view.definition.path, 'traits', index] }, read, schemaIds);
    const value = trait?.value;
    if (trait && value && typeof value === 'object' && !Array.isArray(value) && (value as Record<string, unknown>)[part] !== undefined) {
      return { uri: trait.location.uri, path: [...trait.location.path, part] };
    }
  }
  return undefined;
}

/** The kind of schema a `schemaFormat` names (none: the AsyncAPI schema format, a JSON Schema draft-07 superset). */
export function formatOf(schemaFormat: string | undefined): { format: SchemaFormatKind; dialect: JsonSchemaDialect } {
  if (!schemaFormat || schemaFormat.startsWith('application/vnd.aai.asyncapi')) return { format: 'json-schema', dialect: 'draft-07' };
  if (/avro/i.test(schemaFormat)) return { format: 'avro', dialect: 'draft-07' };
  if (schemaFormat.startsWith('application/schema+json') || schemaFormat.startsWith('application/schema+yaml')) {
    return { format: 'json-schema', dialect: dialectOf(/version=([^;]+)/.exec(schemaFormat)?.[1]) };
  }
  return { format: 'other', dialect: 'draft-07' };
}

// --- walking a JSON Schema ----------------------------------------------------------------------

/** One step from a schema into the instance it describes. */
export type InstanceStep = { property: string } | { items: true } | { index: number } | { pattern: string } | { additional: true };

/** How a subschema was reached from its parent. */
export type SchemaEdge = 'root' | 'properties' | 'patternProperties' | 'additionalProperties' | 'items' | 'prefixItems' | 'allOf' | 'anyOf' | 'oneOf' | 'not' | 'conditional' | 'dependent' | 'other';

export interface SchemaVisit {
  /** Where the subschema is written (the file it is in, and its path there). */
  location: SchemaLocation;
  value: Record<string, unknown>;
  dialect: JsonSchemaDialect;
  edge: SchemaEdge;
  /** For an entry of `properties`: its name. */
  propertyName?: string;
  /**
   * True when the subschema is a part of a composition (an `allOf` member, `if`/`then`/`else`,
   * `dependentSchemas`), directly or through `$ref`s: it does not describe a whole object alone.
   */
  inComposition: boolean;
  /** Where in an instance of the walked schema the values it describes are. */
  instancePath: InstanceStep[];
  /** Values documented for this subschema: by the caller (message examples) and by the schemas above it. */
  values: unknown[];
}

/** What a walk starts with: values documented for the whole schema (the message's example payloads). */
export interface WalkStart {
  location: SchemaLocation;
  dialect: JsonSchemaDialect;
  values?: unknown[];
}

/**
 * What walks have visited, to share between the walks of one check: a schema that many messages
 * reference is then visited once. Each schema object is known by identity (plain values are built
 * once per file version); parts of a composition are kept apart, as they are visited differently.
 */
export interface WalkMemory {
  whole: WeakSet<object>;
  composed: WeakSet<object>;
}

export function walkMemory(): WalkMemory {
  return { whole: new WeakSet(), composed: new WeakSet() };
}

/**
 * Visits a JSON Schema and every subschema reachable through applicator keywords and `$ref`s
 * (into other files too), each subschema once per walk (or per `memory`, across walks).
 * `$defs`/`definitions` are visited only where something refers to them. The visitor may return
 * `false` to skip a subschema's children.
 */
export function walkJsonSchema(start: WalkStart, read: SchemaSource, schemaIds: ReadonlyMap<string, string>, visit: (node: SchemaVisit) => boolean | void, memory: WalkMemory = walkMemory()) {
  type Sources = ReadonlyArray<{ values: unknown[]; steps: InstanceStep[] }>;
  interface Pending {
    location: SchemaLocation;
    /** The value at `location` when the parent already holds it (not through a `$ref`). */
    value?: unknown;
    dialect: JsonSchemaDialect;
    edge: SchemaEdge;
    propertyName?: string;
    inComposition: boolean;
    instancePath: InstanceStep[];
    /** Documented values, with the steps from where they were documented down to here. */
    sources: Sources;
  }
  const none: unknown[] = [];
  const stack: Pending[] = [{ location: start.location, dialect: start.dialect, edge: 'root', inComposition: false, instancePath: [], sources: start.values && start.values.length > 0 ? [{ values: start.values, steps: [] }] : [] }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let location = current.location;
    let raw = current.value;
    if (raw === undefined) {
      const found = locate(current.location, read, schemaIds);
      if (!found) continue;
      location = found.location;
      raw = found.value;
    }
    if (!isSchemaObject(raw)) continue;
    const value = raw;
    const seen = current.inComposition ? memory.composed : memory.whole;
    if (seen.has(value)) continue;
    seen.add(value);
    // A schema resource that names its own dialect is read in it (a 2020-12 file referenced from a 3.0 document).
    const dialect = location.path.length === 0 && typeof value.$schema === 'string' ? dialectOf(value.$schema) : current.dialect;
    let sources = current.sources;
    const documented = Array.isArray(value.examples) || 'default' in value;
    if (documented) sources = [...sources, { values: [...(Array.isArray(value.examples) ? value.examples : []), ...('default' in value ? [value.default] : [])], steps: [] }];
    const node: SchemaVisit = { location, value, dialect, edge: current.edge, propertyName: current.propertyName, inComposition: current.inComposition, instancePath: current.instancePath, values: sources.length === 0 ? none : sources.flatMap((source) => valuesAt(source.values, source.steps)) };
    if (visit(node) === false) continue;
    const children: Pending[] = [];
    const at = (segments: Array<string | number>, child: unknown, edge: SchemaEdge, step: InstanceStep | undefined, propertyName?: string): Pending => ({
      location: { uri: location.uri, path: [...location.path, ...segments] },
      value: child,
      dialect,
      edge,
      propertyName,
      inComposition: edge === 'allOf' || edge === 'conditional' || edge === 'dependent',
      instancePath: step ? [...current.instancePath, step] : current.instancePath,
      sources: edge === 'not' ? [] : step && sources.length > 0 ? sources.map((source) => ({ values: source.values, steps: [...source.steps, step] })) : sources,
    });
    if (typeof value.$ref === 'string') {
      const target = dereference(location, read, schemaIds);
      // Through a reference the subschema keeps its place in the instance and in a composition.
      if (target) children.push({ location: target.location, value: target.value, dialect, edge: current.edge, propertyName: current.propertyName, inComposition: current.inComposition, instancePath: current.instancePath, sources });
    }
    for (const keyword of ['properties', 'patternProperties'] as const) {
      const map = value[keyword];
      if (!isSchemaObject(map)) continue;
      for (const name of Object.keys(map)) children.push(keyword === 'properties' ? at([keyword, name], map[name], 'properties', { property: name }, name) : at([keyword, name], map[name], 'patternProperties', { pattern: name }));
    }
    if (isSchemaObject(value.additionalProperties)) children.push(at(['additionalProperties'], value.additionalProperties, 'additionalProperties', { additional: true }));
    if (isSchemaObject(value.unevaluatedProperties)) children.push(at(['unevaluatedProperties'], value.unevaluatedProperties, 'additionalProperties', { additional: true }));
    if (Array.isArray(value.items)) value.items.forEach((item, index) => children.push(at(['items', index], item, 'prefixItems', { index })));
    else if (isSchemaObject(value.items)) children.push(at(['items'], value.items, 'items', { items: true }));
    if (Array.isArray(value.prefixItems)) value.prefixItems.forEach((item, index) => children.push(at(['prefixItems', index], item, 'prefixItems', { index })));
    if (isSchemaObject(value.additionalItems)) children.push(at(['additionalItems'], value.additionalItems, 'items', { items: true }));
    if (isSchemaObject(value.contains)) children.push(at(['contains'], value.contains, 'items', { items: true }));
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = value[keyword];
      if (Array.isArray(list)) list.forEach((item, index) => children.push(at([keyword, index], item, keyword, undefined)));
    }
    for (const keyword of ['if', 'then', 'else'] as const) if (isSchemaObject(value[keyword])) children.push(at([keyword], value[keyword], 'conditional', undefined));
    for (const keyword of ['dependentSchemas', 'dependencies'] as const) {
      const map = value[keyword];
      if (!isSchemaObject(map)) continue;
      for (const [name, child] of Object.entries(map)) if (isSchemaObject(child)) children.push(at([keyword, name], child, 'dependent', undefined));
    }
    if (isSchemaObject(value.not)) children.push(at(['not'], value.not, 'not', undefined));
    // Depth first, in the order the schema is written.
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

function isSchemaObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The values found at `steps` below each of `values`. */
export function valuesAt(values: readonly unknown[], steps: readonly InstanceStep[]): unknown[] {
  let current: unknown[] = [...values];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if ('property' in step) {
        if (isSchemaObject(value) && Object.prototype.hasOwnProperty.call(value, step.property)) next.push(value[step.property]);
      } else if ('items' in step) {
        if (Array.isArray(value)) next.push(...value);
      } else if ('index' in step) {
        if (Array.isArray(value) && step.index < value.length) next.push(value[step.index]);
      } else if ('pattern' in step) {
        if (!isSchemaObject(value)) continue;
        const pattern = linearPattern(step.pattern, 'u');
        // A pattern RE2 cannot run matches no name here: its values are not gathered.
        if (pattern.kind === 'linear') for (const [name, child] of Object.entries(value)) if (pattern.test(name)) next.push(child);
      } else if (isSchemaObject(value)) {
        next.push(...Object.values(value));
      }
    }
    current = next;
  }
  return current.filter((value) => value !== undefined);
}

/** The example values a message gives for one of its parts. */
export function exampleValues(view: MessageView, part: MessagePart): unknown[] {
  const examples = view.value.examples;
  if (!Array.isArray(examples)) return [];
  return examples.filter((example): example is Record<string, unknown> => isSchemaObject(example) && part in example).map((example) => example[part]);
}

/**
 * A readable name for a subschema, from its path in its file: `reservations[]`, `address.city`,
 * `OrderPayload.lines[]` (a component schema), or '' for the root of a schema.
 */
export function schemaLabel(path: ReadonlyArray<string | number>): string {
  const segments = path.map(String);
  // Start below what holds the schema in an AsyncAPI document: a message part, or a component.
  let start = 0;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    if ((segment === 'payload' || segment === 'headers') && index > 0) start = index + 1 + (segments[index + 1] === 'schema' ? 1 : 0);
    if ((segment === 'schemas' || segment === '$defs' || segment === 'definitions') && index + 1 < segments.length) start = index + 1;
  }
  let label = '';
  for (let index = start; index < segments.length; index++) {
    const segment = segments[index]!;
    const next = segments[index + 1];
    if (index === start && (segments[index - 1] === 'schemas' || segments[index - 1] === '$defs' || segments[index - 1] === 'definitions')) {
      label = segment;
      continue;
    }
    if (segment === 'properties' && next !== undefined) {
      label += (label ? '.' : '') + next;
      index++;
    } else if (segment === 'patternProperties' && next !== undefined) {
      label += `[/${next}/]`;
      index++;
    } else if (segment === 'items' || segment === 'additionalItems' || segment === 'contains') {
      label += '[]';
      if (next !== undefined && /^\d+$/.test(next) && segment === 'items') {
        label = label.slice(0, -2) + `[${next}]`;
        index++;
      }
    } else if (segment === 'prefixItems' && next !== undefined) {
      label += `[${next}]`;
      index++;
    } else if ((segment === 'allOf' || segment === 'anyOf' || segment === 'oneOf') && next !== undefined) {
      label += `(${segment} ${next})`;
      index++;
    } else if (segment === 'additionalProperties' || segment === 'unevaluatedProperties') {
      label += '{*}';
    } else if (segment === 'if' || segment === 'then' || segment === 'else' || segment === 'not') {
      label += `(${segment})`;
    }
  }
  return label;
}

/** The JSON types of some values, as a JSON Schema `type`: numbers of both kinds are `number`. */
export function jsonTypesOf(values: readonly unknown[]): string[] {
  const types = new Set<string>();
  for (const value of values) {
    if (value === null) types.add('null');
    else if (Array.isArray(value)) types.add('array');
    else if (typeof value === 'number') types.add(Number.isFinite(value) ? 'number' : 'string');
    else if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object') types.add(typeof value);
  }
  const order = ['string', 'number', 'boolean', 'object', 'array', 'null'];
  return order.filter((type) => types.has(type));
}
