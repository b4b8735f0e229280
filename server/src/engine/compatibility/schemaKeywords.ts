import { isJsonObject } from './jsonValues';
import { followReplacingRefs, objectValue, refIsApplicator, type PlaceEnvironment, type SchemaPlace } from './schemaPlace';

/** Keywords that describe rather than constrain: they never change what validates. */
export const ANNOTATION_KEYWORDS = new Set([
  'title',
  'description',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'contentMediaType',
  'contentEncoding',
  'contentSchema',
  '$id',
  'id',
  '$schema',
  '$anchor',
  '$dynamicAnchor',
  '$recursiveAnchor',
  '$vocabulary',
  'definitions',
  '$defs',
  'discriminator',
  'externalDocs',
  'xml',
]);

/** Keywords that constrain instances. Anything else (`x-…`, unknown words) is ignored. */
export const ASSERTION_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'format',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'maxItems',
  'minItems',
  'uniqueItems',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'required',
  'maxProperties',
  'minProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'propertyNames',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
]);

export function assertionKeywordsOf(value: unknown): string[] {
  return isJsonObject(value) ? Object.keys(value).filter((key) => ASSERTION_KEYWORDS.has(key)) : [];
}

/** `false` (nothing validates); `{"not": {}}` says the same. */
export function isFalseSchema(value: unknown): boolean {
  if (value === false) return true;
  if (!isJsonObject(value)) return false;
  const keys = assertionKeywordsOf(value);
  return keys.length === 1 && keys[0] === 'not' && (value.not === true || (isJsonObject(value.not) && assertionKeywordsOf(value.not).length === 0));
}

/** `true` or a schema without assertions: everything validates. */
export function isEmptySchema(place: SchemaPlace, env: PlaceEnvironment): boolean {
  const followed = followReplacingRefs(place, env);
  if (followed.unresolved) return false;
  const value = followed.place.value;
  return value === true || (isJsonObject(value) && assertionKeywordsOf(value).length === 0);
}

/** JSON types, with `number` split so that `integer` ⊂ `number` is a plain subset. */
export const ALL_TYPES = ['null', 'boolean', 'object', 'array', 'string', 'integer', 'fraction'] as const;
export type TypeAtom = (typeof ALL_TYPES)[number];

/** The JSON types a schema's `type` keyword allows (all of them when it has none). */
export function typeAtoms(value: unknown): Set<TypeAtom> {
  const type = isJsonObject(value) ? value.type : undefined;
  const names = typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : undefined;
  if (!names) return new Set(ALL_TYPES);
  const atoms = new Set<TypeAtom>();
  for (const name of names) {
    if (name === 'number') {
      atoms.add('integer');
      atoms.add('fraction');
    } else if ((ALL_TYPES as readonly string[]).includes(name) && name !== 'fraction') {
      atoms.add(name as TypeAtom);
    }
  }
  return atoms;
}

export function isSubset<T>(a: ReadonlySet<T>, b: ReadonlySet<T>) {
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

export type Combinator = 'allOf' | 'anyOf' | 'oneOf';

/**
 * A schema that is only a combination: its assertions are one `anyOf`, `oneOf` or `allOf` (in
 * 2019-09 and later a `$ref` counts as one more `allOf` branch).
 */
export function pureCombinator(place: SchemaPlace): Combinator | undefined {
  const value = objectValue(place);
  if (!value) return undefined;
  const keys = assertionKeywordsOf(value);
  if (keys.length === 0) return undefined;
  const refBranch = refIsApplicator(place.dialect) && typeof value.$ref === 'string';
  if (keys.every((key) => key === 'allOf' || (key === '$ref' && refBranch)) && (Array.isArray(value.allOf) || refBranch)) return 'allOf';
  if (keys.length === 1 && (keys[0] === 'anyOf' || keys[0] === 'oneOf') && Array.isArray(value[keys[0]])) return keys[0];
  return undefined;
}
