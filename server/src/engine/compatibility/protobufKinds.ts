import { rule, type KindRule } from './kindRule';

/** Every difference the Protobuf diff names, after the `Difference.Type`s of Confluent's protobuf-provider. */
export const PROTOBUF_CHANGE_KINDS = [
  'protobuf-package-changed',
  'protobuf-message-added',
  'protobuf-message-removed',
  'protobuf-message-moved',
  'protobuf-enum-added',
  'protobuf-enum-removed',
  'protobuf-enum-value-added',
  'protobuf-enum-value-removed',
  'protobuf-enum-value-changed',
  'protobuf-field-added',
  'protobuf-field-removed',
  'protobuf-field-renamed',
  'protobuf-field-kind-changed',
  'protobuf-field-scalar-type-changed',
  'protobuf-field-scalar-type-changed-within-group',
  'protobuf-field-named-type-changed',
  'protobuf-field-numeric-label-changed',
  'protobuf-field-string-or-bytes-label-changed',
  'protobuf-required-field-added',
  'protobuf-required-field-removed',
  'protobuf-oneof-added',
  'protobuf-oneof-removed',
  'protobuf-oneof-field-added',
  'protobuf-oneof-field-removed',
  'protobuf-multiple-fields-moved-to-oneof',
  'protobuf-multiple-fields-moved-out-of-oneof',
  'protobuf-field-moved-to-existing-oneof',
  'protobuf-field-moved-out-of-existing-oneof',
  'protobuf-syntax-changed',
  'protobuf-field-cardinality-changed',
  'protobuf-field-oneof-changed',
  'protobuf-field-json-name-changed',
  'protobuf-field-default-changed',
  'protobuf-reserved-added',
  'protobuf-reserved-removed',
] as const;

export type ProtobufChangeKind = (typeof PROTOBUF_CHANGE_KINDS)[number];

/**
 * Confluent checks a Protobuf schema by one diff, old → new for BACKWARD and new → old for
 * FORWARD, and accepts it when every difference is in its `COMPATIBLE_CHANGES` set: so FORWARD
 * of a kind is BACKWARD of its inverse, and every kind outside that set breaks. The two kinds
 * without a Confluent type (`within-group`, `moved-out-of`) are the ones its diff does not name:
 * a change it lets pass silently, and the reverse of a move it rejects. The last seven are
 * differences the registry does not look at (so they pass it) but Buf's breaking rules do.
 */
