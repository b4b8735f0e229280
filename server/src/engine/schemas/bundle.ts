import { resolveRef, valueAtPath } from '../references/refSites';

/** A schema somewhere in some file. */
export interface SchemaLocation {
  uri: string;
  path: ReadonlyArray<string | number>;
}

/**
 * What the bundler needs to read: a file's plain value and the base for its relative refs; for a
 * file that has no tree (a `.proto` file), its text, for the rules that read Protobuf payloads.
 */
export type SchemaSource = (uri: string) => { value: unknown; idBase?: string; text?: string } | undefined;

export interface BundledSchema {
  /** A self-contained schema: every `$ref` points into its own definitions. */
  schema: unknown;
  /** True when a remote reference was left out: that part accepts anything. */
  opaque: boolean;
  /** References that could not be resolved (they accept everything in the bundle). */
  missing: string[];
  /** Where the parts of `schema` come from: its root, and each definition the bundler added. */
  origins: { root: SchemaLocation; definitionsKey: 'definitions' | '$defs'; definitions: Map<string, SchemaLocation> };
}

const PREFIX = 'event-design.';

/**
 * Turns a schema that `$ref`s other parts of its file, or other files, into one self-contained
 * schema, so that it can be compiled once and cached by its content: the cache key is the
 * meaning, not the file versions. Recursive schemas stay recursive through the definitions.
 */
export function bundleSchema(start: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>, definitionsKey: 'definitions' | '$defs'): BundledSchema | undefined {
  const found = locate(start, read, schemaIds);
  if (!found) return undefined;
  const names = new Map<string, string>();
  const queue: SchemaLocation[] = [];
  const definitions: Record<string, unknown> = {};
  const result: BundledSchema = { schema: undefined, opaque: false, missing: [], origins: { root: found.location, definitionsKey, definitions: new Map() } };
  const startKey = locationKey(found.location);

  const nameFor = (location: SchemaLocation): string => {
    const key = locationKey(location);
    let name = names.get(key);
    if (!name) {
      name = `${PREFIX}${names.size}`;
      names.set(key, name);
      result.origins.definitions.set(name, location);
      queue.push(location);
    }
    return name;
  };

  const rewrite = (value: unknown, uri: string, idBase: string | undefined, depth: number): unknown => {
    if (depth > 512) return {};
    if (Array.isArray(value)) return value.map((item) => rewrite(item, uri, idBase, depth + 1));
    if (value === null || typeof value !== 'object') return value;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      // Identity and dialect belong to the files; the bundle is compiled in the caller's dialect.
      if (key === '$id' || key === '$schema' || (key === 'id' && typeof child === 'string' && depth === 0)) continue;
      if (key === '$ref' && typeof child === 'string') {
        const target = resolveRef(child, uri, schemaIds, idBase);
        if (target.kind === 'remote') {
          result.opaque = true;
          continue;
        }
        if (target.kind === 'invalid') {
          result.missing.push(child);
          continue;
        }
        const located = locate({ uri: target.kind === 'file' ? target.uri : uri, path: target.path }, read, schemaIds);
        if (!located) {
          result.missing.push(child);
          continue;
        }
        const location = located.location;
        copy.$ref = locationKey(location) === startKey ? '#' : `#/${definitionsKey}/${nameFor(location)}`;
        continue;
      }
      copy[key] = rewrite(child, uri, idBase, depth + 1);
    }
    return copy;
  };

  result.schema = rewrite(found.value, found.location.uri, read(found.location.uri)?.idBase, 0);
  while (queue.length > 0) {
    const location = queue.shift()!;
    definitions[names.get(locationKey(location))!] = rewrite(valueAtPath(read(location.uri)!.value, location.path).value, location.uri, read(location.uri)!.idBase, 1);
  }
  if (names.size > 0) {
    const root = result.schema;
    if (root !== null && typeof root === 'object' && !Array.isArray(root)) {
      const existing = (root as Record<string, unknown>)[definitionsKey];
      (root as Record<string, unknown>)[definitionsKey] = { ...(existing && typeof existing === 'object' ? existing : {}), ...definitions };
    } else {
      result.schema = { allOf: [root === undefined ? {} : root], [definitionsKey]: definitions };
    }
  }
  return result;
}

