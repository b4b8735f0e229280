import { modify } from 'jsonc-parser';
import { stringify } from 'yaml';
import type { DocumentRule, FixContext, RuleFinding } from '../discipline/documentRule';
import { messageSchema } from '../discipline/messageSchemaWalk';
import { protobufPayloadAt, protobufPlace } from '../discipline/protobufPayloadSchema';
import { isProtobufSchemaFormat } from '../protobuf/protobufPayloads';
import { addSchemaKeywordFirst, wholeLines } from '../discipline/schemaKeywordEdits';
import { setValue, type EditableFile, type TextEdit } from '../edits/documentEdits';
import { resolveRef } from '../references/refSites';
import { dereference, type SchemaLocation } from '../schemas/bundle';
import { nodeAtPath, type JsonPath } from '../text/paths';
import { baseName, dialectOf } from '../workspace/fileKind';

/**
 * `schema-id`: a JSON Schema payload carries `$id` (draft-04: `id`), the identity registries,
 * compatibility checks and validating consumers know it by. A Protobuf payload's identity is the
 * fully-qualified name of its message: its `.proto` source declares a `package`. Payloads in
 * another format (Avro, RAML…) are identified in that format (an Avro schema by its full name)
 * once the message names the format in `schemaFormat`, and are not checked here.
 */
export const schemaId: DocumentRule = {
  id: 'schema-id',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'A payload schema without $id has no identity: schema registries, compatibility checks between versions and consumers that validate events cannot tell which schema, in which version, an event was written against.',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const view of context.messages) {
      const schema = messageSchema(view, 'payload', context.read, context.schemaIds);
      if (schema && isProtobufSchemaFormat(schema.schemaFormat)) {
        const payload = protobufPayloadAt(schema.location, context.read, context.schemaIds);
        if (!payload || payload.schema.main.file.package) continue;
        const place = protobufPlace(payload, payload.message.nameSpan);
        const key = `${place.uri}#${place.path.join('/')}#${payload.message.fullName}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          ruleId: this.id,
          uri: place.uri === context.uri ? undefined : place.uri,
          message: `The payload of message "${view.name}" is the Protobuf message "${payload.message.fullName}", in no package: its fully-qualified name is its identity (in schema registries, in google.protobuf.Any type URLs, for compatibility checks), and without a package it collides with any other team's "${payload.message.name}". Declare a package, such as "package ${suggestedPackage(context.document)};"`,
          path: [...place.path],
          ...(place.at ? { at: place.at } : { anchor: 'value' as const }),
        });
        continue;
      }
      if (!schema || schema.format !== 'json-schema') continue;
      const found = dereference(schema.location, context.read, context.schemaIds);
      if (!found || !found.value || typeof found.value !== 'object' || Array.isArray(found.value)) continue;
      const value = found.value as Record<string, unknown>;
      const dialect = found.location.path.length === 0 && typeof value.$schema === 'string' ? dialectOf(value.$schema) : schema.dialect;
      if ((typeof value.$id === 'string' && value.$id.trim() !== '') || (dialect === 'draft-04' && typeof value.id === 'string')) continue;
      const key = `${found.location.uri}#${found.location.path.join('/')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const inMessage = found.location.uri === view.definition.uri && view.definition.path.every((segment, index) => String(found.location.path[index]) === String(segment));
      const subject = inMessage ? `The payload schema of message "${view.name}"` : 'This payload schema';
      findings.push({
        ruleId: this.id,
        uri: found.location.uri === context.uri ? undefined : found.location.uri,
        message: `${subject} has no $id: schema registries, compatibility checks and consumers that validate events cannot tell which schema, in which version, an event was written against. Give it an $id, a URI that changes with each major version`,
        path: found.location.path,
        anchor: 'key',
        data: { location: found.location, messageName: view.name, idKey: dialect === 'draft-04' ? 'id' : '$id' },
      });
    }
    return findings;
  },
  async fixes(finding, context) {
    const data = finding.data as { location?: SchemaLocation; messageName?: string; idKey?: string } | undefined;
    if (!data?.location || !data.messageName) return [];
    const target = await context.fileAt(data.location.uri);
    if (!target) return [];
    const schema = dereference(data.location, context.read, context.schemaIds)?.value as Record<string, unknown> | undefined;
    if (!schema || typeof schema !== 'object') return [];
    const { id, from } = idFor(data.location, data.messageName, context);
    // An `$id` changes the base that `$ref`s inside the schema resolve against: only offer one under
    // which they still lead where they lead today.
    if (!refsStillResolve(schema, data.location, id, context)) return [];
    const file = { source: target.source, root: target.tree.root };
    const edits = insertProperty(file, data.location.path, data.idKey ?? '$id', id, '$schema');
    if (edits.length === 0) return [];
    // An identity the team's convention (the options, the other schemas) gives is applied by "fix
    // all"; one made up from the document is a proposal for a person to accept.
    const manualOnly = from === 'document' || from === 'title' ? true : undefined;
    return [{ title: `Add ${data.idKey ?? '$id'} "${id}"`, edits: new Map([[data.location.uri, wholeLines(target.source, edits)]]), preferred: true, manualOnly }];
  },
};

/** A package name from the application's title and major version: `orders.v1`. */
function suggestedPackage(document: Record<string, unknown>): string {
  const info = (document.info ?? {}) as Record<string, unknown>;
  const title = typeof info.title === 'string' ? info.title : '';
  const stem = title.toLowerCase().replace(/\b(service|api|application)\b/g, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'events';
  const major = typeof info.version === 'string' ? /^v?(\d+)/.exec(info.version)?.[1] : undefined;
  return `${/^[a-z]/.test(stem) ? stem : `events_${stem}`}.v${major ?? '1'}`;
}

/**
 * The `$id` for a schema: from the `idTemplate` option; else following the `$id`s of the
 * workspace's schema files (`https://schemas.example.com/events/<file name>`); else under the
 * document's own `id`; else a URN from the application title. Each carries the major version
 * of the document (`info.version`) unless the workspace's ids show they do not.
 */
