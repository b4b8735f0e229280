import { pathToPointer } from '../text/paths';
import type { ChangeLocation, SchemaChange } from './change';
import { ROOT_SCOPE, type ChangeDetails, type DiffScope, type Differ } from './differ';
import { diffArrayKeywords } from './diffArrays';
import { allOfBranches, combinationOf, diffCombinations, diffCombinatorKeywords, diffConditional, diffNot, liftedCombination } from './diffCombinators';
import { diffObjectKeywords } from './diffObjects';
import { diffEnumKeywords, diffNumberKeywords, diffStringKeywords, valueHasType } from './diffScalars';
import { JSON_SCHEMA_RULES, type JsonSchemaChangeKind } from './jsonSchemaKinds';
import { displayValue, hasOwn, jsonEqual } from './jsonValues';
import { isFalseSchema, isSubset, pureCombinator, typeAtoms, type Combinator } from './schemaKeywords';
import { followReplacingRefs, keywordOrSelf, locationOf, objectValue, placeKey, placeOf, refIsApplicator, type FollowedPlace, type PlaceEnvironment, type SchemaInput, type SchemaPlace } from './schemaPlace';

export type { SchemaInput } from './schemaPlace';

export interface JsonSchemaDiffOptions extends PlaceEnvironment {
  /** Treat `format` as an assertion in 2019-09 and 2020-12 too (it always is in draft-07). */
  assertFormats?: boolean;
}

/**
 * Every difference between two versions of a JSON Schema (draft-07, 2019-09, 2020-12), each
 * with a named kind and its location in both versions. `$ref`s are followed: inside the files
 * given, and into other files through `options.readDocument`. Recursive schemas are compared
 * once per pair of locations.
 */
export function diffJsonSchemas(oldSchema: SchemaInput, newSchema: SchemaInput, options: JsonSchemaDiffOptions = {}): SchemaChange[] {
  const differ = new JsonSchemaDiffer(options);
  return uniqueChanges(differ.diff(placeOf(oldSchema), placeOf(newSchema), ROOT_SCOPE));
}

/** Compares two schema places already located (the AsyncAPI diff hands in payloads this way). */
export function diffSchemaPlaces(oldPlace: SchemaPlace, newPlace: SchemaPlace, options: JsonSchemaDiffOptions = {}): SchemaChange[] {
  return uniqueChanges(new JsonSchemaDiffer(options).diff(oldPlace, newPlace, ROOT_SCOPE));
}

const MAX_DEPTH = 256;

const ANNOTATION_KINDS: ReadonlyArray<[string, JsonSchemaChangeKind]> = [
  ['$id', 'id-changed'],
  ['title', 'title-changed'],
  ['description', 'description-changed'],
  ['default', 'default-changed'],
  ['examples', 'annotation-changed'],
  ['example', 'annotation-changed'],
  ['deprecated', 'annotation-changed'],
  ['readOnly', 'annotation-changed'],
  ['writeOnly', 'annotation-changed'],
  ['$comment', 'annotation-changed'],
  ['contentMediaType', 'annotation-changed'],
  ['contentEncoding', 'annotation-changed'],
];

class JsonSchemaDiffer implements Differ {
  readonly env: PlaceEnvironment;
  readonly assertFormats: boolean;
  private readonly memo = new Map<string, SchemaChange[]>();
  private readonly inProgress = new Set<string>();
  private depth = 0;

  constructor(options: JsonSchemaDiffOptions) {
    this.env = { readDocument: options.readDocument, schemaIds: options.schemaIds };
    this.assertFormats = options.assertFormats === true;
  }

  follow(place: SchemaPlace): FollowedPlace {
    return followReplacingRefs(place, this.env);
  }

