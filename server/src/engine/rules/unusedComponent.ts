import type { DocumentRule, RuleContext, RuleFinding } from '../discipline/documentRule';
import { relativeName } from '../discipline/headerEdits';
import { removeValue } from '../edits/documentEdits';
import { collectRefSites, resolveRef } from '../references/refSites';
import type { JsonPath } from '../text/paths';
import { childString } from '../text/tree';

/** Singular names of component kinds, for messages and titles. */
const KIND_NAMES: Record<string, string> = {
  schemas: 'schema',
  servers: 'server',
  serverVariables: 'server variable',
  channels: 'channel',
  operations: 'operation',
  messages: 'message',
  securitySchemes: 'security scheme',
  parameters: 'parameter',
  correlationIds: 'correlation id',
  replies: 'reply',
  replyAddresses: 'reply address',
  externalDocs: 'external documentation',
  tags: 'tag',
  operationTraits: 'operation trait',
  messageTraits: 'message trait',
  serverBindings: 'server bindings',
  channelBindings: 'channel bindings',
  operationBindings: 'operation bindings',
  messageBindings: 'message bindings',
};

function kindName(kind: string) {
  return KIND_NAMES[kind] ?? kind;
}

/** A `$ref` found in a plain value: its text and the first segments of the path of the object that holds it. */
interface RefInValue {
  ref: string;
  ownerPath: JsonPath;
}

/**
 * The `$ref`s of a plain value (a file the document reaches). Only the first three segments of
 * each owner's path are kept: they are all `markUse` needs, and building every node's full path
 * would cost more than the rest of the rule.
 */
function refsInValue(value: unknown): RefInValue[] {
  const result: RefInValue[] = [];
  const stack: Array<{ value: unknown; path: JsonPath }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    const child = (segment: string | number) => (path.length >= 3 ? path : [...path, segment]);
    if (Array.isArray(current)) current.forEach((item, index) => item && typeof item === 'object' && stack.push({ value: item, path: child(index) }));
    else if (current && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (key === '$ref' && typeof item === 'string') result.push({ ref: item, ownerPath: path });
        else if (item && typeof item === 'object') stack.push({ value: item, path: child(key) });
      }
    }
  }
  return result;
}

/** `components/<kind>/<name>` keys that a pointer into this document uses (a pointer below a component uses it too). */
function componentKey(path: readonly string[]) {
  return path.length >= 3 && path[0] === 'components' ? `${path[1]}\u0000${path[2]}` : undefined;
}

/** The components a reference into the document uses, unless it is written inside that very component (a recursive schema). */
function markUse(used: Set<string>, target: readonly string[], from: { sameFile: boolean; ownerPath: JsonPath }) {
  const key = componentKey(target);
  if (!key) return;
  if (from.sameFile && from.ownerPath.length >= 3 && componentKey(from.ownerPath.slice(0, 3).map(String)) === key) return;
  used.add(key);
}

/**
 * What references the document's components, as far as the check can see synchronously: every
 * `$ref` of the document and of the files it reaches, and the message, channel and schema
 * references the workspace index records for the other AsyncAPI documents. Files that
 * reference this document in other ways are returned as `unseen`; the fix reads them.
 */
function componentUses(context: RuleContext): { used: Set<string>; ids: Set<string>; unseen: string[] } {
  const used = new Set<string>();
  const ids = new Set<string>();
  // The document's own references, as every check of this tree already collected them.
  for (const site of collectRefSites(context.file.tree.root)) {
    const target = resolveRef(site.ref, context.uri, context.schemaIds);
    ids.add(site.ref.split('#')[0]!);
    if (target.kind === 'local' || (target.kind === 'file' && target.uri === context.uri)) markUse(used, target.path, { sameFile: true, ownerPath: site.ownerPath });
  }
  // The files this document reaches, through the index, read from the check's closure.
  const closure = new Set<string>([context.uri]);
  const queue = [context.uri];
  while (queue.length > 0) {
    for (const next of context.index.get(queue.shift()!)?.references ?? []) {
      if (closure.has(next)) continue;
      closure.add(next);
      queue.push(next);
      const file = context.read(next);
      if (!file) continue;
      for (const site of refsInValue(file.value)) {
        ids.add(site.ref.split('#')[0]!);
        const target = resolveRef(site.ref, next, context.schemaIds, file.idBase);
        if (target.kind === 'file' && target.uri === context.uri) markUse(used, target.path, { sameFile: false, ownerPath: site.ownerPath });
      }
    }
  }
  const unseen: string[] = [];
  for (const referrer of context.index.referrersOf(context.uri)) {
    if (closure.has(referrer)) continue;
    unseen.push(referrer);
    const application = context.index.get(referrer)?.application;
    if (!application) continue;
    const refs = [
      ...application.channels.flatMap((channel) => [channel.ref, ...channel.messages.map((message) => message.ref)]),
      ...application.componentMessages.map((message) => message.ref),
      ...application.operations.flatMap((operation) => [...operation.messages, ...(operation.reply?.messages ?? [])].map((message) => message.ref)),
      ...application.schemaReferences.map((reference) => reference.ref),
    ];
    for (const ref of refs) {
      if (!ref) continue;
      const target = resolveRef(ref, referrer, context.schemaIds);
      if (target.kind === 'file' && target.uri === context.uri) markUse(used, target.path, { sameFile: false, ownerPath: [] });
    }
  }
  return { used, ids, unseen };
}

