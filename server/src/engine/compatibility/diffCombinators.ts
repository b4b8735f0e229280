import { leastCostPairs } from './assignment';
import type { ChangeLocation, SchemaChange } from './change';
import type { DiffScope, Differ } from './differ';
import { provablyDisjoint } from './disjointness';
import type { JsonSchemaChangeKind } from './jsonSchemaKinds';
import { hasOwn, jsonEqual } from './jsonValues';
import { isSubset, typeAtoms, type Combinator } from './schemaKeywords';
import { absentPlace, childPlace, keywordOrSelf, locationOf, objectValue, refIsApplicator, resolveRefPlace, type SchemaPlace } from './schemaPlace';
import { cellOf } from './verdicts';

/** One branch of a combination, and where it is written (for a `$ref` branch: at the `$ref`). */
export interface Branch {
  place: SchemaPlace;
  anchor: ChangeLocation;
  /** A schema seen as a one-branch combination: its annotations were compared already. */
  lifted?: boolean;
}

export interface Combination {
  criterion: Combinator;
  branches: Branch[];
  /** Where the combination is written: the keyword, or the schema itself when lifted. */
  owner: ChangeLocation;
}

/**
 * The `allOf` branches of a schema; from 2019-09, a `$ref` beside other keywords is one more
 * (an unresolvable one stays a branch that compares only to the same reference).
 */
export function allOfBranches(differ: Differ, place: SchemaPlace): Branch[] {
  const value = objectValue(place);
  if (!value) return [];
  const branches: Branch[] = Array.isArray(value.allOf) ? value.allOf.map((_, index) => ({ place: childPlace(place, 'allOf', index), anchor: locationOf(place, 'allOf', index) })) : [];
  if (refIsApplicator(place.dialect) && typeof value.$ref === 'string') {
    const target = resolveRefPlace(place, value.$ref, differ.env);
    const unresolved: SchemaPlace = { ...place, value: { $ref: value.$ref }, dialect: 'draft-07' };
    branches.push({ place: target ?? unresolved, anchor: locationOf(place, '$ref') });
  }
  return branches;
}

export function combinationOf(differ: Differ, place: SchemaPlace, criterion: Combinator): Combination {
  if (criterion === 'allOf') return { criterion, branches: allOfBranches(differ, place), owner: keywordOrSelf(place, 'allOf') };
  const list = objectValue(place)?.[criterion];
  const branches = Array.isArray(list) ? list.map((_, index) => ({ place: childPlace(place, criterion, index), anchor: locationOf(place, criterion, index) })) : [];
  return { criterion, branches, owner: keywordOrSelf(place, criterion) };
}

/** A schema seen as the only branch of a combination, to compare it with one (`A` → `anyOf: [A, B]`). */
export function liftedCombination(place: SchemaPlace, criterion: Combinator): Combination {
  return { criterion, branches: [{ place, anchor: locationOf(place), lifted: true }], owner: locationOf(place) };
}

/** `allOf`, `anyOf` and `oneOf` keyword by keyword (`anyOf` ↔ `oneOf` as a change of criterion). */
export function diffCombinatorKeywords(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const allBefore = combinationOf(differ, o, 'allOf');
  const allAfter = combinationOf(differ, n, 'allOf');
  if (allBefore.branches.length > 0 || allAfter.branches.length > 0) changes.push(...diffCombinations(differ, scope, allBefore, allAfter));
  const has = (place: SchemaPlace, keyword: Combinator) => Array.isArray(objectValue(place)?.[keyword]);
  const [anyBefore, oneBefore, anyAfter, oneAfter] = [has(o, 'anyOf'), has(o, 'oneOf'), has(n, 'anyOf'), has(n, 'oneOf')];
  if (anyBefore && !oneBefore && oneAfter && !anyAfter) return [...changes, ...diffCombinations(differ, scope, combinationOf(differ, o, 'anyOf'), combinationOf(differ, n, 'oneOf'))];
  if (oneBefore && !anyBefore && anyAfter && !oneAfter) return [...changes, ...diffCombinations(differ, scope, combinationOf(differ, o, 'oneOf'), combinationOf(differ, n, 'anyOf'))];
  for (const criterion of ['anyOf', 'oneOf'] as const) {
    const before = has(o, criterion);
    const after = has(n, criterion);
    if (before && after) changes.push(...diffCombinations(differ, scope, combinationOf(differ, o, criterion), combinationOf(differ, n, criterion)));
    else if (after) changes.push(differ.change(scope, 'combined-sum-added', locationOf(o), locationOf(n, criterion), { subject: criterion }));
    else if (before) changes.push(differ.change(scope, 'combined-sum-removed', locationOf(o, criterion), locationOf(n), { subject: criterion }));
  }
  return changes;
}

