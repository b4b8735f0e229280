import { resolveRef, valueAtPath } from '../references/refSites';
import { pathToPointer, pointerToPath, type JsonPath } from '../text/paths';
import { dialectOf, type JsonSchemaDialect } from '../workspace/fileKind';
import type { ChangeLocation } from './change';
import { isJsonObject, type JsonObject } from './jsonValues';

/** A schema somewhere in a file: the file's plain value and the path to the schema in it. */
export interface SchemaPlace {
  /** The file; undefined for the schema handed in as the input itself. */
  uri: string | undefined;
  root: unknown;
  path: JsonPath;
  value: unknown;
  dialect: JsonSchemaDialect;
  /** A stand-in for an absent keyword (`then` missing is `true`): no text at its path. */
  synthetic?: boolean;
}

/** Reads a referenced file's plain value; undefined when it cannot (not found, remote, not allowed). */
export type DocumentReader = (uri: string) => unknown;

export interface PlaceEnvironment {
  readDocument?: DocumentReader;
  /** `$id` → file URI of the workspace's schema files, so refs by canonical URL resolve locally. */
  schemaIds?: ReadonlyMap<string, string>;
}

/** Where a schema's input starts: a whole file, or a schema inside one (an AsyncAPI payload). */
export interface SchemaInput {
  /** The plain value of the file that holds the schema. */
  root: unknown;
  /** Where the schema is in it; the root by default. */
  path?: JsonPath;
  uri?: string;
  /** Overrides the dialect named by `$schema` (draft-07 when there is none). */
  dialect?: JsonSchemaDialect;
}

export function placeOf(input: SchemaInput): SchemaPlace {
  const path = input.path ?? [];
  const value = valueAtPath(input.root, path).value;
  const declared = isJsonObject(value) && typeof value.$schema === 'string' ? value.$schema : isJsonObject(input.root) && typeof input.root.$schema === 'string' ? input.root.$schema : undefined;
  return { uri: input.uri, root: input.root, path, value, dialect: input.dialect ?? dialectOf(declared) };
}

export function childPlace(place: SchemaPlace, ...segments: Array<string | number>): SchemaPlace {
  const found = valueAtPath(place.value, segments);
  return { uri: place.uri, root: place.root, path: [...place.path, ...segments], value: found.value, dialect: place.dialect, ...(place.synthetic ? { synthetic: true } : {}) };
}

/** The place of an absent keyword, standing for the schema its absence means (`true`). */
export function absentPlace(place: SchemaPlace, keyword: string, value: unknown = true): SchemaPlace {
  return { uri: place.uri, root: place.root, path: [...place.path, keyword], value, dialect: place.dialect, synthetic: true };
}

export function locationOf(place: SchemaPlace, ...segments: Array<string | number>): ChangeLocation {
  return { ...(place.uri !== undefined ? { uri: place.uri } : {}), path: [...place.path, ...segments] };
}

/** The location of a keyword when the schema has it, else of the schema itself. */
export function keywordOrSelf(place: SchemaPlace, keyword: string): ChangeLocation {
  return isJsonObject(place.value) && Object.prototype.hasOwnProperty.call(place.value, keyword) ? locationOf(place, keyword) : locationOf(place);
}

export function placeKey(place: SchemaPlace): string {
  return `${place.uri ?? ''}#${pathToPointer(place.path)}${place.synthetic ? '!' : ''}`;
}

export function objectValue(place: SchemaPlace): JsonObject | undefined {
  return isJsonObject(place.value) ? place.value : undefined;
}

/** Whether `$ref` sits beside other keywords as an applicator (2019-09 on) or replaces them (draft-07 and before). */
export function refIsApplicator(dialect: JsonSchemaDialect) {
  return dialect === '2019-09' || dialect === '2020-12';
}

export type FollowedPlace = { place: SchemaPlace; unresolved?: undefined } | { place: SchemaPlace; unresolved: string };

/**
 * Follows `$ref` where it replaces the schema (draft-07 and before: keywords beside it are
 * ignored). A reference that cannot be resolved, or a pure cycle, is reported as unresolved.
 */
export function followReplacingRefs(place: SchemaPlace, env: PlaceEnvironment): FollowedPlace {
  let current = place;
  const seen = new Set<string>();
  for (let hops = 0; hops < 64; hops++) {
    const value = objectValue(current);
    const ref = value?.$ref;
    if (typeof ref !== 'string' || refIsApplicator(current.dialect)) return { place: current };
    const key = placeKey(current);
    if (seen.has(key)) return { place: current, unresolved: ref };
    seen.add(key);
    const target = resolveRefPlace(current, ref, env);
    if (!target) return { place: current, unresolved: ref };
    current = target;
  }
  return { place: current, unresolved: String(objectValue(current)?.$ref) };
}

/** The place a `$ref` written at `from` points at, or undefined. */
export function resolveRefPlace(from: SchemaPlace, ref: string, env: PlaceEnvironment): SchemaPlace | undefined {
  const rootId = isJsonObject(from.root) && typeof from.root.$id === 'string' ? from.root.$id : undefined;
  const target = resolveRef(ref, from.uri ?? 'file:///', env.schemaIds, rootId);
  if (target.kind === 'invalid') return resolveInOwnScheme(from, ref, env);
  if (target.kind === 'local') {
    const found = valueAtPath(from.root, target.path);
    return found.found ? { uri: from.uri, root: from.root, path: target.path, value: found.value, dialect: from.dialect } : undefined;
  }
  const uri = target.kind === 'file' ? target.uri : target.url;
  if (from.uri !== undefined && uri === from.uri.replace(/#.*$/, '')) {
    const found = valueAtPath(from.root, target.path);
    return found.found ? { uri: from.uri, root: from.root, path: target.path, value: found.value, dialect: from.dialect } : undefined;
  }
  const root = env.readDocument?.(uri);
  if (root === undefined) return undefined;
  const found = valueAtPath(root, target.path);
  if (!found.found) return undefined;
  const declared = isJsonObject(root) && typeof root.$schema === 'string' ? dialectOf(root.$schema) : from.dialect;
  return { uri, root, path: target.path, value: found.value, dialect: declared };
}

/**
 * A relative `$ref` inside a document whose URI has another hierarchical scheme (a baseline
 * version read from git, `event-design-baseline:/…`): resolved by URL rules within that scheme.
 */
function resolveInOwnScheme(from: SchemaPlace, ref: string, env: PlaceEnvironment): SchemaPlace | undefined {
  if (from.uri === undefined || /^[a-z][a-z0-9+.-]*:/i.test(ref)) return undefined;
  let absolute: URL;
  try {
    absolute = new URL(ref, from.uri);
  } catch {
    return undefined;
  }
  let path: string[];
  try {
    path = absolute.hash ? pointerToPath(decodeURIComponent(absolute.hash)) : [];
  } catch {
    return undefined;
  }
  absolute.hash = '';
  const uri = absolute.href;
  const root = uri === from.uri.replace(/#.*$/, '') ? from.root : env.readDocument?.(uri);
  if (root === undefined) return undefined;
  const found = valueAtPath(root, path);
  if (!found.found) return undefined;
  const dialect = root !== from.root && isJsonObject(root) && typeof root.$schema === 'string' ? dialectOf(root.$schema) : from.dialect;
  return { uri, root, path, value: found.value, dialect };
}
