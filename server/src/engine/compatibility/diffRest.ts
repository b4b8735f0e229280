import type { SchemaChange } from './change';
import { restModel } from './contentModel';
import type { DiffScope, Differ } from './differ';
import type { JsonSchemaChangeKind } from './jsonSchemaKinds';
import { keywordOrSelf, type SchemaPlace } from './schemaPlace';

/** What a keyword for the undeclared rest allows: anything, nothing, or what a schema accepts. */
export type RestState = { kind: 'open' } | { kind: 'closed' } | { kind: 'schema'; place: SchemaPlace };

export function restState(differ: Differ, owner: SchemaPlace, keyword: string): RestState {
  const model = restModel(differ, owner, keyword);
  return model.kind === 'partial' ? { kind: 'schema', place: model.schemas[0]! } : model;
}

/**
 * A keyword that says what the undeclared rest may be (`additionalProperties`,
 * `unevaluatedProperties`, and for arrays the items beyond the prefix): closing or opening it,
 * adding or removing a schema for it, or the changes inside that schema.
 */
export function diffRestStates(
  differ: Differ,
  scope: DiffScope,
  before: RestState,
  after: RestState,
  locations: { old: SchemaPlace; new: SchemaPlace; oldKeyword: string; newKeyword: string },
  kinds: { closed: JsonSchemaChangeKind; opened: JsonSchemaChangeKind; narrowed: JsonSchemaChangeKind; extended: JsonSchemaChangeKind },
  subject: string,
): SchemaChange[] {
  if (before.kind === after.kind && before.kind !== 'schema') return [];
  if (before.kind === 'schema' && after.kind === 'schema') return differ.diff(before.place, after.place, scope);
  const describe = (state: RestState) => (state.kind === 'schema' ? 'a schema' : state.kind === 'closed' ? false : true);
  let kind: JsonSchemaChangeKind;
  if (after.kind === 'closed') kind = kinds.closed;
  else if (before.kind === 'closed') kind = kinds.opened;
  else if (after.kind === 'schema') kind = kinds.narrowed;
  else kind = kinds.extended;
  return [differ.change(scope, kind, keywordOrSelf(locations.old, locations.oldKeyword), keywordOrSelf(locations.new, locations.newKeyword), { subject, oldValue: describe(before), newValue: describe(after) })];
}
