import * as avro from 'avsc';
import type { PathFinding } from '../findings/finding';

type Path = (string | number)[];

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELD_ORDERS = new Set(['ascending', 'descending', 'ignore']);

/**
 * Checks an Avro schema by the Avro specification, each problem at its own node: the walk below
 * knows where every rule applies. avsc, a complete implementation, then parses the schema; a
 * problem only it finds (default values, mostly) is placed where its message points.
 */
export function checkAvroSchema(value: unknown, basePath: Path = []): PathFinding[] {
  const walker = new AvroWalker(basePath);
  walker.walk(value, [], undefined);
  walker.checkReferences();
  if (walker.findings.length > 0) return walker.findings;
  try {
    avro.Type.forSchema(value as avro.Schema);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ ruleId: 'avro-schema-invalid', message: `Invalid Avro schema: ${message}`, path: [...basePath, ...locateAvscError(value, message)] }];
  }
  return [];
}

class AvroWalker {
  readonly findings: PathFinding[] = [];
  private readonly defined = new Map<string, Path>();
  private readonly references: Array<{ name: string; namespace?: string; path: Path }> = [];

  constructor(private readonly basePath: Path) {}

  private report(path: Path, message: string, anchor: PathFinding['anchor'] = 'auto') {
    this.findings.push({ ruleId: 'avro-schema-invalid', message, path: [...this.basePath, ...path], anchor });
  }

  walk(schema: unknown, path: Path, namespace: string | undefined) {
    if (typeof schema === 'string') {
      if (!PRIMITIVES.has(schema)) this.references.push({ name: schema, namespace, path });
      return;
    }
    if (Array.isArray(schema)) {
      this.walkUnion(schema, path, namespace);
      return;
    }
    if (schema === null || typeof schema !== 'object') {
      this.report(path, `An Avro schema is a type name, a JSON object or a union (JSON array), not ${JSON.stringify(schema)}`);
      return;
    }
    const object = schema as Record<string, unknown>;
    const type = object.type;
    if (type === undefined) {
      this.report(path, 'An Avro schema object needs a "type"');
      return;
    }
    if (typeof type !== 'string') {
      this.walk(type, [...path, 'type'], namespace);
      return;
    }
    switch (type) {
      case 'record':
      case 'error':
        this.walkRecord(object, path, namespace);
        return;
      case 'enum':
        this.walkEnum(object, path, namespace);
        return;
      case 'fixed': {
        this.define(object, path, namespace);
        const size = object.size;
        if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) this.report(object.size === undefined ? path : [...path, 'size'], 'A fixed type needs a "size": a non-negative integer');
        this.checkLogicalType(object, path);
        return;
      }
      case 'array':
        if (object.items === undefined) this.report(path, 'An array type needs "items"');
        else this.walk(object.items, [...path, 'items'], namespace);
        return;
      case 'map':
        if (object.values === undefined) this.report(path, 'A map type needs "values"');
        else this.walk(object.values, [...path, 'values'], namespace);
        return;
      default:
        if (PRIMITIVES.has(type)) this.checkLogicalType(object, path);
        else this.references.push({ name: type, namespace, path: [...path, 'type'] });
    }
  }

  private walkUnion(branches: unknown[], path: Path, namespace: string | undefined) {
    const seen = new Map<string, number>();
    branches.forEach((branch, index) => {
      if (Array.isArray(branch)) {
        this.report([...path, index], 'Unions cannot contain other unions directly');
        return;
      }
      this.walk(branch, [...path, index], namespace);
      const key = unionBranchKey(branch, namespace);
      if (key === undefined) return;
      if (seen.has(key)) this.report([...path, index], `A union may not hold the same type twice: "${key}" is also branch ${seen.get(key)}`);
      else seen.set(key, index);
    });
  }

  private walkRecord(object: Record<string, unknown>, path: Path, namespace: string | undefined) {
    const inner = this.define(object, path, namespace);
    const fields = object.fields;
    if (!Array.isArray(fields)) {
      this.report(fields === undefined ? path : [...path, 'fields'], 'A record needs "fields": a JSON array of field objects');
      return;
    }
    const names = new Set<string>();
    fields.forEach((field, index) => {
      const fieldPath = [...path, 'fields', index];
      if (!field || typeof field !== 'object' || Array.isArray(field)) {
        this.report(fieldPath, 'A record field is a JSON object with a "name" and a "type"');
        return;
      }
      const { name, type, order, aliases } = field as Record<string, unknown>;
      if (typeof name !== 'string' || !NAME.test(name)) {
        this.report(name === undefined ? fieldPath : [...fieldPath, 'name'], `A field needs a "name" that starts with a letter or _ and holds only letters, digits and _${typeof name === 'string' ? ` ("${name}" does not)` : ''}`);
      } else if (names.has(name)) {
        this.report([...fieldPath, 'name'], `Duplicate field name "${name}"`);
      } else {
        names.add(name);
      }
      if (type === undefined) this.report(fieldPath, `Field ${typeof name === 'string' ? `"${name}" ` : ''}needs a "type"`);
      else this.walk(type, [...fieldPath, 'type'], inner);
      if (order !== undefined && (typeof order !== 'string' || !FIELD_ORDERS.has(order))) this.report([...fieldPath, 'order'], 'A field "order" is "ascending", "descending" or "ignore"');
      if (aliases !== undefined && (!Array.isArray(aliases) || aliases.some((alias) => typeof alias !== 'string' || !NAME.test(alias)))) this.report([...fieldPath, 'aliases'], 'Field "aliases" is a JSON array of names');
    });
  }

  private walkEnum(object: Record<string, unknown>, path: Path, namespace: string | undefined) {
    this.define(object, path, namespace);
    const symbols = object.symbols;
    if (!Array.isArray(symbols)) {
      this.report(symbols === undefined ? path : [...path, 'symbols'], 'An enum needs "symbols": a JSON array of names');
      return;
    }
    const seen = new Set<string>();
    symbols.forEach((symbol, index) => {
      if (typeof symbol !== 'string' || !NAME.test(symbol)) this.report([...path, 'symbols', index], `Enum symbol ${JSON.stringify(symbol)} is not a valid name`);
      else if (seen.has(symbol)) this.report([...path, 'symbols', index], `Duplicate enum symbol "${symbol}"`);
      else seen.add(symbol);
    });
    if (object.default !== undefined && (typeof object.default !== 'string' || !seen.has(object.default))) {
      this.report([...path, 'default'], `The enum default ${JSON.stringify(object.default)} is not one of its symbols`);
    }
  }

  /** Registers a named type; returns the namespace its children inherit. */
  private define(object: Record<string, unknown>, path: Path, namespace: string | undefined): string | undefined {
    const { name } = object;
    let ownNamespace = typeof object.namespace === 'string' ? object.namespace : namespace;
    if (typeof name !== 'string') {
      this.report(path, `A named type (${String(object.type)}) needs a "name"`);
      return ownNamespace;
    }
    const parts = name.split('.');
    if (parts.some((part) => !NAME.test(part))) {
      this.report([...path, 'name'], `"${name}" is not a valid Avro name: each part starts with a letter or _ and holds only letters, digits and _`);
      return ownNamespace;
    }
    if (parts.length > 1) ownNamespace = parts.slice(0, -1).join('.');
    if (ownNamespace && ownNamespace.split('.').some((part) => !NAME.test(part))) this.report([...path, 'namespace'], `"${ownNamespace}" is not a valid Avro namespace`);
    const fullName = parts.length > 1 ? name : ownNamespace ? `${ownNamespace}.${name}` : name;
    if (PRIMITIVES.has(name)) this.report([...path, 'name'], `"${name}" is a primitive type name and cannot name a type`);
    const previous = this.defined.get(fullName);
    if (previous) this.report([...path, 'name'], `The type "${fullName}" is defined twice`);
    else this.defined.set(fullName, path);
    return ownNamespace;
  }

  private checkLogicalType(object: Record<string, unknown>, path: Path) {
    if (object.logicalType !== 'decimal') return;
    const { precision, scale } = object;
    if (typeof precision !== 'number' || !Number.isInteger(precision) || precision <= 0) {
      this.report(precision === undefined ? path : [...path, 'precision'], 'A decimal needs a "precision": a positive integer');
    } else if (scale !== undefined && (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0 || scale > precision)) {
      this.report([...path, 'scale'], `A decimal "scale" is an integer from 0 to its precision (${precision})`);
    }
  }

  checkReferences() {
    for (const reference of this.references) {
      const candidates = reference.name.includes('.') || !reference.namespace ? [reference.name] : [`${reference.namespace}.${reference.name}`, reference.name];
      if (!candidates.some((candidate) => this.defined.has(candidate))) {
        this.report(reference.path, `Unknown type "${reference.name}": it is neither a primitive type nor a type defined in this schema`);
      }
    }
  }
}

