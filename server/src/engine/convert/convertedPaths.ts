import { isJsonObject, type JsonObject } from '../compatibility/jsonValues';
import { pathToPointer, pointerToPath, type JsonPath } from '../text/paths';

/**
 * Where a path of a 2.x document went in its 3.0 conversion, as `@asyncapi/converter` moves
 * things: `tags`/`externalDocs` into `info`, a server's `url` into `host`, a channel under its id,
 * its `publish`/`subscribe` into `operations` (publish: the application receives), an
 * operation's message into the channel's `messages` (as the operation's message refs say), a
 * `schemaFormat` with its payload into `payload: {schemaFormat, schema}`. Undefined where the
 * path is gone (an `operationId`, a parameter's `schema`): the caller tells the user.
 */
export function convertedPathOf(original: unknown, converted: unknown): (path: JsonPath) => JsonPath | undefined {
  return (path) => {
    const mapped = liftParameterSchema(mapPath(original, converted, path));
    return mapped && valueAt(converted, mapped) !== undefined ? mapped : undefined;
  };
}

/** A 3.0 parameter keeps the `enum`, `default`, `description` and `examples` of its 2.x `schema`, one level up. */
function liftParameterSchema(path: JsonPath | undefined): JsonPath | undefined {
  if (!path) return path;
  const at = path.findIndex((segment, index) => segment === 'schema' && path[index - 2] === 'parameters' && ['enum', 'default', 'description', 'examples'].includes(String(path[index + 1])));
  return at < 0 ? path : [...path.slice(0, at), ...path.slice(at + 1)];
}

function mapPath(original: unknown, converted: unknown, path: JsonPath): JsonPath | undefined {
  const [head, ...rest] = path;
  if (head === 'tags' || head === 'externalDocs') return ['info', head, ...rest];
  if (head === 'servers' && rest.length >= 2 && rest[1] === 'url') return ['servers', rest[0]!, 'host', ...rest.slice(2)];
  if (head === 'channels' && rest.length > 0) return channelPath(converted, ['channels'], String(rest[0]), rest.slice(1));
  if (head === 'components' && rest[0] === 'channels' && rest.length > 1) return channelPath(converted, ['components', 'channels'], String(rest[1]), rest.slice(2));
  if (head === 'components' && rest[0] === 'messages' && rest.length > 1) return messagePath(converted, ['components', 'messages', rest[1]!], rest.slice(2));
  return path;
}

function channelPath(converted: unknown, base: JsonPath, address: string, rest: JsonPath): JsonPath | undefined {
  const channels = valueAt(converted, base);
  const id = isJsonObject(channels) ? (Object.keys(channels).find((key) => isJsonObject(channels[key]) && (channels[key] as JsonObject).address === address) ?? (address in channels ? address : undefined)) : undefined;
  if (id === undefined) return undefined;
  const channel = [...base, id];
  const [verb, ...below] = rest;
  if (verb !== 'publish' && verb !== 'subscribe') return [...channel, ...rest];
  const operationsBase = base[0] === 'components' ? ['components', 'operations'] : ['operations'];
  const operations = valueAt(converted, operationsBase);
  const channelRef = '#' + pathToPointer(channel);
  const action = verb === 'publish' ? 'receive' : 'send';
  const operationId = isJsonObject(operations)
    ? Object.keys(operations).find((key) => {
        const operation = operations[key];
        return isJsonObject(operation) && operation.action === action && isJsonObject(operation.channel) && operation.channel.$ref === channelRef;
      })
    : undefined;
  if (operationId === undefined) return undefined;
  const operation = [...operationsBase, operationId];
  if (below[0] !== 'message') return [...operation, ...below];
  // The operation's message refs are in the order of the 2.x `oneOf`.
  const oneOf = below[1] === 'oneOf';
  const index = oneOf ? Number(below[2]) : 0;
  const ref = valueAt(converted, [...operation, 'messages', index, '$ref']);
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  return messagePath(converted, pointerToPath(ref), below.slice(oneOf ? 3 : 1));
}

/** Inside a message: a payload whose `schemaFormat` was beside it is now the `schema` of the payload. */
function messagePath(converted: unknown, message: JsonPath, rest: JsonPath): JsonPath {
  const payload = valueAt(converted, [...message, 'payload']);
  const wrapped = isJsonObject(payload) && 'schemaFormat' in payload && 'schema' in payload;
  if (wrapped && rest[0] === 'schemaFormat') return [...message, 'payload', 'schemaFormat'];
  if (wrapped && rest[0] === 'payload') return [...message, 'payload', 'schema', ...rest.slice(1)];
  return [...message, ...rest];
}

function valueAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) current = typeof segment === 'number' || /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
    else if (isJsonObject(current) && Object.prototype.hasOwnProperty.call(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}