/** Component kinds whose entries are not used through `$ref`: 2.x security schemes are named in security requirements. */
function skipsKind(kind: string, major: 2 | 3) {
  return kind.startsWith('x-') || (major === 2 && kind === 'securitySchemes');
}

export const unusedComponent: DocumentRule = {
  id: 'unused-component',
  defaultSeverity: 'info',
  rationale: 'A component that nothing references is dead weight that readers still have to understand and keep compatible.',
  category: 'discipline',
  origin: 'event-design',
  // The parser reports the same for 2.x documents; the engine drops its findings in favour of these.
  parserCodes: ['asyncapi-unused-component'],
  check(context) {
    const components = context.document.components;
    if (!components || typeof components !== 'object' || Array.isArray(components)) return [];
    const { used, ids, unseen } = componentUses(context);
    const findings: RuleFinding[] = [];
    const elsewhere = unseen.length === 0 ? '' : `; ${list(unseen.map((uri) => relativeName(context.uri, uri)))} reference${unseen.length === 1 ? 's' : ''} this document and may use it`;
    for (const [kind, entries] of Object.entries(components as Record<string, unknown>)) {
      if (skipsKind(kind, context.major) || !entries || typeof entries !== 'object' || Array.isArray(entries)) continue;
      for (const [name, value] of Object.entries(entries as Record<string, unknown>)) {
        if (used.has(`${kind}\u0000${name}`)) continue;
        // A schema with an `$id` may be referenced by that URI rather than by a pointer.
        const id = value && typeof value === 'object' ? (value as { $id?: unknown }).$id : undefined;
        if (typeof id === 'string' && ids.has(id.replace(/#$/, ''))) continue;
        findings.push({
          ruleId: this.id,
          message: `The ${kindName(kind)} "${name}" (components.${kind}) is never referenced in this document or the files it reaches${elsewhere}: readers still have to understand it and keep it compatible, and an unused component is often a leftover that consumers believe is still in use. Remove it, or reference it where it belongs`,
          path: ['components', kind, name],
          anchor: 'key',
          tags: ['unnecessary'],
          data: { kind, name },
        });
      }
    }
    return findings;
  },
  async fixes(finding, context) {
    const kind = String(finding.data?.kind ?? '');
    const name = String(finding.data?.name ?? '');
    if (!kind || !name) return [];
    // Every file that references this document, read now: the fix must not break one of them.
    for (const referrer of context.index.referrersOf(context.uri)) {
      const file = await context.fileAt(referrer);
      if (!file) return [];
      const idBase = file.kind.kind === 'json-schema' ? childString(file.tree.root, '$id') : undefined;
      for (const site of collectRefSites(file.tree.root)) {
        const target = resolveRef(site.ref, referrer, context.schemaIds, idBase);
        if (target.kind === 'file' && target.uri === context.uri && componentKey(target.path) === `${kind}\u0000${name}`) return [];
      }
    }
    const entries = (context.document.components as Record<string, Record<string, unknown>>)[kind] ?? {};
    const file = { source: context.file.source, root: context.file.tree.root };
    // The last entry of a kind takes its kind along, rather than leaving `schemas: {}` behind.
    const path = Object.keys(entries).length === 1 ? ['components', kind] : ['components', kind, name];
    const edits = removeValue(file, path);
    if (edits.length === 0) return [];
    return [{ title: `Remove the unused ${kindName(kind)} "${name}" (no file in the workspace references it)`, edits: new Map([[context.uri, edits]]), preferred: true, manualOnly: true }];
  },
};

function list(items: readonly string[]) {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