function unionBranchKey(branch: unknown, namespace: string | undefined): string | undefined {
  if (typeof branch === 'string') return PRIMITIVES.has(branch) || branch.includes('.') || !namespace ? branch : `${namespace}.${branch}`;
  if (!branch || typeof branch !== 'object' || Array.isArray(branch)) return undefined;
  const { type, name } = branch as Record<string, unknown>;
  if (type === 'array' || type === 'map') return String(type);
  if (typeof name === 'string') return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
  return typeof type === 'string' ? type : undefined;
}

/** avsc names the offending value in its messages; find the node that holds it. */
function locateAvscError(schema: unknown, message: string): Path {
  const defaultMatch = /incompatible field default (.+?) \(/.exec(message);
  if (defaultMatch) {
    const found = findPath(schema, (value, key) => key === 'default' && JSON.stringify(value) === defaultMatch[1]);
    if (found) return found;
  }
  for (const quoted of message.match(/"[^"]+"/g) ?? []) {
    const text = quoted.slice(1, -1);
    const found = findPath(schema, (value) => value === text);
    if (found) return found;
  }
  return [];
}

function findPath(value: unknown, test: (value: unknown, key: string | number | undefined) => boolean, path: Path = [], key?: string | number): Path | undefined {
  if (test(value, key)) return path;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findPath(value[index], test, [...path, index], index);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [childKey, child] of Object.entries(value)) {
      const found = findPath(child, test, [...path, childKey], childKey);
      if (found) return found;
    }
  }
  return undefined;
}
