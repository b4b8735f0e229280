import { leastCostPairs } from './assignment';
import type { ChangeLocation, SchemaChange } from './change';
import type { DiffScope, Differ } from './differ';
import { provablyDisjoint } from './disjointness';
import type { JsonSchemaChangeKind } from './jsonSchemaKinds';
import { hasOwn } from './jsonValues';
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
 */
export function diffCombinations(differ: Differ, scope: DiffScope, before: Combination, after: Combination): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const overlapsBefore = overlaps(differ, before);
  const overlapsAfter = overlaps(differ, after);
  const scopeFor = (oldIndex: number | undefined, newIndex: number | undefined): DiffScope => {
    const backward = (newIndex !== undefined && overlapsAfter[newIndex]) || scope.oneOf?.backward === true;
    const forward = (oldIndex !== undefined && overlapsBefore[oldIndex]) || scope.oneOf?.forward === true;
    return backward || forward ? { negated: scope.negated, oneOf: { backward, forward } } : { negated: scope.negated };
  };

  const results = before.branches.map((oldBranch, oldIndex) => after.branches.map((newBranch, newIndex) => (separable(differ, oldBranch.place, newBranch.place) ? undefined : differ.diff(oldBranch.place, newBranch.place, scopeFor(oldIndex, newIndex), !oldBranch.lifted && !newBranch.lifted))));
  const cost = results.map((row, oldIndex) =>
    row.map((result, newIndex) => {
      if (!result) return Infinity;
      const breaking = result.filter((change) => cellOf(change, 'backward', 'strict') === 'break').length + result.filter((change) => cellOf(change, 'forward', 'strict') === 'break').length;
      return breaking * 1000 + result.length + Math.abs(oldIndex - newIndex) / 1000;
    }),
  );
  const pairs = leastCostPairs(cost, after.branches.length);
  const criterion = criterionChange(before.criterion, after.criterion, pairs.length);
  if (criterion) changes.push(differ.change(scope, criterion, before.owner, after.owner, { oldValue: before.criterion, newValue: after.criterion }));
  const pairedOld = new Set(pairs.map(([oldIndex]) => oldIndex));
  const pairedNew = new Set(pairs.map(([, newIndex]) => newIndex));
  for (const [oldIndex, newIndex] of pairs) changes.push(...results[oldIndex]![newIndex]!);
  after.branches.forEach((branch, newIndex) => {
    if (pairedNew.has(newIndex)) return;
    const kind = after.criterion === 'allOf' ? 'combined-product-extended' : 'combined-sum-extended';
    changes.push(differ.change(scopeFor(undefined, newIndex), kind, before.owner, branch.anchor, { subject: `${after.criterion}/${newIndex}` }));
  });
  before.branches.forEach((branch, oldIndex) => {
    if (pairedOld.has(oldIndex)) return;
    const kind = before.criterion === 'allOf' ? 'combined-product-narrowed' : 'combined-sum-narrowed';
    changes.push(differ.change(scopeFor(oldIndex, undefined), kind, branch.anchor, after.owner, { subject: `${before.criterion}/${oldIndex}` }));
  });
  return changes;
}

/** For `oneOf`: whether each branch may accept data another branch accepts. */
function overlaps(differ: Differ, combination: Combination): boolean[] {
  if (combination.criterion !== 'oneOf') return combination.branches.map(() => false);
  return combination.branches.map((branch, index) => combination.branches.some((other, otherIndex) => otherIndex !== index && !provablyDisjoint(differ, branch.place, other.place)));
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
  const inner: DiffScope = scope.oneOf ? { negated: !scope.negated, oneOf: { backward: scope.oneOf.forward, forward: scope.oneOf.backward } } : { negated: !scope.negated };
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
