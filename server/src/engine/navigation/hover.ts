import type { Hover, Position, Range } from 'vscode-languageserver-types';
import type { Cancellation, Engine } from '../engine';
import type { JsonPath } from '../text/paths';
import { childString, childValue, type TreeNode } from '../text/tree';
import { definitionAt, shapeAtPath, type ElementKind, type Shape } from './asyncApiShapes';
import { bindingField } from './bindingSchemas';
import { cursorTarget } from './cursorTarget';
import {
  code,
  describeLocation,
  describeObject,
  firstParagraph,
  flowTitle,
  inline,
  messageHeading,
  renderFlow,
  renderMessageSchemas,
  renderSchemaSummary,
} from './hoverContent';
import { bindingsDoc, keywordDoc, protocolName } from './keywordDocs';
import { messageSchemaLocation } from './messageSchemas';
import { openNavigationDocument, type NavigationDocument } from './navigationDocument';
import { nodeRange } from './nodeRanges';
import { dereferenceNode, locateNode, locateRef, type NodeLocation } from './refLocations';
import { protobufPayloadMessage } from './protobufPayloadFields';
import { protoHover } from './protoNavigation';
import { expressionTargets } from './runtimeExpressions';
import { isAvroSchema, summariseSchema } from './schemaFields';
import { WorkspaceFlows } from './workspaceFlows';

/**
 * Hover: on a `$ref`, a summary of what it leads to (a message's payload fields, a schema's
 * properties, a channel's address…); on a channel or message, who produces and consumes it
 * across the workspace and its payload's fields; on an operation, what it does; on an AsyncAPI
 * key, what the field means (for the document's version); on a runtime expression, the field it
 * reads; on an address parameter, its definition.
 */
export async function hoverAt(engine: Engine, uri: string, position: Position, token?: Cancellation): Promise<Hover | undefined> {
  const document = await openNavigationDocument(engine, uri, token, { index: false });
  if (!document) return undefined;
  if (document.kind.kind === 'protobuf') return protoHover(document.reader, document.file, document.file.source.offsetAt(position));
  const target = cursorTarget(document, document.file.source.offsetAt(position));
  if (!target) return undefined;
  const { reader, file } = document;
  let markdown: string | undefined;
  let range: Range | undefined;
  switch (target.kind) {
    case 'ref': {
      range = nodeRange(file, target.node);
      const located = await reader.settle(() => locateRef(reader, file, target.ref));
      if (!located) return undefined;
      const expected = document.major !== undefined ? shapeAtPath(document.root, target.ownerPath, document.major) : undefined;
      markdown = await describeTarget(document, located, expected);
      break;
    }
    case 'definition': {
      range = nodeRange(file, target.keyNode);
      markdown = await describeDefinition(document, target.path, target.element);
      break;
    }
    case 'key': {
      range = nodeRange(file, target.keyNode);
      if (document.major === undefined) break;
      markdown = await describeKey(document, target.path, target.key);
      // 2.x: an operation's `message` is where the message is defined (or referenced).
      if (document.major === 2 && target.key === 'message' && shapeAtPath(document.root, target.path.slice(0, -1), 2)?.kind === 'operation' && !childValue(target.keyNode.parent?.children?.[1], 'oneOf')) {
        const message = await describeDefinition(document, target.path, 'message');
        markdown = [message, markdown].filter(Boolean).join('\n\n---\n\n');
      }
      break;
    }
    case 'runtimeExpression': {
      range = nodeRange(file, target.node);
      const found = await reader.settle(() => expressionTargets(document, target.path, target.expression));
      const lines = [`**Runtime expression**: the ${target.expression.source === 'header' ? 'message header' : 'message payload'}${target.expression.pointer.length > 0 ? ` field ${code(target.expression.pointer.join('.'))}` : ''}`];
      for (const item of found.slice(0, 10)) {
        const field = item.field;
        lines.push(`- ${code(item.message)}: ${field ? `${code(field.type)}${field.required ? ', required' : ''}${field.description ? ` — ${inline(field.description, 120)}` : ''}` : 'the whole ' + target.expression.source}`);
      }
      if (found.length === 0) lines.push('No message here has this field.');
      markdown = lines.join('\n');
      break;
    }
    case 'addressParameter': {
      range = file.source.rangeAt(target.start, target.end - target.start);
      const parameter = await reader.settle(() => {
        const site = locateNode(reader, file.uri, [...target.channelPath, 'parameters', target.name]);
        return site && dereferenceNode(reader, site);
      });
      const lines = [`**Channel parameter** ${code(target.name)}`];
      if (!parameter) lines.push(`Not defined: add it under the channel's \`parameters\`.`);
      else {
        const description = firstParagraph(childString(parameter.node, 'description'));
        if (description) lines.push(description);
        const location = childString(parameter.node, 'location');
        if (location) lines.push(`Value from ${code(location)}`);
        const values = childValue(parameter.node, 'enum');
        if (values?.type === 'array') lines.push(`One of: ${(values.children ?? []).map((item) => code(String(item.value))).join(', ')}`);
      }
      markdown = lines.join('\n\n');
      break;
    }
    default:
      return undefined;
  }
  if (!markdown) return undefined;
  return { contents: { kind: 'markdown', value: markdown }, range };
}

