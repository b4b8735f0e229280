import type { Differ } from './differ';
import { allowedValues, valueHasType } from './diffScalars';
import { hasOwn, isJsonObject, jsonEqual } from './jsonValues';
import { isFalseSchema, pureCombinator, typeAtoms } from './schemaKeywords';
import { childPlace, objectValue, refIsApplicator, resolveRefPlace, type SchemaPlace } from './schemaPlace';

/**
 * Whether no instance can validate against both schemas, as far as cheap evidence shows: their
 * types do not meet, their allowed values do not meet, or a property both require has
 * non-meeting allowed values (a discriminator). `false` means "may overlap".
 */
export function provablyDisjoint(differ: Differ, a: SchemaPlace, b: SchemaPlace): boolean {
  const left = inspectable(differ, a);
  const right = inspectable(differ, b);
  if (!left || !right) return false;
  if (isFalseSchema(left.value) || isFalseSchema(right.value)) return true;
  const leftTypes = typeAtoms(left.value);
  const rightTypes = typeAtoms(right.value);
  if (![...leftTypes].some((atom) => rightTypes.has(atom))) return true;
  if (valuesDisjoint(left, right, leftTypes, rightTypes)) return true;
  if (!leftTypes.has('object') || !rightTypes.has('object')) return false;
  const leftRequired = requiredNames(left);
  const rightRequired = requiredNames(right);
  for (const name of leftRequired) {
    if (!rightRequired.includes(name)) continue;
    const leftProperty = propertyPlace(differ, left, name);
    const rightProperty = propertyPlace(differ, right, name);
    if (leftProperty && rightProperty && valuesDisjoint(leftProperty, rightProperty, typeAtoms(leftProperty.value), typeAtoms(rightProperty.value))) return true;
  }
  return false;
}

function valuesDisjoint(left: SchemaPlace, right: SchemaPlace, leftTypes: ReadonlySet<string>, rightTypes: ReadonlySet<string>) {
  const leftValues = allowedValues(left)?.values;
  const rightValues = allowedValues(right)?.values;
  if (leftValues && rightValues && !leftValues.some((value) => rightValues.some((other) => jsonEqual(value, other)))) return true;
  if (leftValues && !leftValues.some((value) => valueHasType(value, rightTypes))) return true;
  if (rightValues && !rightValues.some((value) => valueHasType(value, leftTypes))) return true;
  return false;
}

/** Looks through references and single-branch `allOf` wrappers to the schema that says something. */
function inspectable(differ: Differ, place: SchemaPlace): SchemaPlace | undefined {
  let current = place;
  for (let hops = 0; hops < 16; hops++) {
    const followed = differ.follow(current);
    if (followed.unresolved) return undefined;
    current = followed.place;
    const value = objectValue(current);
    if (!value || pureCombinator(current) !== 'allOf') return current;
    const branches = Array.isArray(value.allOf) ? value.allOf.length : 0;
    const ref = refIsApplicator(current.dialect) && typeof value.$ref === 'string' ? value.$ref : undefined;
    if (branches + (ref ? 1 : 0) !== 1) return current;
    const next = ref ? resolveRefPlace(current, ref, differ.env) : childPlace(current, 'allOf', 0);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

function requiredNames(place: SchemaPlace): string[] {
  const required = objectValue(place)?.required;
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
}

function propertyPlace(differ: Differ, place: SchemaPlace, name: string): SchemaPlace | undefined {
  const properties = objectValue(place)?.properties;
  if (!isJsonObject(properties) || !hasOwn(properties, name)) return undefined;
  return inspectable(differ, childPlace(place, 'properties', name));
}
