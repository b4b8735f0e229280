import { appendToArray, composeEdits, setValue, type EditableFile, type TextEdit } from '../edits/documentEdits';
import { jsonSchemaExample } from './exampleGenerator';
import type { SchemaLocation } from '../schemas/bundle';
import type { FixContext, WorkspaceEdits } from './documentRule';
import { editableHeaders, isRecord, type SchemaReader, type SchemaSite } from './messageFields';
import type { MessageView } from './messageView';
import { isPathPrefix } from '../text/paths';

/** One edit of one file that needs to see the edits before it (see `composeEdits`). */
export type EditStep = (current: EditableFile) => TextEdit[];

/**
 * The edits of one fix, gathered per file and composed in order: a fix that adds a header to a
 * shared headers file and `correlationId` to the message edits two files, or one file twice.
 */
export class EditPlan {
  private readonly steps = new Map<string, EditStep[]>();

  add(uri: string, step: EditStep) {
    const list = this.steps.get(uri) ?? [];
    list.push(step);
    this.steps.set(uri, list);
    return this;
  }

  get isEmpty() {
    return this.steps.size === 0;
  }

  /** The workspace edits, or undefined when a file cannot be read or nothing would change. */
  async build(context: Pick<FixContext, 'fileAt'>): Promise<WorkspaceEdits | undefined> {
    const edits: WorkspaceEdits = new Map();
    for (const [uri, steps] of this.steps) {
      const file = await context.fileAt(uri);
      if (!file) return undefined;
      const composed = composeEdits({ source: file.source, root: file.tree.root }, steps);
      if (composed.length > 0) edits.set(uri, composed);
    }
    return edits.size > 0 ? edits : undefined;
  }
}

/** A header (or a payload property) a fix adds: its name and its schema. */
export interface HeaderToAdd {
  name: string;
  schema: Record<string, unknown>;
}

/** Where a fix adds headers, for its title ("to the shared headers schema EventHeaders in common/headers.yaml"). */
export interface HeaderTarget {
  where: string;
  /** True when other messages use the same headers schema: they get the header too. */
  shared: boolean;
}

/**
 * Plans the addition of headers to a message, where its headers are defined: the message's own
 * inline headers schema, the schema its `headers` references (in this file or another), the
 * headers of the trait that provides them, or — when it has none — a new `headers` object
 * schema on the message. With `required`, the names are appended to the schema's `required`
 * (creating it). Headers the schema already declares are left alone.
 *
 * Undefined when the headers cannot be edited: a schema format other than JSON Schema (Avro
 * headers, Protobuf…), or a reference that cannot be followed.
 */
export function planAddHeaders(plan: EditPlan, view: Pick<MessageView, 'definition' | 'own' | 'name'>, reader: SchemaReader, headers: HeaderToAdd[], options: { required?: boolean; documentUri: string }): HeaderTarget | undefined {
  const site = editableHeaders(view, reader);
  if (!site) {
    const schema: Record<string, unknown> = { type: 'object', properties: Object.fromEntries(headers.map((header) => [header.name, header.schema])) };
    if (options.required) schema.required = headers.map((header) => header.name);
    // Open, as a message without headers was (content-model-explicit asks for it to be said).
    schema.additionalProperties = true;
    plan.add(view.definition.uri, (current) => setValue(current, [...view.definition.path, 'headers'], schema));
    // Its examples must show the headers it now has (message-examples).
    planExampleHeaders(plan, view, headers, () => true);
    return { where: `to message "${view.name}"`, shared: false };
  }
  if (!planAddProperties(plan, site, headers, options)) return undefined;
  // An example's headers without a header now required would no longer be valid (message-example-invalid).
  if (options.required) planExampleHeaders(plan, view, headers, (example) => isRecord(example.headers));
  return describeSchemaTarget(site, view, options.documentUri, 'headers');
}

/** Gives the message's own examples (those `which` selects) a generated value of each header they lack. */
function planExampleHeaders(plan: EditPlan, view: Pick<MessageView, 'definition' | 'own'>, headers: HeaderToAdd[], which: (example: Record<string, unknown>) => boolean) {
  const examples = Array.isArray(view.own.examples) ? view.own.examples : [];
  examples.forEach((example, index) => {
    if (!isRecord(example) || !which(example)) return;
    const present = isRecord(example.headers) ? example.headers : {};
    for (const header of headers) {
      if (header.name in present) continue;
      const value = jsonSchemaExample(header.schema, 'draft-07');
      if (value === undefined) continue;
      plan.add(view.definition.uri, (current) => setValue(current, [...view.definition.path, 'examples', index, 'headers', header.name], value));
    }
  });
}

/**
 * Plans the addition of top-level properties to an object schema where it is defined (headers,
 * or a structured-mode payload), skipping those it declares; with `required`, appends their
 * names to `required`. False when the schema is not an editable JSON Schema object.
 */
export function planAddProperties(plan: EditPlan, site: SchemaSite, properties: HeaderToAdd[], options: { required?: boolean }): boolean {
  if (site.format !== 'json-schema' || !isRecord(site.value)) return false;
  if (site.value.type !== undefined && site.value.type !== 'object') return false;
  const declared = isRecord(site.value.properties) ? site.value.properties : {};
  const required = Array.isArray(site.value.required) ? site.value.required : [];
  const path = site.location.path;
  for (const property of properties) {
    if (!(property.name in declared)) plan.add(site.location.uri, (current) => setValue(current, [...path, 'properties', property.name], property.schema));
    if (options.required && !required.includes(property.name)) plan.add(site.location.uri, (current) => appendToArray(current, [...path, 'required'], property.name));
  }
  return true;
}

/** Where a headers or payload schema is, in words, for a fix's title. */
export function describeSchemaTarget(site: SchemaSite, view: Pick<MessageView, 'definition' | 'name'>, documentUri: string, part: 'headers' | 'payload'): HeaderTarget {
  const inside = site.location.uri === view.definition.uri && isPathPrefix(view.definition.path, site.location.path);
  if (inside) return { where: `to the ${part} of message "${view.name}"`, shared: false };
  const inFile = site.location.uri === documentUri ? '' : ` in ${relativeName(documentUri, site.location.uri)}`;
  const trait = traitName(site.mentionedAt);
  if (trait && site.location.uri === site.mentionedAt.uri && isPathPrefix(site.mentionedAt.path, site.location.path)) return { where: `to the ${part} of trait "${trait}"${inFile}`, shared: true };
  if (site.location.path.length === 0) return { where: `to the shared ${part} schema ${relativeName(documentUri, site.location.uri)}`, shared: true };
  return { where: `to the shared ${part} schema "${String(site.location.path[site.location.path.length - 1])}"${inFile}`, shared: true };
}

/** `components/messageTraits/Tracing/headers` → `Tracing`. */
function traitName(location: SchemaLocation): string | undefined {
  const index = location.path.indexOf('messageTraits');
  return index >= 0 && location.path.length > index + 1 ? String(location.path[index + 1]) : undefined;
}

/** A file's path relative to the document's folder, for titles and messages: `../common/headers.yaml`. */
export function relativeName(fromUri: string, toUri: string): string {
  const from = fromUri.split('/').slice(0, -1);
  const to = toUri.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const ups = from.length - common;
  const rest = to.slice(common).join('/');
  const path = (ups === 0 ? '' : '../'.repeat(ups)) + rest;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

