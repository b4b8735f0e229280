import type { SchemaChange } from './change';
import type { DiffScope, Differ } from './differ';
import { diffBound, numberKeyword } from './diffScalars';
import { diffRestStates, restState, type RestState } from './diffRest';
import type { JsonSchemaChangeKind } from './jsonSchemaKinds';
import { hasOwn } from './jsonValues';
import { isEmptySchema, isFalseSchema } from './schemaKeywords';
import { childPlace, keywordOrSelf, locationOf, objectValue, type SchemaPlace } from './schemaPlace';

/**
 * An array schema read the same way in every dialect: a tuple prefix (`prefixItems`, or `items`
 * as an array before 2020-12) and the rule for the items after it (`items`, or `additionalItems`).
 */
interface ArrayShape {
  prefix: SchemaPlace[];
  prefixKeyword: string;
  restKeyword: string;
}

function arrayShape(place: SchemaPlace): ArrayShape {
  const value = objectValue(place) ?? {};
  if (place.dialect === '2020-12') {
    const prefix = Array.isArray(value.prefixItems) ? value.prefixItems.map((_, index) => childPlace(place, 'prefixItems', index)) : [];
    return { prefix, prefixKeyword: 'prefixItems', restKeyword: 'items' };
  }
  if (Array.isArray(value.items)) return { prefix: value.items.map((_, index) => childPlace(place, 'items', index)), prefixKeyword: 'items', restKeyword: 'additionalItems' };
  return { prefix: [], prefixKeyword: 'items', restKeyword: 'items' };
}

/**
 * What may follow the prefix, to judge a position added or removed: the rest keyword, else (from
 * 2019-09) `unevaluatedItems`, which then applies to those items — as the registry reads it.
 */
function itemsAfterPrefix(differ: Differ, place: SchemaPlace, shape: ArrayShape): RestState {
  const value = objectValue(place);
  const unevaluatedApplies = (place.dialect === '2019-09' || place.dialect === '2020-12') && hasOwn(value, 'unevaluatedItems') && !hasOwn(value, shape.restKeyword);
  return restState(differ, place, unevaluatedApplies ? 'unevaluatedItems' : shape.restKeyword);
}

/**
 * Before 2020-12, `additionalItems` beside an `items` that is not an array has no effect; the
 * registry compares it all the same, so its changes keep their verdicts and say they are inert.
 */
function diffInertAdditionalItems(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const inert = (place: SchemaPlace) => place.dialect !== '2020-12' && !Array.isArray(objectValue(place)?.items);
  if (!inert(o) || !inert(n)) return [];
  return diffRestStates(differ, { ...scope, inert: true }, restState(differ, o, 'additionalItems'), restState(differ, n, 'additionalItems'), { old: o, new: n, oldKeyword: 'additionalItems', newKeyword: 'additionalItems' }, { closed: 'items-closed', opened: 'items-opened', narrowed: 'items-added', extended: 'items-removed' }, 'additionalItems');
}

