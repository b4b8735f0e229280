import { nodeAtPath, type JsonPath } from '../text/paths';
import { childValue, type TreeNode } from '../text/tree';

/**
 * What an object at some place of an AsyncAPI document is, read from the place alone (the
 * specification's structure, version 2.x or 3.x): the vocabulary that hover, completion, the
 * outline, rename and semantic tokens share. A `$ref` object stands where such an object is
 * expected, so its shape says what the reference should lead to.
 */
export type ObjectKind =
  | 'document'
  | 'info'
  | 'contact'
  | 'license'
  | 'server'
  | 'serverVariable'
  | 'channel'
  | 'operation'
  | 'operationReply'
  | 'operationReplyAddress'
  | 'message'
  | 'messageTrait'
  | 'operationTrait'
  | 'messageExample'
  | 'parameter'
  | 'correlationId'
  | 'securityScheme'
  | 'securityRequirement'
  | 'tag'
  | 'externalDocs'
  | 'components'
  | 'schema'
  | 'multiFormatSchema'
  | 'avroSchema'
  | 'bindings'
  | 'binding';

/** Which object a `bindings` map belongs to: the binding schemas differ per owner. */
export type BindingOwner = 'server' | 'channel' | 'operation' | 'message';

export type Shape =
  | { kind: Exclude<ObjectKind, 'bindings' | 'binding'> }
  | { kind: 'bindings'; owner: BindingOwner }
  | { kind: 'binding'; owner: BindingOwner; protocol: string }
  /**
   * A map from names to objects. `named` maps hold definitions that references point at and
   * that can be renamed (channels, component messages); others (schema `properties`) do not.
   */
  | { kind: 'map'; of: Shape; named: boolean; collection: string }
  | { kind: 'list'; of: Shape }
  /** 2.x: names of servers (`servers: [production]`). */
  | { kind: 'names'; of: 'server' };

const object = (kind: Exclude<ObjectKind, 'bindings' | 'binding'>): Shape => ({ kind });
const named = (of: Shape, collection: string): Shape => ({ kind: 'map', of, named: true, collection });
const list = (of: Shape): Shape => ({ kind: 'list', of });
const bindings = (owner: BindingOwner): Shape => ({ kind: 'bindings', owner });

const SCHEMA = object('schema');
const SCHEMA_MAP = (collection: string): Shape => ({ kind: 'map', of: SCHEMA, named: false, collection });

/** The shape of the value under `key` of an object of shape `parent`. */
export function childShape(parent: Shape, key: string | number, major: 2 | 3, node?: TreeNode): Shape | undefined {
  switch (parent.kind) {
    case 'map':
      return typeof key === 'string' && !key.startsWith('x-') ? parent.of : undefined;
    case 'list':
      return typeof key === 'number' || /^\d+$/.test(String(key)) ? parent.of : undefined;
    case 'names':
      return undefined;
    case 'bindings':
      return typeof key === 'string' && !key.startsWith('x-') ? { kind: 'binding', owner: parent.owner, protocol: key } : undefined;
    case 'binding':
      return undefined;
    default:
      return typeof key === 'string' ? objectChild(parent.kind, key, major, node) : undefined;
  }
}

function objectChild(kind: ObjectKind, key: string, major: 2 | 3, node: TreeNode | undefined): Shape | undefined {
  if (key === 'tags' && kind !== 'components') return list(object('tag'));
  if (key === 'externalDocs' && kind !== 'components') return object('externalDocs');
  switch (kind) {
    case 'document':
      if (key === 'info') return object('info');
      if (key === 'servers') return named(object('server'), 'servers');
      if (key === 'channels') return named(object('channel'), 'channels');
      if (key === 'operations' && major === 3) return named(object('operation'), 'operations');
      if (key === 'components') return object('components');
      return undefined;
    case 'info':
      if (key === 'contact') return object('contact');
      if (key === 'license') return object('license');
      return undefined;
    case 'server':
      if (key === 'variables') return { kind: 'map', of: object('serverVariable'), named: false, collection: 'variables' };
      if (key === 'security') return major === 3 ? list(object('securityScheme')) : list(object('securityRequirement'));
      if (key === 'bindings') return bindings('server');
      return undefined;
    case 'channel':
      if (key === 'parameters') return { kind: 'map', of: object('parameter'), named: true, collection: 'parameters' };
      if (key === 'bindings') return bindings('channel');
      if (major === 3) {
        if (key === 'messages') return named(object('message'), 'messages');
        if (key === 'servers') return list(object('server'));
      } else {
        if (key === 'publish' || key === 'subscribe') return object('operation');
        if (key === 'servers') return { kind: 'names', of: 'server' };
      }
      return undefined;
    case 'operation':
    case 'operationTrait':
      if (key === 'bindings') return bindings('operation');
      if (key === 'security') return major === 3 ? list(object('securityScheme')) : list(object('securityRequirement'));
      if (kind === 'operationTrait') return undefined;
      if (key === 'traits') return list(object('operationTrait'));
      if (major === 3) {
        if (key === 'channel') return object('channel');
        if (key === 'messages') return list(object('message'));
        if (key === 'reply') return object('operationReply');
      } else if (key === 'message') return object('message');
      return undefined;
    case 'operationReply':
      if (key === 'address') return object('operationReplyAddress');
      if (key === 'channel') return object('channel');
      if (key === 'messages') return list(object('message'));
      return undefined;
    case 'message':
    case 'messageTrait':
      if (key === 'headers') return payloadShape(node);
      if (key === 'payload' && kind === 'message') return payloadShape(node);
      if (key === 'correlationId') return object('correlationId');
      if (key === 'bindings') return bindings('message');
      if (key === 'traits' && kind === 'message') return list(object('messageTrait'));
      if (key === 'examples') return list(object('messageExample'));
      // 2.x: `message: { oneOf: [...] }` lists the operation's messages.
      if (key === 'oneOf' && major === 2 && kind === 'message') return list(object('message'));
      return undefined;
    case 'multiFormatSchema':
      if (key === 'schema') return node && /avro/i.test(String(childValue(node, 'schemaFormat')?.value ?? '')) ? object('avroSchema') : SCHEMA;
      return undefined;
    case 'components':
      return componentShape(key, major);
    case 'schema':
      return schemaChild(key);
    default:
      return undefined;
  }
}