/** What a `$ref` leads to, described by what it is (or, in a fragment, by what was expected there). */
async function describeTarget(document: NavigationDocument, located: NodeLocation, expected: Shape | undefined): Promise<string | undefined> {
  const { reader } = document;
  const final = await reader.settle(() => dereferenceNode(reader, located));
  if (!final) return `Leads to ${code(describeLocation(reader, located))}, which is a reference that does not resolve.`;
  const where = `Defined at ${code(describeLocation(reader, final))}`;
  const targetKind = reader.engine.kindOf(final.file);
  const targetElement = targetKind.kind === 'asyncapi' ? definitionAt(final.file.tree.root, final.path, targetKind.major) : undefined;
  const shape = targetKind.kind === 'asyncapi' ? shapeAtPath(final.file.tree.root, final.path, targetKind.major) : expected;
  const targetDocument: NavigationDocument = { reader, file: final.file, root: final.file.tree.root, kind: targetKind, major: targetKind.kind === 'asyncapi' ? targetKind.major : document.major };
  if (targetElement && (targetElement.kind === 'channel' || targetElement.kind === 'message') && targetKind.kind === 'asyncapi') {
    return `${await describeDefinition(targetDocument, final.path, targetElement.kind)}\n\n${where}`;
  }
  const body = await reader.settle(() => describeNode(targetDocument, final, shape));
  return `${body}\n\n${where}`;
}

/** A message's payload: its Protobuf message, or where its schema is. */
function payloadOf(document: NavigationDocument, location: NodeLocation) {
  return (document.major !== undefined ? protobufPayloadMessage(document.reader, location, document.major) : undefined) ?? messageSchemaLocation(document, location, 'payload');
}

