import type { BreakData } from '../breaks/checkBreaks';
import type { DocumentRule, Fix, FixContext, RuleFinding } from '../discipline/documentRule';
import { appendToArray, composeEdits, removeValue, setValue, type EditableFile } from '../edits/documentEdits';
import { valueAtPath } from '../references/refSites';
import { treeValue as plainValue } from '../text/tree';
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
    const undo = undoChange(data, file);
    if (undo) fixes.push({ ...undo, edits: new Map([[uri, undo.edits]]), preferred: true });
    const bump = bumpMajor(context);
    if (bump) fixes.push(bump);
    const accept = await acceptBreak(data, context);
    if (accept) fixes.push(accept);
    return fixes;
  },
};

/** The edit that takes the change back, for the kinds where that is well defined. */
function undoChange(data: BreakData, file: EditableFile): { title: string; edits: ReturnType<typeof setValue> } | undefined {
  const subject = data.subject;
  if (data.kind.startsWith('required-property-added') && subject) {
    // The property sits at …/properties/<name>; its object's `required` lists it.
    const objectPath = data.newPath.slice(0, -2);
    const required = valueAtPath(treeValue(file), [...objectPath, 'required']).value;
    const index = Array.isArray(required) ? required.indexOf(subject) : -1;
    if (index < 0) return undefined;
    return { title: `Make "${subject}" optional again`, edits: removeValue(file, [...objectPath, 'required', index]) };
  }
  if (data.kind === 'required-added' && subject) {
    // The path names the new entry of `required` (…/required/1), or the list itself.
    const atPath = valueAtPath(treeValue(file), data.newPath).value;
    if (atPath === subject) return { title: `Make "${subject}" optional again`, edits: removeValue(file, data.newPath) };
    const index = Array.isArray(atPath) ? atPath.indexOf(subject) : -1;
    if (index >= 0) return { title: `Make "${subject}" optional again`, edits: removeValue(file, [...data.newPath, index]) };
    return undefined;
  }
  if (/property-removed/.test(data.kind) && subject && data.oldNode !== undefined) {
    const restored = data.oldNode && typeof data.oldNode === 'object' && !Array.isArray(data.oldNode) ? { ...(data.oldNode as Record<string, unknown>), deprecated: true } : data.oldNode;
    return { title: `Restore "${subject}" (marked deprecated)`, edits: setValue(file, [...data.newPath, subject], restored) };
  }
  if ((data.kind === 'enum-narrowed' || data.kind === 'enum-changed') && Array.isArray(data.oldValue) && data.oldValue.length > 0) {
    const values = data.oldValue;
    return { title: `Re-add ${values.map((value) => JSON.stringify(value)).join(', ')} to the enum`, edits: composeEdits(file, values.map((value) => (current: EditableFile) => appendToArray(current, data.newPath, value))) };
  }
  if (data.kind === 'avro-field-added-without-default' || data.kind === 'avro-reader-field-without-default') {
    const field = valueAtPath(treeValue(file), data.newPath).value as { type?: unknown } | undefined;
    const value = defaultForAvro(field?.type);
    if (value === undefined) return undefined;
    return { title: `Give the new field${subject ? ` "${subject}"` : ''} the default ${JSON.stringify(value)}`, edits: setValue(file, [...data.newPath, 'default'], value) };
  }
  return undefined;
}

function treeValue(file: EditableFile): unknown {
  return plainValue(file.root);
}

/** The Avro default a reader uses when the writer did not write the field. */
function defaultForAvro(type: unknown): unknown {
  if (Array.isArray(type)) return type.includes('null') && type[0] === 'null' ? null : defaultForAvro(type[0]);
  const name = typeof type === 'string' ? type : type && typeof type === 'object' ? (type as { type?: unknown }).type : undefined;
  switch (name) {
    case 'null':
      return null;
    case 'boolean':
      return false;
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 0;
    case 'string':
    case 'bytes':
      return '';
    case 'array':
      return [];
    case 'map':
      return {};
    default:
      return undefined;
  }
}

/** An intended break: say so with a new major version of the contract. */
function bumpMajor(context: FixContext): Fix | undefined {
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
