import type { SchemaChange } from './change';
import { isMultipleOf } from './decimalDivision';
import type { DiffScope, Differ } from './differ';
import type { JsonSchemaChangeKind } from './jsonSchemaKinds';
import { displayValue, hasOwn, jsonEqual, jsonTypeOf } from './jsonValues';
import { keywordOrSelf, locationOf, objectValue, type SchemaPlace } from './schemaPlace';

interface BoundKinds {
  added: JsonSchemaChangeKind;
  removed: JsonSchemaChangeKind;
  increased: JsonSchemaChangeKind;
  decreased: JsonSchemaChangeKind;
}

/** A numeric keyword as written, or as the old boolean `exclusiveMaximum` makes it. */
interface Bound {
  value: number;
  keyword: string;
}

/** Compares a numeric keyword (`maxLength`, `minimum`, `maxItems` …) by value. */
export function diffBound(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace, oldBound: Bound | undefined, newBound: Bound | undefined, kinds: BoundKinds, keyword: string): SchemaChange[] {
  if (!oldBound && !newBound) return [];
  const details = { subject: keyword, oldValue: oldBound?.value, newValue: newBound?.value };
  if (!oldBound) return [differ.change(scope, kinds.added, locationOf(o), locationOf(n, newBound!.keyword), details)];
  if (!newBound) return [differ.change(scope, kinds.removed, locationOf(o, oldBound.keyword), locationOf(n), details)];
  if (oldBound.value === newBound.value) return [];
  const kind = newBound.value > oldBound.value ? kinds.increased : kinds.decreased;
  return [differ.change(scope, kind, locationOf(o, oldBound.keyword), locationOf(n, newBound.keyword), details)];
}

export function numberKeyword(place: SchemaPlace, keyword: string): Bound | undefined {
  const value = objectValue(place)?.[keyword];
  return typeof value === 'number' && Number.isFinite(value) ? { value, keyword } : undefined;
}

function boundKinds(prefix: string): BoundKinds {
  return { added: `${prefix}-added`, removed: `${prefix}-removed`, increased: `${prefix}-increased`, decreased: `${prefix}-decreased` } as BoundKinds;
}

export function diffStringKeywords(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const changes = [
    ...diffBound(differ, scope, o, n, numberKeyword(o, 'maxLength'), numberKeyword(n, 'maxLength'), boundKinds('max-length'), 'maxLength'),
    ...diffBound(differ, scope, o, n, numberKeyword(o, 'minLength'), numberKeyword(n, 'minLength'), boundKinds('min-length'), 'minLength'),
  ];
  const oldPattern = stringKeyword(o, 'pattern');
  const newPattern = stringKeyword(n, 'pattern');
  const patternDetails = { subject: 'pattern', oldValue: oldPattern, newValue: newPattern };
  if (oldPattern === undefined && newPattern !== undefined) changes.push(differ.change(scope, 'pattern-added', locationOf(o), locationOf(n, 'pattern'), patternDetails));
  else if (oldPattern !== undefined && newPattern === undefined) changes.push(differ.change(scope, 'pattern-removed', locationOf(o, 'pattern'), locationOf(n), patternDetails));
  else if (oldPattern !== newPattern) changes.push(differ.change(scope, 'pattern-changed', locationOf(o, 'pattern'), locationOf(n, 'pattern'), patternDetails));

  const oldFormat = stringKeyword(o, 'format');
  const newFormat = stringKeyword(n, 'format');
  if (oldFormat !== newFormat) {
    const details = { subject: 'format', oldValue: oldFormat, newValue: newFormat };
    const asserted = differ.assertFormats || !formatIsAnnotation(o) || !formatIsAnnotation(n);
    const oldLocation = keywordOrSelf(o, 'format');
    const newLocation = keywordOrSelf(n, 'format');
    if (!asserted) changes.push(differ.change(scope, 'format-annotation-changed', oldLocation, newLocation, details));
    else if (oldFormat === undefined) changes.push(differ.change(scope, 'format-added', oldLocation, newLocation, details));
    else if (newFormat === undefined) changes.push(differ.change(scope, 'format-removed', oldLocation, newLocation, details));
    else changes.push(differ.change(scope, 'format-changed', oldLocation, newLocation, details));
  }
  return changes;
}

/** From 2019-09, `format` is an annotation unless the format-assertion vocabulary is asked for. */
function formatIsAnnotation(place: SchemaPlace) {
  return place.dialect === '2019-09' || place.dialect === '2020-12';
}

function stringKeyword(place: SchemaPlace, keyword: string): string | undefined {
  const value = objectValue(place)?.[keyword];
  return typeof value === 'string' ? value : undefined;
}

