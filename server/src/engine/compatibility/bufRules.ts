import { isScalarType } from '../protobuf/protoSource';
import type { ProtobufChange } from './protobufDiff';
import type { ProtobufChangeKind } from './protobufKinds';

/** Buf's breaking-change categories, strictest first. */
export const BUF_CATEGORIES = ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'] as const;
export type BufCategory = (typeof BUF_CATEGORIES)[number];

/**
 * Whose rules judge a `.proto` change: the schema registry's (direction-aware, per mode), or
 * Buf's breaking rules of one category (a break is a break whichever way data flows).
 */
export type ProtobufRules = { rules: 'registry' } | { rules: 'buf'; category: BufCategory };

export function isBufCategory(value: unknown): value is BufCategory {
  return (BUF_CATEGORIES as readonly unknown[]).includes(value);
}

/** What each category protects, for messages. */
export const BUF_CATEGORY_MEANING: { readonly [C in BufCategory]: string } = {
  FILE: 'generated code, file by file, and the encodings',
  PACKAGE: 'generated code, package by package, and the encodings',
  WIRE_JSON: 'the binary and the JSON encoding',
  WIRE: 'the binary encoding',
};

interface BufRule {
  categories: readonly BufCategory[];
  /** The difference kinds the rule reads (docs/compatibility.md's Buf table lists them). */
  kinds: readonly ProtobufChangeKind[];
  /** Whether a change of one of those kinds breaks the rule (all of them do, unless said). */
  breaks?: (change: ProtobufChange) => boolean;
}

const ALL: readonly BufCategory[] = BUF_CATEGORIES;
const CODE: readonly BufCategory[] = ['FILE', 'PACKAGE'];
const NAMES: readonly BufCategory[] = ['FILE', 'PACKAGE', 'WIRE_JSON'];
const FIELD_REMOVALS: readonly ProtobufChangeKind[] = ['protobuf-field-removed', 'protobuf-oneof-field-removed', 'protobuf-required-field-removed'];
const TYPE_CHANGES: readonly ProtobufChangeKind[] = ['protobuf-field-kind-changed', 'protobuf-field-scalar-type-changed', 'protobuf-field-scalar-type-changed-within-group', 'protobuf-field-named-type-changed'];
const LABEL_CHANGES: readonly ProtobufChangeKind[] = ['protobuf-field-numeric-label-changed', 'protobuf-field-string-or-bytes-label-changed', 'protobuf-field-cardinality-changed', 'protobuf-required-field-added', 'protobuf-required-field-removed'];

/** A required-ness change of a field both versions have (not a required field added or removed). */
const isExistingField = (change: ProtobufChange) => change.old.path.length > 1 && change.new.path.length > 1;
const isRemoval = (change: ProtobufChange) => change.kind !== 'protobuf-required-field-removed' || !isExistingField(change);
/** Whether a singular field changed between implicit and explicit presence only: the wire and JSON encode both alike. */
const isPresenceOnly = (change: ProtobufChange) => change.kind === 'protobuf-field-cardinality-changed' && change.oldValue !== 'repeated' && change.newValue !== 'repeated';
const isCardinalityChange = (change: ProtobufChange) => !change.kind.startsWith('protobuf-required-field-') || isExistingField(change);

/**
 * Buf's breaking rules (v2 configuration) that read a single `.proto` file's messages and enums,
 * with the categories that hold them, after Buf's own rule table. Rules about services, RPCs,
 * extensions, file options for generated code and editions features are not checked.
 */
