import { valueAtPath } from '../references/refSites';
import { pathToPointer, type JsonPath } from '../text/paths';
import type { ChangeLocation, SchemaChange } from './change';
import type { AvroChangeKind } from './avroKinds';
import { displayValue, hasOwn, isJsonObject, jsonEqual, type JsonObject } from './jsonValues';

/** An Avro schema: the plain value of its file (an .avsc, or an AsyncAPI document) and where it is in it. */
export interface AvroInput {
  root: unknown;
  path?: JsonPath;
  uri?: string;
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Writer type → reader types it resolves to by promotion (Avro specification, "Schema Resolution"). */
const PROMOTIONS: Readonly<Record<string, readonly string[]>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

interface Site {
  uri: string | undefined;
  root: unknown;
  path: JsonPath;
  value: unknown;
  /** The namespace names written here are resolved in. */
  namespace: string | undefined;
  names: ReadonlyMap<string, Site>;
}

type AvroType =
  | { kind: 'primitive'; name: string; site: Site; definition: JsonObject | undefined }
  | { kind: 'record' | 'enum' | 'fixed'; fullName: string; site: Site; definition: Site; object: JsonObject }
  | { kind: 'array' | 'map'; site: Site; object: JsonObject }
  | { kind: 'union'; site: Site; branches: Site[] }
  | { kind: 'unknown'; site: Site };

/**
 * The differences between two versions of an Avro schema, each classified by what reader/writer
 * resolution does with it: BACKWARD reads old data with the new schema, FORWARD the reverse.
 * Named types match on their unqualified name or through aliases, fields by name or alias;
 * records, enums, fixed, arrays, maps and unions are compared recursively.
 */
export function diffAvroSchemas(oldSchema: AvroInput, newSchema: AvroInput): SchemaChange[] {
  const differ = new AvroDiffer();
  return differ.compare(siteOf(oldSchema), siteOf(newSchema));
}

function siteOf(input: AvroInput): Site {
  const path = input.path ?? [];
  const value = valueAtPath(input.root, path).value;
  const names = new Map<string, Site>();
  const site: Site = { uri: input.uri, root: input.root, path, value, namespace: undefined, names };
  collectNames(site, names, 0);
  return site;
}

/** Registers every named type by full name, with the namespace its own contents resolve in. */
function collectNames(site: Site, names: Map<string, Site>, depth: number) {
  if (depth > 200) return;
  const value = site.value;
  if (Array.isArray(value)) {
    value.forEach((_, index) => collectNames(child(site, index), names, depth + 1));
    return;
  }
  if (!isJsonObject(value)) return;
  const type = value.type;
  if (typeof type !== 'string') {
    if (type !== undefined) collectNames(child(site, 'type'), names, depth + 1);
    return;
  }
  if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
    const fullName = fullNameOf(value, site.namespace);
    if (!fullName) return;
    const inner: Site = { ...site, namespace: namespaceOf(fullName) };
    if (!names.has(fullName)) names.set(fullName, inner);
    if ((type === 'record' || type === 'error') && Array.isArray(value.fields)) {
      value.fields.forEach((_, index) => collectNames(child(inner, 'fields', index, 'type'), names, depth + 1));
    }
  } else if (type === 'array') {
    collectNames(child(site, 'items'), names, depth + 1);
  } else if (type === 'map') {
    collectNames(child(site, 'values'), names, depth + 1);
  }
}

function child(site: Site, ...segments: Array<string | number>): Site {
  return { ...site, path: [...site.path, ...segments], value: valueAtPath(site.value, segments).value };
}

function fullNameOf(object: JsonObject, enclosing: string | undefined): string | undefined {
  const name = object.name;
  if (typeof name !== 'string' || name === '') return undefined;
  if (name.includes('.')) return name;
  const namespace = typeof object.namespace === 'string' ? object.namespace : enclosing;
  return namespace ? `${namespace}.${name}` : name;
}

