import type { SchemaChange } from './change';
import { additionalPropertiesModel, patternOf, propertyModel, type ContentModel } from './contentModel';
import { diffRestStates, restState } from './diffRest';
import type { DiffScope, Differ } from './differ';
import { diffBound, numberKeyword } from './diffScalars';
import type { JsonSchemaChangeKind } from './jsonSchemaKinds';
import { displayValue, hasOwn, isJsonObject } from './jsonValues';
import { isEmptySchema, isFalseSchema } from './schemaKeywords';
import { childPlace, keywordOrSelf, locationOf, objectValue, type SchemaPlace } from './schemaPlace';

export function diffObjectKeywords(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  return [
    ...diffProperties(differ, scope, o, n),
    ...diffRequired(differ, scope, o, n),
    ...diffPatternProperties(differ, scope, o, n),
    ...diffRestKeyword(differ, scope, o, n, 'additionalProperties', 'additional-properties'),
    ...diffRestKeyword(differ, scope, o, n, 'unevaluatedProperties', 'unevaluated-properties'),
    ...diffBound(differ, scope, o, n, numberKeyword(o, 'maxProperties'), numberKeyword(n, 'maxProperties'), { added: 'max-properties-added', removed: 'max-properties-removed', increased: 'max-properties-increased', decreased: 'max-properties-decreased' }, 'maxProperties'),
    ...diffBound(differ, scope, o, n, numberKeyword(o, 'minProperties'), numberKeyword(n, 'minProperties'), { added: 'min-properties-added', removed: 'min-properties-removed', increased: 'min-properties-increased', decreased: 'min-properties-decreased' }, 'minProperties'),
    ...diffDependencies(differ, scope, o, n),
    ...diffPropertyNames(differ, scope, o, n),
  ];
}

function propertiesOf(place: SchemaPlace): Record<string, unknown> {
  const properties = objectValue(place)?.properties;
  return isJsonObject(properties) ? properties : {};
}

function requiredOf(place: SchemaPlace): string[] {
  const required = objectValue(place)?.required;
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
}

function hasDefault(differ: Differ, place: SchemaPlace) {
  const followed = differ.follow(place);
  return hasOwn(followed.place.value, 'default');
}

type Presence = 'optional' | 'required' | 'required-with-default';

const PRESENCE_PREFIX = { optional: 'optional-property', required: 'required-property', 'required-with-default': 'required-property-with-default' } as const;

/**
 * Properties added and removed, each judged by the content model of the version that did not
 * declare it: what could data written under that version have carried under this name?
 */
function diffProperties(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const before = propertiesOf(o);
  const after = propertiesOf(n);
  const requiredBefore = new Set(requiredOf(o));
  const requiredAfter = new Set(requiredOf(n));
  const names = [...Object.keys(before), ...Object.keys(after).filter((name) => !hasOwn(before, name))];
  for (const name of names) {
    const inOld = hasOwn(before, name);
    const inNew = hasOwn(after, name);
    if (inOld && inNew) {
      changes.push(...differ.diff(childPlace(o, 'properties', name), childPlace(n, 'properties', name), scope));
      continue;
    }
    if (inNew) {
      const property = childPlace(n, 'properties', name);
      const presence: Presence = requiredAfter.has(name) && !requiredBefore.has(name) ? (hasDefault(differ, property) ? 'required-with-default' : 'required') : 'optional';
      const model = propertyModel(differ, o, name);
      const oldLocation = keywordOrSelf(o, 'properties');
      const newLocation = locationOf(n, 'properties', name);
      const kind = addedPropertyKind(model, presence, isEmptySchema(property, differ.env), isFalseSchema(property.value));
      changes.push(differ.change(scope, kind, oldLocation, newLocation, { subject: name }));
      if (model.kind === 'partial') for (const covering of model.schemas) changes.push(...differ.diff(covering, property, scope));
    } else {
      const property = childPlace(o, 'properties', name);
      const presence: Presence = requiredBefore.has(name) && !requiredAfter.has(name) ? (hasDefault(differ, property) ? 'required-with-default' : 'required') : 'optional';
      const model = propertyModel(differ, n, name);
      const kind = removedPropertyKind(model, presence, isEmptySchema(property, differ.env), isFalseSchema(property.value));
      changes.push(differ.change(scope, kind, locationOf(o, 'properties', name), keywordOrSelf(n, 'properties'), { subject: name }));
      if (model.kind === 'partial') for (const covering of model.schemas) changes.push(...differ.diff(property, covering, scope));
    }
  }
  return changes;
}