export const BUF_RULES = {
  FILE_SAME_PACKAGE: { categories: ALL, kinds: ['protobuf-package-changed'] },
  FILE_SAME_SYNTAX: { categories: CODE, kinds: ['protobuf-syntax-changed'] },
  MESSAGE_NO_DELETE: { categories: ['FILE'], kinds: ['protobuf-message-removed'] },
  PACKAGE_MESSAGE_NO_DELETE: { categories: ['PACKAGE'], kinds: ['protobuf-message-removed'] },
  ENUM_NO_DELETE: { categories: ['FILE'], kinds: ['protobuf-enum-removed'] },
  PACKAGE_ENUM_NO_DELETE: { categories: ['PACKAGE'], kinds: ['protobuf-enum-removed'] },
  ENUM_VALUE_NO_DELETE: { categories: CODE, kinds: ['protobuf-enum-value-removed'] },
  ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED: { categories: ['WIRE_JSON', 'WIRE'], kinds: ['protobuf-enum-value-removed'], breaks: (change) => !change.reserved?.number },
  ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED: { categories: ['WIRE_JSON'], kinds: ['protobuf-enum-value-removed'], breaks: (change) => !change.reserved?.name },
  ENUM_VALUE_SAME_NAME: { categories: NAMES, kinds: ['protobuf-enum-value-changed'] },
  FIELD_NO_DELETE: { categories: CODE, kinds: FIELD_REMOVALS, breaks: isRemoval },
  FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED: { categories: ['WIRE_JSON', 'WIRE'], kinds: FIELD_REMOVALS, breaks: (change) => isRemoval(change) && !change.reserved?.number },
  FIELD_NO_DELETE_UNLESS_NAME_RESERVED: { categories: ['WIRE_JSON'], kinds: FIELD_REMOVALS, breaks: (change) => isRemoval(change) && !change.reserved?.name },
  FIELD_SAME_NAME: { categories: NAMES, kinds: ['protobuf-field-renamed'] },
  FIELD_SAME_JSON_NAME: { categories: NAMES, kinds: ['protobuf-field-json-name-changed', 'protobuf-field-renamed'], breaks: (change) => change.kind === 'protobuf-field-json-name-changed' || change.jsonNameChanged === true },
  FIELD_SAME_TYPE: { categories: CODE, kinds: TYPE_CHANGES },
  FIELD_WIRE_JSON_COMPATIBLE_TYPE: { categories: ['WIRE_JSON'], kinds: TYPE_CHANGES, breaks: (change) => !isCompatibleScalarChange(change, WIRE_JSON_GROUPS) },
  FIELD_WIRE_COMPATIBLE_TYPE: { categories: ['WIRE'], kinds: TYPE_CHANGES, breaks: (change) => !isCompatibleScalarChange(change, WIRE_GROUPS) && !(change.oldValue === 'string' && change.newValue === 'bytes') },
  FIELD_SAME_CARDINALITY: { categories: CODE, kinds: LABEL_CHANGES, breaks: isCardinalityChange },
  FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY: { categories: ['WIRE_JSON'], kinds: LABEL_CHANGES, breaks: (change) => isCardinalityChange(change) && !isPresenceOnly(change) },
  FIELD_WIRE_COMPATIBLE_CARDINALITY: { categories: ['WIRE'], kinds: LABEL_CHANGES, breaks: (change) => isCardinalityChange(change) && !isPresenceOnly(change) },
  FIELD_SAME_ONEOF: { categories: ALL, kinds: ['protobuf-field-oneof-changed'] },
  FIELD_SAME_DEFAULT: { categories: ALL, kinds: ['protobuf-field-default-changed'] },
  ONEOF_NO_DELETE: { categories: CODE, kinds: ['protobuf-oneof-removed'] },
  MESSAGE_SAME_REQUIRED_FIELDS: { categories: ALL, kinds: ['protobuf-required-field-added', 'protobuf-required-field-removed'] },
  RESERVED_MESSAGE_NO_DELETE: { categories: ALL, kinds: ['protobuf-reserved-removed'], breaks: (change) => !change.inEnum },
  RESERVED_ENUM_NO_DELETE: { categories: ALL, kinds: ['protobuf-reserved-removed'], breaks: (change) => change.inEnum === true },
} satisfies Record<string, BufRule>;

export type BufRuleId = keyof typeof BUF_RULES;

/**
 * Scalars Buf lets a field change between (WIRE: the language guide's wire-compatible sets, bool
 * with the varints; WIRE_JSON: only those whose JSON form is the same too). Enums and messages
 * are in no set: a field that names another one, or becomes or stops being one, breaks.
 */
const WIRE_GROUPS = [['int32', 'int64', 'uint32', 'uint64', 'bool'], ['sint32', 'sint64'], ['fixed32', 'sfixed32'], ['fixed64', 'sfixed64']];
const WIRE_JSON_GROUPS = [['int32', 'uint32'], ['int64', 'uint64'], ['fixed32', 'sfixed32'], ['fixed64', 'sfixed64']];

function isCompatibleScalarChange(change: ProtobufChange, groups: string[][]) {
  if (change.kind !== 'protobuf-field-scalar-type-changed' && change.kind !== 'protobuf-field-scalar-type-changed-within-group') return false;
  const [from, to] = [String(change.oldValue), String(change.newValue)];
  if (!isScalarType(from) || !isScalarType(to)) return false;
  return groups.some((group) => group.includes(from) && group.includes(to));
}

/** The Buf rules of a category that a change breaks, in the table's order; none when Buf accepts it. */
export function bufRulesBroken(change: ProtobufChange, category: BufCategory): BufRuleId[] {
  const broken: BufRuleId[] = [];
  for (const [id, rule] of Object.entries(BUF_RULES) as Array<[BufRuleId, BufRule]>) {
    if (!rule.categories.includes(category) || !rule.kinds.includes(change.kind)) continue;
    if (!rule.breaks || rule.breaks(change)) broken.push(id);
  }
  return broken;
}

/** One sentence naming the Buf rules a change breaks, and what their category protects. */
export function describeBufBreak(buf: { category: BufCategory; rules: readonly string[] }): string {
  return `Breaks Buf's ${buf.rules.join(', ')} (category ${buf.category}, which protects ${BUF_CATEGORY_MEANING[buf.category]}).`;
}