/** The four bounds, reading draft-04's boolean `exclusiveMaximum`/`exclusiveMinimum` as numbers. */
function numericBounds(place: SchemaPlace) {
  const value = objectValue(place) ?? {};
  const maximum = numberKeyword(place, 'maximum');
  const minimum = numberKeyword(place, 'minimum');
  const result = { maximum, minimum, exclusiveMaximum: numberKeyword(place, 'exclusiveMaximum'), exclusiveMinimum: numberKeyword(place, 'exclusiveMinimum') };
  if (value.exclusiveMaximum === true && maximum) {
    result.exclusiveMaximum = maximum;
    result.maximum = undefined;
  }
  if (value.exclusiveMinimum === true && minimum) {
    result.exclusiveMinimum = minimum;
    result.minimum = undefined;
  }
  return result;
}

export function diffNumberKeywords(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const before = numericBounds(o);
  const after = numericBounds(n);
  const changes = [
    ...diffBound(differ, scope, o, n, before.maximum, after.maximum, boundKinds('maximum'), 'maximum'),
    ...diffBound(differ, scope, o, n, before.minimum, after.minimum, boundKinds('minimum'), 'minimum'),
    ...diffBound(differ, scope, o, n, before.exclusiveMaximum, after.exclusiveMaximum, boundKinds('exclusive-maximum'), 'exclusiveMaximum'),
    ...diffBound(differ, scope, o, n, before.exclusiveMinimum, after.exclusiveMinimum, boundKinds('exclusive-minimum'), 'exclusiveMinimum'),
  ];
  const oldMultiple = positive(numberKeyword(o, 'multipleOf')?.value);
  const newMultiple = positive(numberKeyword(n, 'multipleOf')?.value);
  if (oldMultiple !== newMultiple) {
    const details = { subject: 'multipleOf', oldValue: oldMultiple, newValue: newMultiple };
    if (oldMultiple === undefined) changes.push(differ.change(scope, 'multiple-of-added', locationOf(o), locationOf(n, 'multipleOf'), details));
    else if (newMultiple === undefined) changes.push(differ.change(scope, 'multiple-of-removed', locationOf(o, 'multipleOf'), locationOf(n), details));
    else {
      const kind = isMultipleOf(newMultiple, oldMultiple) ? 'multiple-of-expanded' : isMultipleOf(oldMultiple, newMultiple) ? 'multiple-of-reduced' : 'multiple-of-changed';
      changes.push(differ.change(scope, kind, locationOf(o, 'multipleOf'), locationOf(n, 'multipleOf'), details));
    }
  }
  return changes;
}

function positive(value: number | undefined) {
  return value !== undefined && value > 0 ? value : undefined;
}

/** The values `enum` and `const` allow together, and where they are written. */
export function allowedValues(place: SchemaPlace): { values: unknown[]; keyword: 'enum' | 'const' } | undefined {
  const value = objectValue(place);
  if (!value) return undefined;
  const list = Array.isArray(value.enum) ? value.enum : undefined;
  if (hasOwn(value, 'const')) {
    const constant = value.const;
    return { values: list && !list.some((item) => jsonEqual(item, constant)) ? [] : [constant], keyword: 'const' };
  }
  return list ? { values: list, keyword: 'enum' } : undefined;
}

/**
 * `enum` and `const` compared as value sets. Only values the schema's types admit count: an
 * `enum` value the `type` already rejects never validates either way.
 */
export function diffEnumKeywords(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace, admits: (value: unknown) => boolean): SchemaChange[] {
  const before = allowedValues(o);
  const after = allowedValues(n);
  if (!before && !after) return [];
  if (!before) return [differ.change(scope, 'enum-added', locationOf(o), locationOf(n, after!.keyword), { subject: after!.keyword, newValue: displayValue(after!.values) })];
  if (!after) return [differ.change(scope, 'enum-removed', locationOf(o, before.keyword), locationOf(n), { subject: before.keyword, oldValue: displayValue(before.values) })];
  const oldValues = before.values.filter(admits);
  const newValues = after.values.filter(admits);
  const added = newValues.filter((value) => !oldValues.some((old) => jsonEqual(old, value)));
  const removed = oldValues.filter((value) => !newValues.some((item) => jsonEqual(item, value)));
  if (added.length === 0 && removed.length === 0) return [];
  const kind = removed.length === 0 ? 'enum-extended' : added.length === 0 ? 'enum-narrowed' : 'enum-changed';
  return [differ.change(scope, kind, locationOf(o, before.keyword), locationOf(n, after.keyword), { subject: after.keyword, oldValue: displayValue(removed), newValue: displayValue(added) })];
}

export function valueHasType(value: unknown, atoms: ReadonlySet<string>) {
  const type = jsonTypeOf(value);
  if (type === 'integer') return atoms.has('integer');
  if (type === 'number') return atoms.has('fraction');
  return type !== undefined && atoms.has(type);
}