/** 3.x allows `{ schemaFormat, schema }` where a schema goes; 2.x puts `schemaFormat` on the message. */
function payloadShape(node: TreeNode | undefined): Shape {
  return node && childValue(node, 'schemaFormat') !== undefined && childValue(node, 'schema') !== undefined ? object('multiFormatSchema') : SCHEMA;
}

function componentShape(key: string, major: 2 | 3): Shape | undefined {
  switch (key) {
    case 'schemas':
      return named(SCHEMA, 'schemas');
    case 'servers':
      return named(object('server'), 'servers');
    case 'channels':
      return named(object('channel'), 'channels');
    case 'operations':
      return major === 3 ? named(object('operation'), 'operations') : undefined;
    case 'messages':
      return named(object('message'), 'messages');
    case 'securitySchemes':
      return named(object('securityScheme'), 'securitySchemes');
    case 'serverVariables':
      return named(object('serverVariable'), 'serverVariables');
    case 'parameters':
      return named(object('parameter'), 'parameters');
    case 'correlationIds':
      return named(object('correlationId'), 'correlationIds');
    case 'replies':
      return major === 3 ? named(object('operationReply'), 'replies') : undefined;
    case 'replyAddresses':
      return major === 3 ? named(object('operationReplyAddress'), 'replyAddresses') : undefined;
    case 'externalDocs':
      return major === 3 ? named(object('externalDocs'), 'externalDocs') : undefined;
    case 'tags':
      return major === 3 ? named(object('tag'), 'tags') : undefined;
    case 'operationTraits':
      return named(object('operationTrait'), 'operationTraits');
    case 'messageTraits':
      return named(object('messageTrait'), 'messageTraits');
    case 'serverBindings':
      return named(bindings('server'), 'serverBindings');
    case 'channelBindings':
      return named(bindings('channel'), 'channelBindings');
    case 'operationBindings':
      return named(bindings('operation'), 'operationBindings');
    case 'messageBindings':
      return named(bindings('message'), 'messageBindings');
    default:
      return undefined;
  }
}

function schemaChild(key: string): Shape | undefined {
  switch (key) {
    case 'properties':
    case 'patternProperties':
    case 'dependentSchemas':
      return SCHEMA_MAP(key);
    case 'definitions':
    case '$defs':
      return named(SCHEMA, key);
    case 'items':
    case 'additionalItems':
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'unevaluatedItems':
    case 'contains':
    case 'propertyNames':
    case 'not':
    case 'if':
    case 'then':
    case 'else':
      return SCHEMA;
    case 'allOf':
    case 'anyOf':
    case 'oneOf':
    case 'prefixItems':
      return list(SCHEMA);
    default:
      return undefined;
  }
}

/**
 * The shape at `path` in a document, walking the tree alongside where it exists (a payload's
 * shape depends on whether it is a multi-format schema). Undefined where the place has no
 * AsyncAPI meaning (extensions, examples, free-form values).
 */
export function shapeAtPath(root: TreeNode | undefined, path: JsonPath, major: 2 | 3): Shape | undefined {
  let shape: Shape | undefined = { kind: 'document' };
  let node = root;
  for (const segment of path) {
    const next = childNode(node, segment);
    shape = childShape(shape, segment, major, next);
    if (!shape) return undefined;
    node = next;
    // `items: [..]` (draft-04 tuples) is a list of schemas.
    if (shape.kind === 'schema' && next?.type === 'array') shape = list(SCHEMA);
  }
  return shape;
}

/** One step down the tree; `nodeAtPath` keeps a key map for wide objects (a thousand channels). */
function childNode(node: TreeNode | undefined, segment: string | number): TreeNode | undefined {
  return node ? nodeAtPath(node, [segment]) : undefined;
}

/** The kinds an outline, a hover or a code lens treats as the document's named elements. */
export type ElementKind = 'server' | 'channel' | 'operation' | 'message' | 'schema' | 'parameter' | 'component';

/**
 * When `path` names a definition (a server, channel, operation, message, schema, parameter or
 * other component), what it is. Used to decide what can be renamed and what references mean.
 */
export function definitionAt(root: TreeNode | undefined, path: JsonPath, major: 2 | 3): { kind: ElementKind; collection: string; objectKind: ObjectKind | 'bindings' } | undefined {
  if (path.length < 2 || typeof path[path.length - 1] !== 'string') return undefined;
  const parent = shapeAtPath(root, path.slice(0, -1), major);
  if (parent?.kind !== 'map' || !parent.named || String(path[path.length - 1]).startsWith('x-')) return undefined;
  const objectKind = parent.of.kind === 'map' || parent.of.kind === 'list' || parent.of.kind === 'names' || parent.of.kind === 'binding' ? undefined : parent.of.kind;
  if (!objectKind) return undefined;
  return { kind: elementKindOf(objectKind), collection: parent.collection, objectKind };
}

function elementKindOf(kind: ObjectKind | 'bindings'): ElementKind {
  switch (kind) {
    case 'server':
    case 'channel':
    case 'operation':
    case 'message':
    case 'schema':
    case 'parameter':
      return kind;
    default:
      return 'component';
  }
}
