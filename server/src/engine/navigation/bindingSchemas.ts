import specs from '@asyncapi/specs';
import type { BindingOwner } from './asyncApiShapes';

/**
 * The protocol bindings as the AsyncAPI JSON Schemas of `@asyncapi/specs` define them (data, not
 * code): which protocols each object may have bindings for, and which fields each binding has,
 * per binding version. Binding versions are independent of the specification's version, so the
 * newest specification's set serves 2.x documents too.
 */

type Json = Record<string, unknown>;

/** A field of a binding, for completion and hover. */
export interface BindingField {
  name: string;
  description?: string;
  type?: string;
  enum?: unknown[];
  default?: unknown;
}

interface BindingCatalogue {
  /** owner → protocols with bindings (from the `<owner>BindingsObject` schema). */
  protocols: Map<BindingOwner, string[]>;
  /** `protocol/owner` → version → binding schema, newest version first. */
  schemas: Map<string, Array<{ version: string; schema: Json }>>;
}

let catalogue: BindingCatalogue | undefined;

function load(): BindingCatalogue {
  if (catalogue) return catalogue;
  const all = specs.schemas as Record<string, { definitions?: Record<string, Json> }>;
  const latest = Object.keys(all)
    .filter((version) => /^3\.\d+\.\d+$/.test(version))
    .sort(compareVersions)
    .pop()!;
  const definitions = all[latest]?.definitions ?? {};
  const protocols = new Map<BindingOwner, string[]>();
  const schemas = new Map<string, Array<{ version: string; schema: Json }>>();
  for (const [id, schema] of Object.entries(definitions)) {
    const owner = /\/(server|channel|operation|message)BindingsObject\.json$/.exec(id)?.[1] as BindingOwner | undefined;
    if (owner) {
      protocols.set(owner, Object.keys((schema.properties as Json | undefined) ?? {}));
      continue;
    }
    const match = /^http:\/\/asyncapi\.com\/bindings\/([^/]+)\/([^/]+)\/(server|channel|operation|message)\.json$/.exec(id);
    if (!match) continue;
    const key = `${match[1]}/${match[3]}`;
    const list = schemas.get(key) ?? [];
    list.push({ version: match[2]!, schema });
    schemas.set(key, list);
  }
  for (const list of schemas.values()) list.sort((a, b) => compareVersions(b.version, a.version));
  catalogue = { protocols, schemas };
  return catalogue;
}

function compareVersions(a: string, b: string) {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The protocols an object of this kind may have bindings for. */
export function bindingProtocols(owner: BindingOwner): string[] {
  return load().protocols.get(owner) ?? [];
}

/** The binding versions the specification knows for a protocol and owner, newest first. */
export function bindingVersions(protocol: string, owner: BindingOwner): string[] {
  return (load().schemas.get(`${protocol}/${owner}`) ?? []).map((entry) => entry.version);
}

/**
 * The fields of the binding (or of an object inside it, `path` below the binding), in the given
 * binding version or the newest one.
 */
export function bindingFields(protocol: string, owner: BindingOwner, version: string | undefined, path: readonly string[] = []): BindingField[] {
  const schema = objectSchemaAt(protocol, owner, version, path);
  const properties = schema?.properties;
  if (!properties || typeof properties !== 'object') return [];
  return Object.entries(properties as Record<string, Json>).map(([name, property]) => toField(name, property));
}

/** One field of a binding, `path` from the binding's root to the field. */
export function bindingField(protocol: string, owner: BindingOwner, version: string | undefined, path: readonly string[]): BindingField | undefined {
  if (path.length === 0) return undefined;
  const parent = objectSchemaAt(protocol, owner, version, path.slice(0, -1));
  const property = (parent?.properties as Record<string, Json> | undefined)?.[path[path.length - 1]!];
  return property ? toField(path[path.length - 1]!, property) : undefined;
}

function objectSchemaAt(protocol: string, owner: BindingOwner, version: string | undefined, path: readonly string[]): Json | undefined {
  const versions = load().schemas.get(`${protocol}/${owner}`);
  if (!versions || versions.length === 0) return undefined;
  let schema: Json | undefined = (versions.find((entry) => entry.version === version) ?? versions[0]!).schema;
  for (const segment of path) {
    const properties = schema?.properties as Record<string, Json> | undefined;
    schema = properties?.[segment];
    if (!schema) return undefined;
  }
  return schema;
}

function toField(name: string, property: Json): BindingField {
  const type = typeof property.type === 'string' ? property.type : Array.isArray(property.type) ? property.type.join(' | ') : property.$ref ? 'schema' : undefined;
  return {
    name,
    description: typeof property.description === 'string' ? property.description : undefined,
    type,
    enum: Array.isArray(property.enum) ? property.enum : undefined,
    default: property.default,
  };
}