/** A summary of an AsyncAPI object or schema by its shape (schemas when nothing else fits). */
function describeNode(document: NavigationDocument, location: NodeLocation, shape: Shape | undefined): string {
  const node = location.node;
  const key = String(location.path[location.path.length - 1] ?? location.file.uri.slice(location.file.uri.lastIndexOf('/') + 1));
  const kind = shape?.kind;
  const looksLikeMessage = childValue(node, 'payload') !== undefined || (childValue(node, 'headers') !== undefined && childValue(node, 'type') === undefined);
  if (kind === 'message' || kind === 'messageTrait' || (kind === undefined && looksLikeMessage)) {
    const parts = [messageHeading(key, node), ...describeObject(node)];
    parts.push(...renderMessageSchemas(document, payloadOf(document, location), messageSchemaLocation(document, location, 'headers')));
    return parts.join('\n\n');
  }
  switch (kind) {
    case 'channel': {
      const address = childString(node, 'address');
      return [`**Channel** ${code(key)}${address !== undefined ? ` · ${code(address)}` : ''}`, ...describeObject(node)].join('\n\n');
    }
    case 'server': {
      const host = childString(node, 'host') ?? childString(node, 'url');
      const protocol = childString(node, 'protocol');
      return [`**Server** ${code(key)}${host ? ` · ${code(host)}` : ''}${protocol ? ` (${protocolName(protocol)})` : ''}`, ...describeObject(node)].join('\n\n');
    }
    case 'operation': {
      const action = childString(node, 'action');
      const channelRef = childString(childValue(node, 'channel'), '$ref');
      const channel = channelRef !== undefined ? locateRef(document.reader, location.file, channelRef) : undefined;
      const address = channel ? childString((dereferenceNode(document.reader, channel) ?? channel).node, 'address') : undefined;
      const on = address !== undefined ? ` on ${code(address)}` : channelRef ? ` on ${code(channelRef)}` : '';
      const messages = (childValue(node, 'messages')?.children ?? []).map((item) => childString(item, '$ref')).filter((ref): ref is string => ref !== undefined);
      const lines = [`**Operation** ${code(key)}${action ? ` · ${action}s` : ''}${on}`, ...describeObject(node)];
      if (messages.length > 0) lines.push(`**Messages**: ${messages.map((ref) => code(ref.slice(ref.lastIndexOf('/') + 1))).join(', ')}`);
      if (childValue(node, 'reply')) lines.push('Request/reply: it has a `reply`.');
      return lines.join('\n\n');
    }
    case 'parameter':
    case 'correlationId':
    case 'operationReplyAddress': {
      const label = kind === 'parameter' ? 'Parameter' : kind === 'correlationId' ? 'Correlation id' : 'Reply address';
      const location = childString(node, 'location');
      return [`**${label}** ${code(key)}`, ...describeObject(node), location ? `Location: ${code(location)}` : ''].filter(Boolean).join('\n\n');
    }
    case 'securityScheme': {
      const type = childString(node, 'type');
      return [`**Security scheme** ${code(key)}${type ? ` · ${code(type)}` : ''}`, ...describeObject(node)].join('\n\n');
    }
    case 'tag':
    case 'externalDocs':
    case 'operationTrait':
    case 'operationReply':
    case 'serverVariable':
    case 'bindings':
    case 'binding':
      return [`**${kindLabel(kind)}** ${code(key)}`, ...describeObject(node)].join('\n\n');
    default: {
      const summary = summariseSchema(document.reader, { uri: location.uri, path: location.path });
      if (!summary) return `${code(key)}`;
      return renderSchemaSummary(summary, isAvroSchema(document.reader.source(location.uri)?.value, location.uri) ? '**Avro schema**' : '**Schema**');
    }
  }
}

function kindLabel(kind: string) {
  const label = kind.replace(/([A-Z])/g, ' $1').toLowerCase();
  return label[0]!.toUpperCase() + label.slice(1);
}

/** Hover on a definition's key: channels and messages with their flows, the rest by shape. */
async function describeDefinition(document: NavigationDocument, path: JsonPath, element: ElementKind): Promise<string | undefined> {
  const { reader, file } = document;
  const location = await reader.settle(() => locateNode(reader, file.uri, path));
  if (!location) return undefined;
  const key = String(path[path.length - 1]);
  if (element === 'channel' && document.major !== undefined && path.length === 2 && path[0] === 'channels') {
    const flows = await WorkspaceFlows.of(reader);
    const flow = flows.channelFlow(file.uri, key);
    return reader.settle(() => {
      const definition = dereferenceNode(reader, location) ?? location;
      const address = document.major === 2 ? key : flows.addressOf(file.uri, key) ?? childString(definition.node, 'address');
      const parts = [`**Channel** ${code(key)}${address !== undefined && address !== key ? ` · ${code(address)}` : ''} — ${flowTitle(flow)}`, ...describeObject(definition.node), renderFlow(reader, flow, file.uri)];
      const messages = channelMessageNames(document, definition);
      if (messages.length > 0) parts.push(`**Messages**: ${messages.map(code).join(', ')}`);
      return parts.join('\n\n');
    });
  }
  if (element === 'message' && document.major !== undefined) {
    const flows = await WorkspaceFlows.of(reader);
    return reader.settle(() => {
      const definition = dereferenceNode(reader, location) ?? location;
      const flow = flows.messageFlow(reader, file.uri, path);
      // A reference shows the key of what it references (`message: { $ref: …/Placed }` is `Placed`).
      const definedKey = definition === location ? key : String(definition.path[definition.path.length - 1] ?? key);
      const parts = [`${messageHeading(definedKey, definition.node)} — ${flowTitle(flow)}`, ...describeObject(definition.node), renderFlow(reader, flow, file.uri)];
      parts.push(...renderMessageSchemas(document, payloadOf(document, location), messageSchemaLocation(document, location, 'headers')));
      return parts.join('\n\n');
    });
  }
  const shape = document.major !== undefined ? shapeAtPath(document.root, path, document.major) : element === 'schema' ? { kind: 'schema' as const } : undefined;
  return reader.settle(() => {
    const definition = dereferenceNode(reader, location) ?? location;
    return describeNode(document, { ...definition, path: definition === location ? path : definition.path }, shape);
  });
}