export const PROTOBUF_RULES: { readonly [K in ProtobufChangeKind]: KindRule<ProtobufChangeKind> } = {
  'protobuf-package-changed': rule('break', 'break', 'protobuf-package-changed', 'the `package` changed: every type\'s full name changes', { confluent: 'PACKAGE_CHANGED' }),
  'protobuf-message-added': rule('ok', 'break', 'protobuf-message-removed', 'a message type added', { confluent: 'MESSAGE_ADDED' }),
  'protobuf-message-removed': rule('break', 'ok', 'protobuf-message-added', 'a message type removed', { confluent: 'MESSAGE_REMOVED' }),
  'protobuf-message-moved': rule('ok', 'ok', 'protobuf-message-moved', 'a top-level message type moved to another position in the file (Confluent\'s wire format names a message by its index)', { confluent: 'MESSAGE_MOVED' }),
  'protobuf-enum-added': rule('ok', 'ok', 'protobuf-enum-removed', 'an enum type added', { confluent: 'ENUM_ADDED' }),
  'protobuf-enum-removed': rule('ok', 'ok', 'protobuf-enum-added', 'an enum type removed', { confluent: 'ENUM_REMOVED' }),
  'protobuf-enum-value-added': rule('ok', 'ok', 'protobuf-enum-value-removed', 'an enum value added', { confluent: 'ENUM_CONST_ADDED' }),
  'protobuf-enum-value-removed': rule('ok', 'ok', 'protobuf-enum-value-added', 'an enum value removed (readers keep unknown numbers)', { confluent: 'ENUM_CONST_REMOVED' }),
  'protobuf-enum-value-changed': rule('ok', 'ok', 'protobuf-enum-value-changed', 'an enum value renamed (its number kept)', { confluent: 'ENUM_CONST_CHANGED' }),
  'protobuf-field-added': rule('ok', 'ok', 'protobuf-field-removed', 'a field added (old readers skip it; new readers see its default in old data)', { confluent: 'FIELD_ADDED' }),
  'protobuf-field-removed': rule('ok', 'ok', 'protobuf-field-added', 'a field removed (readers skip it in old data)', { confluent: 'FIELD_REMOVED' }),
  'protobuf-field-renamed': rule('ok', 'ok', 'protobuf-field-renamed', 'a field renamed, its number kept (the binary encoding does not carry names; JSON does)', { confluent: 'FIELD_NAME_CHANGED' }),
  'protobuf-field-kind-changed': rule('break', 'break', 'protobuf-field-kind-changed', 'a field changed between a scalar or enum, a message and a map', { confluent: 'FIELD_KIND_CHANGED' }),
  'protobuf-field-scalar-type-changed': rule('break', 'break', 'protobuf-field-scalar-type-changed', 'a field\'s scalar type changed to one of another wire group (int32/int64/uint32/uint64/bool/enums; sint32/sint64; string/bytes; fixed32/sfixed32; fixed64/sfixed64; float; double)', { confluent: 'FIELD_SCALAR_KIND_CHANGED' }),
  'protobuf-field-scalar-type-changed-within-group': rule('ok', 'ok', 'protobuf-field-scalar-type-changed-within-group', 'a field\'s scalar type changed within its wire group: the bytes parse, though a narrower reader truncates large values (Confluent reports no difference)'),
  'protobuf-field-named-type-changed': rule('break', 'break', 'protobuf-field-named-type-changed', 'a field now names another message type', { confluent: 'FIELD_NAMED_TYPE_CHANGED' }),
  'protobuf-field-numeric-label-changed': rule('break', 'break', 'protobuf-field-numeric-label-changed', 'a numeric field became `repeated`, or stopped being', { confluent: 'FIELD_NUMERIC_LABEL_CHANGED' }),
  'protobuf-field-string-or-bytes-label-changed': rule('ok', 'ok', 'protobuf-field-string-or-bytes-label-changed', 'a string or bytes field became `repeated`, or stopped being (a singular reader keeps the last value)', { confluent: 'FIELD_STRING_OR_BYTES_LABEL_CHANGED' }),
  'protobuf-required-field-added': rule('break', 'break', 'protobuf-required-field-removed', 'a proto2 `required` field added, or a field made required', { confluent: 'REQUIRED_FIELD_ADDED' }),
  'protobuf-required-field-removed': rule('break', 'break', 'protobuf-required-field-added', 'a proto2 `required` field removed, or made optional', { confluent: 'REQUIRED_FIELD_REMOVED' }),
  'protobuf-oneof-added': rule('ok', 'ok', 'protobuf-oneof-removed', 'a `oneof` added', { confluent: 'ONEOF_ADDED' }),
  'protobuf-oneof-removed': rule('ok', 'ok', 'protobuf-oneof-added', 'a `oneof` removed', { confluent: 'ONEOF_REMOVED' }),
  'protobuf-oneof-field-added': rule('ok', 'break', 'protobuf-oneof-field-removed', 'a field added to a `oneof`', { confluent: 'ONEOF_FIELD_ADDED' }),
  'protobuf-oneof-field-removed': rule('break', 'ok', 'protobuf-oneof-field-added', 'a field removed from a `oneof`', { confluent: 'ONEOF_FIELD_REMOVED' }),
  'protobuf-multiple-fields-moved-to-oneof': rule('break', 'ok', 'protobuf-multiple-fields-moved-out-of-oneof', 'several existing fields moved into one `oneof`: data that set more than one of them loses all but the last', { confluent: 'MULTIPLE_FIELDS_MOVED_TO_ONEOF' }),
  'protobuf-multiple-fields-moved-out-of-oneof': rule('ok', 'break', 'protobuf-multiple-fields-moved-to-oneof', 'several fields of a `oneof` moved out of it, each on its own'),
  'protobuf-field-moved-to-existing-oneof': rule('break', 'ok', 'protobuf-field-moved-out-of-existing-oneof', 'an existing field moved into a `oneof` that holds other existing fields', { confluent: 'FIELD_MOVED_TO_EXISTING_ONEOF' }),
  'protobuf-field-moved-out-of-existing-oneof': rule('ok', 'break', 'protobuf-field-moved-to-existing-oneof', 'a field moved out of a `oneof` that keeps other fields'),
  'protobuf-syntax-changed': rule('ok', 'ok', 'protobuf-syntax-changed', 'the `syntax` changed: enums open or close, and fields gain or lose presence (the registry compares no syntax)'),
  'protobuf-field-cardinality-changed': rule('ok', 'ok', 'protobuf-field-cardinality-changed', 'a message field became `repeated` or stopped being, or a proto3 field gained or lost `optional` (explicit presence): the registry names neither'),
  'protobuf-field-oneof-changed': rule('ok', 'ok', 'protobuf-field-oneof-changed', 'a field moved into a `oneof`, out of one, or to another (the registry judges only moves that merge several fields)'),
  'protobuf-field-json-name-changed': rule('ok', 'ok', 'protobuf-field-json-name-changed', 'a field\'s `json_name` changed, its name kept: JSON readers look for another key (the registry ignores JSON names)'),
  'protobuf-field-default-changed': rule('ok', 'ok', 'protobuf-field-default-changed', 'a proto2 field\'s `default` changed: readers of data without the field see another value (the registry ignores defaults)'),
  'protobuf-reserved-added': rule('ok', 'ok', 'protobuf-reserved-removed', 'a field or enum value number range or name reserved'),
  'protobuf-reserved-removed': rule('ok', 'ok', 'protobuf-reserved-added', 'a reserved number range or name released: a later field or enum value may reuse it and misread old data (the registry ignores `reserved`)'),
};