/**
 * How a change of criterion changes what the paired branches accept together. Unpaired branches
 * are reported as added (under the new criterion) or removed (under the old one), so the
 * criterion is judged on the pairs alone: none (`anyOf: []` accepts nothing, `allOf: []`
 * everything), one (every criterion is the branch itself), or several.
 */
function criterionChange(before: Combinator, after: Combinator, paired: number): JsonSchemaChangeKind | undefined {
  if (before === after) return undefined;
  if (paired === 0) return before === 'allOf' ? 'combined-criterion-narrowed' : after === 'allOf' ? 'combined-criterion-extended' : 'combined-criterion-equivalent';
  if (paired === 1) return 'combined-criterion-equivalent';
  if (after === 'anyOf') return 'combined-criterion-extended';
  if (before === 'anyOf') return 'combined-criterion-narrowed';
  return 'combined-criterion-changed';
}

/**
 * Pairs the branches of two combinations so that each pair differs least (by breaking changes,
 * then by changes), reports the differences inside each pair, and the unpaired branches as
 * added or removed: an added `anyOf`/`oneOf` branch accepts more, an added `allOf` branch less.
 * A branch that repeats an earlier one of its combination is set aside first, as the registry
 * collapses duplicates: it changes nothing under `anyOf` and `allOf` (under `oneOf`, data that
 * matches it now matches twice, which the overlap warning says).
 */