function channelMessageNames(document: NavigationDocument, channel: NodeLocation): string[] {
  const names: string[] = [];
  const messages = childValue(channel.node, 'messages');
  for (const property of messages?.type === 'object' ? (messages.children ?? []) : []) {
    const key = String(property.children?.[0]?.value);
    const site = locateNode(document.reader, channel.uri, [...channel.path, 'messages', key]);
    const definition = site && dereferenceNode(document.reader, site);
    names.push(childString(definition?.node, 'name') ?? key);
  }
  for (const verb of ['publish', 'subscribe']) {
    const message = childValue(childValue(channel.node, verb), 'message');
    const oneOf = childValue(message, 'oneOf');
    const items: TreeNode[] = oneOf?.type === 'array' ? (oneOf.children ?? []) : message ? [message] : [];
    for (const item of items) {
      const ref = childString(item, '$ref');
      const resolved = ref !== undefined ? locateRef(document.reader, channel.file, ref) : undefined;
      const node = resolved ? (dereferenceNode(document.reader, resolved)?.node ?? item) : item;
      const name = childString(node, 'name') ?? childString(node, 'messageId') ?? (ref ? ref.slice(ref.lastIndexOf('/') + 1) : undefined);
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** Hover on another key: the field's meaning, the operation it describes, or a binding field. */
async function describeKey(document: NavigationDocument, valuePath: JsonPath, key: string): Promise<string | undefined> {
  const major = document.major!;
  const parentPath = valuePath.slice(0, -1);
  const parent = shapeAtPath(document.root, parentPath, major);
  if (!parent || parent.kind === 'binding') return bindingFieldDoc(document, parentPath, key);
  switch (parent.kind) {
    case 'map':
    case 'list':
    case 'names':
      return undefined;
    case 'bindings':
      return `**${code(key)}** — ${bindingsDoc(parent.owner, key)}`;
    default: {
      const text = keywordDoc(parent.kind, key, major);
      if (!text) return undefined;
      return `**${code(key)}** (${kindLabel(parent.kind)}, AsyncAPI ${major}.x)\n\n${text}`;
    }
  }
}

/** A field inside a binding (`bindings.kafka.partitions`, `bindings.amqp.exchange.type`). */
function bindingFieldDoc(document: NavigationDocument, parentPath: JsonPath, key: string): string | undefined {
  const major = document.major!;
  // Find the binding the key is in: the nearest ancestor whose shape is a binding.
  for (let length = parentPath.length; length >= 1; length--) {
    const shape = shapeAtPath(document.root, parentPath.slice(0, length), major);
    if (!shape) continue;
    if (shape.kind !== 'binding') return undefined;
    const bindingNode = locateValue(document, parentPath.slice(0, length));
    const version = childString(bindingNode, 'bindingVersion');
    const inner = [...parentPath.slice(length).map(String), key];
    const field = bindingField(shape.protocol, shape.owner, version, inner);
    if (!field) return undefined;
    const details = [field.type ? code(field.type) : '', field.enum ? `one of ${field.enum.map((value) => code(String(value))).join(', ')}` : '', field.default !== undefined ? `default ${code(String(field.default))}` : ''].filter(Boolean).join(' · ');
    return `**${code(key)}** (${protocolName(shape.protocol)} ${shape.owner} binding${version ? ` ${version}` : ''})${details ? ` · ${details}` : ''}\n\n${field.description ?? ''}`.trim();
  }
  return undefined;
}

function locateValue(document: NavigationDocument, path: JsonPath): TreeNode | undefined {
  let node = document.root;
  for (const segment of path) node = node?.type === 'array' ? node.children?.[Number(segment)] : childValue(node, String(segment));
  return node;
}