  change(scope: DiffScope, kind: JsonSchemaChangeKind, oldLocation: ChangeLocation, newLocation: ChangeLocation, details: ChangeDetails = {}): SchemaChange {
    const change: SchemaChange = { kind, old: oldLocation, new: newLocation };
    if (details.subject !== undefined) change.subject = details.subject;
    if (details.oldValue !== undefined) change.oldValue = details.oldValue;
    if (details.newValue !== undefined) change.newValue = details.newValue;
    if (scope.negated) change.negated = true;
    if (scope.inert) change.inert = true;
    if (scope.oneOf) {
      // A change that widens a oneOf branch can make data match a second branch.
      const cells = JSON_SCHEMA_RULES[kind].strict;
      const hazards: Array<{ id: 'one-of-overlap'; direction: 'backward' | 'forward' }> = [];
      if (scope.oneOf.backward && cells.backward !== 'break' && cells.forward === 'break') hazards.push({ id: 'one-of-overlap', direction: 'backward' });
      if (scope.oneOf.forward && cells.forward !== 'break' && cells.backward === 'break') hazards.push({ id: 'one-of-overlap', direction: 'forward' });
      if (hazards.length > 0) change.hazards = hazards;
    }
    return change;
  }

  diff(oldPlace: SchemaPlace, newPlace: SchemaPlace, scope: DiffScope, annotations = true): SchemaChange[] {
    if (this.depth >= MAX_DEPTH) return [];
    const before = this.follow(oldPlace);
    const after = this.follow(newPlace);
    if (before.unresolved !== undefined || after.unresolved !== undefined) {
      if (before.unresolved === after.unresolved) return [];
      return [this.change(scope, 'ref-unresolved', locationOf(before.place), locationOf(after.place), { subject: before.unresolved ?? after.unresolved, oldValue: before.unresolved, newValue: after.unresolved })];
    }
    const key = `${placeKey(before.place)}|${placeKey(after.place)}|${scope.negated}|${scope.oneOf?.backward}|${scope.oneOf?.forward}|${scope.inert === true}|${annotations}`;
    const known = this.memo.get(key);
    if (known) return known;
    // A pair met again while it is being compared is a recursion: assume it equal (coinduction).
    if (this.inProgress.has(key)) return [];
    this.inProgress.add(key);
    this.depth++;
    try {
      const result = this.compare(before.place, after.place, scope, annotations);
      this.memo.set(key, result);
      return result;
    } finally {
      this.depth--;
      this.inProgress.delete(key);
    }
  }

  private compare(o: SchemaPlace, n: SchemaPlace, scope: DiffScope, annotations: boolean): SchemaChange[] {
    // Most of a schema is the same in both versions: equal text without references is equal meaning.
    if (o.dialect === n.dialect && isReferenceFree(o.value) && jsonEqual(o.value, n.value)) return [];
    const closedBefore = isFalseSchema(o.value);
    const closedAfter = isFalseSchema(n.value);
    if (closedBefore && closedAfter) return [];
    if (closedBefore) return [this.change(scope, 'schema-opened', locationOf(o), locationOf(n))];
    if (closedAfter) return [this.change(scope, 'schema-closed', locationOf(o), locationOf(n))];

    const changes: SchemaChange[] = annotations ? this.diffAnnotations(scope, o, n) : [];

    // A single-branch allOf (in 2019-09 on, a lone $ref) is the branch itself.
    const innerBefore = this.singleBranch(o);
    const innerAfter = this.singleBranch(n);
    if (innerBefore || innerAfter) return [...changes, ...this.diff(innerBefore ?? o, innerAfter ?? n, scope, false)];

    const pureBefore = pureCombinator(o);
    const pureAfter = pureCombinator(n);
    if (pureBefore !== pureAfter) {
      if (pureBefore && pureAfter) return [...changes, ...diffCombinations(this, scope, combinationOf(this, o, pureBefore), combinationOf(this, n, pureAfter))];
      if (pureAfter && !this.uses(o, pureAfter)) return [...changes, ...diffCombinations(this, scope, liftedCombination(o, pureAfter), combinationOf(this, n, pureAfter))];
      if (pureBefore && !this.uses(n, pureBefore)) return [...changes, ...diffCombinations(this, scope, combinationOf(this, o, pureBefore), liftedCombination(n, pureBefore))];
    }

    const typesBefore = typeAtoms(o.value);
    const typesAfter = typeAtoms(n.value);
    if (!isSubset(typesBefore, typesAfter) || !isSubset(typesAfter, typesBefore)) {
      const kind = isSubset(typesBefore, typesAfter) ? 'type-extended' : isSubset(typesAfter, typesBefore) ? 'type-narrowed' : 'type-changed';
      changes.push(this.change(scope, kind, keywordOrSelf(o, 'type'), keywordOrSelf(n, 'type'), { subject: 'type', oldValue: displayValue(objectValue(o)?.type), newValue: displayValue(objectValue(n)?.type) }));
    }
    const common = new Set([...typesBefore].filter((atom) => typesAfter.has(atom)));
    if (common.has('string')) changes.push(...diffStringKeywords(this, scope, o, n));
    if (common.has('integer') || common.has('fraction')) changes.push(...diffNumberKeywords(this, scope, o, n));
    if (common.has('object')) changes.push(...diffObjectKeywords(this, scope, o, n));
    if (common.has('array')) changes.push(...diffArrayKeywords(this, scope, o, n));
    changes.push(...diffEnumKeywords(this, scope, o, n, (value) => valueHasType(value, common)));
    changes.push(...diffCombinatorKeywords(this, scope, o, n));
    changes.push(...diffNot(this, scope, o, n));
    changes.push(...diffConditional(this, scope, o, n));
    return changes;
  }

