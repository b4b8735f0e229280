import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { Cancellation, Engine } from '../engine';
import type { JsonPath } from '../text/paths';
import { childString, childValue, objectProperties, type TreeNode } from '../text/tree';
import { shapeAtPath, type BindingOwner, type Shape } from './asyncApiShapes';
import { bindingField, bindingFields, bindingProtocols, bindingVersions } from './bindingSchemas';
import { completionPlace, type CompletionPlace } from './completionContext';
import { indentUnit, keyItem, snippetText, valueItem, yamlKey } from './completionEdits';
import { protocolName } from './keywordDocs';
import { openNavigationDocument, type NavigationDocument } from './navigationDocument';
import { refCompletions } from './refCompletion';
import { dereferenceNode, refPointer, refTarget } from './refLocations';
import { expressionCandidates } from './runtimeExpressions';

/**
 * Completion in AsyncAPI documents (and `$ref`s in schema files and shared fragments): `$ref`
 * targets that fit the place, the `$ref` objects of an operation's channel and messages (only
 * the messages of its channel), a channel's messages from the components, runtime expressions
 * built from the actual header and payload schemas, `action` values, and binding protocols,
 * fields and values from the AsyncAPI binding schemas.
 */
export async function completeAt(engine: Engine, uri: string, position: Position, token?: Cancellation): Promise<CompletionList> {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const document = await openNavigationDocument(engine, uri, token, { index: false });
  if (!document || document.kind.kind === 'config' || document.kind.kind === 'avro') return empty;
  const source = document.file.source;
  const place = completionPlace(source, document.root, source.offsetAt(position));
  if (!place) return empty;
  const items = await document.reader.settle(() => completionsFor(document, place));
  return { isIncomplete: false, items };
}

function completionsFor(document: NavigationDocument, place: CompletionPlace): CompletionItem[] {
  if (place.position === 'value' && place.key === '$ref') return refCompletions(document, place);
  const major = document.major;
  if (major === undefined) return [];
  if (place.position === 'value') {
    const shape = shapeAtPath(document.root, place.path.slice(0, -1), major);
    if (place.key === 'action' && major === 3 && shape?.kind === 'operation') return actionCompletions(document, place);
    // A value starting with `$` can only be a runtime expression (`$ref` is a key).
    if ((place.key === 'location' && (shape?.kind === 'correlationId' || shape?.kind === 'parameter' || shape?.kind === 'operationReplyAddress')) || place.prefix.startsWith('$')) {
      return expressionCompletions(document, place);
    }
    if (major === 3 && place.key === 'channel' && (shape?.kind === 'operation' || shape?.kind === 'operationReply') && place.prefix === '') return channelObjectCompletions(document, place);
    return bindingValueCompletions(document, place);
  }
  const shape = shapeAtPath(document.root, place.path, major);
  if (shape?.kind === 'bindings') return protocolCompletions(document, place, shape.owner);
  if (major === 3 && shape?.kind === 'message' && isOperationMessageItem(place.path) && place.existingKeys.size === 0) return operationMessageCompletions(document, place);
  if (major === 3 && shape?.kind === 'map' && shape.collection === 'messages' && place.path.length === 3 && place.path[0] === 'channels') return channelMessageCompletions(document, place);
  return bindingKeyCompletions(document, place, shape);
}

// --- operations: action, channel, messages --------------------------------------------------------

