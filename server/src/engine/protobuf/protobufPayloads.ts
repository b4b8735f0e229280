import type { PathFinding } from '../findings/finding';
import type { JsonPath } from '../text/paths';
import { resolveRef } from '../references/refSites';
import { stringValueOffsets } from '../text/stringValueOffsets';
import { childString, childValue, objectProperties, type TreeNode } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';
import { checkProtoSchema, type ProtoPlacement } from './protoChecks';
import { loadProtoSchema, type ProtoReader, type ProtoSchema } from './protoSchema';
import type { Span } from './protoSource';
import { chooseRootMessage } from './rootMessage';

/** The media types `@asyncapi/protobuf-schema-parser` registers, exactly: it normalises nothing. */
export const PROTOBUF_SCHEMA_FORMATS: readonly string[] = ['application/vnd.google.protobuf;version=2', 'application/vnd.google.protobuf;version=3'];

export function isProtobufSchemaFormat(schemaFormat: unknown): boolean {
  return typeof schemaFormat === 'string' && PROTOBUF_SCHEMA_FORMATS.includes(schemaFormat);
}

/** A message payload whose `schemaFormat` is Protobuf, where it is written. */
export interface ProtobufPayloadSite {
  messagePath: JsonPath;
  /** The schema: a string of proto source, or an object with a `$ref` to a `.proto` file. */
  schemaPath: JsonPath;
  schemaNode: TreeNode;
}

/**
 * The Protobuf payloads of the messages an AsyncAPI document defines (not those it reaches by
 * `$ref`: they are found where they are defined): 2.x puts `schemaFormat` on the message, 3.x in
 * the payload's multi-format schema object.
 */
export function protobufPayloadSites(root: TreeNode | undefined, major: 2 | 3): ProtobufPayloadSite[] {
  const sites: ProtobufPayloadSite[] = [];
  const visit = (message: TreeNode | undefined, path: JsonPath) => {
    const site = protobufPayloadOf(message, path, major);
    if (site) sites.push(site);
  };
  for (const [key, message] of objectProperties(childValue(childValue(root, 'components'), 'messages'))) visit(message.children?.[1], ['components', 'messages', key]);
  for (const [channelKey, property] of objectProperties(childValue(root, 'channels'))) {
    const channel = property.children?.[1];
    if (major === 3) {
      for (const [key, message] of objectProperties(childValue(channel, 'messages'))) visit(message.children?.[1], ['channels', channelKey, 'messages', key]);
      continue;
    }
    for (const verb of ['publish', 'subscribe']) {
      const message = childValue(childValue(channel, verb), 'message');
      const oneOf = childValue(message, 'oneOf');
      if (oneOf?.type === 'array') oneOf.children?.forEach((item, index) => visit(item, ['channels', channelKey, verb, 'message', 'oneOf', index]));
      else visit(message, ['channels', channelKey, verb, 'message']);
    }
  }
  return sites;
}

/** The Protobuf payload of one message node, if it has one. */
export function protobufPayloadOf(message: TreeNode | undefined, messagePath: JsonPath, major: 2 | 3): ProtobufPayloadSite | undefined {
  const payload = childValue(message, 'payload');
  if (!payload) return undefined;
  if (major === 3) {
    const schema = childValue(payload, 'schema');
    if (!schema || !isProtobufSchemaFormat(childString(payload, 'schemaFormat'))) return undefined;
    return { messagePath, schemaPath: [...messagePath, 'payload', 'schema'], schemaNode: schema };
  }
  if (!isProtobufSchemaFormat(childString(message, 'schemaFormat'))) return undefined;
  return { messagePath, schemaPath: [...messagePath, 'payload'], schemaNode: payload };
}

/** Where a Protobuf payload's source is: inline in the document, or the `.proto` file it references. */
export type ProtobufSource = { kind: 'inline'; text: string } | { kind: 'file'; uri: string; refPath: JsonPath } | { kind: 'neither' };

export function protobufSourceOf(site: ProtobufPayloadSite, documentUri: string): ProtobufSource {
  if (site.schemaNode.type === 'string') return { kind: 'inline', text: String(site.schemaNode.value) };
  const ref = childString(site.schemaNode, '$ref');
  if (ref === undefined) return { kind: 'neither' };
  const target = resolveRef(ref, documentUri);
  return target.kind === 'file' && target.path.length === 0 ? { kind: 'file', uri: target.uri, refPath: [...site.schemaPath, '$ref'] } : { kind: 'neither' };
}