  private singleBranch(place: SchemaPlace): SchemaPlace | undefined {
    if (pureCombinator(place) !== 'allOf') return undefined;
    const branches = allOfBranches(this, place);
    return branches.length === 1 ? branches[0]!.place : undefined;
  }

  private uses(place: SchemaPlace, criterion: Combinator) {
    const value = objectValue(place);
    if (!value) return false;
    if (criterion === 'allOf') return Array.isArray(value.allOf) || (refIsApplicator(place.dialect) && typeof value.$ref === 'string');
    return Array.isArray(value[criterion]);
  }

  /**
   * Annotations, looking through single-branch wrappers: `{"$ref": X, "description": …}` (2019-09)
   * describes X, and an annotation the wrapper does not set is the one X sets.
   */
  private diffAnnotations(scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
    const before = this.annotationsOf(o);
    const after = this.annotationsOf(n);
    const changes: SchemaChange[] = [];
    for (const [keyword, kind] of ANNOTATION_KINDS) {
      const oldEntry = before.get(keyword);
      const newEntry = after.get(keyword);
      if (!oldEntry && !newEntry) continue;
      if (oldEntry && newEntry && jsonEqual(oldEntry.value, newEntry.value)) continue;
      changes.push(this.change(scope, kind, oldEntry?.location ?? locationOf(o), newEntry?.location ?? locationOf(n), { subject: keyword, oldValue: displayValue(oldEntry?.value), newValue: displayValue(newEntry?.value) }));
    }
    return changes;
  }

  private annotationsOf(place: SchemaPlace): Map<string, { value: unknown; location: ChangeLocation }> {
    const result = new Map<string, { value: unknown; location: ChangeLocation }>();
    let current: SchemaPlace | undefined = place;
    for (let hops = 0; current && hops < 16; hops++) {
      const value = objectValue(current);
      if (!value) break;
      for (const [keyword] of ANNOTATION_KINDS) {
        if (!result.has(keyword) && hasOwn(value, keyword)) result.set(keyword, { value: value[keyword], location: locationOf(current, keyword) });
      }
      if (current.dialect === 'draft-04' && !result.has('$id') && typeof value.id === 'string') result.set('$id', { value: value.id, location: locationOf(current, 'id') });
      const inner = this.singleBranch(current);
      current = inner ? this.follow(inner).place : undefined;
    }
    return result;
  }
}

const referenceFree = new WeakMap<object, boolean>();

/** Whether a schema value holds no `$ref` (or dynamic reference) anywhere, so that it means the same wherever it is. */
function isReferenceFree(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  const known = referenceFree.get(value);
  if (known !== undefined) return known;
  const result = Array.isArray(value) ? value.every(isReferenceFree) : Object.entries(value).every(([key, child]) => key !== '$ref' && key !== '$dynamicRef' && key !== '$recursiveRef' && isReferenceFree(child));
  referenceFree.set(value, result);
  return result;
}

/** The same change reached twice (a definition referenced from two places) is reported once. */
function uniqueChanges(changes: readonly SchemaChange[]): SchemaChange[] {
  const seen = new Set<string>();
  const result: SchemaChange[] = [];
  for (const change of changes) {
    const key = `${change.kind}|${change.old.uri ?? ''}#${pathToPointer(change.old.path)}|${change.new.uri ?? ''}#${pathToPointer(change.new.path)}|${change.negated === true}|${change.subject ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(change);
  }
  return result;
}