export function idFor(location: SchemaLocation, messageName: string, context: FixContext): { id: string; from: 'option' | 'workspace' | 'document' | 'title' } {
  const info = (context.document.info ?? {}) as Record<string, unknown>;
  const version = typeof info.version === 'string' || typeof info.version === 'number' ? String(info.version) : '1.0.0';
  const major = /^v?(\d+)/.exec(version)?.[1] ?? '1';
  const isFile = location.path.length === 0 && location.uri !== context.uri;
  const fileName = isFile ? baseName(location.uri) : `${kebab(messageName)}.schema.json`;
  const stem = isFile ? fileName.replace(/\.(schema\.)?(json|ya?ml)$/i, '') : kebab(messageName);
  const application = kebab(typeof info.title === 'string' ? info.title : context.application.title);
  const template = typeof context.options.idTemplate === 'string' ? context.options.idTemplate : undefined;
  if (template) {
    const values: Record<string, string> = { application, message: kebab(messageName), file: fileName, stem, major, version, documentId: typeof context.document.id === 'string' ? context.document.id : '' };
    return { id: template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole), from: 'option' };
  }
  if (typeof context.options.baseUri === 'string') return { id: context.options.baseUri + fileName, from: 'option' };
  const base = siblingBase(location.uri, context.schemaIds);
  if (base) return { id: base + fileName, from: 'workspace' };
  const documentId = typeof context.document.id === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(context.document.id) ? context.document.id : undefined;
  if (documentId?.startsWith('urn:')) return { id: `${documentId}:schemas:${stem}:v${major}`, from: 'document' };
  if (documentId && /^https?:/.test(documentId)) return { id: `${documentId.replace(/\/+$/, '')}/schemas/${stem}/v${major}`, from: 'document' };
  return { id: `urn:${application || 'asyncapi'}:schemas:${stem}:v${major}`, from: 'title' };
}

/**
 * The base the workspace's schema files build their `$id`s on, when they follow one: the
 * `$id` ends with the file's name (`https://schemas.example.com/events/money.schema.json`).
 * Files in the same folder as `uri` count first.
 */
