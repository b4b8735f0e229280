import { valueAtPath } from '../references/refSites';
import type { JsonPath } from '../text/paths';
import { treeValue as plainValue } from '../text/tree';
import { appendToArray, composeEdits, removeValue, setValue, type EditableFile, type TextEdit } from './documentEdits';

/** What a reversible change says about itself (compatibility breaks and contract mismatches alike). */
export interface ReversibleChange {
  kind: string;
  subject?: string;
  /** Where the change is in the file being edited. */
  newPath: JsonPath;
  oldValue?: unknown;
  /** What stood at the old path, for something removed. */
  oldNode?: unknown;
}

/** One way to take a change back. */
export interface Reversal {
  title: string;
  edits: TextEdit[];
}

/**
 * The edits that take a schema change back, for the kinds where that is well defined, the
 * least disruptive first: `undo` against the file's own earlier version, `relax` against another
 * service's schema (a consumer made to accept what its producer sends).
 */
export function reverseChange(data: ReversibleChange, file: EditableFile, style: 'undo' | 'relax'): Reversal[] {
  const one = reverseOne(data, file, style);
  if (!one) return [];
  if (style === 'undo' && /property-removed/.test(data.kind) && data.subject && data.oldNode !== undefined) {
    // Restored as it was, or deprecated: it was removed on purpose, and should go in a later major version.
    return [{ title: `Restore "${data.subject}"`, edits: setValue(file, [...data.newPath, data.subject], data.oldNode) }, one];
  }
  return [one];
}

function reverseOne(data: ReversibleChange, file: EditableFile, style: 'undo' | 'relax'): Reversal | undefined {
  const subject = data.subject;
  if (data.kind.startsWith('required-property-added') && subject) {
    // The property sits at …/properties/<name>; its object's `required` lists it.
    const objectPath = data.newPath.slice(0, -2);
    const required = valueAtPath(treeValue(file), [...objectPath, 'required']).value;
    const index = Array.isArray(required) ? required.indexOf(subject) : -1;
    if (index < 0) return undefined;
    return { title: optional(subject, style), edits: removeValue(file, [...objectPath, 'required', index]) };
  }
  if (data.kind === 'required-added' && subject) {
    // The path names the new entry of `required` (…/required/1), or the list itself.
    const atPath = valueAtPath(treeValue(file), data.newPath).value;
    if (atPath === subject) return { title: optional(subject, style), edits: removeValue(file, data.newPath) };
    const index = Array.isArray(atPath) ? atPath.indexOf(subject) : -1;
    if (index >= 0) return { title: optional(subject, style), edits: removeValue(file, [...data.newPath, index]) };
    return undefined;
  }
  if (/property-removed/.test(data.kind) && subject && data.oldNode !== undefined) {
    // Undone, the property comes back deprecated: it was removed on purpose, and should go in a
    // later major version. Relaxed, it is what the producer sends.
    const restored = style === 'undo' && data.oldNode && typeof data.oldNode === 'object' && !Array.isArray(data.oldNode) ? { ...(data.oldNode as Record<string, unknown>), deprecated: true } : data.oldNode;
    return { title: style === 'undo' ? `Restore "${subject}" (marked deprecated)` : `Accept "${subject}" as the producer sends it`, edits: setValue(file, [...data.newPath, subject], restored) };
  }
  if ((data.kind === 'avro-enum-symbol-removed' || data.kind === 'avro-enum-symbol-removed-with-default') && subject) {
    // The path names the enum's `symbols`.
    return { title: style === 'undo' ? `Re-add the symbol "${subject}"` : `Accept the symbol "${subject}", as the producer sends it`, edits: appendToArray(file, data.newPath, subject) };
  }
  if ((data.kind === 'enum-narrowed' || data.kind === 'enum-changed') && Array.isArray(data.oldValue) && data.oldValue.length > 0) {
    const values = data.oldValue;
    return { title: `${style === 'undo' ? 'Re-add' : 'Accept'} ${values.map((value) => JSON.stringify(value)).join(', ')} ${style === 'undo' ? 'to the enum' : 'in the enum, as the producer sends'}`, edits: composeEdits(file, values.map((value) => (current: EditableFile) => appendToArray(current, data.newPath, value))) };
  }
  if (data.kind === 'avro-field-added-without-default' || data.kind === 'avro-reader-field-without-default') {
    const field = valueAtPath(treeValue(file), data.newPath).value as { type?: unknown } | undefined;
    const value = defaultForAvro(field?.type);
    if (value === undefined) return undefined;
    return { title: `Give the new field${subject ? ` "${subject}"` : ''} the default ${JSON.stringify(value)}`, edits: setValue(file, [...data.newPath, 'default'], value) };
  }
  return undefined;
}

function optional(subject: string, style: 'undo' | 'relax') {
  return `Make "${subject}" optional ${style === 'undo' ? 'again' : 'here'}`;
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

