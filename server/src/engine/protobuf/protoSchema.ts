import { allTypes, isScalarType, parseProto, type ProtoFile, type ProtoImport, type ProtoType } from './protoSource';
import { wellKnownProto } from './wellKnownProtos';

/** One file of a Protobuf schema; `uri` is undefined for a bundled well-known file. */
export interface ProtoUnit {
  uri?: string;
  importPath?: string;
  file: ProtoFile;
}

export interface DefinedType {
  type: ProtoType;
  unit: ProtoUnit;
}

/**
 * A `.proto` file with every file its imports reach, and the types they define by fully-qualified
 * name (no leading dot). Host-free: files are read through `read`.
 */
export interface ProtoSchema {
  main: ProtoUnit;
  units: ProtoUnit[];
  types: Map<string, DefinedType>;
  /** Imports of the main file that name no file the host has and no bundled one. */
  unresolvedImports: ProtoImport[];
}

/** Reads a file's text by URI (undefined when there is none, or it may not be read). */
export type ProtoReader = (uri: string) => Promise<string | undefined>;

const MAX_IMPORTED_FILES = 256;

/** Reads a file's text by URI at once (the files a check has already loaded). */
export type ProtoReaderNow = (uri: string) => string | undefined;

/**
 * Loads a `.proto` file and what it imports. protoc resolves imports against its include paths;
 * without a build configuration to say which, an import is looked for next to the importing file
 * and in each folder above it, which finds both `import "money.proto"` beside it and
 * `import "shop/v1/money.proto"` from the root of a proto tree.
 */
export async function loadProtoSchema(uri: string, text: string, read: ProtoReader): Promise<ProtoSchema> {
  const loading = schemaLoading(uri, text);
  let step = loading.next();
  while (!step.done) step = loading.next(await read(step.value));
  return step.value;
}

/** {@link loadProtoSchema} over files already loaded: for the synchronous document rules. */
export function loadProtoSchemaNow(uri: string, text: string, read: ProtoReaderNow): ProtoSchema {
  const loading = schemaLoading(uri, text);
  let step = loading.next();
  while (!step.done) step = loading.next(read(step.value));
  return step.value;
}

/** The loading itself, asking its caller for each file it reads (by yielding its URI), so it may read at once or wait. */
function* schemaLoading(uri: string, text: string): Generator<string, ProtoSchema, string | undefined> {
  const main: ProtoUnit = { uri, file: parseProto(text) };
  const units = [main];
  const byImport = new Map<string, ProtoUnit | undefined>();
  const unresolvedImports: ProtoImport[] = [];
  const queue = [main];
  while (queue.length > 0 && units.length < MAX_IMPORTED_FILES) {
    const unit = queue.shift()!;
    for (const declared of unit.file.imports) {
      const key = unit.uri === undefined ? declared.path : `${declared.path}\u0000${unit.uri}`;
      if (!byImport.has(key)) {
        const found = yield* findImport(declared.path, unit);
        byImport.set(key, found);
        if (found && !units.some((known) => (known.uri ?? known.importPath) === (found.uri ?? found.importPath))) {
          units.push(found);
          queue.push(found);
        }
      }
      if (unit === main && !byImport.get(key)) unresolvedImports.push(declared);
    }
  }
  const types = new Map<string, DefinedType>();
  for (const unit of units) {
    for (const type of allTypes(unit.file)) if (!types.has(type.fullName)) types.set(type.fullName, { type, unit });
  }
  return { main, units, types, unresolvedImports };
}

function* findImport(importPath: string, importer: ProtoUnit): Generator<string, ProtoUnit | undefined, string | undefined> {
  const bundled = wellKnownProto(importPath);
  if (bundled) return { importPath, file: bundled };
  if (importer.uri === undefined || importPath.startsWith('/')) return undefined;
  for (const candidate of importCandidates(importPath, importer.uri)) {
    const text = yield candidate;
    if (text !== undefined) return { uri: candidate, importPath, file: parseProto(text) };
  }
  return undefined;
}

/** The URIs an import may name, nearest folder first. */
export function importCandidates(importPath: string, importerUri: string): string[] {
  const candidates: string[] = [];
  // A URI of another scheme (event-design-baseline:) has a root that URL cannot go above: it throws there.
  try {
    let folder = new URL('.', importerUri);
    for (let depth = 0; depth < 64; depth++) {
      candidates.push(new URL(importPath, folder).href);
      const parent = new URL('..', folder);
      if (parent.href === folder.href) break;
      folder = parent;
    }
  } catch {
    // The candidates so far are all there are.
  }
  return candidates;
}

/**
 * The fully-qualified name a type reference means in a scope (a message's or the package's full
 * name), by protoc's rule: the innermost enclosing scope that defines it wins; a leading dot
 * means the name is already fully qualified.
 */
export function resolveTypeName(schema: ProtoSchema, reference: string, scope: string): string | undefined {
  if (reference.startsWith('.')) return schema.types.has(reference.slice(1)) ? reference.slice(1) : undefined;
  let current = scope;
  for (;;) {
    const candidate = current ? `${current}.${reference}` : reference;
    if (schema.types.has(candidate)) return candidate;
    if (!current) return undefined;
    const dot = current.lastIndexOf('.');
    current = dot === -1 ? '' : current.slice(0, dot);
  }
}

/** The type a field names, for a scalar its own name; for a map, its value type. */
export function fieldTypeName(schema: ProtoSchema, type: string, scope: string): string | undefined {
  return isScalarType(type) ? type : resolveTypeName(schema, type, scope);
}