function actionCompletions(document: NavigationDocument, place: CompletionPlace): CompletionItem[] {
  const source = document.file.source;
  return [
    { value: 'send', text: 'The application sends the messages to the channel (it is a producer).' },
    { value: 'receive', text: 'The application receives the messages from the channel (it is a consumer).' },
  ].map(({ value, text }, index) => {
    const item = valueItem(source, place, value, { label: value, kind: CompletionItemKind.EnumMember, detail: 'operation action', documentation: text, sortText: String(index) });
    // `action: send` reads better unquoted; YAML keeps a plain word plain.
    if (source.format === 'yaml' && !place.quote && item.textEdit && 'range' in item.textEdit) item.textEdit.newText = item.textEdit.newText.replace(/'/g, '');
    return item;
  });
}

function isOperationMessageItem(path: JsonPath): boolean {
  // operations.<op>.messages.<i> or operations.<op>.reply.messages.<i>
  return path[0] === 'operations' && typeof path[path.length - 1] === 'number' && path[path.length - 2] === 'messages' && (path.length === 4 || (path.length === 5 && path[2] === 'reply'));
}

/** `channel:` of an operation with nothing after it: a `$ref` to each of the document's channels. */
function channelObjectCompletions(document: NavigationDocument, place: CompletionPlace): CompletionItem[] {
  const source = document.file.source;
  const text = source.text;
  const colon = text.lastIndexOf(':', place.replace.offset);
  const unit = indentUnit(source);
  return [...objectProperties(childValue(document.root, 'channels'))].map(([key, property], index) => {
    const ref = `#${refPointer(['channels', key])}`;
    const address = childString(property.children?.[1], 'address');
    const yaml = `\n${' '.repeat(place.keyColumn + unit)}$ref: '${ref.replace(/'/g, "''")}'`;
    const newText = source.format === 'yaml' ? yaml : ` { "$ref": ${JSON.stringify(ref)} }`;
    const start = source.format === 'yaml' && colon >= 0 ? colon + 1 : place.replace.offset;
    return {
      label: key,
      kind: CompletionItemKind.Reference,
      detail: address !== undefined ? `channel · ${address}` : 'channel',
      filterText: key,
      sortText: String(index).padStart(5, '0'),
      textEdit: { range: source.rangeAt(start, place.replace.offset + place.replace.length - start), newText },
    } satisfies CompletionItem;
  });
}

/** An empty item of an operation's `messages`: a `$ref` to each message of the operation's channel. */
function operationMessageCompletions(document: NavigationDocument, place: CompletionPlace): CompletionItem[] {
  const ownerPath = place.path;
  const isReply = ownerPath[2] === 'reply';
  const operation = nodeAt(document.root, ownerPath.slice(0, 2));
  const channelRef = childString(childValue(isReply ? childValue(operation, 'reply') : operation, 'channel'), '$ref') ?? (isReply ? childString(childValue(operation, 'channel'), '$ref') : undefined);
  if (channelRef === undefined) return [];
  const target = refTarget(document.reader, document.file, channelRef);
  if (target.kind !== 'local') return [];
  const channel = nodeAt(document.root, target.path);
  const source = document.file.source;
  return [...objectProperties(childValue(channel, 'messages'))].map(([key, property], index) => {
    const ref = `#${refPointer([...target.path, 'messages', key])}`;
    const definition = dereferenceNode(document.reader, { uri: document.file.uri, file: document.file, path: [...target.path, 'messages', key], node: property.children![1]! });
    const name = childString(definition?.node, 'name') ?? key;
    return keyItem(
      source,
      place,
      `$ref: ${key}`,
      { yaml: `$ref: '${ref.replace(/'/g, "''")}'`, json: `"$ref": ${JSON.stringify(ref)}` },
      { kind: CompletionItemKind.Reference, detail: `message ${name} of ${childString(channel, 'address') ?? String(target.path[target.path.length - 1])}`, sortText: String(index).padStart(4, '0') },
    );
  });
}

/** A key under a channel's `messages`: the component messages it does not have yet, as `$ref`s. */
function channelMessageCompletions(document: NavigationDocument, place: CompletionPlace): CompletionItem[] {
  const source = document.file.source;
  const unit = indentUnit(source);
  const components = childValue(childValue(document.root, 'components'), 'messages');
  return [...objectProperties(components)]
    .filter(([key]) => !place.existingKeys.has(key))
    .map(([key, property], index) => {
      const ref = `#${refPointer(['components', 'messages', key])}`;
      const node = property.children?.[1];
      const title = childString(node, 'title') ?? childString(node, 'summary');
      return keyItem(
        source,
        place,
        key,
        { yaml: `${yamlKey(key)}:\n${' '.repeat(place.keyColumn + unit)}$ref: '${ref.replace(/'/g, "''")}'`, json: `${JSON.stringify(key)}: { "$ref": ${JSON.stringify(ref)} }` },
        { kind: CompletionItemKind.Reference, detail: `message ${childString(node, 'name') ?? key}${title ? ` · ${title}` : ''}`, sortText: String(index).padStart(5, '0') },
      );
    });
}

// --- runtime expressions -----------------------------------------------------------------------

function expressionCompletions(document: NavigationDocument, place: CompletionPlace): CompletionItem[] {
  const source = document.file.source;
  return expressionCandidates(document, place.path).map((candidate, index) => {
    const documentation = [candidate.field.description, `In ${candidate.messages.map((name) => `\`${name}\``).join(', ')}.`].filter(Boolean).join('\n\n');
    return valueItem(source, place, candidate.expression, {
      label: candidate.expression,
      kind: CompletionItemKind.Variable,
      detail: `${candidate.source === 'header' ? 'header' : 'payload'} field · ${candidate.field.type}${candidate.field.required ? ' · required' : ''}`,
      documentation: { kind: 'markdown', value: documentation },
      // Headers, then payload; each in the schema's order, nested fields after their parent.
      sortText: `${candidate.source === 'header' ? 0 : 1}${String(index).padStart(5, '0')}`,
    });
  });
}

// --- bindings ------------------------------------------------------------------------------------

/** The protocols of the document's servers come first: those are the bindings that apply. */
function protocolCompletions(document: NavigationDocument, place: CompletionPlace, owner: BindingOwner): CompletionItem[] {
  const source = document.file.source;
  const used = new Set([...objectProperties(childValue(document.root, 'servers')).values()].map((property) => childString(property.children?.[1], 'protocol')).filter((protocol): protocol is string => !!protocol));
  const unit = indentUnit(source);
  return bindingProtocols(owner)
    .filter((protocol) => !place.existingKeys.has(protocol))
    .map((protocol) => {
      const version = bindingVersions(protocol, owner)[0];
      const indent = ' '.repeat(place.keyColumn + unit);
      const yaml = version ? `${protocol}:\n${indent}bindingVersion: '${version}'\n${indent}$0` : `${protocol}:\n${indent}$0`;
      const json = version ? `"${protocol}": { "bindingVersion": "${version}"$0 }` : `"${protocol}": {$0}`;
      return keyItem(
        source,
        place,
        protocol,
        { yaml, json },
        {
          kind: CompletionItemKind.Module,
          detail: `${protocolName(protocol)} ${owner} binding${version ? ` ${version}` : ''}`,
          sortText: `${used.has(protocol) ? 0 : 1}${protocol}`,
          preselect: used.has(protocol) && used.size === 1 ? true : undefined,
        },
        true,
      );
    });
}

/** The binding a path is in (its protocol and owner) and the path below the binding's root. */
function bindingAt(document: NavigationDocument, path: JsonPath): { protocol: string; owner: BindingOwner; version?: string; inner: string[] } | undefined {
  for (let length = path.length; length >= 1; length--) {
    const shape = shapeAtPath(document.root, path.slice(0, length), document.major!);
    if (!shape) continue;
    if (shape.kind !== 'binding') return undefined;
    const version = childString(nodeAt(document.root, path.slice(0, length)), 'bindingVersion');
    return { protocol: shape.protocol, owner: shape.owner, version, inner: path.slice(length).map(String) };
  }
  return undefined;
}

function bindingKeyCompletions(document: NavigationDocument, place: CompletionPlace, shape: Shape | undefined): CompletionItem[] {
  const binding = shape?.kind === 'binding' ? { protocol: shape.protocol, owner: shape.owner, version: childString(nodeAt(document.root, place.path), 'bindingVersion'), inner: [] as string[] } : shape ? undefined : bindingAt(document, place.path);
  if (!binding) return [];
  const source = document.file.source;
  const unit = indentUnit(source);
  return bindingFields(binding.protocol, binding.owner, binding.version, binding.inner)
    .filter((field) => !place.existingKeys.has(field.name))
    .map((field, index) => {
      const choices = field.enum && field.enum.length > 0 ? `\${1|${field.enum.map((value) => snippetText(String(value)).replace(/[|,]/g, '\\$&')).join(',')}|}` : undefined;
      const isObject = field.type === 'object';
      const yaml = isObject ? `${field.name}:\n${' '.repeat(place.keyColumn + unit)}$0` : `${field.name}: ${choices ? (field.name === 'bindingVersion' ? `'${choices}'` : choices) : '$0'}`;
      const json = isObject ? `"${field.name}": {$0}` : `"${field.name}": ${choices ? `"${choices}"` : '$0'}`;
      return keyItem(
        source,
        place,
        field.name,
        { yaml, json },
        {
          kind: CompletionItemKind.Field,
          detail: `${protocolName(binding.protocol)} ${binding.owner} binding${field.type ? ` · ${field.type}` : ''}`,
          documentation: field.description ? { kind: 'markdown', value: field.description } : undefined,
          // The binding schema's order; the version last.
          sortText: `${field.name === 'bindingVersion' ? 1 : 0}${String(index).padStart(3, '0')}`,
        },
        true,
      );
    });
}

function bindingValueCompletions(document: NavigationDocument, place: CompletionPlace): CompletionItem[] {
  const key = place.key;
  if (key === undefined) return [];
  const binding = bindingAt(document, place.path.slice(0, -1));
  if (!binding) return [];
  const values = key === 'bindingVersion' && binding.inner.length === 0 ? bindingVersions(binding.protocol, binding.owner) : (bindingField(binding.protocol, binding.owner, binding.version, [...binding.inner, key])?.enum ?? []);
  const source = document.file.source;
  return values.map((value, index) => {
    const text = String(value);
    const item = valueItem(source, place, text, { label: text, kind: CompletionItemKind.EnumMember, detail: `${protocolName(binding.protocol)} ${binding.owner} binding`, sortText: String(index).padStart(3, '0') });
    // Only version strings need quotes in YAML (0.5.0 would still be a string, '3' would not).
    if (source.format === 'yaml' && !place.quote && typeof value === 'string' && !/^[\d.]+$/.test(text) && /^[\w.-]+$/.test(text) && item.textEdit && 'range' in item.textEdit) item.textEdit.newText = item.textEdit.newText.replace(/'/g, '');
    return item;
  });
}

function nodeAt(root: TreeNode | undefined, path: JsonPath): TreeNode | undefined {
  let node = root;
  for (const segment of path) node = node?.type === 'array' ? node.children?.[Number(segment)] : childValue(node, String(segment));
  return node;
}
