/**
 * JSON Schema fixture pairs: every change kind at least once, with the changes expected (kind,
 * old pointer, new pointer) and the verdicts written by hand, per direction and policy:
 *
 *     'B✗ F✓'        BACKWARD breaks, FORWARD is compatible (STRICT, and LENIENT the same)
 *     'B✗ F✓ LB✓'    … but BACKWARD under LENIENT is compatible
 *     '⚠'            compatible under the registry model, with a warning
 *
 * A change is written `kind #old-pointer #new-pointer`, plus ` not` inside `not` and
 * ` overlap` when it carries the oneOf-overlap warning, ` inert` inside a keyword without effect.
 */
export interface JsonSchemaCase {
  name: string;
  old: unknown;
  new: unknown;
  changes: string[];
  verdicts: string;
  /** Files a `$ref` may reach, by URI. */
  files?: Record<string, unknown>;
  oldUri?: string;
  newUri?: string;
}

const D2019 = 'https://json-schema.org/draft/2019-09/schema';
const D2020 = 'https://json-schema.org/draft/2020-12/schema';
const D04 = 'http://json-schema.org/draft-04/schema#';

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });
const str = { type: 'string' };
const int = { type: 'integer' };

function c(name: string, old: unknown, next: unknown, changes: string[], verdicts: string, extra: Partial<JsonSchemaCase> = {}): JsonSchemaCase {
  return { name, old, new: next, changes, verdicts, ...extra };
}

