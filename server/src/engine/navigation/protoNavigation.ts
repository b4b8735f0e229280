import { SymbolKind, type DocumentSymbol, type Hover, type Location, type LocationLink, type Range } from 'vscode-languageserver-types';
import { isProtobufSchemaFormat, protobufPayloadOf } from '../protobuf/protobufPayloads';
import { loadProtoSchema, resolveTypeName, type DefinedType, type ProtoSchema } from '../protobuf/protoSchema';
import { allTypes, parseProto, type ProtoEnum, type ProtoField, type ProtoFile, type ProtoMessage, type Span } from '../protobuf/protoSource';
import { chooseRootMessage, protoFieldTypeText } from '../protobuf/rootMessage';
import { nodeAtPath } from '../text/paths';
import { childValue } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';
import { nodeRange } from './nodeRanges';
import type { WorkspaceReader } from './workspaceReader';

/**
 * Navigation in `.proto` files, on protoc's model: a type name in a field resolves as protoc
 * resolves it (scopes, package, imports), so definition and references follow it across files;
 * AsyncAPI documents whose Protobuf payload `$ref`s a file count as references to the message
 * the AsyncAPI parser takes as the payload.
 */

/** A name under the cursor: a type's own name, or a field's type, resolved. */
interface NameAt {
  span: Span;
  defined?: DefinedType;
  /** An import's path: the file it names. */
  importUri?: string;
}

async function schemaOf(reader: WorkspaceReader, file: LoadedFile): Promise<ProtoSchema> {
  return loadProtoSchema(file.uri, file.source.text, async (uri) => (await reader.load(uri))?.source.text);
}

/** A field's type as written, with where: the map's value type for a map. */
function typeReference(field: ProtoField): { name: string; span: Span } {
  return field.map ? { name: field.map.valueType, span: field.map.valueSpan } : { name: field.type, span: field.typeSpan };
}

function contains(span: Span, offset: number) {
  return offset >= span.offset && offset <= span.offset + span.length;
}

/** Every field of a file with the scope its type names resolve in. */
function fieldsWithScope(file: ProtoFile): Array<{ field: ProtoField; scope: string }> {
  const fields = allTypes(file).flatMap((type) => (type.kind === 'message' ? type.fields.map((field) => ({ field, scope: type.fullName })) : []));
  return [...fields, ...file.extensionFields];
}

function nameAt(schema: ProtoSchema, offset: number): NameAt | undefined {
  const file = schema.main.file;
  for (const type of allTypes(file)) {
    if (contains(type.nameSpan, offset)) return { span: type.nameSpan, defined: schema.types.get(type.fullName) };
  }
  for (const { field, scope } of fieldsWithScope(file)) {
    const reference = typeReference(field);
    if (!contains(reference.span, offset)) continue;
    const fullName = resolveTypeName(schema, reference.name, scope);
    return { span: reference.span, defined: fullName ? schema.types.get(fullName) : undefined };
  }
  for (const declared of file.imports) {
    if (!contains(declared.pathSpan, offset)) continue;
    const unit = schema.units.find((candidate) => candidate !== schema.main && candidate.importPath === declared.path && candidate.uri);
    return { span: declared.pathSpan, importUri: unit?.uri };
  }
  return undefined;
}

async function rangeIn(reader: WorkspaceReader, uri: string, span: Span): Promise<Range | undefined> {
  return (await reader.load(uri))?.source.rangeAt(span.offset, span.length);
}

/** Go to Definition in a `.proto` file: a field's type to its message or enum, an import to its file. */
export async function protoDefinition(reader: WorkspaceReader, file: LoadedFile, offset: number): Promise<LocationLink[]> {
  const schema = await schemaOf(reader, file);
  const name = nameAt(schema, offset);
  if (!name) return [];
  const origin = file.source.rangeAt(name.span.offset, name.span.length);
  if (name.importUri) {
    const start = { line: 0, character: 0 };
    return [{ targetUri: name.importUri, targetRange: { start, end: start }, targetSelectionRange: { start, end: start }, originSelectionRange: origin }];
  }
  const uri = name.defined?.unit.uri;
  if (!uri || !name.defined) return [];
  const targetRange = await rangeIn(reader, uri, name.defined.type.span);
  const targetSelectionRange = await rangeIn(reader, uri, name.defined.type.nameSpan);
  return targetRange && targetSelectionRange ? [{ targetUri: uri, targetRange, targetSelectionRange, originSelectionRange: origin }] : [];
}

/** Hover on a message or enum name in a `.proto` file: its full name, comment and fields or values. */
export async function protoHover(reader: WorkspaceReader, file: LoadedFile, offset: number): Promise<Hover | undefined> {
  const schema = await schemaOf(reader, file);
  const name = nameAt(schema, offset);
  const defined = name?.defined;
  if (!name || !defined) return undefined;
  const { type, unit } = defined;
  const lines = [`**${type.kind === 'message' ? 'Message' : 'Enum'}** \`${type.fullName}\`${unit.uri !== file.uri && unit.importPath ? ` · ${unit.importPath}` : ''}`];
  if (type.kind === 'message' && type.comment) lines.push(type.comment.replace(/@RootNode/g, '').trim());
  const members = type.kind === 'message' ? type.fields.map((field) => `- \`${field.name}\` ${protoFieldTypeText(field)} = ${field.number}`) : type.values.map((value) => `- \`${value.name}\` = ${value.number}`);
  lines.push(members.slice(0, 40).join('\n') + (members.length > 40 ? '\n- …' : ''));
  return { contents: { kind: 'markdown', value: lines.filter(Boolean).join('\n\n') }, range: file.source.rangeAt(name.span.offset, name.span.length) };
}

