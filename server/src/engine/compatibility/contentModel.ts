import { linearPattern } from '../schemas/linearPattern';
import type { Differ } from './differ';
import { isJsonObject } from './jsonValues';
import { isEmptySchema, isFalseSchema } from './schemaKeywords';
import { childPlace, objectValue, type SchemaPlace } from './schemaPlace';

/**
 * What a schema says about a property (or array item) it does not declare: anything goes
 * (open), nothing goes (closed), or some schema applies (partially open).
 */
export type ContentModel = { kind: 'open' } | { kind: 'closed' } | { kind: 'partial'; schemas: SchemaPlace[] };

/**
 * A `patternProperties` key as an ECMA-262 regular expression (with `u` where it is valid so),
 * run in linear time; null when it is not one, or RE2 cannot run it: such a key matches no name.
 */
export function patternOf(source: string): { test(text: string): boolean } | null {
  let pattern = linearPattern(source, 'u');
  if (pattern.kind === 'invalid') pattern = linearPattern(source);
  return pattern.kind === 'linear' ? pattern : null;
}

/** How a keyword whose value is a schema for the undeclared rest reads: absent, `true` and `{}` are open. */
export function restModel(differ: Differ, owner: SchemaPlace, keyword: string): ContentModel {
  const value = objectValue(owner);
  if (!value || !Object.prototype.hasOwnProperty.call(value, keyword)) return { kind: 'open' };
  const place = childPlace(owner, keyword);
  if (isFalseSchema(place.value)) return { kind: 'closed' };
  if (isEmptySchema(place, differ.env)) return { kind: 'open' };
  return { kind: 'partial', schemas: [place] };
}

/** The model for properties matched by no `patternProperties` entry: `additionalProperties`, else `unevaluatedProperties`. */
export function additionalPropertiesModel(differ: Differ, owner: SchemaPlace): ContentModel {
  const value = objectValue(owner);
  if (value && Object.prototype.hasOwnProperty.call(value, 'additionalProperties')) return restModel(differ, owner, 'additionalProperties');
  return restModel(differ, owner, 'unevaluatedProperties');
}

/**
 * The content model a schema applies to one undeclared property name: the `patternProperties`
 * entries that match it, else the additional-properties model. (Confluent treats any schema with
 * `patternProperties` as not open, even for names no pattern matches; we do not.)
 */
export function propertyModel(differ: Differ, owner: SchemaPlace, name: string): ContentModel {
  const patternProperties = objectValue(owner)?.patternProperties;
  if (isJsonObject(patternProperties)) {
    const matching = Object.keys(patternProperties).filter((source) => patternOf(source)?.test(name));
    if (matching.length > 0) return { kind: 'partial', schemas: matching.map((source) => childPlace(owner, 'patternProperties', source)) };
  }
  return additionalPropertiesModel(differ, owner);
}