function namespaceOf(fullName: string): string | undefined {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? undefined : fullName.slice(0, dot);
}

function unqualified(fullName: string) {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

/** Aliases of a named type or field, qualified by the type's namespace when they are not already. */
function aliasesOf(object: JsonObject, namespace: string | undefined): string[] {
  const aliases = Array.isArray(object.aliases) ? object.aliases.filter((alias): alias is string => typeof alias === 'string') : [];
  return aliases.map((alias) => (alias.includes('.') || !namespace ? alias : `${namespace}.${alias}`));
}

function typeAt(site: Site): AvroType {
  const value = site.value;
  if (typeof value === 'string') {
    if (PRIMITIVES.has(value)) return { kind: 'primitive', name: value, site, definition: undefined };
    const candidates = value.includes('.') ? [value] : [site.namespace ? `${site.namespace}.${value}` : value, value];
    for (const candidate of candidates) {
      const definition = site.names.get(candidate);
      if (definition && isJsonObject(definition.value)) return named(site, definition, candidate);
    }
    return { kind: 'unknown', site };
  }
  if (Array.isArray(value)) return { kind: 'union', site, branches: value.map((_, index) => child(site, index)) };
  if (!isJsonObject(value)) return { kind: 'unknown', site };
  const type = value.type;
  if (typeof type !== 'string') return type === undefined ? { kind: 'unknown', site } : typeAt(child(site, 'type'));
  if (PRIMITIVES.has(type)) return { kind: 'primitive', name: type, site, definition: value };
  if (type === 'array' || type === 'map') return { kind: type, site, object: value };
  if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
    const fullName = fullNameOf(value, site.namespace);
    if (!fullName) return { kind: 'unknown', site };
    return named(site, { ...site, namespace: namespaceOf(fullName) }, fullName);
  }
  return typeAt({ ...site, value: type });
}

function named(site: Site, definition: Site, fullName: string): AvroType {
  const object = definition.value as JsonObject;
  const kind = object.type === 'error' ? 'record' : (object.type as 'record' | 'enum' | 'fixed');
  return { kind, fullName, site, definition, object };
}

function location(site: Site, ...segments: Array<string | number>): ChangeLocation {
  return { ...(site.uri !== undefined ? { uri: site.uri } : {}), path: [...site.path, ...segments] };
}

function siteKey(site: Site) {
  return `${site.uri ?? ''}#${pathToPointer(site.path)}`;
}

/** A named type is itself wherever it is referenced; anything else is where it is written. */
function identityKey(type: AvroType) {
  return type.kind === 'record' || type.kind === 'enum' || type.kind === 'fixed' ? siteKey(type.definition) : siteKey(type.site);
}

function readsByPromotion(writer: AvroType, reader: AvroType) {
  return writer.kind === 'primitive' && reader.kind === 'primitive' && (PROMOTIONS[writer.name] ?? []).includes(reader.name);
}

/** Whether a reader type reads a writer type without looking inside (the same primitive, a matching name, an array for an array). */
function sameShape(a: AvroType, b: AvroType) {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'primitive' && b.kind === 'primitive') return a.name === b.name;
  if ((a.kind === 'record' || a.kind === 'enum' || a.kind === 'fixed') && b.kind === a.kind) return namesMatch(a, b as typeof a) !== 'none';
  return a.kind === 'array' || a.kind === 'map';
}

type NameMatch = 'same' | 'namespace' | 'reader-alias' | 'writer-alias' | 'both-aliases' | 'none';

/** How the old (`a`) and new (`b`) named types match: the new one's aliases let it read the old one (reader-alias), and the reverse. */
function namesMatch(a: Extract<AvroType, { fullName: string }>, b: Extract<AvroType, { fullName: string }>): NameMatch {
  if (a.fullName === b.fullName) return 'same';
  if (unqualified(a.fullName) === unqualified(b.fullName)) return 'namespace';
  const newReadsOld = aliasesOf(b.object, namespaceOf(b.fullName)).includes(a.fullName);
  const oldReadsNew = aliasesOf(a.object, namespaceOf(a.fullName)).includes(b.fullName);
  return newReadsOld && oldReadsNew ? 'both-aliases' : newReadsOld ? 'reader-alias' : oldReadsNew ? 'writer-alias' : 'none';
}

