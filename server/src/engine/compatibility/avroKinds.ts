import { rule, type KindRule } from './kindRule';

/** Every difference the Avro diff names (reader/writer resolution as the Avro specification defines it). */
export const AVRO_CHANGE_KINDS = [
  'avro-field-added-with-default',
  'avro-field-added-without-default',
  'avro-field-removed-with-default',
  'avro-field-removed-without-default',
  'avro-field-renamed',
  'avro-field-renamed-with-default',
  'avro-field-renamed-by-old-alias',
  'avro-field-renamed-by-old-alias-with-default',
  'avro-field-renamed-both-ways',
  'avro-field-default-changed',
  'avro-doc-changed',
  'avro-type-promoted',
  'avro-type-demoted',
  'avro-type-string-bytes',
  'avro-type-changed',
  'avro-logical-type-changed',
  'avro-union-branch-added',
  'avro-union-branch-removed',
  'avro-union-branch-added-promotable',
  'avro-union-branch-removed-promotable',
  'avro-enum-symbol-added',
  'avro-enum-symbol-removed',
  'avro-enum-symbol-added-with-default',
  'avro-enum-symbol-removed-with-default',
  'avro-enum-default-changed',
  'avro-fixed-size-changed',
  'avro-name-changed',
  'avro-namespace-changed',
  'avro-type-renamed',
  'avro-type-renamed-by-old-alias',
  'avro-type-renamed-both-ways',
] as const;

export type AvroChangeKind = (typeof AVRO_CHANGE_KINDS)[number];

/**
 * BACKWARD: the new schema reads (as reader) data written with the old (writer); FORWARD the
 * reverse. The cells follow the specification's resolution rules, which is also what Confluent's
 * Avro checker (Apache Avro's `SchemaCompatibility`) applies; the lenient policy does not apply.
 */
export const AVRO_RULES: { readonly [K in AvroChangeKind]: KindRule<AvroChangeKind> } = {
  'avro-field-added-with-default': rule('ok', 'ok', 'avro-field-removed-with-default', 'a field with a default added (new readers fill it in; old readers skip it)'),
  'avro-field-added-without-default': rule('break', 'ok', 'avro-field-removed-without-default', 'a field without a default added: a new reader has no value for it in old data'),
  'avro-field-removed-with-default': rule('ok', 'ok', 'avro-field-added-with-default', 'a field that had a default removed (old readers fill it in)'),
  'avro-field-removed-without-default': rule('ok', 'break', 'avro-field-added-without-default', 'a field without a default removed: an old reader has no value for it in new data'),
  'avro-field-renamed': rule('ok', 'break', 'avro-field-renamed-by-old-alias', 'a field renamed, the new field listing the old name in `aliases`; the old field has no default, so old readers miss it'),
  'avro-field-renamed-with-default': rule('ok', 'ok', 'avro-field-renamed-by-old-alias-with-default', 'a field renamed with an alias to the old name; old readers use the old field\'s default'),
  'avro-field-renamed-by-old-alias': rule('break', 'ok', 'avro-field-renamed', 'a field renamed to a name the old field listed in `aliases`; the new field has no default, so new readers miss it'),
  'avro-field-renamed-by-old-alias-with-default': rule('ok', 'ok', 'avro-field-renamed-with-default', 'a field renamed to a name the old field listed in `aliases`; new readers use the new field\'s default'),
  'avro-field-renamed-both-ways': rule('ok', 'ok', 'avro-field-renamed-both-ways', 'a field renamed, each version listing the other\'s name in `aliases`'),
  'avro-field-default-changed': rule('ok', 'ok', 'avro-field-default-changed', 'a field\'s default added, removed or changed'),
  'avro-doc-changed': rule('ok', 'ok', 'avro-doc-changed', '`doc` changed'),
  'avro-type-promoted': rule('ok', 'break', 'avro-type-demoted', 'a primitive widened by a promotion the specification allows (int → long, float, double; long → float, double; float → double)'),
  'avro-type-demoted': rule('break', 'ok', 'avro-type-promoted', 'a primitive narrowed (long → int, double → float …): only the reverse promotion exists'),
  'avro-type-string-bytes': rule('ok', 'ok', 'avro-type-string-bytes', '`string` ↔ `bytes`, which the specification resolves both ways'),
  'avro-type-changed': rule('break', 'break', 'avro-type-changed', 'the type changed to one that does not resolve in either direction'),
  'avro-logical-type-changed': rule('warn', 'warn', 'avro-logical-type-changed', 'a `logicalType` (or its precision/scale) changed: resolution uses the underlying type', { warning: 'logical-type-meaning' }),
  'avro-union-branch-added': rule('ok', 'break', 'avro-union-branch-removed', 'a union branch added (or a type became a union): old readers cannot read values of the new branch'),
  'avro-union-branch-removed': rule('break', 'ok', 'avro-union-branch-added', 'a union branch removed (or a union became a single type): new readers cannot read old values of that branch'),
  'avro-union-branch-added-promotable': rule('ok', 'ok', 'avro-union-branch-removed-promotable', 'a union branch added whose values old readers read through a promotion to another branch'),
  'avro-union-branch-removed-promotable': rule('ok', 'ok', 'avro-union-branch-added-promotable', 'a union branch removed whose old values new readers read through a promotion to another branch'),
  'avro-enum-symbol-added': rule('ok', 'break', 'avro-enum-symbol-removed', 'an enum symbol added; the old enum has no default, so old readers fail on it'),
  'avro-enum-symbol-removed': rule('break', 'ok', 'avro-enum-symbol-added', 'an enum symbol removed; the new enum has no default, so new readers fail on old data that uses it'),
  'avro-enum-symbol-added-with-default': rule('ok', 'warn', 'avro-enum-symbol-removed-with-default', 'an enum symbol added; old readers read it as the old enum\'s default', { warning: 'enum-default-substitutes' }),
  'avro-enum-symbol-removed-with-default': rule('warn', 'ok', 'avro-enum-symbol-added-with-default', 'an enum symbol removed; new readers read old data that uses it as the new enum\'s default', { warning: 'enum-default-substitutes' }),
  'avro-enum-default-changed': rule('ok', 'ok', 'avro-enum-default-changed', 'an enum\'s `default` added, removed or changed'),
  'avro-fixed-size-changed': rule('break', 'break', 'avro-fixed-size-changed', 'a `fixed` type\'s `size` changed'),
  'avro-name-changed': rule('break', 'break', 'avro-name-changed', 'a named type (record, enum, fixed) renamed without an alias: the versions do not resolve'),
  'avro-namespace-changed': rule('ok', 'ok', 'avro-namespace-changed', 'a named type\'s namespace changed, its unqualified name kept (names match on the unqualified name)'),
  'avro-type-renamed': rule('ok', 'break', 'avro-type-renamed-by-old-alias', 'a named type renamed, listing the old full name in `aliases`'),
  'avro-type-renamed-by-old-alias': rule('break', 'ok', 'avro-type-renamed', 'a named type renamed to a name the old type listed in `aliases`'),
  'avro-type-renamed-both-ways': rule('ok', 'ok', 'avro-type-renamed-both-ways', 'a named type renamed, each version listing the other\'s full name in `aliases`'),
};