export const JSON_SCHEMA_CASES: JsonSchemaCase[] = [
  // annotations
  c('$id changed', { $id: 'https://example.com/a.json', type: 'string' }, { $id: 'https://example.com/b.json', type: 'string' }, ['id-changed #/$id #/$id'], 'B⚠ F⚠'),
  c('title changed', { title: 'Order', type: 'object' }, { title: 'Purchase', type: 'object' }, ['title-changed #/title #/title'], 'B✓ F✓'),
  c('description added', str, { ...str, description: 'A name' }, ['description-changed # #/description'], 'B✓ F✓'),
  c('default changed', { ...str, default: 'a' }, { ...str, default: 'b' }, ['default-changed #/default #/default'], 'B✓ F✓'),
  c('examples changed', { ...str, examples: ['a'] }, { ...str, examples: ['b'] }, ['annotation-changed #/examples #/examples'], 'B✓ F✓'),
  c('format as annotation (2020-12)', { $schema: D2020, type: 'string', format: 'email' }, { $schema: D2020, type: 'string', format: 'uri' }, ['format-annotation-changed #/format #/format'], 'B✓ F✓'),

  // types
  c('integer → number', int, { type: 'number' }, ['type-extended #/type #/type'], 'B✓ F✗'),
  c('null removed from the types', { type: ['string', 'null'] }, str, ['type-narrowed #/type #/type'], 'B✗ F✓'),
  c('type added where there was none', {}, str, ['type-narrowed # #/type'], 'B✗ F✓'),
  c('string → integer', str, int, ['type-changed #/type #/type'], 'B✗ F✗'),
  c('a false property opened', object({ a: false }), object({ a: str }), ['schema-opened #/properties/a #/properties/a'], 'B✓ F✗'),
  c('a property closed with false', object({ a: str }), object({ a: false }), ['schema-closed #/properties/a #/properties/a'], 'B✗ F✓'),
  c('an unresolvable $ref changed', { $ref: 'missing.json' }, { $ref: 'elsewhere.json' }, ['ref-unresolved # #'], 'B✗ F✗'),
  c('the same unresolvable $ref', { $ref: 'missing.json' }, { $ref: 'missing.json' }, [], 'B✓ F✓'),

  // strings
  c('maxLength added', str, { ...str, maxLength: 5 }, ['max-length-added # #/maxLength'], 'B✗ F✓'),
  c('maxLength removed', { ...str, maxLength: 5 }, str, ['max-length-removed #/maxLength #'], 'B✓ F✗'),
  c('maxLength increased', { ...str, maxLength: 5 }, { ...str, maxLength: 10 }, ['max-length-increased #/maxLength #/maxLength'], 'B✓ F✗'),
  c('maxLength decreased', { ...str, maxLength: 10 }, { ...str, maxLength: 5 }, ['max-length-decreased #/maxLength #/maxLength'], 'B✗ F✓'),
  c('minLength added', str, { ...str, minLength: 1 }, ['min-length-added # #/minLength'], 'B✗ F✓'),
  c('minLength removed', { ...str, minLength: 1 }, str, ['min-length-removed #/minLength #'], 'B✓ F✗'),
  c('minLength increased', { ...str, minLength: 1 }, { ...str, minLength: 2 }, ['min-length-increased #/minLength #/minLength'], 'B✗ F✓'),
  c('minLength decreased', { ...str, minLength: 2 }, { ...str, minLength: 1 }, ['min-length-decreased #/minLength #/minLength'], 'B✓ F✗'),
  c('pattern added', str, { ...str, pattern: '^[A-Z]{3}$' }, ['pattern-added # #/pattern'], 'B✗ F✓'),
  c('pattern removed', { ...str, pattern: '^[A-Z]{3}$' }, str, ['pattern-removed #/pattern #'], 'B✓ F✗'),
  c('pattern changed', { ...str, pattern: '^[A-Z]{3}$' }, { ...str, pattern: '^[A-Z]{2,3}$' }, ['pattern-changed #/pattern #/pattern'], 'B✗ F✗'),
  c('format added (draft-07 asserts it)', str, { ...str, format: 'email' }, ['format-added # #/format'], 'B✗ F✓'),
  c('format removed (draft-07)', { ...str, format: 'email' }, str, ['format-removed #/format #'], 'B✓ F✗'),
  c('format changed (draft-07)', { ...str, format: 'email' }, { ...str, format: 'hostname' }, ['format-changed #/format #/format'], 'B✗ F✗'),
  c('string keywords beside another type do not count', { type: 'integer', maxLength: 3 }, { type: 'integer', maxLength: 1 }, [], 'B✓ F✓'),

  // numbers
  c('maximum added', int, { ...int, maximum: 10 }, ['maximum-added # #/maximum'], 'B✗ F✓'),
  c('maximum removed', { ...int, maximum: 10 }, int, ['maximum-removed #/maximum #'], 'B✓ F✗'),
  c('maximum increased', { ...int, maximum: 10 }, { ...int, maximum: 20 }, ['maximum-increased #/maximum #/maximum'], 'B✓ F✗'),
  c('maximum decreased', { ...int, maximum: 20 }, { ...int, maximum: 10 }, ['maximum-decreased #/maximum #/maximum'], 'B✗ F✓'),
  c('minimum added', int, { ...int, minimum: 0 }, ['minimum-added # #/minimum'], 'B✗ F✓'),
  c('minimum removed', { ...int, minimum: 0 }, int, ['minimum-removed #/minimum #'], 'B✓ F✗'),
  c('minimum increased', { ...int, minimum: 0 }, { ...int, minimum: 1 }, ['minimum-increased #/minimum #/minimum'], 'B✗ F✓'),
  c('minimum decreased', { ...int, minimum: 1 }, { ...int, minimum: 0 }, ['minimum-decreased #/minimum #/minimum'], 'B✓ F✗'),
  c('exclusiveMaximum added', { type: 'number' }, { type: 'number', exclusiveMaximum: 1 }, ['exclusive-maximum-added # #/exclusiveMaximum'], 'B✗ F✓'),
  c('exclusiveMaximum removed', { type: 'number', exclusiveMaximum: 1 }, { type: 'number' }, ['exclusive-maximum-removed #/exclusiveMaximum #'], 'B✓ F✗'),
  c('exclusiveMaximum increased', { type: 'number', exclusiveMaximum: 1 }, { type: 'number', exclusiveMaximum: 2 }, ['exclusive-maximum-increased #/exclusiveMaximum #/exclusiveMaximum'], 'B✓ F✗'),
  c('exclusiveMaximum decreased', { type: 'number', exclusiveMaximum: 2 }, { type: 'number', exclusiveMaximum: 1 }, ['exclusive-maximum-decreased #/exclusiveMaximum #/exclusiveMaximum'], 'B✗ F✓'),
  c('exclusiveMinimum added', { type: 'number' }, { type: 'number', exclusiveMinimum: 0 }, ['exclusive-minimum-added # #/exclusiveMinimum'], 'B✗ F✓'),
  c('exclusiveMinimum removed', { type: 'number', exclusiveMinimum: 0 }, { type: 'number' }, ['exclusive-minimum-removed #/exclusiveMinimum #'], 'B✓ F✗'),
  c('exclusiveMinimum increased', { type: 'number', exclusiveMinimum: 0 }, { type: 'number', exclusiveMinimum: 1 }, ['exclusive-minimum-increased #/exclusiveMinimum #/exclusiveMinimum'], 'B✗ F✓'),
  c('exclusiveMinimum decreased', { type: 'number', exclusiveMinimum: 1 }, { type: 'number', exclusiveMinimum: 0 }, ['exclusive-minimum-decreased #/exclusiveMinimum #/exclusiveMinimum'], 'B✓ F✗'),
  c('draft-04 boolean exclusiveMaximum, compared keyword by keyword', { $schema: D04, type: 'number', maximum: 10, exclusiveMaximum: true }, { $schema: D04, type: 'number', maximum: 10 }, ['maximum-added # #/maximum', 'exclusive-maximum-removed #/maximum #'], 'B✗ F✗'),
  c('multipleOf added', int, { ...int, multipleOf: 2 }, ['multiple-of-added # #/multipleOf'], 'B✗ F✓'),
  c('multipleOf removed', { ...int, multipleOf: 2 }, int, ['multiple-of-removed #/multipleOf #'], 'B✓ F✗'),
  c('multipleOf 2 → 4', { ...int, multipleOf: 2 }, { ...int, multipleOf: 4 }, ['multiple-of-expanded #/multipleOf #/multipleOf'], 'B✗ F✓'),
  c('multipleOf 4 → 2', { ...int, multipleOf: 4 }, { ...int, multipleOf: 2 }, ['multiple-of-reduced #/multipleOf #/multipleOf'], 'B✓ F✗'),
  c('multipleOf 4 → 6', { ...int, multipleOf: 4 }, { ...int, multipleOf: 6 }, ['multiple-of-changed #/multipleOf #/multipleOf'], 'B✗ F✗'),
  c('multipleOf 0.01 → 0.05 (decimal, exact)', { type: 'number', multipleOf: 0.01 }, { type: 'number', multipleOf: 0.05 }, ['multiple-of-expanded #/multipleOf #/multipleOf'], 'B✗ F✓'),

  // enum and const
  c('enum added', str, { ...str, enum: ['a', 'b'] }, ['enum-added # #/enum'], 'B✗ F✓'),
  c('enum removed', { ...str, enum: ['a', 'b'] }, str, ['enum-removed #/enum #'], 'B✓ F✗'),
  c('enum value added', { enum: ['a', 'b'] }, { enum: ['a', 'b', 'c'] }, ['enum-extended #/enum #/enum'], 'B✓ F✗'),
  c('enum value removed', { enum: ['a', 'b', 'c'] }, { enum: ['a', 'b'] }, ['enum-narrowed #/enum #/enum'], 'B✗ F✓'),
  c('enum value replaced', { enum: ['a', 'b'] }, { enum: ['a', 'c'] }, ['enum-changed #/enum #/enum'], 'B✗ F✗'),
  c('const widened to an enum', { const: 'a' }, { enum: ['a', 'b'] }, ['enum-extended #/const #/enum'], 'B✓ F✗'),
  c('enum values of another type do not count', { type: 'string', enum: ['a', 1] }, { type: 'string', enum: ['a'] }, [], 'B✓ F✓'),

  // required
  c('required added', object({ a: str }), object({ a: str }, { required: ['a'] }), ['required-added # #/required/0'], 'B✗ F✓'),
  c('required added, the property has a default', object({ a: { ...str, default: 'x' } }), object({ a: { ...str, default: 'x' } }, { required: ['a'] }), ['required-added-with-default # #/required/0'], 'B⚠ F✓'),
  c('required removed', object({ a: str }, { required: ['a'] }), object({ a: str }), ['required-removed #/required/0 #'], 'B✓ F✗'),
  c('required removed, the property has a default', object({ a: { ...str, default: 'x' } }, { required: ['a'] }), object({ a: { ...str, default: 'x' } }), ['required-removed-with-default #/required/0 #'], 'B✓ F⚠'),
  c('required added for an undeclared name (the registry ignores it; data without it fails)', { type: 'object' }, { type: 'object', required: ['z'] }, ['required-added-for-undeclared-property # #/required/0'], 'B⚠ F✓'),
  c('required removed for an undeclared name (2020-12)', { $schema: D2020, ...object({ a: str }), required: ['a', 'z'] }, { $schema: D2020, ...object({ a: str }), required: ['a'] }, ['required-removed-for-undeclared-property #/required/1 #/required'], 'B✓ F⚠'),
  c('required added in an allOf branch that declares no properties (2020-12)', { $schema: D2020, allOf: [{ $ref: '#/$defs/Base' }, { required: ['a'] }], $defs: { Base: object({ a: str, b: str }) } }, { $schema: D2020, allOf: [{ $ref: '#/$defs/Base' }, { required: ['a', 'b'] }], $defs: { Base: object({ a: str, b: str }) } }, ['required-added-for-undeclared-property #/allOf/1/required #/allOf/1/required/1'], 'B⚠ F✓'),

  // properties in an open content model
  c('optional property added, open model', object({ a: str }), object({ a: str, b: int }), ['optional-property-added-to-open-content-model #/properties #/properties/b'], 'B✗ F✓ LB✓'),
  c('required property added, open model', object({ a: str }), object({ a: str, b: int }, { required: ['b'] }), ['required-property-added-to-open-content-model #/properties #/properties/b'], 'B✗ F✓'),
  c('required property with default added, open model', object({ a: str }), object({ a: str, b: { ...int, default: 0 } }, { required: ['b'] }), ['required-property-with-default-added-to-open-content-model #/properties #/properties/b'], 'B✗ F✓ LB⚠'),
  c('property accepting anything added, open model', object({ a: str }), object({ a: str, b: {} }), ['property-with-empty-schema-added-to-open-content-model #/properties #/properties/b'], 'B✓ F✓'),
  c('property added where there were no properties', { type: 'object' }, object({ b: int }), ['optional-property-added-to-open-content-model # #/properties/b'], 'B✗ F✓ LB✓'),
  c('optional property removed, open model', object({ a: str, b: int }), object({ a: str }), ['optional-property-removed-from-open-content-model #/properties/b #/properties'], 'B✓ F✗ LF✓'),
  c('required property removed, open model', object({ a: str, b: int }, { required: ['b'] }), object({ a: str }), ['required-property-removed-from-open-content-model #/properties/b #/properties'], 'B✓ F✗'),
  c('required property with default removed, open model', object({ a: str, b: { ...int, default: 0 } }, { required: ['b'] }), object({ a: str }), ['required-property-with-default-removed-from-open-content-model #/properties/b #/properties'], 'B✓ F✗ LF⚠'),
  c('property accepting anything removed, open model', object({ a: str, b: true }), object({ a: str }), ['property-with-empty-schema-removed-from-open-content-model #/properties/b #/properties'], 'B✓ F✓'),

  // properties in a closed content model
  c('optional property added, closed model', object({ a: str }, { additionalProperties: false }), object({ a: str, b: int }, { additionalProperties: false }), ['optional-property-added-to-closed-content-model #/properties #/properties/b'], 'B✓ F✗ LF✓'),
  c('required property added, closed model', object({ a: str }, { additionalProperties: false }), object({ a: str, b: int }, { additionalProperties: false, required: ['b'] }), ['required-property-added-to-closed-content-model #/properties #/properties/b'], 'B✗ F✗'),
  c('required property with default added, closed model', object({ a: str }, { additionalProperties: false }), object({ a: str, b: { ...int, default: 1 } }, { additionalProperties: false, required: ['b'] }), ['required-property-with-default-added-to-closed-content-model #/properties #/properties/b'], 'B⚠ F✗'),
  c('property declared false added, closed model', object({ a: str }, { additionalProperties: false }), object({ a: str, b: false }, { additionalProperties: false }), ['property-with-false-schema-added-to-closed-content-model #/properties #/properties/b'], 'B✓ F✓'),
  c('optional property removed, closed model', object({ a: str, b: int }, { additionalProperties: false }), object({ a: str }, { additionalProperties: false }), ['optional-property-removed-from-closed-content-model #/properties/b #/properties'], 'B✗ F✓ LB✓'),
  c('required property removed, closed model', object({ a: str, b: int }, { additionalProperties: false, required: ['b'] }), object({ a: str }, { additionalProperties: false }), ['required-property-removed-from-closed-content-model #/properties/b #/properties'], 'B✗ F✗'),
  c('required property with default removed, closed model', object({ a: str, b: { ...int, default: 1 } }, { additionalProperties: false, required: ['b'] }), object({ a: str }, { additionalProperties: false }), ['required-property-with-default-removed-from-closed-content-model #/properties/b #/properties'], 'B✗ F⚠'),
  c('property declared false removed, closed model', object({ a: str, b: false }, { additionalProperties: false }), object({ a: str }, { additionalProperties: false }), ['property-with-false-schema-removed-from-closed-content-model #/properties/b #/properties'], 'B✓ F✓'),
  c('unevaluatedProperties: false closes the model too', { $schema: D2020, ...object({ a: str }), unevaluatedProperties: false }, { $schema: D2020, ...object({ a: str, b: int }), unevaluatedProperties: false }, ['optional-property-added-to-closed-content-model #/properties #/properties/b'], 'B✓ F✗ LF✓'),

  // properties in a partially open content model
  c('property added that the additionalProperties schema covers', object({ a: str }, { additionalProperties: str }), object({ a: str, b: str }, { additionalProperties: str }), ['optional-property-added-to-partially-open-content-model #/properties #/properties/b'], 'B✓ F✓'),
  c('property added that the additionalProperties schema does not cover', object({ a: str }, { additionalProperties: str }), object({ a: str, b: { ...str, maxLength: 5 } }, { additionalProperties: str }), ['optional-property-added-to-partially-open-content-model #/properties #/properties/b', 'max-length-added #/additionalProperties #/properties/b/maxLength'], 'B✗ F✓'),
  c('property added under a matching patternProperties entry', object({}, { patternProperties: { '^x_': int } }), object({ x_count: { ...int, minimum: 0 } }, { patternProperties: { '^x_': int } }), ['optional-property-added-to-partially-open-content-model #/properties #/properties/x_count', 'minimum-added #/patternProperties/^x_ #/properties/x_count/minimum'], 'B✗ F✓'),
  c('property added that no pattern matches: open for that name', object({}, { patternProperties: { '^x_': int } }), object({ name: str }, { patternProperties: { '^x_': int } }), ['optional-property-added-to-open-content-model #/properties #/properties/name'], 'B✗ F✓ LB✓'),
  c('required property added, partially open model', object({ a: str }, { additionalProperties: str }), object({ a: str, b: str }, { additionalProperties: str, required: ['b'] }), ['required-property-added-to-partially-open-content-model #/properties #/properties/b'], 'B✗ F✓'),
  c('required property with default added, partially open model', object({ a: str }, { additionalProperties: str }), object({ a: str, b: { ...str, default: 'x' } }, { additionalProperties: str, required: ['b'] }), ['required-property-with-default-added-to-partially-open-content-model #/properties #/properties/b', 'default-changed #/additionalProperties #/properties/b/default'], 'B⚠ F✓'),
  c('property removed that the additionalProperties schema covers', object({ a: str, b: str }, { additionalProperties: str }), object({ a: str }, { additionalProperties: str }), ['optional-property-removed-from-partially-open-content-model #/properties/b #/properties'], 'B✓ F✓'),
  c('property removed that the additionalProperties schema does not cover', object({ a: str, b: int }, { additionalProperties: str }), object({ a: str }, { additionalProperties: str }), ['optional-property-removed-from-partially-open-content-model #/properties/b #/properties', 'type-changed #/properties/b/type #/additionalProperties/type'], 'B✗ F✗'),
  c('required property removed, partially open model', object({ a: str, b: str }, { additionalProperties: str, required: ['b'] }), object({ a: str }, { additionalProperties: str }), ['required-property-removed-from-partially-open-content-model #/properties/b #/properties'], 'B✓ F✗'),
  c('required property with default removed, partially open model', object({ a: str, b: { ...str, default: 'x' } }, { additionalProperties: str, required: ['b'] }), object({ a: str }, { additionalProperties: str }), ['required-property-with-default-removed-from-partially-open-content-model #/properties/b #/properties', 'default-changed #/properties/b/default #/additionalProperties'], 'B✓ F⚠'),

  // patternProperties
  c('patternProperties entry added, open model', { type: 'object' }, { type: 'object', patternProperties: { '^x_': str } }, ['pattern-property-added-to-open-content-model # #/patternProperties/^x_'], 'B✗ F✓ LB✓'),
  c('patternProperties entry removed, open model', { type: 'object', patternProperties: { '^x_': str } }, { type: 'object' }, ['pattern-property-removed-from-open-content-model #/patternProperties/^x_ #'], 'B✓ F✗ LF✓'),
  c('patternProperties entry added, closed model', { type: 'object', additionalProperties: false }, { type: 'object', additionalProperties: false, patternProperties: { '^x_': str } }, ['pattern-property-added-to-closed-content-model # #/patternProperties/^x_'], 'B✓ F✗ LF✓'),
  c('patternProperties entry removed, closed model', { type: 'object', additionalProperties: false, patternProperties: { '^x_': str } }, { type: 'object', additionalProperties: false }, ['pattern-property-removed-from-closed-content-model #/patternProperties/^x_ #'], 'B✗ F✓ LB✓'),
  c('patternProperties entry added, partially open model', { type: 'object', additionalProperties: str }, { type: 'object', additionalProperties: str, patternProperties: { '^x_': { ...str, maxLength: 3 } } }, ['pattern-property-added-to-partially-open-content-model # #/patternProperties/^x_', 'max-length-added #/additionalProperties #/patternProperties/^x_/maxLength'], 'B✗ F✓'),
  c('patternProperties entry removed, partially open model', { type: 'object', additionalProperties: str, patternProperties: { '^x_': { ...str, maxLength: 3 } } }, { type: 'object', additionalProperties: str }, ['pattern-property-removed-from-partially-open-content-model #/patternProperties/^x_ #', 'max-length-removed #/patternProperties/^x_/maxLength #/additionalProperties'], 'B✓ F✗'),
  c('patternProperties entry added over a declared property', object({ x_a: str }), object({ x_a: str }, { patternProperties: { '^x_': { maxLength: 3 } } }), ['pattern-property-added-to-open-content-model # #/patternProperties/^x_', 'pattern-property-added-over-property #/properties/x_a #/patternProperties/^x_'], 'B✗ F✓'),
  c('patternProperties entry removed over a declared property', object({ x_a: str }, { patternProperties: { '^x_': { maxLength: 3 } } }), object({ x_a: str }), ['pattern-property-removed-from-open-content-model #/patternProperties/^x_ #', 'pattern-property-removed-over-property #/patternProperties/^x_ #/properties/x_a'], 'B✓ F✗'),
  c('patternProperties entry changed', { type: 'object', patternProperties: { '^x_': str } }, { type: 'object', patternProperties: { '^x_': int } }, ['type-changed #/patternProperties/^x_/type #/patternProperties/^x_/type'], 'B✗ F✗'),

  // the content model itself
  c('additionalProperties: false added', object({ a: str }), object({ a: str }, { additionalProperties: false }), ['additional-properties-closed # #/additionalProperties'], 'B✗ F✓ LB✓'),
  c('additionalProperties: false removed', object({ a: str }, { additionalProperties: false }), object({ a: str }), ['additional-properties-opened #/additionalProperties #'], 'B✓ F✗ LF✓'),
  c('additionalProperties schema added', object({ a: str }), object({ a: str }, { additionalProperties: str }), ['additional-properties-narrowed # #/additionalProperties'], 'B✗ F✓ LB✓'),
  c('additionalProperties schema removed', object({ a: str }, { additionalProperties: str }), object({ a: str }), ['additional-properties-extended #/additionalProperties #'], 'B✓ F✗ LF✓'),
  c('additionalProperties schema changed', object({}, { additionalProperties: { ...str, maxLength: 5 } }), object({}, { additionalProperties: { ...str, maxLength: 3 } }), ['max-length-decreased #/additionalProperties/maxLength #/additionalProperties/maxLength'], 'B✗ F✓'),
  c('unevaluatedProperties: false added', { $schema: D2019, type: 'object' }, { $schema: D2019, type: 'object', unevaluatedProperties: false }, ['unevaluated-properties-closed # #/unevaluatedProperties'], 'B✗ F✓ LB✓'),
  c('unevaluatedProperties: false removed', { $schema: D2019, type: 'object', unevaluatedProperties: false }, { $schema: D2019, type: 'object' }, ['unevaluated-properties-opened #/unevaluatedProperties #'], 'B✓ F✗ LF✓'),
  c('unevaluatedProperties schema added', { $schema: D2019, type: 'object' }, { $schema: D2019, type: 'object', unevaluatedProperties: str }, ['unevaluated-properties-narrowed # #/unevaluatedProperties'], 'B✗ F✓ LB✓'),
  c('unevaluatedProperties schema removed', { $schema: D2019, type: 'object', unevaluatedProperties: str }, { $schema: D2019, type: 'object' }, ['unevaluated-properties-extended #/unevaluatedProperties #'], 'B✓ F✗ LF✓'),

  // counts, dependencies, names
  c('maxProperties added', { type: 'object' }, { type: 'object', maxProperties: 3 }, ['max-properties-added # #/maxProperties'], 'B✗ F✓'),
  c('maxProperties removed', { type: 'object', maxProperties: 3 }, { type: 'object' }, ['max-properties-removed #/maxProperties #'], 'B✓ F✗'),
  c('maxProperties increased', { type: 'object', maxProperties: 3 }, { type: 'object', maxProperties: 4 }, ['max-properties-increased #/maxProperties #/maxProperties'], 'B✓ F✗'),
  c('maxProperties decreased', { type: 'object', maxProperties: 4 }, { type: 'object', maxProperties: 3 }, ['max-properties-decreased #/maxProperties #/maxProperties'], 'B✗ F✓'),
  c('minProperties added', { type: 'object' }, { type: 'object', minProperties: 1 }, ['min-properties-added # #/minProperties'], 'B✗ F✓'),
  c('minProperties removed', { type: 'object', minProperties: 1 }, { type: 'object' }, ['min-properties-removed #/minProperties #'], 'B✓ F✗'),
  c('minProperties increased', { type: 'object', minProperties: 1 }, { type: 'object', minProperties: 2 }, ['min-properties-increased #/minProperties #/minProperties'], 'B✗ F✓'),
  c('minProperties decreased', { type: 'object', minProperties: 2 }, { type: 'object', minProperties: 1 }, ['min-properties-decreased #/minProperties #/minProperties'], 'B✓ F✗'),
  c('property dependency added', { type: 'object' }, { type: 'object', dependencies: { card: ['billing'] } }, ['dependencies-array-added # #/dependencies/card'], 'B✗ F✓'),
  c('property dependency removed', { type: 'object', dependencies: { card: ['billing'] } }, { type: 'object' }, ['dependencies-array-removed #/dependencies/card #'], 'B✓ F✗'),
  c('property dependency requires more (dependentRequired)', { $schema: D2019, type: 'object', dependentRequired: { card: ['billing'] } }, { $schema: D2019, type: 'object', dependentRequired: { card: ['billing', 'cvc'] } }, ['dependencies-array-extended #/dependentRequired/card #/dependentRequired/card'], 'B✗ F✓'),
  c('property dependency requires less', { type: 'object', dependencies: { card: ['billing', 'cvc'] } }, { type: 'object', dependencies: { card: ['billing'] } }, ['dependencies-array-narrowed #/dependencies/card #/dependencies/card'], 'B✓ F✗'),
  c('property dependency requires others', { type: 'object', dependencies: { card: ['billing'] } }, { type: 'object', dependencies: { card: ['cvc'] } }, ['dependencies-array-changed #/dependencies/card #/dependencies/card'], 'B✗ F✗'),
  c('schema dependency added', { type: 'object' }, { type: 'object', dependencies: { card: { required: ['billing'] } } }, ['dependencies-schema-added # #/dependencies/card'], 'B✗ F✓'),
  c('schema dependency removed (dependentSchemas)', { $schema: D2019, type: 'object', dependentSchemas: { card: { required: ['billing'] } } }, { $schema: D2019, type: 'object' }, ['dependencies-schema-removed #/dependentSchemas/card #'], 'B✓ F✗'),
  c('schema dependency changed', { type: 'object', dependencies: { card: { required: ['billing'] } } }, { type: 'object', dependencies: { card: { required: ['billing', 'cvc'] } } }, ['required-added-for-undeclared-property #/dependencies/card/required #/dependencies/card/required/1'], 'B⚠ F✓'),
  c('propertyNames added', { type: 'object' }, { type: 'object', propertyNames: { pattern: '^[a-z]+$' } }, ['property-names-added # #/propertyNames'], 'B✗ F✓'),
  c('propertyNames removed', { type: 'object', propertyNames: { pattern: '^[a-z]+$' } }, { type: 'object' }, ['property-names-removed #/propertyNames #'], 'B✓ F✗'),

  // arrays
  c('items schema added', { type: 'array' }, { type: 'array', items: str }, ['items-added # #/items'], 'B✗ F✓'),
  c('items schema removed', { type: 'array', items: str }, { type: 'array' }, ['items-removed #/items #'], 'B✓ F✗'),
  c('items beyond the prefix closed (2020-12)', { $schema: D2020, type: 'array', prefixItems: [str] }, { $schema: D2020, type: 'array', prefixItems: [str], items: false }, ['items-closed # #/items'], 'B✗ F✓'),
  c('items beyond the prefix opened (draft-07 additionalItems)', { type: 'array', items: [str], additionalItems: false }, { type: 'array', items: [str] }, ['items-opened #/additionalItems #'], 'B✓ F✗'),
  c('items schema changed', { type: 'array', items: { ...str, maxLength: 5 } }, { type: 'array', items: { ...str, maxLength: 3 } }, ['max-length-decreased #/items/maxLength #/items/maxLength'], 'B✗ F✓'),
  c('tuple position added, open array', { $schema: D2020, type: 'array', prefixItems: [str] }, { $schema: D2020, type: 'array', prefixItems: [str, int] }, ['prefix-item-added-to-open-content-model #/prefixItems #/prefixItems/1'], 'B✗ F✓'),
  c('tuple position accepting anything added, open array', { $schema: D2020, type: 'array', prefixItems: [str] }, { $schema: D2020, type: 'array', prefixItems: [str, {}] }, ['prefix-item-with-empty-schema-added-to-open-content-model #/prefixItems #/prefixItems/1'], 'B✓ F✓'),
  c('tuple position added, closed array (draft-07)', { type: 'array', items: [str], additionalItems: false }, { type: 'array', items: [str, int], additionalItems: false }, ['prefix-item-added-to-closed-content-model #/items #/items/1'], 'B✓ F✗'),
  c('tuple position added, partially open array', { $schema: D2020, type: 'array', prefixItems: [str], items: int }, { $schema: D2020, type: 'array', prefixItems: [str, { ...int, minimum: 0 }], items: int }, ['prefix-item-added-to-partially-open-content-model #/prefixItems #/prefixItems/1', 'minimum-added #/items #/prefixItems/1/minimum'], 'B✗ F✓'),
  c('tuple position removed, open array', { $schema: D2020, type: 'array', prefixItems: [str, int] }, { $schema: D2020, type: 'array', prefixItems: [str] }, ['prefix-item-removed-from-open-content-model #/prefixItems/1 #/prefixItems'], 'B✓ F✗'),
  c('tuple position accepting anything removed, open array', { $schema: D2020, type: 'array', prefixItems: [str, true] }, { $schema: D2020, type: 'array', prefixItems: [str] }, ['prefix-item-with-empty-schema-removed-from-open-content-model #/prefixItems/1 #/prefixItems'], 'B✓ F✓'),
  c('tuple position removed, closed array', { $schema: D2020, type: 'array', prefixItems: [str, int], items: false }, { $schema: D2020, type: 'array', prefixItems: [str], items: false }, ['prefix-item-removed-from-closed-content-model #/prefixItems/1 #/prefixItems'], 'B✗ F✓'),
  c('tuple position removed, partially open array', { $schema: D2020, type: 'array', prefixItems: [str, int], items: int }, { $schema: D2020, type: 'array', prefixItems: [str], items: int }, ['prefix-item-removed-from-partially-open-content-model #/prefixItems/1 #/prefixItems'], 'B✓ F✓'),
  // arrays as the registry reads them: a `false` position where the rest is closed says nothing more
  c('a false tuple position removed, the rest closed (draft-07)', { type: 'array', items: [str, false], additionalItems: false }, { type: 'array', items: [str], additionalItems: false }, ['prefix-item-with-false-schema-removed-from-closed-content-model #/items/1 #/items'], 'B✓ F✓'),
  c('a false tuple position removed, the rest closed (2020-12)', { $schema: D2020, type: 'array', prefixItems: [str, false], items: false }, { $schema: D2020, type: 'array', prefixItems: [str], items: false }, ['prefix-item-with-false-schema-removed-from-closed-content-model #/prefixItems/1 #/prefixItems'], 'B✓ F✓'),
  c('a false tuple position added, the rest closed by unevaluatedItems (2020-12)', { $schema: D2020, type: 'array', prefixItems: [str], unevaluatedItems: false }, { $schema: D2020, type: 'array', prefixItems: [str, false], unevaluatedItems: false }, ['prefix-item-with-false-schema-added-to-closed-content-model #/prefixItems #/prefixItems/1'], 'B✓ F✓'),
  // … and `unevaluatedItems` applies beyond the prefix where `items` is absent
  c('a tuple position added that repeats unevaluatedItems (2020-12)', { $schema: D2020, type: 'array', prefixItems: [str], unevaluatedItems: int }, { $schema: D2020, type: 'array', prefixItems: [str, int], unevaluatedItems: int }, ['prefix-item-added-to-partially-open-content-model #/prefixItems #/prefixItems/1'], 'B✓ F✓'),
  c('a tuple position added that repeats unevaluatedItems (2019-09 items array)', { $schema: D2019, type: 'array', items: [str], unevaluatedItems: int }, { $schema: D2019, type: 'array', items: [str, int], unevaluatedItems: int }, ['prefix-item-added-to-partially-open-content-model #/items #/items/1'], 'B✓ F✓'),
  c('a tuple position removed that unevaluatedItems does not cover (2020-12)', { $schema: D2020, type: 'array', prefixItems: [str, int], unevaluatedItems: str }, { $schema: D2020, type: 'array', prefixItems: [str], unevaluatedItems: str }, ['prefix-item-removed-from-partially-open-content-model #/prefixItems/1 #/prefixItems', 'type-changed #/prefixItems/1/type #/unevaluatedItems/type'], 'B✗ F✗'),
  c('a tuple position removed, unevaluatedItems: false (2020-12)', { $schema: D2020, type: 'array', prefixItems: [str, int], unevaluatedItems: false }, { $schema: D2020, type: 'array', prefixItems: [str], unevaluatedItems: false }, ['prefix-item-removed-from-closed-content-model #/prefixItems/1 #/prefixItems'], 'B✗ F✓'),
  c('draft-07 has no unevaluatedItems: a tuple position removed from an open array', { type: 'array', items: [str, int], unevaluatedItems: str }, { type: 'array', items: [str], unevaluatedItems: str }, ['prefix-item-removed-from-open-content-model #/items/1 #/items'], 'B✓ F✗'),
  // draft-07 `additionalItems` beside a single `items` schema: no effect on data, the registry compares it
  c('additionalItems: false added beside a single items schema (draft-07)', { type: 'array', items: str }, { type: 'array', items: str, additionalItems: false }, ['items-closed # #/additionalItems inert'], 'B✗ F✓'),
  c('additionalItems schema added without items (draft-07)', { type: 'array' }, { type: 'array', additionalItems: int }, ['items-added # #/additionalItems inert'], 'B✗ F✓'),
  c('additionalItems schema narrowed beside a single items schema (draft-07)', { type: 'array', items: str, additionalItems: { ...str, maxLength: 5 } }, { type: 'array', items: str, additionalItems: { ...str, maxLength: 3 } }, ['max-length-decreased #/additionalItems/maxLength #/additionalItems/maxLength inert'], 'B✗ F✓'),
  c('2020-12 has no additionalItems', { $schema: D2020, type: 'array', items: str }, { $schema: D2020, type: 'array', items: str, additionalItems: false }, [], 'B✓ F✓'),
  c('maxItems added', { type: 'array' }, { type: 'array', maxItems: 3 }, ['max-items-added # #/maxItems'], 'B✗ F✓'),
  c('maxItems removed', { type: 'array', maxItems: 3 }, { type: 'array' }, ['max-items-removed #/maxItems #'], 'B✓ F✗'),
  c('maxItems increased', { type: 'array', maxItems: 3 }, { type: 'array', maxItems: 4 }, ['max-items-increased #/maxItems #/maxItems'], 'B✓ F✗'),
  c('maxItems decreased', { type: 'array', maxItems: 4 }, { type: 'array', maxItems: 3 }, ['max-items-decreased #/maxItems #/maxItems'], 'B✗ F✓'),
  c('minItems added', { type: 'array' }, { type: 'array', minItems: 1 }, ['min-items-added # #/minItems'], 'B✗ F✓'),
  c('minItems removed', { type: 'array', minItems: 1 }, { type: 'array' }, ['min-items-removed #/minItems #'], 'B✓ F✗'),
  c('minItems increased', { type: 'array', minItems: 1 }, { type: 'array', minItems: 2 }, ['min-items-increased #/minItems #/minItems'], 'B✗ F✓'),
  c('minItems decreased', { type: 'array', minItems: 2 }, { type: 'array', minItems: 1 }, ['min-items-decreased #/minItems #/minItems'], 'B✓ F✗'),
  c('uniqueItems added', { type: 'array' }, { type: 'array', uniqueItems: true }, ['unique-items-added # #/uniqueItems'], 'B✗ F✓'),
  c('uniqueItems removed', { type: 'array', uniqueItems: true }, { type: 'array', uniqueItems: false }, ['unique-items-removed #/uniqueItems #/uniqueItems'], 'B✓ F✗'),
  c('contains added', { type: 'array' }, { type: 'array', contains: str }, ['contains-added # #/contains'], 'B✗ F✓'),
  c('contains removed', { type: 'array', contains: str }, { type: 'array' }, ['contains-removed #/contains #'], 'B✓ F✗'),
  c('contains narrowed', { type: 'array', contains: str }, { type: 'array', contains: { ...str, maxLength: 3 } }, ['max-length-added #/contains #/contains/maxLength'], 'B✗ F✓'),
  c('minContains added', { $schema: D2019, type: 'array', contains: str }, { $schema: D2019, type: 'array', contains: str, minContains: 2 }, ['min-contains-added # #/minContains'], 'B✗ F✓'),
  c('minContains removed', { $schema: D2019, type: 'array', contains: str, minContains: 2 }, { $schema: D2019, type: 'array', contains: str }, ['min-contains-removed #/minContains #'], 'B✓ F✗'),
  c('minContains increased', { $schema: D2019, type: 'array', contains: str, minContains: 2 }, { $schema: D2019, type: 'array', contains: str, minContains: 3 }, ['min-contains-increased #/minContains #/minContains'], 'B✗ F✓'),
  c('minContains decreased', { $schema: D2019, type: 'array', contains: str, minContains: 3 }, { $schema: D2019, type: 'array', contains: str, minContains: 2 }, ['min-contains-decreased #/minContains #/minContains'], 'B✓ F✗'),
  c('maxContains added', { $schema: D2019, type: 'array', contains: str }, { $schema: D2019, type: 'array', contains: str, maxContains: 2 }, ['max-contains-added # #/maxContains'], 'B✗ F✓'),
  c('maxContains removed', { $schema: D2019, type: 'array', contains: str, maxContains: 2 }, { $schema: D2019, type: 'array', contains: str }, ['max-contains-removed #/maxContains #'], 'B✓ F✗'),
  c('maxContains increased', { $schema: D2019, type: 'array', contains: str, maxContains: 2 }, { $schema: D2019, type: 'array', contains: str, maxContains: 3 }, ['max-contains-increased #/maxContains #/maxContains'], 'B✓ F✗'),
  c('maxContains decreased', { $schema: D2019, type: 'array', contains: str, maxContains: 3 }, { $schema: D2019, type: 'array', contains: str, maxContains: 2 }, ['max-contains-decreased #/maxContains #/maxContains'], 'B✗ F✓'),
  c('unevaluatedItems: false added', { $schema: D2019, type: 'array' }, { $schema: D2019, type: 'array', unevaluatedItems: false }, ['unevaluated-items-closed # #/unevaluatedItems'], 'B✗ F✓'),
  c('unevaluatedItems: false removed', { $schema: D2019, type: 'array', unevaluatedItems: false }, { $schema: D2019, type: 'array' }, ['unevaluated-items-opened #/unevaluatedItems #'], 'B✓ F✗'),
  c('unevaluatedItems schema added', { $schema: D2019, type: 'array' }, { $schema: D2019, type: 'array', unevaluatedItems: str }, ['unevaluated-items-narrowed # #/unevaluatedItems'], 'B✗ F✓'),
  c('unevaluatedItems schema removed', { $schema: D2019, type: 'array', unevaluatedItems: str }, { $schema: D2019, type: 'array' }, ['unevaluated-items-extended #/unevaluatedItems #'], 'B✓ F✗'),

  // combined schemas
  c('anyOf added beside other keywords', { type: 'object' }, { type: 'object', anyOf: [{ required: ['a'] }, { required: ['b'] }] }, ['combined-sum-added # #/anyOf'], 'B✗ F✓'),
  c('oneOf removed beside other keywords', { type: 'object', oneOf: [{ required: ['a'] }, { required: ['b'] }] }, { type: 'object' }, ['combined-sum-removed #/oneOf #'], 'B✓ F✗'),
  c('anyOf branch added', { anyOf: [str, int] }, { anyOf: [str, int, { type: 'null' }] }, ['combined-sum-extended #/anyOf #/anyOf/2'], 'B✓ F✗'),
  c('a schema became one anyOf branch of two', str, { anyOf: [str, { type: 'null' }] }, ['combined-sum-extended # #/anyOf/1'], 'B✓ F✗'),
  c('anyOf branch removed', { anyOf: [str, int, { type: 'null' }] }, { anyOf: [str, int] }, ['combined-sum-narrowed #/anyOf/2 #/anyOf'], 'B✗ F✓'),
  c('anyOf branch changed', { anyOf: [{ ...str, maxLength: 5 }, int] }, { anyOf: [{ ...str, maxLength: 3 }, int] }, ['max-length-decreased #/anyOf/0/maxLength #/anyOf/0/maxLength'], 'B✗ F✓'),
  c('anyOf branches reordered', { anyOf: [str, int] }, { anyOf: [int, str] }, [], 'B✓ F✓'),
  c('oneOf branch added that may overlap another', { oneOf: [str, int] }, { oneOf: [str, int, { type: 'number' }] }, ['combined-sum-extended #/oneOf #/oneOf/2 overlap'], 'B⚠ F✗'),
  c('oneOf branch added that cannot overlap', { oneOf: [str, int] }, { oneOf: [str, int, { type: 'null' }] }, ['combined-sum-extended #/oneOf #/oneOf/2'], 'B✓ F✗'),
  c('oneOf branch widened where branches may overlap', { oneOf: [{ ...str, maxLength: 3 }, { ...str, minLength: 5 }] }, { oneOf: [{ ...str, maxLength: 10 }, { ...str, minLength: 5 }] }, ['max-length-increased #/oneOf/0/maxLength #/oneOf/0/maxLength overlap'], 'B⚠ F✗'),
  c('oneOf branch widened, discriminated branches', { oneOf: [object({ kind: { const: 'a' }, v: { ...str, maxLength: 3 } }, { required: ['kind'] }), object({ kind: { const: 'b' } }, { required: ['kind'] })] }, { oneOf: [object({ kind: { const: 'a' }, v: { ...str, maxLength: 10 } }, { required: ['kind'] }), object({ kind: { const: 'b' } }, { required: ['kind'] })] }, ['max-length-increased #/oneOf/0/properties/v/maxLength #/oneOf/0/properties/v/maxLength'], 'B✓ F✗'),
  // a branch that repeats another: the registry collapses it
  c('anyOf branch added that repeats another', { anyOf: [str, int] }, { anyOf: [str, int, str] }, ['combined-duplicate-branch-added #/anyOf #/anyOf/2'], 'B✓ F✓'),
  c('allOf branch added that repeats another (2020-12)', { $schema: D2020, type: 'object', allOf: [{ required: ['a'] }] }, { $schema: D2020, type: 'object', allOf: [{ required: ['a'] }, { required: ['a'] }] }, ['combined-duplicate-branch-added #/allOf #/allOf/1'], 'B✓ F✓'),
  c('a schema became an allOf of two copies of itself', str, { allOf: [str, str] }, ['combined-duplicate-branch-added # #/allOf/1'], 'B✓ F✓'),
  c('oneOf branch added that repeats another: data it accepts matches twice', { oneOf: [str, int] }, { oneOf: [str, int, str] }, ['combined-duplicate-branch-added #/oneOf #/oneOf/2 overlap'], 'B⚠ F⚠'),
  c('oneOf branch removed that repeated another (2020-12)', { $schema: D2020, oneOf: [str, int, str] }, { $schema: D2020, oneOf: [str, int] }, ['combined-duplicate-branch-removed #/oneOf/2 #/oneOf overlap'], 'B⚠ F⚠'),
  // The property test's counterexample (seed 1974842959): a copy harmless under allOf rejects everything under oneOf.
  c('allOf of two copies became a oneOf of two copies: the copy now matches twice', { allOf: [str, str] }, { oneOf: [str, str] }, ['combined-criterion-equivalent #/allOf #/oneOf', 'combined-duplicate-branch-added #/allOf #/oneOf/1 overlap', 'combined-duplicate-branch-removed #/allOf/1 #/oneOf'], 'B⚠ F⚠'),
  c('anyOf copies of a changed branch follow their original', { anyOf: [{ ...str, maxLength: 5 }, { ...str, maxLength: 5 }, int] }, { anyOf: [{ ...str, maxLength: 3 }, { ...str, maxLength: 3 }, int] }, ['max-length-decreased #/anyOf/0/maxLength #/anyOf/0/maxLength'], 'B✗ F✓'),
  c('allOf branch added', { type: 'object', allOf: [{ required: ['a'] }] }, { type: 'object', allOf: [{ required: ['a'] }, { required: ['b'] }] }, ['combined-product-extended #/allOf #/allOf/1'], 'B✗ F✓'),
  c('allOf branch removed', { type: 'object', allOf: [{ required: ['a'] }, { required: ['b'] }] }, { type: 'object', allOf: [{ required: ['a'] }] }, ['combined-product-narrowed #/allOf/1 #/allOf'], 'B✓ F✗'),
  c('$ref beside keywords is an allOf branch (2019-09)', { $schema: D2019, ...object({ a: str }), $defs: { Base: { required: ['id'] } } }, { $schema: D2019, $ref: '#/$defs/Base', ...object({ a: str }), $defs: { Base: { required: ['id'] } } }, ['combined-product-extended # #/$ref'], 'B✗ F✓'),
  c('oneOf → anyOf', { oneOf: [str, int] }, { anyOf: [str, int] }, ['combined-criterion-extended #/oneOf #/anyOf'], 'B✓ F✗'),
  c('anyOf → oneOf', { anyOf: [str, int] }, { oneOf: [str, int] }, ['combined-criterion-narrowed #/anyOf #/oneOf'], 'B✗ F✓'),
  c('anyOf → oneOf beside other keywords', { type: 'object', anyOf: [{ required: ['a'] }, { required: ['b'] }] }, { type: 'object', oneOf: [{ required: ['a'] }, { required: ['b'] }] }, ['combined-criterion-narrowed #/anyOf #/oneOf'], 'B✗ F✓'),
  c('allOf → oneOf', { allOf: [{ type: 'object' }, { required: ['a'] }] }, { oneOf: [{ type: 'object' }, { required: ['a'] }] }, ['combined-criterion-changed #/allOf #/oneOf'], 'B✗ F✗'),
  c('single-branch anyOf → oneOf', { anyOf: [str] }, { oneOf: [str] }, ['combined-criterion-equivalent #/anyOf #/oneOf'], 'B✓ F✓'),
  c('a schema wrapped in a single-branch anyOf', str, { anyOf: [str] }, [], 'B✓ F✓'),
  // found by the property-based test
  c('anyOf → allOf with no branch in common', { anyOf: [int, { type: 'null' }] }, { allOf: [str, { ...str, maxLength: 3 }] }, ['combined-criterion-extended #/anyOf #/allOf', 'combined-sum-narrowed #/anyOf/0 #/allOf', 'combined-sum-narrowed #/anyOf/1 #/allOf', 'combined-product-extended #/anyOf #/allOf/0', 'combined-product-extended #/anyOf #/allOf/1'], 'B✗ F✗'),
  c('a oneOf inside not keeps its overlap warning', { ...str, not: { const: 'a' } }, { ...str, not: { oneOf: [{ const: 'a' }, str] } }, ['combined-sum-extended #/not #/not/oneOf/1 not overlap'], 'B✗ F⚠'),
  c('a property removed whose name the new version requires', object({ c: { type: 'null' } }), { type: 'object', properties: {}, required: ['c'] }, ['optional-property-removed-from-open-content-model #/properties/c #/properties', 'required-added-for-undeclared-property # #/required/0'], 'B⚠ F✗ LF✓'),
  c('not added', str, { ...str, not: { const: 'x' } }, ['not-added # #/not'], 'B✗ F✓'),
  c('not removed', { ...str, not: { const: 'x' } }, str, ['not-removed #/not #'], 'B✓ F✗'),
  c('inside not, a narrowing is a widening', { not: { ...str, maxLength: 5 } }, { not: { ...str, maxLength: 3 } }, ['max-length-decreased #/not/maxLength #/not/maxLength not'], 'B✓ F✗'),
  c('inside not inside not, verdicts swap back', { not: { not: { ...str, maxLength: 5 } } }, { not: { not: { ...str, maxLength: 3 } } }, ['max-length-decreased #/not/not/maxLength #/not/not/maxLength'], 'B✗ F✓'),
  c('conditional added', { type: 'object' }, { type: 'object', if: { required: ['card'] }, then: { required: ['billing'] } }, ['conditional-added # #/if'], 'B✗ F✓'),
  c('conditional removed', { type: 'object', if: { required: ['card'] }, then: { required: ['billing'] } }, { type: 'object' }, ['conditional-removed #/if #'], 'B✓ F✗'),
  c('conditional with another if', { type: 'object', if: { required: ['card'] }, then: { required: ['billing'] } }, { type: 'object', if: { required: ['iban'] }, then: { required: ['billing'] } }, ['conditional-if-changed #/if #/if'], 'B✗ F✗'),
  c('conditional then narrowed', { type: 'object', if: { required: ['card'] }, then: { required: ['billing'] } }, { type: 'object', if: { required: ['card'] }, then: { required: ['billing', 'cvc'] } }, ['required-added-for-undeclared-property #/then/required #/then/required/1'], 'B⚠ F✓'),
  c('conditional else added', { type: 'object', if: { required: ['card'] }, then: { required: ['billing'] } }, { type: 'object', if: { required: ['card'] }, then: { required: ['billing'] }, else: { required: ['iban'] } }, ['required-added-for-undeclared-property #/else #/else/required/0'], 'B⚠ F✓'),

  // references, recursion, dialects
  c(
    'recursive schema: a change deep in the recursion',
    { $ref: '#/definitions/Node', definitions: { Node: object({ value: { ...str, maxLength: 3 }, next: { $ref: '#/definitions/Node' } }) } },
    { $ref: '#/definitions/Node', definitions: { Node: object({ value: { ...str, maxLength: 2 }, next: { $ref: '#/definitions/Node' } }) } },
    ['max-length-decreased #/definitions/Node/properties/value/maxLength #/definitions/Node/properties/value/maxLength'],
    'B✗ F✓',
  ),
  c('mutually recursive schemas, unchanged', { $ref: '#/definitions/A', definitions: { A: object({ b: { $ref: '#/definitions/B' } }), B: object({ a: { $ref: '#/definitions/A' } }) } }, { $ref: '#/definitions/A', definitions: { A: object({ b: { $ref: '#/definitions/B' } }), B: object({ a: { $ref: '#/definitions/A' } }) } }, [], 'B✓ F✓'),
  c('a definition referenced twice is reported once', object({ a: { $ref: '#/definitions/S' }, b: { $ref: '#/definitions/S' } }, { definitions: { S: { ...str, maxLength: 3 } } }), object({ a: { $ref: '#/definitions/S' }, b: { $ref: '#/definitions/S' } }, { definitions: { S: { ...str, maxLength: 2 } } }), ['max-length-decreased #/definitions/S/maxLength #/definitions/S/maxLength'], 'B✗ F✓'),
  c('draft-07: keywords beside $ref are ignored', { $ref: '#/definitions/S', maxLength: 3, definitions: { S: str } }, { $ref: '#/definitions/S', maxLength: 1, definitions: { S: str } }, [], 'B✓ F✓'),
  c('2020-12: keywords beside $ref count', { $schema: D2020, $ref: '#/$defs/S', maxLength: 3, $defs: { S: str } }, { $schema: D2020, $ref: '#/$defs/S', maxLength: 1, $defs: { S: str } }, ['max-length-decreased #/maxLength #/maxLength'], 'B✗ F✓'),
  c('2020-12: a lone $ref is its target, annotations included', { $schema: D2020, $ref: '#/$defs/S', $defs: { S: { ...str, title: 'Name' } } }, { $schema: D2020, ...str, title: 'Name' }, [], 'B✓ F✓'),
  c('a $ref inlined', object({ a: { $ref: '#/definitions/S' } }, { definitions: { S: { ...str, maxLength: 3 } } }), object({ a: { ...str, maxLength: 3 } }), [], 'B✓ F✓'),
  c(
    '$ref into another file',
    object({ a: { $ref: 'common.json#/definitions/Id' } }),
    object({ a: { $ref: 'common2.json#/definitions/Id' } }),
    ['max-length-decreased file:///schemas/common.json#/definitions/Id/maxLength file:///schemas/common2.json#/definitions/Id/maxLength'],
    'B✗ F✓',
    { oldUri: 'file:///schemas/order.json', newUri: 'file:///schemas/order.json', files: { 'file:///schemas/common.json': { definitions: { Id: { ...str, maxLength: 10 } } }, 'file:///schemas/common2.json': { definitions: { Id: { ...str, maxLength: 5 } } } } },
  ),
];