function siblingBase(uri: string, schemaIds: ReadonlyMap<string, string>): string | undefined {
  const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
  const counts = new Map<string, { same: number; all: number }>();
  for (const [id, fileUri] of schemaIds) {
    const name = baseName(fileUri);
    if (!id.endsWith('/' + name)) continue;
    const base = id.slice(0, id.length - name.length);
    const count = counts.get(base) ?? { same: 0, all: 0 };
    count.all++;
    if (fileUri.startsWith(folder) && !fileUri.slice(folder.length).includes('/')) count.same++;
    counts.set(base, count);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1].same - a[1].same || b[1].all - a[1].all || a[0].localeCompare(b[0]));
  return ranked[0]?.[0];
}

/**
 * True when every `$ref` inside the schema still leads to the same place with `id` as its base:
 * local pointers of a schema embedded in a document would point into the schema itself, and a
 * relative file reference must resolve, against the new id, to the `$id` of the file it names.
 */
function refsStillResolve(schema: unknown, location: SchemaLocation, id: string, context: FixContext): boolean {
  const isFile = location.path.length === 0;
  const idsByUri = new Map([...context.schemaIds].map(([schemaIdValue, uri]) => [uri, schemaIdValue]));
  const refs: string[] = [];
  const collect = (value: unknown, depth: number) => {
    if (depth > 64 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) value.forEach((item) => collect(item, depth + 1));
    else
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string') refs.push(child);
        else collect(child, depth + 1);
      }
  };
  collect(schema, 0);
  for (const ref of refs) {
    if (ref.startsWith('#')) {
      if (!isFile) return false;
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) continue;
    const today = resolveRef(ref, location.uri, context.schemaIds);
    if (today.kind !== 'file') continue;
    let resolved: string;
    try {
      resolved = new URL(ref.split('#')[0]!, id).href;
    } catch {
      return false;
    }
    if (idsByUri.get(today.uri) !== resolved) return false;
  }
  return true;
}

/**
 * Adds `key: value` to the object at `path` as its first property (after `afterKey` when the
 * object has it), where an identity belongs, keeping the file's formatting. `setValue` appends
 * at the end, which it still does for flow-style YAML objects.
 */
export function insertProperty(file: EditableFile, path: JsonPath, key: string, value: string, afterKey: string): TextEdit[] {
  const inline = addSchemaKeywordFirst(file, path, key, value, afterKey);
  if (inline) return inline;
  const node = nodeAtPath(file.root, path);
  if (!node || node.type !== 'object' || (node.children ?? []).length === 0) return setValue(file, [...path, key], value);
  const text = file.source.text;
  const properties = node.children ?? [];
  const names = properties.map((property) => String(property.children?.[0]?.value));
  if (file.source.format !== 'yaml') {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indented = /\n([ \t]+)\S/.exec(text);
    const indent = indented?.[1] ?? '  ';
    const edits = modify(text, [...path.map((segment) => segment as string | number), key], value, {
      formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol },
      getInsertionIndex: (existing) => (existing.includes(afterKey) ? existing.indexOf(afterKey) + 1 : 0),
    });
    return edits.map((edit) => ({ range: file.source.rangeAt(edit.offset, edit.length), newText: edit.content }));
  }
  const afterIndex = names.indexOf(afterKey);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const first = properties[0]!;
  const lineStart = text.lastIndexOf('\n', first.offset - 1) + 1;
  const indentation = text.slice(lineStart, first.offset);
  // A mapping that starts on the line of a `- ` or a key cannot take a line before its first entry.
  if (!/^[ \t]*$/.test(indentation)) return setValue(file, [...path, key], value);
  const line = `${indentation}${stringify(key, { lineWidth: 0 }).trimEnd()}: ${stringify(value, { lineWidth: 0 }).trimEnd()}${eol}`;
  if (afterIndex >= 0) {
    const after = properties[afterIndex]!;
    const newline = text.indexOf('\n', after.offset + after.length);
    const at = newline < 0 ? text.length : newline + 1;
    return [{ range: file.source.rangeAt(at, 0), newText: newline < 0 ? eol + line : line }];
  }
  return [{ range: file.source.rangeAt(lineStart, 0), newText: line }];
}

/** `Inventory Service` → `inventory-service`, `StockReserved` → `stock-reserved`. */
export function kebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