/** The place in the user's files that a path inside a bundled schema stands for. */
export function originOf(bundled: BundledSchema, path: ReadonlyArray<string | number>): SchemaLocation {
  const { root, definitionsKey, definitions } = bundled.origins;
  const definition = path[0] === definitionsKey ? definitions.get(String(path[1])) : undefined;
  if (definition) return { uri: definition.uri, path: [...definition.path, ...path.slice(2)] };
  // (A root that is not an object, bundled as `{ allOf: [root] }`, holds no subschema to point into.)
  return { uri: root.uri, path: [...root.path, ...path] };
}

/**
 * The value a location names, following a `$ref` met on the way (a pointer into a definition
 * that is itself a reference), with the location it was finally found at.
 */
export function locate(location: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>, hops = 0): { location: SchemaLocation; value: unknown } | undefined {
  if (hops === 0 && readRecorder) {
    const record = readRecorder;
    readRecorder = undefined;
    try {
      const found = locate(location, read, schemaIds);
      record(location, found);
      return found;
    } finally {
      readRecorder = record;
    }
  }
  const file = read(location.uri);
  if (!file) return undefined;
  let current: unknown = file.value;
  for (let depth = 0; depth < location.path.length; depth++) {
    const segment = location.path[depth]!;
    const next = valueAtPath(current, [segment]);
    if (next.found) {
      current = next.value;
      continue;
    }
    const ref = current && typeof current === 'object' ? (current as { $ref?: unknown }).$ref : undefined;
    if (typeof ref !== 'string' || hops > 32) return undefined;
    const target = resolveRef(ref, location.uri, schemaIds, file.idBase);
    if (target.kind !== 'file' && target.kind !== 'local') return undefined;
    const uri = target.kind === 'file' ? target.uri : location.uri;
    return locate({ uri, path: [...target.path, ...location.path.slice(depth)] }, read, schemaIds, hops + 1);
  }
  return { location, value: current };
}

/** Told of every location `locate` looks up (and what it found) while {@link recordingReads} runs. */
export type ReadRecorder = (location: SchemaLocation, found: { location: SchemaLocation; value: unknown } | undefined) => void;

let readRecorder: ReadRecorder | undefined;

/**
 * Runs `work` telling `record` of every location it looks up through `locate` (and so
 * `dereference`): with plain values shared between versions of a file, those lookups giving the
 * same values again mean the work would read the same content (discipline/messageRuleMemo.ts).
 */
export function recordingReads<T>(record: ReadRecorder, work: () => T): T {
  const outer = readRecorder;
  readRecorder = record;
  try {
    return work();
  } finally {
    readRecorder = outer;
  }
}

/**
 * What a location stands for: its value, or, when that value is a `$ref` object, what the
 * reference leads to (followed through chains), with where it was found.
 */
export function dereference(location: SchemaLocation, read: SchemaSource, schemaIds: ReadonlyMap<string, string>): { location: SchemaLocation; value: unknown } | undefined {
  let found = locate(location, read, schemaIds);
  for (let hop = 0; found && hop < 32; hop++) {
    const ref = found.value && typeof found.value === 'object' ? (found.value as { $ref?: unknown }).$ref : undefined;
    if (typeof ref !== 'string') return found;
    const target = resolveRef(ref, found.location.uri, schemaIds, read(found.location.uri)?.idBase);
    if (target.kind !== 'file' && target.kind !== 'local') return undefined;
    found = locate({ uri: target.kind === 'file' ? target.uri : found.location.uri, path: target.path }, read, schemaIds);
  }
  return found;
}

function locationKey(location: SchemaLocation) {
  return `${location.uri}#${location.path.map((segment) => '/' + String(segment)).join('')}`;
}