export function diffArrayKeywords(differ: Differ, scope: DiffScope, o: SchemaPlace, n: SchemaPlace): SchemaChange[] {
  const before = arrayShape(o);
  const after = arrayShape(n);
  const changes: SchemaChange[] = [
    ...diffRestStates(differ, scope, restState(differ, o, before.restKeyword), restState(differ, n, after.restKeyword), { old: o, new: n, oldKeyword: before.restKeyword, newKeyword: after.restKeyword }, { closed: 'items-closed', opened: 'items-opened', narrowed: 'items-added', extended: 'items-removed' }, after.restKeyword),
    ...diffInertAdditionalItems(differ, scope, o, n),
  ];
  const restBefore = itemsAfterPrefix(differ, o, before);
  const restAfter = itemsAfterPrefix(differ, n, after);
  const common = Math.min(before.prefix.length, after.prefix.length);
  for (let index = 0; index < common; index++) changes.push(...differ.diff(before.prefix[index]!, after.prefix[index]!, scope));
  for (let index = common; index < after.prefix.length; index++) {
    const item = after.prefix[index]!;
    let kind: JsonSchemaChangeKind;
    if (restBefore.kind === 'open') kind = isEmptySchema(item, differ.env) ? 'prefix-item-with-empty-schema-added-to-open-content-model' : 'prefix-item-added-to-open-content-model';
    else if (restBefore.kind === 'closed') kind = isFalseSchema(item.value) ? 'prefix-item-with-false-schema-added-to-closed-content-model' : 'prefix-item-added-to-closed-content-model';
    else kind = 'prefix-item-added-to-partially-open-content-model';
    changes.push(differ.change(scope, kind, keywordOrSelf(o, before.prefixKeyword), locationOf(item), { subject: `${after.prefixKeyword}/${index}` }));
    if (restBefore.kind === 'schema') changes.push(...differ.diff(restBefore.place, item, scope));
  }
  for (let index = common; index < before.prefix.length; index++) {
    const item = before.prefix[index]!;
    let kind: JsonSchemaChangeKind;
    if (restAfter.kind === 'open') kind = isEmptySchema(item, differ.env) ? 'prefix-item-with-empty-schema-removed-from-open-content-model' : 'prefix-item-removed-from-open-content-model';
    else if (restAfter.kind === 'closed') kind = isFalseSchema(item.value) ? 'prefix-item-with-false-schema-removed-from-closed-content-model' : 'prefix-item-removed-from-closed-content-model';
    else kind = 'prefix-item-removed-from-partially-open-content-model';
    changes.push(differ.change(scope, kind, locationOf(item), keywordOrSelf(n, after.prefixKeyword), { subject: `${before.prefixKeyword}/${index}` }));
    if (restAfter.kind === 'schema') changes.push(...differ.diff(item, restAfter.place, scope));
  }

  changes.push(
    ...diffBound(differ, scope, o, n, numberKeyword(o, 'maxItems'), numberKeyword(n, 'maxItems'), { added: 'max-items-added', removed: 'max-items-removed', increased: 'max-items-increased', decreased: 'max-items-decreased' }, 'maxItems'),
    ...diffBound(differ, scope, o, n, numberKeyword(o, 'minItems'), numberKeyword(n, 'minItems'), { added: 'min-items-added', removed: 'min-items-removed', increased: 'min-items-increased', decreased: 'min-items-decreased' }, 'minItems'),
  );

  const uniqueBefore = objectValue(o)?.uniqueItems === true;
  const uniqueAfter = objectValue(n)?.uniqueItems === true;
  if (!uniqueBefore && uniqueAfter) changes.push(differ.change(scope, 'unique-items-added', keywordOrSelf(o, 'uniqueItems'), locationOf(n, 'uniqueItems'), { subject: 'uniqueItems' }));
  if (uniqueBefore && !uniqueAfter) changes.push(differ.change(scope, 'unique-items-removed', locationOf(o, 'uniqueItems'), keywordOrSelf(n, 'uniqueItems'), { subject: 'uniqueItems' }));

  // `contains: {}` still requires one item, so only absence means "no constraint".
  const containsBefore = hasOwn(o.value, 'contains');
  const containsAfter = hasOwn(n.value, 'contains');
  if (containsBefore && containsAfter) changes.push(...differ.diff(childPlace(o, 'contains'), childPlace(n, 'contains'), scope));
  else if (containsAfter) changes.push(differ.change(scope, 'contains-added', locationOf(o), locationOf(n, 'contains'), { subject: 'contains' }));
  else if (containsBefore) changes.push(differ.change(scope, 'contains-removed', locationOf(o, 'contains'), locationOf(n), { subject: 'contains' }));
  changes.push(
    ...diffBound(differ, scope, o, n, numberKeyword(o, 'minContains'), numberKeyword(n, 'minContains'), { added: 'min-contains-added', removed: 'min-contains-removed', increased: 'min-contains-increased', decreased: 'min-contains-decreased' }, 'minContains'),
    ...diffBound(differ, scope, o, n, numberKeyword(o, 'maxContains'), numberKeyword(n, 'maxContains'), { added: 'max-contains-added', removed: 'max-contains-removed', increased: 'max-contains-increased', decreased: 'max-contains-decreased' }, 'maxContains'),
    ...diffRestStates(differ, scope, restState(differ, o, 'unevaluatedItems'), restState(differ, n, 'unevaluatedItems'), { old: o, new: n, oldKeyword: 'unevaluatedItems', newKeyword: 'unevaluatedItems' }, { closed: 'unevaluated-items-closed', opened: 'unevaluated-items-opened', narrowed: 'unevaluated-items-narrowed', extended: 'unevaluated-items-extended' }, 'unevaluatedItems'),
  );
  return changes;
}
