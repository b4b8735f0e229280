/** Keywords whose value is one schema. */
const SINGLE = ['items', 'additionalItems', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'contains', 'propertyNames', 'if', 'then', 'else', 'not'];
/** Keywords whose value is a list of schemas. */
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to schemas. */
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies'];

/**
 * Visits a schema and every schema nested in it by the applicator keywords of draft-04 to
 * 2020-12, with each one's path. `$ref`s are not followed: each file is walked on its own.
 */
export function forEachSubschema(schema: unknown, visit: (schema: Record<string, unknown>, path: (string | number)[]) => void, path: (string | number)[] = []) {
  const stack: Array<{ schema: unknown; path: (string | number)[] }> = [{ schema, path }];
  while (stack.length > 0) {
    const { schema: current, path: currentPath } = stack.pop()!;
    if (current === null || typeof current !== 'object' || Array.isArray(current)) continue;
    const object = current as Record<string, unknown>;
    visit(object, currentPath);
    for (const keyword of SINGLE) {
      const child = object[keyword];
      if (child && typeof child === 'object' && !Array.isArray(child)) stack.push({ schema: child, path: [...currentPath, keyword] });
    }
    for (const keyword of LIST) {
      const list = object[keyword];
      if (Array.isArray(list)) list.forEach((child, index) => stack.push({ schema: child, path: [...currentPath, keyword, index] }));
    }
    for (const keyword of MAP) {
      const map = object[keyword];
      if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
      for (const [name, child] of Object.entries(map as Record<string, unknown>)) {
        if (child && typeof child === 'object' && !Array.isArray(child)) stack.push({ schema: child, path: [...currentPath, keyword, name] });
      }
    }
  }
}