/**
 * Go to Definition on a Protobuf payload's `$ref` to a `.proto` file: the message the AsyncAPI
 * parser takes as the payload (the file's start when none qualifies).
 */
export async function protoPayloadDefinition(reader: WorkspaceReader, protoUri: string, origin: Range): Promise<LocationLink[]> {
  const file = await reader.load(protoUri);
  if (!file) return [];
  const choice = chooseRootMessage(parseProto(file.source.text));
  const start = { line: 0, character: 0 };
  const targetRange = choice.kind === 'found' ? file.source.rangeAt(choice.message.span.offset, choice.message.span.length) : { start, end: start };
  const targetSelectionRange = choice.kind === 'found' ? file.source.rangeAt(choice.message.nameSpan.offset, choice.message.nameSpan.length) : targetRange;
  return [{ targetUri: protoUri, targetRange, targetSelectionRange, originSelectionRange: origin }];
}

/**
 * Find All References of the message or enum under the cursor: the fields of every `.proto` file
 * of the workspace whose type resolves to it, and the Protobuf payloads of AsyncAPI documents
 * that `$ref` its file when it is the payload's message.
 */
export async function protoReferences(reader: WorkspaceReader, file: LoadedFile, offset: number, includeDeclaration: boolean): Promise<Location[]> {
  const schema = await schemaOf(reader, file);
  const target = nameAt(schema, offset)?.defined;
  const targetUri = target?.unit.uri;
  if (!target || !targetUri) return [];
  const locations: Location[] = [];
  const add = async (uri: string, span: Span) => {
    const range = await rangeIn(reader, uri, span);
    if (range) locations.push({ uri, range });
  };
  if (includeDeclaration) await add(targetUri, target.type.nameSpan);
  for (const indexed of reader.engine.index.all()) {
    reader.checkCancelled();
    if (indexed.kind.kind !== 'protobuf') continue;
    const other = await reader.load(indexed.uri);
    if (!other) continue;
    const otherSchema = other.uri === file.uri ? schema : await schemaOf(reader, other);
    for (const { field, scope } of fieldsWithScope(otherSchema.main.file)) {
      const reference = typeReference(field);
      const fullName = resolveTypeName(otherSchema, reference.name, scope);
      const defined = fullName ? otherSchema.types.get(fullName) : undefined;
      if (defined && defined.type.fullName === target.type.fullName && defined.unit.uri === targetUri) await add(other.uri, reference.span);
    }
  }
  const root = target.type.kind === 'message' ? chooseRootMessage(target.unit.file) : undefined;
  if (root?.kind === 'found' && root.message.fullName === target.type.fullName) locations.push(...(await payloadReferences(reader, targetUri)));
  return locations;
}

/** The `$ref`s of AsyncAPI documents' Protobuf payloads to a `.proto` file. */
async function payloadReferences(reader: WorkspaceReader, protoUri: string): Promise<Location[]> {
  const locations: Location[] = [];
  for (const application of reader.engine.index.applications()) {
    const uses = application.schemaReferences.filter((reference) => reference.role === 'payload' && reference.uri === protoUri && reference.wholeFile && isProtobufSchemaFormat(reference.schemaFormat));
    if (uses.length === 0) continue;
    const document = await reader.load(application.uri);
    const kind = document && reader.engine.kindOf(document);
    if (!document || kind?.kind !== 'asyncapi') continue;
    for (const use of uses) {
      const site = protobufPayloadOf(nodeAtPath(document.tree.root, use.messagePath), use.messagePath, kind.major);
      const ref = childValue(site?.schemaNode, '$ref');
      if (ref) locations.push({ uri: document.uri, range: nodeRange(document, ref) });
    }
  }
  return locations;
}

/** The outline of a `.proto` file: messages with their fields and nested types; enums with their values. */
export function protoDocumentSymbols(file: LoadedFile): DocumentSymbol[] {
  const proto = parseProto(file.source.text);
  const range = (span: Span) => file.source.rangeAt(span.offset, span.length);
  const symbol = (name: string, kind: SymbolKind, span: Span, nameSpan: Span, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({ name, kind, range: range(span), selectionRange: range(nameSpan), ...(detail ? { detail } : {}), ...(children ? { children } : {}) });
  const enumSymbol = (type: ProtoEnum) => symbol(type.name, SymbolKind.Enum, type.span, type.nameSpan, undefined, type.values.map((value) => symbol(value.name, SymbolKind.EnumMember, value.span, value.nameSpan, String(value.number))));
  const messageSymbol = (message: ProtoMessage): DocumentSymbol =>
    symbol(message.name, SymbolKind.Struct, message.span, message.nameSpan, undefined, [
      ...message.fields.map((field) => symbol(field.name, SymbolKind.Field, field.span, field.nameSpan, `${protoFieldTypeText(field)} = ${field.number}`)),
      ...message.messages.map(messageSymbol),
      ...message.enums.map(enumSymbol),
    ]);
  return [...proto.messages.map(messageSymbol), ...proto.enums.map(enumSymbol)].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
