import type { BreakData } from '../breaks/breakData';
import type { DocumentRule, Fix, FixContext, RuleFinding } from '../discipline/documentRule';
import { reverseProtobufChange } from '../edits/protobufEdits';
import { reverseChange } from '../edits/reverseChange';
import { appendToArray, setValue, type EditableFile } from '../edits/documentEdits';
import type { RuleDefinition } from './rule';

/**
 * A change against the baseline that breaks the other side of a message, under the mode its use
 * implies. The engine's compatibility check makes the findings (breaks/checkBreaks.ts); this rule
 * carries the fixes: undo the change in the least disruptive way, or mark the break as intended.
 */
export const compatibilityBreak: RuleDefinition & Pick<DocumentRule, 'fixes'> = {
  id: 'compatibility-break',
  defaultSeverity: 'error',
  rationale: 'A change to a message schema or an AsyncAPI document breaks existing consumers or producers (what a service sends must stay readable by its consumers; what it receives must still read what producers send).',
  category: 'compatibility',
  origin: 'event-design',
  async fixes(finding: RuleFinding, context: FixContext): Promise<Fix[]> {
    const data = finding.data as BreakData | undefined;
    if (!data) return [];
    const uri = finding.uri ?? context.uri;
    const target = await context.fileAt(uri);
    if (!target) return [];
    const file: EditableFile = { source: target.source, root: target.tree.root };
    const fixes: Fix[] = [];
    const undos = data.newSpan ? reverseProtobufChange(data, target.source) : reverseChange(data, file, 'undo');
    undos.forEach((undo, index) => fixes.push({ ...undo, edits: new Map([[uri, undo.edits]]), ...(index === 0 ? { preferred: true } : {}) }));
    const bump = bumpMajor(context);
    if (bump) fixes.push(bump);
    const accept = await acceptBreak(data, context);
    if (accept) fixes.push(accept);
    return fixes;
  },
};

/** An intended break: say so with a new major version of the contract. */
function bumpMajor(context: FixContext): Fix | undefined {
  const schemaVersion = bumpSchemaIdentity(context);
  if (schemaVersion) return schemaVersion;
  const version = (context.document?.info as { version?: unknown } | undefined)?.version;
  if (typeof version !== 'string' && typeof version !== 'number') return undefined;
  const match = /^(\d+)(\.\d+)?(\.\d+)?/.exec(String(version));
  if (!match) return undefined;
  const next = `${Number(match[1]) + 1}.0.0`;
  const file = { source: context.file.source, root: context.file.tree.root };
  return {
    title: `This break is intended: raise info.version to ${next}`,
    edits: new Map([[context.uri, setValue(file, ['info', 'version'], next)]]),
    breaking: 'the new major version tells consumers to upgrade: publish the new message beside the old one until they have',
    manualOnly: true,
  };
}

/** A version segment of an identifier: `…/v1/…`, `….v1.json`, `com.example.orders.v1`. */
const VERSION_SEGMENT = /(^|[^a-z0-9])v(\d+)(?=$|[^a-z0-9])/gi;

/**
 * A schema file names its major version in its identity (`$id`, or an Avro `namespace`) where a
 * registry or a consumer tells versions apart: an intended break raises it, so that the new
 * schema is a new identity beside the old one.
 */
function bumpSchemaIdentity(context: FixContext): Fix | undefined {
  const document = context.document as Record<string, unknown> | undefined;
  if (!document || 'asyncapi' in document) return undefined;
  const key = typeof document.$id === 'string' ? '$id' : typeof document.namespace === 'string' ? 'namespace' : undefined;
  if (!key) return undefined;
  const identity = document[key] as string;
  const matches = [...identity.matchAll(VERSION_SEGMENT)];
  const last = matches.at(-1);
  if (!last) return undefined;
  const at = last.index! + last[1]!.length;
  const next = `v${Number(last[2]) + 1}`;
  const raised = `${identity.slice(0, at)}${next}${identity.slice(at + 1 + last[2]!.length)}`;
  const file = { source: context.file.source, root: context.file.tree.root };
  return {
    title: `This break is intended: raise the schema's major version in ${key} (v${last[2]} → ${next})`,
    edits: new Map([[context.uri, setValue(file, [key], raised)]]),
    breaking: 'a new schema identity: publish it beside the old one, and move producers and consumers over',
    manualOnly: true,
  };
}

/** Records the break in .event-design.yaml so that the editor and the CLI stop reporting it. */
async function acceptBreak(data: BreakData, context: FixContext): Promise<Fix | undefined> {
  const target = context.configTarget;
  if (!target) return undefined;
  const existing = await context.fileAt(target.uri);
  if (existing) {
    const file = { source: existing.source, root: existing.tree.root };
    return { title: `Accept this break (record it in ${target.name})`, edits: new Map([[target.uri, appendToArray(file, ['compatibility', 'accepted'], data.fingerprint)]]), manualOnly: true };
  }
  const text = `# event-design configuration: see docs/configuration.md\ncompatibility:\n  accepted:\n    - ${JSON.stringify(data.fingerprint)}\n`;
  return { title: `Accept this break (create ${target.name})`, edits: new Map([[target.uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }]]]), manualOnly: true, createsFile: target.uri };
}