export function diffCombinations(differ: Differ, scope: DiffScope, before: Combination, after: Combination): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const distinctBefore = distinctBranches(before);
  const distinctAfter = distinctBranches(after);
  const overlapsBefore = overlaps(differ, before, distinctBefore.indices);
  const overlapsAfter = overlaps(differ, after, distinctAfter.indices);
  const scopeFor = (oldIndex: number | undefined, newIndex: number | undefined): DiffScope => {
    const backward = (newIndex !== undefined && overlapsAfter.get(newIndex) === true) || scope.oneOf?.backward === true;
    const forward = (oldIndex !== undefined && overlapsBefore.get(oldIndex) === true) || scope.oneOf?.forward === true;
    return backward || forward ? { ...scope, oneOf: { backward, forward } } : withoutOneOf(scope);
  };

  const results = distinctBefore.indices.map((oldIndex) =>
    distinctAfter.indices.map((newIndex) => {
      const oldBranch = before.branches[oldIndex]!;
      const newBranch = after.branches[newIndex]!;
      return separable(differ, oldBranch.place, newBranch.place) ? undefined : differ.diff(oldBranch.place, newBranch.place, scopeFor(oldIndex, newIndex), !oldBranch.lifted && !newBranch.lifted);
    }),
  );
  const cost = results.map((row, oldPosition) =>
    row.map((result, newPosition) => {
      if (!result) return Infinity;
      const breaking = result.filter((change) => cellOf(change, 'backward', 'strict') === 'break').length + result.filter((change) => cellOf(change, 'forward', 'strict') === 'break').length;
      return breaking * 1000 + result.length + Math.abs(distinctBefore.indices[oldPosition]! - distinctAfter.indices[newPosition]!) / 1000;
    }),
  );
  const pairs = leastCostPairs(cost, distinctAfter.indices.length);
  const criterion = criterionChange(before.criterion, after.criterion, pairs.length);
  if (criterion) changes.push(differ.change(scope, criterion, before.owner, after.owner, { oldValue: before.criterion, newValue: after.criterion }));
  const partnerOfOld = new Map<number, number>();
  for (const [oldPosition, newPosition] of pairs) {
    changes.push(...results[oldPosition]![newPosition]!);
    partnerOfOld.set(distinctBefore.indices[oldPosition]!, distinctAfter.indices[newPosition]!);
  }
  const pairedNew = new Set(partnerOfOld.values());
  for (const newIndex of distinctAfter.indices) {
    if (pairedNew.has(newIndex)) continue;
    const kind = after.criterion === 'allOf' ? 'combined-product-extended' : 'combined-sum-extended';
    changes.push(differ.change(scopeFor(undefined, newIndex), kind, before.owner, after.branches[newIndex]!.anchor, { subject: `${after.criterion}/${newIndex}` }));
  }
  for (const oldIndex of distinctBefore.indices) {
    if (partnerOfOld.has(oldIndex)) continue;
    const kind = before.criterion === 'allOf' ? 'combined-product-narrowed' : 'combined-sum-narrowed';
    changes.push(differ.change(scopeFor(oldIndex, undefined), kind, before.branches[oldIndex]!.anchor, after.owner, { subject: `${before.criterion}/${oldIndex}` }));
  }

  // Copies of a paired branch beyond those it had, or copies of a branch without a partner. A copy
  // counts as kept only where it means the same: harmless under allOf and anyOf, it rejects what its
  // branch accepts under oneOf, so a copy that moves into or out of a oneOf is added or removed.
  const copiesMeanAlike = (before.criterion === 'oneOf') === (after.criterion === 'oneOf');
  const copiesAfterPartner = new Map([...partnerOfOld].map(([oldIndex, newIndex]) => [newIndex, copiesMeanAlike ? (distinctBefore.copies.get(oldIndex)?.length ?? 0) : 0]));
  for (const [newIndex, copies] of distinctAfter.copies) {
    for (const copy of copies.slice(copiesAfterPartner.get(newIndex) ?? 0)) {
      changes.push(duplicateChange(differ, scope, 'combined-duplicate-branch-added', after.criterion, before.owner, after.branches[copy]!.anchor, copy));
    }
  }
  for (const [oldIndex, copies] of distinctBefore.copies) {
    const partner = partnerOfOld.get(oldIndex);
    for (const copy of copies.slice(partner === undefined || !copiesMeanAlike ? 0 : (distinctAfter.copies.get(partner)?.length ?? 0))) {
      changes.push(duplicateChange(differ, scope, 'combined-duplicate-branch-removed', before.criterion, before.branches[copy]!.anchor, after.owner, copy));
    }
  }
  return changes;
}

function withoutOneOf(scope: DiffScope): DiffScope {
  const { oneOf: _oneOf, ...rest } = scope;
  return rest;
}

/**
 * A copy of a branch added or removed. Under `oneOf`, data its original accepts matches twice
 * and fails (an added copy rejects what the old schema accepted); the registry collapses the copy
 * and accepts the change, so it is compatible with the overlap warning.
 */
function duplicateChange(differ: Differ, scope: DiffScope, kind: 'combined-duplicate-branch-added' | 'combined-duplicate-branch-removed', criterion: Combinator, oldLocation: ChangeLocation, newLocation: ChangeLocation, index: number): SchemaChange {
  const change = differ.change(withoutOneOf(scope), kind, oldLocation, newLocation, { subject: `${criterion}/${index}` });
  // Both ways: the copy makes its branch reject what it matched, and where this oneOf sits inside
  // another oneOf (or a `not`), rejecting there is accepting one level up (the property test met
  // `oneOf: [{}, {oneOf: [null, null]}]`).
  if (criterion === 'oneOf') change.hazards = [{ id: 'one-of-overlap', direction: 'backward' }, { id: 'one-of-overlap', direction: 'forward' }];
  return change;
}

/**
 * The branches of a combination without repeats: the index of each first occurrence, and the
 * indices of the later copies of each. A copy is the same JSON at the same file (so its `$ref`s
 * resolve alike).
 */