/**
 * Loads the schema of a Protobuf payload: inline source is read as a file next to the document
 * (its imports are looked for from there).
 */
export async function loadPayloadSchema(source: ProtobufSource, documentUri: string, read: ProtoReader): Promise<ProtoSchema | undefined> {
  if (source.kind === 'inline') return loadProtoSchema(documentUri, source.text, read);
  if (source.kind === 'file') {
    const text = await read(source.uri);
    return text === undefined ? undefined : loadProtoSchema(source.uri, text, read);
  }
  return undefined;
}

/**
 * The findings of a document's Protobuf payloads: inline source checked as protoc would, each
 * problem at its own characters inside the string; for every payload, whether the AsyncAPI
 * Protobuf parser can tell which message it is. A referenced `.proto` file's own problems are
 * reported in that file.
 */
export async function checkProtobufPayloads(file: LoadedFile, major: 2 | 3, read: ProtoReader): Promise<PathFinding[]> {
  const findings: PathFinding[] = [];
  for (const site of protobufPayloadSites(file.tree.root, major)) {
    const source = protobufSourceOf(site, file.uri);
    if (source.kind === 'neither') {
      // A `$ref` into a YAML or JSON file is judged by the reference checks and the parser.
      if (childString(site.schemaNode, '$ref') === undefined) findings.push({ ruleId: 'protobuf-syntax', message: 'A Protobuf payload is the .proto source as a string, or a $ref to a .proto file', path: site.schemaPath });
      continue;
    }
    const schema = await loadPayloadSchema(source, file.uri, read);
    if (!schema) continue;
    const placement = source.kind === 'inline' ? inlinePlacement(file, site) : undefined;
    if (placement) findings.push(...checkProtoSchema(schema, placement));
    if (schema.main.file.problem) continue;
    const choice = chooseRootMessage(schema.main.file);
    const at = source.kind === 'file' ? source.refPath : site.schemaPath;
    for (const declared of schema.main.file.imports) {
      if (declared.modifier === 'weak' || isImportAsyncApiLoads(declared.path)) continue;
      const where = placement ? placement.at(declared.pathSpan) : { path: at };
      findings.push({ ruleId: 'protobuf-payload-import', message: `The AsyncAPI Protobuf parser loads no imported file but the well-known ones (google/protobuf, google/type, validate): AsyncAPI tools cannot read this payload while it imports "${declared.path}". Define the types it needs in the payload's own schema`, ...where });
    }
    if (choice.kind === 'none') findings.push({ ruleId: 'protobuf-root-message', message: 'No message here is the payload: the AsyncAPI Protobuf parser takes the message that no other message uses as a field type, and every message is used by another (or there is none)', path: at });
    if (choice.kind === 'ambiguous') {
      findings.push({
        ruleId: 'protobuf-root-message',
        message: `Which message is the payload? ${choice.candidates.map((message) => message.name).join(', ')} are each used by no other message: mark one with a "// @RootNode" comment above it`,
        path: at,
      });
    }
  }
  return findings;
}

/** The imports `@asyncapi/protobuf-schema-parser` has bundled; it throws on any other. */
function isImportAsyncApiLoads(importPath: string): boolean {
  return /(^|\/)google\/(protobuf|type)\//.test(importPath) || /^\/?(buf\/)?validate\/validate\.proto$/.test(importPath);
}

/** Places spans of inline source at their characters in the document, or on the string when they cannot be mapped. */
export function inlinePlacement(file: LoadedFile, site: ProtobufPayloadSite): ProtoPlacement {
  const offsets = stringValueOffsets(file.source.text, site.schemaNode, String(site.schemaNode.value));
  const place = (span: Span) => {
    if (!offsets) return undefined;
    const start = offsets[Math.min(span.offset, offsets.length - 1)]!;
    const end = span.length > 0 ? offsets[Math.min(span.offset + span.length - 1, offsets.length - 1)]! + 1 : start;
    return { offset: start, length: Math.max(0, end - start) };
  };
  return {
    at: (span) => {
      const at = place(span);
      return at ? { path: site.schemaPath, at } : { path: site.schemaPath };
    },
    related: (span, message) => {
      const at = place(span);
      return at ? { uri: file.uri, range: file.source.rangeAt(at.offset, at.length), message } : undefined;
    },
  };
}