function addedPropertyKind(model: ContentModel, presence: Presence, empty: boolean, never: boolean): JsonSchemaChangeKind {
  switch (model.kind) {
    case 'open':
      return presence === 'optional' && empty ? 'property-with-empty-schema-added-to-open-content-model' : `${PRESENCE_PREFIX[presence]}-added-to-open-content-model`;
    case 'closed':
      return presence === 'optional' && never ? 'property-with-false-schema-added-to-closed-content-model' : `${PRESENCE_PREFIX[presence]}-added-to-closed-content-model`;
    case 'partial':
      return `${PRESENCE_PREFIX[presence]}-added-to-partially-open-content-model`;
  }
}

function removedPropertyKind(model: ContentModel, presence: Presence, empty: boolean, never: boolean): JsonSchemaChangeKind {
  switch (model.kind) {
    case 'open':
      return presence === 'optional' && empty ? 'property-with-empty-schema-removed-from-open-content-model' : `${PRESENCE_PREFIX[presence]}-removed-from-open-content-model`;
    case 'closed':
      return presence === 'optional' && never ? 'property-with-false-schema-removed-from-closed-content-model' : `${PRESENCE_PREFIX[presence]}-removed-from-closed-content-model`;
    case 'partial':
      return `${PRESENCE_PREFIX[presence]}-removed-from-partially-open-content-model`;
  }
}

/**
 * `required` entries, for every name whose required-ness changed, except where a property added
 * or removed already says it (an added property the new version now requires, a removed one the
 * old version required): its own kind carries that. A name the version with the entry does not
 * declare in `properties` has kinds of its own: the registry ignores such entries, data does not.
 */
function diffRequired(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const before = propertiesOf(o);
  const after = propertiesOf(n);
  const requiredBefore = requiredOf(o);
  const requiredAfter = requiredOf(n);
  const saidByProperty = (name: string) => (hasOwn(after, name) && !hasOwn(before, name) && requiredAfter.includes(name)) || (hasOwn(before, name) && !hasOwn(after, name) && requiredBefore.includes(name));
  for (const [index, name] of requiredAfter.entries()) {
    if (requiredBefore.includes(name) || saidByProperty(name)) continue;
    const kind = !hasOwn(after, name) ? 'required-added-for-undeclared-property' : hasDefault(differ, childPlace(n, 'properties', name)) ? 'required-added-with-default' : 'required-added';
    changes.push(differ.change(scope, kind, keywordOrSelf(o, 'required'), locationOf(n, 'required', index), { subject: name }));
  }
  for (const [index, name] of requiredBefore.entries()) {
    if (requiredAfter.includes(name) || saidByProperty(name)) continue;
    const kind = !hasOwn(before, name) ? 'required-removed-for-undeclared-property' : hasDefault(differ, childPlace(o, 'properties', name)) ? 'required-removed-with-default' : 'required-removed';
    changes.push(differ.change(scope, kind, locationOf(o, 'required', index), keywordOrSelf(n, 'required'), { subject: name }));
  }
  return changes;
}

function patternPropertiesOf(place: SchemaPlace): Record<string, unknown> {
  const value = objectValue(place)?.patternProperties;
  return isJsonObject(value) ? value : {};
}

/** `patternProperties` entries: each is a family of properties, judged like a property against the additional-properties model. */
function diffPatternProperties(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const before = patternPropertiesOf(o);
  const after = patternPropertiesOf(n);
  const declaredInBoth = Object.keys(propertiesOf(o)).filter((name) => hasOwn(propertiesOf(n), name));
  for (const source of [...Object.keys(before), ...Object.keys(after).filter((key) => !hasOwn(before, key))]) {
    const inOld = hasOwn(before, source);
    const inNew = hasOwn(after, source);
    if (inOld && inNew) {
      changes.push(...differ.diff(childPlace(o, 'patternProperties', source), childPlace(n, 'patternProperties', source), scope));
      continue;
    }
    const matched = declaredInBoth.filter((name) => patternOf(source)?.test(name));
    if (inNew) {
      const entry = childPlace(n, 'patternProperties', source);
      const model = additionalPropertiesModel(differ, o);
      const kind: JsonSchemaChangeKind = model.kind === 'open' ? 'pattern-property-added-to-open-content-model' : model.kind === 'closed' ? 'pattern-property-added-to-closed-content-model' : 'pattern-property-added-to-partially-open-content-model';
      changes.push(differ.change(scope, kind, keywordOrSelf(o, 'patternProperties'), locationOf(n, 'patternProperties', source), { subject: source }));
      if (model.kind === 'partial') for (const covering of model.schemas) changes.push(...differ.diff(covering, entry, scope));
      if (!isEmptySchema(entry, differ.env)) for (const name of matched) changes.push(differ.change(scope, 'pattern-property-added-over-property', locationOf(o, 'properties', name), locationOf(n, 'patternProperties', source), { subject: name, newValue: source }));
    } else {
      const entry = childPlace(o, 'patternProperties', source);
      const model = additionalPropertiesModel(differ, n);
      const kind: JsonSchemaChangeKind = model.kind === 'open' ? 'pattern-property-removed-from-open-content-model' : model.kind === 'closed' ? 'pattern-property-removed-from-closed-content-model' : 'pattern-property-removed-from-partially-open-content-model';
      changes.push(differ.change(scope, kind, locationOf(o, 'patternProperties', source), keywordOrSelf(n, 'patternProperties'), { subject: source }));
      if (model.kind === 'partial') for (const covering of model.schemas) changes.push(...differ.diff(entry, covering, scope));
      if (!isEmptySchema(entry, differ.env)) for (const name of matched) changes.push(differ.change(scope, 'pattern-property-removed-over-property', locationOf(o, 'patternProperties', source), locationOf(n, 'properties', name), { subject: name, oldValue: source }));
    }
  }
  return changes;
}

