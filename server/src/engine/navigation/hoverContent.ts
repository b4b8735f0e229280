import type { SchemaLocation } from '../schemas/bundle';
import type { ProtoMessage } from '../protobuf/protoSource';
import { rangeOfPath } from '../text/paths';
import { childString, childValue, type TreeNode } from '../text/tree';
import type { NavigationDocument } from './navigationDocument';
import { protobufPayloadSummary } from './protobufPayloadFields';
import { displayPath } from './relativeUris';
import { summariseSchema, type SchemaField, type SchemaSummary } from './schemaFields';
import type { Flow, FlowParticipant } from './workspaceFlows';
import type { WorkspaceReader } from './workspaceReader';

/** Markdown pieces of the hovers. */

export function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text}${ticks}`;
}

/** Text for one line of Markdown: no line breaks, table pipes escaped. */
export function inline(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat;
}

/** The first paragraph of a description. */
export function firstParagraph(text: string | undefined, max = 400): string | undefined {
  if (!text) return undefined;
  const paragraph = text.trim().split(/\n\s*\n/)[0]!.trim();
  return paragraph.length > max ? paragraph.slice(0, max - 1).trimEnd() + '…' : paragraph;
}

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "2 producers · 3 consumers". */
export function flowTitle(flow: Flow): string {
  return `${plural(flow.producers.length, 'producer')} · ${plural(flow.consumers.length, 'consumer')}`;
}

/** The producers and consumers of a channel or message, one line each, linked to the operation. */
export function renderFlow(reader: WorkspaceReader, flow: Flow, currentUri: string): string {
  const lines: string[] = [];
  const describe = (participant: FlowParticipant) => {
    const file = reader.file(participant.uri);
    const range = file ? rangeOfPath(file.source, file.tree.root, participant.operationPath, 'key') : undefined;
    const link = range ? `${participant.uri}#L${range.start.line + 1},${range.start.character + 1}` : participant.uri;
    const where = participant.uri === currentUri ? ' (this document)' : '';
    const reply = participant.isReply ? ' (reply)' : '';
    const address = participant.address !== undefined ? ` on ${code(participant.address)}` : '';
    return `- ${inline(participant.application, 60)}${where}: [${code(participant.operationKey)}](${link})${reply}${address}`;
  };
  lines.push(`**Producers (${flow.producers.length})**${flow.producers.length === 0 ? ': none in the workspace' : ''}`);
  for (const participant of flow.producers.slice(0, 12)) lines.push(describe(participant));
  if (flow.producers.length > 12) lines.push(`- … and ${flow.producers.length - 12} more`);
  lines.push('', `**Consumers (${flow.consumers.length})**${flow.consumers.length === 0 ? ': none in the workspace' : ''}`);
  for (const participant of flow.consumers.slice(0, 12)) lines.push(describe(participant));
  if (flow.consumers.length > 12) lines.push(`- … and ${flow.consumers.length - 12} more`);
  return lines.join('\n');
}

/** A schema's fields as a table: name, type, required, description. */
export function renderFields(fields: SchemaField[], truncated: boolean): string {
  if (fields.length === 0) return '';
  const rows = ['| field | type | |', '|---|---|---|'];
  for (const field of fields) {
    const note = [field.required ? 'required' : '', field.description ? inline(field.description, 80) : ''].filter(Boolean).join(' — ');
    rows.push(`| ${code(field.path.join('.'))} | ${inline(field.type, 60)} | ${note} |`);
  }
  if (truncated) rows.push('| … | | |');
  return rows.join('\n');
}

export function renderSchemaSummary(summary: SchemaSummary, heading: string): string {
  const parts: string[] = [];
  const title = summary.title ? ` — ${inline(summary.title, 80)}` : '';
  parts.push(`${heading}: ${code(summary.type)}${title}${summary.format === 'avro' ? ' (Avro)' : summary.format === 'protobuf' ? ' (Protobuf)' : ''}`);
  const description = firstParagraph(summary.description);
  if (description) parts.push(description);
  const table = renderFields(summary.fields, summary.truncated);
  if (table) parts.push(table);
  return parts.join('\n\n');
}

/** Where something is, as a path the user recognises: `orders/asyncapi.yaml#/components/messages/OrderPlaced`. */
export function describeLocation(reader: WorkspaceReader, location: SchemaLocation): string {
  const file = displayPath(location.uri, reader.engine.getSettings().workspaceFolders);
  const pointer = location.path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
  return pointer ? `${file}#${pointer}` : file;
}

/** The title, summary and description of an AsyncAPI object, as a short block. */
export function describeObject(node: TreeNode | undefined): string[] {
  const lines: string[] = [];
  const title = childString(node, 'title');
  const summary = childString(node, 'summary');
  const description = firstParagraph(childString(node, 'description'));
  if (title) lines.push(`*${inline(title, 120)}*`);
  if (summary) lines.push(inline(summary, 300));
  if (description && description !== summary) lines.push(description);
  return lines;
}

/** The payload (and headers) of a message, summarised. */
export function renderMessageSchemas(document: NavigationDocument, payload: SchemaLocation | ProtoMessage | undefined, headers: SchemaLocation | undefined): string[] {
  const parts: string[] = [];
  if (payload && 'kind' in payload) parts.push(renderSchemaSummary(protobufPayloadSummary(payload), '**Payload**'));
  else if (payload) {
    const summary = summariseSchema(document.reader, payload);
    if (summary) parts.push(renderSchemaSummary(summary, '**Payload**'));
  }
  if (headers) {
    const summary = summariseSchema(document.reader, headers, 15);
    if (summary && summary.fields.length > 0) parts.push(`**Headers**: ${summary.fields.map((field) => code(field.path.join('.')) + (field.required ? '' : '?')).join(', ')}${summary.truncated ? ', …' : ''}`);
  }
  return parts;
}

/** A message's identifying line: name, title, content type. */
export function messageHeading(key: string, node: TreeNode | undefined): string {
  const name = childString(node, 'name') ?? childString(node, 'messageId');
  const contentType = childString(node, 'contentType');
  const format = childString(node, 'schemaFormat') ?? childString(childValue(node, 'payload'), 'schemaFormat');
  const extras = [contentType ? code(contentType) : '', format ? code(format) : ''].filter(Boolean).join(' · ');
  return `**Message** ${code(name ?? key)}${name && name !== key ? ` (key ${code(key)})` : ''}${extras ? ` · ${extras}` : ''}`;
}