function distinctBranches(combination: Combination): { indices: number[]; copies: Map<number, number[]> } {
  const indices: number[] = [];
  const copies = new Map<number, number[]>();
  combination.branches.forEach((branch, index) => {
    const original = indices.find((candidate) => {
      const other = combination.branches[candidate]!;
      return other.place.uri === branch.place.uri && other.place.dialect === branch.place.dialect && jsonEqual(other.place.value, branch.place.value);
    });
    if (original === undefined) indices.push(index);
    else copies.set(original, [...(copies.get(original) ?? []), index]);
  });
  return { indices, copies };
}

/** For `oneOf`: whether each of the given branches may accept data another of them accepts. */
function overlaps(differ: Differ, combination: Combination, indices: readonly number[]): Map<number, boolean> {
  const branchOf = (index: number) => combination.branches[index]!.place;
  return new Map(indices.map((index) => [index, combination.criterion === 'oneOf' && indices.some((other) => other !== index && !provablyDisjoint(differ, branchOf(index), branchOf(other)))]));
}

/** Branches of different JSON types are reported as one removed and one added, not as a changed pair. */
function separable(differ: Differ, a: SchemaPlace, b: SchemaPlace) {
  const left = differ.follow(a);
  const right = differ.follow(b);
  if (left.unresolved || right.unresolved) return false;
  if (!hasOwn(left.place.value, 'type') || !hasOwn(right.place.value, 'type')) return false;
  const leftTypes = typeAtoms(left.place.value);
  const rightTypes = typeAtoms(right.place.value);
  return !isSubset(leftTypes, rightTypes) && !isSubset(rightTypes, leftTypes) && ![...leftTypes].some((atom) => rightTypes.has(atom));
}

/** `not`: the inner schemas compared with the verdicts swapped. */
export function diffNot(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const before = hasOwn(o.value, 'not');
  const after = hasOwn(n.value, 'not');
  // Inside `not`, a widening of the inner schema narrows the outer one: a oneOf context outside
  // (whose branch may overlap its siblings) applies to the other direction in here.
  const inner: DiffScope = scope.oneOf ? { ...scope, negated: !scope.negated, oneOf: { backward: scope.oneOf.forward, forward: scope.oneOf.backward } } : { ...scope, negated: !scope.negated };
  if (before && after) return differ.diff(childPlace(o, 'not'), childPlace(n, 'not'), inner);
  if (after) return [differ.change(scope, 'not-added', locationOf(o), locationOf(n, 'not'), { subject: 'not' })];
  if (before) return [differ.change(scope, 'not-removed', locationOf(o, 'not'), locationOf(n), { subject: 'not' })];
  return [];
}

function hasConditional(place: SchemaPlace) {
  const value = objectValue(place);
  return !!value && hasOwn(value, 'if') && (hasOwn(value, 'then') || hasOwn(value, 'else'));
}

/**
 * `if`/`then`/`else`: with the same `if`, `then` and `else` compare as schemas (an absent one is
 * `true`); with another `if` they apply to other data, which breaks both ways.
 */
export function diffConditional(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const before = hasConditional(o);
  const after = hasConditional(n);
  if (after && !before) return [differ.change(scope, 'conditional-added', locationOf(o), locationOf(n, 'if'), { subject: 'if' })];
  if (before && !after) return [differ.change(scope, 'conditional-removed', locationOf(o, 'if'), locationOf(n), { subject: 'if' })];
  if (!before) return [];
  const condition = differ.diff(childPlace(o, 'if'), childPlace(n, 'if'), { negated: false });
  if (condition.some((change) => cellOf(change, 'backward', 'strict') !== 'ok' || cellOf(change, 'forward', 'strict') !== 'ok')) {
    return [differ.change(scope, 'conditional-if-changed', locationOf(o, 'if'), locationOf(n, 'if'), { subject: 'if' })];
  }
  const branch = (place: SchemaPlace, keyword: string) => (hasOwn(place.value, keyword) ? childPlace(place, keyword) : absentPlace(place, keyword));
  return [...differ.diff(branch(o, 'then'), branch(n, 'then'), scope), ...differ.diff(branch(o, 'else'), branch(n, 'else'), scope)];
}