function diffRestKeyword(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace, keyword: string, prefix: 'additional-properties' | 'unevaluated-properties'): SchemaChange[] {
  return diffRestStates(differ, scope, restState(differ, o, keyword), restState(differ, n, keyword), { old: o, new: n, oldKeyword: keyword, newKeyword: keyword }, { closed: `${prefix}-closed`, opened: `${prefix}-opened`, narrowed: `${prefix}-narrowed`, extended: `${prefix}-extended` }, keyword);
}

type Dependency = { kind: 'array'; names: string[]; keyword: string } | { kind: 'schema'; keyword: string };

/** `dependencies` (draft-07), `dependentRequired` and `dependentSchemas` (2019-09 on), by property. */
function dependenciesOf(place: SchemaPlace): Map<string, Dependency> {
  const result = new Map<string, Dependency>();
  const value = objectValue(place) ?? {};
  for (const keyword of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
    const entries = value[keyword];
    if (!isJsonObject(entries)) continue;
    for (const [name, entry] of Object.entries(entries)) {
      if (Array.isArray(entry) && keyword !== 'dependentSchemas') result.set(name, { kind: 'array', names: entry.filter((item): item is string => typeof item === 'string'), keyword });
      else if (keyword !== 'dependentRequired' && (isJsonObject(entry) || typeof entry === 'boolean')) result.set(name, { kind: 'schema', keyword });
    }
  }
  return result;
}

function diffDependencies(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const before = dependenciesOf(o);
  const after = dependenciesOf(n);
  const added = (name: string, dependency: Dependency) =>
    changes.push(differ.change(scope, dependency.kind === 'array' ? 'dependencies-array-added' : 'dependencies-schema-added', locationOf(o), locationOf(n, dependency.keyword, name), { subject: name, newValue: dependency.kind === 'array' ? dependency.names : undefined }));
  const removed = (name: string, dependency: Dependency) =>
    changes.push(differ.change(scope, dependency.kind === 'array' ? 'dependencies-array-removed' : 'dependencies-schema-removed', locationOf(o, dependency.keyword, name), locationOf(n), { subject: name, oldValue: dependency.kind === 'array' ? dependency.names : undefined }));
  for (const [name, dependency] of before) {
    const other = after.get(name);
    if (!other) removed(name, dependency);
    else if (dependency.kind !== other.kind) {
      removed(name, dependency);
      added(name, other);
    } else if (dependency.kind === 'schema') {
      changes.push(...differ.diff(childPlace(o, dependency.keyword, name), childPlace(n, other.keyword, name), scope));
    } else if (other.kind === 'array') {
      const more = other.names.filter((item) => !dependency.names.includes(item));
      const fewer = dependency.names.filter((item) => !other.names.includes(item));
      if (more.length === 0 && fewer.length === 0) continue;
      const kind = fewer.length === 0 ? 'dependencies-array-extended' : more.length === 0 ? 'dependencies-array-narrowed' : 'dependencies-array-changed';
      changes.push(differ.change(scope, kind, locationOf(o, dependency.keyword, name), locationOf(n, other.keyword, name), { subject: name, oldValue: displayValue(fewer), newValue: displayValue(more) }));
    }
  }
  for (const [name, dependency] of after) if (!before.has(name)) added(name, dependency);
  return changes;
}

function diffPropertyNames(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const before = hasOwn(o.value, 'propertyNames') && !isEmptySchema(childPlace(o, 'propertyNames'), differ.env);
  const after = hasOwn(n.value, 'propertyNames') && !isEmptySchema(childPlace(n, 'propertyNames'), differ.env);
  if (before && after) return differ.diff(childPlace(o, 'propertyNames'), childPlace(n, 'propertyNames'), scope);
  if (after) return [differ.change(scope, 'property-names-added', locationOf(o), locationOf(n, 'propertyNames'), { subject: 'propertyNames' })];
  if (before) return [differ.change(scope, 'property-names-removed', locationOf(o, 'propertyNames'), locationOf(n), { subject: 'propertyNames' })];
  return [];
}
