import betterAjvErrors from '@stoplight/better-ajv-errors';
import type { ErrorObject } from 'ajv';
import type { JsonPath } from '../../text/paths';

/**
 * ajv's errors worded as the parser's linter words a failed schema check: better-ajv-errors
 * (named after the last segment of `propertyPath`: `"default" property type must be integer`),
 * an item of a list named by its index, and a `oneOf`/`anyOf` no branch of which matched said so.
 * Each comes with its path inside the validated value.
 */
export function wordAsParser(schema: unknown, errors: ErrorObject[], propertyPath: JsonPath, value: unknown): Array<{ message: string; error: string; path: JsonPath }> {
  const unmatched = new Map<string, string>();
  for (const error of errors) {
    if ((error.keyword === 'oneOf' || error.keyword === 'anyOf') && !Array.isArray((error.params as { passingSchemas?: unknown }).passingSchemas)) unmatched.set(error.instancePath, error.keyword);
  }
  return betterAjvErrors(schema as object, errors, { propertyPath: propertyPath.map(String), targetValue: value }).map(({ error, suggestion, path }) => {
    let message = describeArrayItem(suggestion !== undefined ? `${error}. ${suggestion}` : error, path);
    const keyword = unmatched.get(path);
    if (keyword && message.endsWith(` in ${keyword}`)) message = `${message}. None of the schemas matched, see the other errors reported for this value`;
    return { message, error, path: pointerSegments(path) };
  });
}

function describeArrayItem(message: string, pointer: string) {
  const index = pointer.split('/').pop();
  if (index === undefined || !/^\d+$/.test(index)) return message;
  for (const prefix of [`"${index}" property type`, `"${index}" property`]) {
    if (message.startsWith(prefix)) return `Item at index ${index}${message.slice(prefix.length)}`;
  }
  return message;
}

export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.replace(/^\//, '').split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}