class AvroDiffer {
  private readonly inProgress = new Set<string>();
  private readonly changes: SchemaChange[] = [];
  private readonly seen = new Set<string>();
  private depth = 0;

  compare(oldSite: Site, newSite: Site): SchemaChange[] {
    this.compareSites(oldSite, newSite);
    return this.changes;
  }

  private add(kind: AvroChangeKind, oldLocation: ChangeLocation, newLocation: ChangeLocation, details: { subject?: string; oldValue?: unknown; newValue?: unknown } = {}) {
    const key = `${kind}|${oldLocation.uri ?? ''}#${pathToPointer(oldLocation.path)}|${newLocation.uri ?? ''}#${pathToPointer(newLocation.path)}|${details.subject ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const change: SchemaChange = { kind, old: oldLocation, new: newLocation };
    if (details.subject !== undefined) change.subject = details.subject;
    if (details.oldValue !== undefined) change.oldValue = details.oldValue;
    if (details.newValue !== undefined) change.newValue = details.newValue;
    this.changes.push(change);
  }

  private compareSites(oldSite: Site, newSite: Site) {
    if (this.depth > 200) return;
    const before = typeAt(oldSite);
    const after = typeAt(newSite);
    const key = `${identityKey(before)}|${identityKey(after)}`;
    // Recursive named types: a pair already being compared is assumed equal.
    if (this.inProgress.has(key)) return;
    this.inProgress.add(key);
    this.depth++;
    try {
      if (before.kind === 'union' || after.kind === 'union') this.compareUnions(before, after);
      else this.compareTypes(before, after);
    } finally {
      this.depth--;
      this.inProgress.delete(key);
    }
  }

  private compareTypes(before: AvroType, after: AvroType) {
    const oldLocation = location(before.site);
    const newLocation = location(after.site);
    if (before.kind === 'unknown' || after.kind === 'unknown') {
      if (!jsonEqual(before.site.value, after.site.value)) this.add('avro-type-changed', oldLocation, newLocation, { oldValue: displayValue(before.site.value), newValue: displayValue(after.site.value) });
      return;
    }
    if (before.kind === 'primitive' && after.kind === 'primitive') {
      this.comparePrimitives(before, after);
      return;
    }
    if (before.kind !== after.kind) {
      this.add('avro-type-changed', oldLocation, newLocation, { oldValue: describeType(before), newValue: describeType(after) });
      return;
    }
    if (before.kind === 'array' && after.kind === 'array') {
      this.compareSites(child(before.site, 'items'), child(after.site, 'items'));
      return;
    }
    if (before.kind === 'map' && after.kind === 'map') {
      this.compareSites(child(before.site, 'values'), child(after.site, 'values'));
      return;
    }
    if ((before.kind === 'record' || before.kind === 'enum' || before.kind === 'fixed') && after.kind === before.kind) {
      const named = after as Extract<AvroType, { fullName: string }>;
      if (!this.compareNames(before, named)) return;
      this.compareDoc(before.definition, named.definition);
      if (before.kind === 'record') this.compareRecords(before.definition, named.definition);
      else if (before.kind === 'enum') this.compareEnums(before.definition, named.definition);
      else this.compareFixed(before.definition, named.definition);
    }
  }

  private comparePrimitives(before: Extract<AvroType, { kind: 'primitive' }>, after: Extract<AvroType, { kind: 'primitive' }>) {
    const oldLocation = location(before.site);
    const newLocation = location(after.site);
    if (before.name === after.name) {
      const logical = (definition: JsonObject | undefined) => (definition ? { logicalType: definition.logicalType, precision: definition.precision, scale: definition.scale } : {});
      const oldLogical = logical(before.definition);
      const newLogical = logical(after.definition);
      if (!jsonEqual(JSON.parse(JSON.stringify(oldLogical)), JSON.parse(JSON.stringify(newLogical)))) {
        this.add('avro-logical-type-changed', oldLocation, newLocation, { subject: before.name, oldValue: displayValue(oldLogical.logicalType ?? null), newValue: displayValue(newLogical.logicalType ?? null) });
      }
      return;
    }
    const details = { oldValue: before.name, newValue: after.name };
    if ((before.name === 'string' && after.name === 'bytes') || (before.name === 'bytes' && after.name === 'string')) this.add('avro-type-string-bytes', oldLocation, newLocation, details);
    else if (readsByPromotion(before, after)) this.add('avro-type-promoted', oldLocation, newLocation, details);
    else if (readsByPromotion(after, before)) this.add('avro-type-demoted', oldLocation, newLocation, details);
    else this.add('avro-type-changed', oldLocation, newLocation, details);
  }

  /** Reports a rename or namespace move; false when the names do not resolve at all. */
  private compareNames(before: Extract<AvroType, { fullName: string }>, after: Extract<AvroType, { fullName: string }>): boolean {
    const match = namesMatch(before, after);
    const details = { subject: unqualified(after.fullName), oldValue: before.fullName, newValue: after.fullName };
    const oldLocation = location(before.definition, 'name');
    const newLocation = location(after.definition, 'name');
    switch (match) {
      case 'same':
        return true;
      case 'namespace':
        this.add('avro-namespace-changed', oldLocation, newLocation, details);
        return true;
      case 'reader-alias':
        this.add('avro-type-renamed', oldLocation, newLocation, details);
        return true;
      case 'writer-alias':
        this.add('avro-type-renamed-by-old-alias', oldLocation, newLocation, details);
        return true;
      case 'both-aliases':
        this.add('avro-type-renamed-both-ways', oldLocation, newLocation, details);
        return true;
      case 'none':
        this.add('avro-name-changed', oldLocation, newLocation, details);
        return false;
    }
  }

  private compareDoc(before: Site, after: Site) {
    const oldDoc = (before.value as JsonObject).doc;
    const newDoc = (after.value as JsonObject).doc;
    if (!jsonEqual(oldDoc, newDoc)) this.add('avro-doc-changed', hasOwn(before.value, 'doc') ? location(before, 'doc') : location(before), hasOwn(after.value, 'doc') ? location(after, 'doc') : location(after), { subject: 'doc' });
  }

  private compareRecords(before: Site, after: Site) {
    const oldFields = fieldsOf(before);
    const newFields = fieldsOf(after);
    const pairs: Array<{ old: Field; new: Field; newReadsOld: boolean; oldReadsNew: boolean }> = [];
    const pairedOld = new Set<Field>();
    const pairedNew = new Set<Field>();
    const pair = (oldField: Field, newField: Field) => {
      pairs.push({ old: oldField, new: newField, newReadsOld: oldField.name === newField.name || newField.aliases.includes(oldField.name), oldReadsNew: oldField.name === newField.name || oldField.aliases.includes(newField.name) });
      pairedOld.add(oldField);
      pairedNew.add(newField);
    };
    for (const newField of newFields) {
      const same = oldFields.find((oldField) => oldField.name === newField.name);
      if (same) pair(same, newField);
    }
    // A reader field matches a writer field by its own aliases (new reads old), or the old
    // field's aliases name the new one (old reads new).
    for (const newField of newFields) {
      if (pairedNew.has(newField)) continue;
      const aliased = oldFields.find((oldField) => !pairedOld.has(oldField) && newField.aliases.includes(oldField.name));
      if (aliased) pair(aliased, newField);
    }
    for (const oldField of oldFields) {
      if (pairedOld.has(oldField)) continue;
      const aliased = newFields.find((newField) => !pairedNew.has(newField) && oldField.aliases.includes(newField.name));
      if (aliased) pair(oldField, aliased);
    }
    for (const { old: oldField, new: newField, newReadsOld, oldReadsNew } of pairs) {
      const oldLocation = location(oldField.site);
      const newLocation = location(newField.site);
      if (oldField.name !== newField.name) {
        let kind: AvroChangeKind;
        if (newReadsOld && oldReadsNew) kind = 'avro-field-renamed-both-ways';
        else if (newReadsOld) kind = oldField.hasDefault ? 'avro-field-renamed-with-default' : 'avro-field-renamed';
        else kind = newField.hasDefault ? 'avro-field-renamed-by-old-alias-with-default' : 'avro-field-renamed-by-old-alias';
        this.add(kind, location(oldField.site, 'name'), location(newField.site, 'name'), { subject: newField.name, oldValue: oldField.name, newValue: newField.name });
      }
      if (oldField.hasDefault !== newField.hasDefault || !jsonEqual(oldField.object.default, newField.object.default)) {
        this.add('avro-field-default-changed', oldField.hasDefault ? location(oldField.site, 'default') : oldLocation, newField.hasDefault ? location(newField.site, 'default') : newLocation, { subject: newField.name, oldValue: displayValue(oldField.object.default), newValue: displayValue(newField.object.default) });
      }
      if (!jsonEqual(oldField.object.doc, newField.object.doc)) this.add('avro-doc-changed', hasOwn(oldField.object, 'doc') ? location(oldField.site, 'doc') : oldLocation, hasOwn(newField.object, 'doc') ? location(newField.site, 'doc') : newLocation, { subject: newField.name });
      this.compareSites(child(oldField.site, 'type'), child(newField.site, 'type'));
    }
    for (const newField of newFields) {
      if (pairedNew.has(newField)) continue;
      this.add(newField.hasDefault ? 'avro-field-added-with-default' : 'avro-field-added-without-default', hasOwn(before.value, 'fields') ? location(before, 'fields') : location(before), location(newField.site), { subject: newField.name });
    }
    for (const oldField of oldFields) {
      if (pairedOld.has(oldField)) continue;
      this.add(oldField.hasDefault ? 'avro-field-removed-with-default' : 'avro-field-removed-without-default', location(oldField.site), hasOwn(after.value, 'fields') ? location(after, 'fields') : location(after), { subject: oldField.name });
    }
  }

  private compareEnums(before: Site, after: Site) {
    const oldObject = before.value as JsonObject;
    const newObject = after.value as JsonObject;
    const oldSymbols = symbolsOf(oldObject);
    const newSymbols = symbolsOf(newObject);
    const oldDefault = typeof oldObject.default === 'string' && oldSymbols.includes(oldObject.default) ? oldObject.default : undefined;
    const newDefault = typeof newObject.default === 'string' && newSymbols.includes(newObject.default) ? newObject.default : undefined;
    newSymbols.forEach((symbol, index) => {
      if (oldSymbols.includes(symbol)) return;
      this.add(oldDefault !== undefined ? 'avro-enum-symbol-added-with-default' : 'avro-enum-symbol-added', location(before, 'symbols'), location(after, 'symbols', index), { subject: symbol, oldValue: oldDefault });
    });
    oldSymbols.forEach((symbol, index) => {
      if (newSymbols.includes(symbol)) return;
      this.add(newDefault !== undefined ? 'avro-enum-symbol-removed-with-default' : 'avro-enum-symbol-removed', location(before, 'symbols', index), location(after, 'symbols'), { subject: symbol, newValue: newDefault });
    });
    if (!jsonEqual(oldObject.default, newObject.default)) {
      this.add('avro-enum-default-changed', hasOwn(oldObject, 'default') ? location(before, 'default') : location(before), hasOwn(newObject, 'default') ? location(after, 'default') : location(after), { subject: 'default', oldValue: displayValue(oldObject.default), newValue: displayValue(newObject.default) });
    }
  }

  private compareFixed(before: Site, after: Site) {
    const oldSize = (before.value as JsonObject).size;
    const newSize = (after.value as JsonObject).size;
    if (oldSize !== newSize) this.add('avro-fixed-size-changed', location(before, 'size'), location(after, 'size'), { subject: 'size', oldValue: oldSize, newValue: newSize });
  }

  /**
   * Unions (a plain type being a one-branch union): branches pair by sameness first, then by
   * promotion; what stays unpaired was added or removed, unless the other side still reads it
   * through a promotion.
   */
  private compareUnions(before: AvroType, after: AvroType) {
    const oldBranches = before.kind === 'union' ? before.branches : [before.site];
    const newBranches = after.kind === 'union' ? after.branches : [after.site];
    const oldTypes = oldBranches.map(typeAt);
    const newTypes = newBranches.map(typeAt);
    const pairedOld = new Set<number>();
    const pairedNew = new Set<number>();
    const pairs: Array<[number, number]> = [];
    const tryPair = (accept: (a: AvroType, b: AvroType) => boolean) => {
      oldTypes.forEach((oldType, oldIndex) => {
        if (pairedOld.has(oldIndex)) return;
        const newIndex = newTypes.findIndex((newType, index) => !pairedNew.has(index) && accept(oldType, newType));
        if (newIndex < 0) return;
        pairs.push([oldIndex, newIndex]);
        pairedOld.add(oldIndex);
        pairedNew.add(newIndex);
      });
    };
    tryPair(sameShape);
    tryPair((a, b) => readsByPromotion(a, b) || readsByPromotion(b, a));
    for (const [oldIndex, newIndex] of pairs) this.compareSites(oldBranches[oldIndex]!, newBranches[newIndex]!);
    newTypes.forEach((newType, newIndex) => {
      if (pairedNew.has(newIndex)) return;
      const readable = oldTypes.some((oldType) => readsByPromotion(newType, oldType));
      this.add(readable ? 'avro-union-branch-added-promotable' : 'avro-union-branch-added', location(before.site), location(newBranches[newIndex]!), { subject: describeType(newType) });
    });
    oldTypes.forEach((oldType, oldIndex) => {
      if (pairedOld.has(oldIndex)) return;
      const readable = newTypes.some((newType) => readsByPromotion(oldType, newType));
      this.add(readable ? 'avro-union-branch-removed-promotable' : 'avro-union-branch-removed', location(oldBranches[oldIndex]!), location(after.site), { subject: describeType(oldType) });
    });
  }
}

interface Field {
  name: string;
  aliases: string[];
  hasDefault: boolean;
  object: JsonObject;
  site: Site;
}

function fieldsOf(record: Site): Field[] {
  const fields = (record.value as JsonObject).fields;
  if (!Array.isArray(fields)) return [];
  const result: Field[] = [];
  fields.forEach((field, index) => {
    if (!isJsonObject(field) || typeof field.name !== 'string') return;
    const aliases = Array.isArray(field.aliases) ? field.aliases.filter((alias): alias is string => typeof alias === 'string') : [];
    result.push({ name: field.name, aliases, hasDefault: hasOwn(field, 'default'), object: field, site: child(record, 'fields', index) });
  });
  return result;
}

function symbolsOf(object: JsonObject): string[] {
  return Array.isArray(object.symbols) ? object.symbols.filter((symbol): symbol is string => typeof symbol === 'string') : [];
}

function describeType(type: AvroType): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'record':
    case 'enum':
    case 'fixed':
      return type.fullName;
    case 'array':
    case 'map':
    case 'union':
      return type.kind;
    case 'unknown':
      return JSON.stringify(type.site.value) ?? 'unknown';
  }
}
