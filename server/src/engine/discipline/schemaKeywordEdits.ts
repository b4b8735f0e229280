import { Document, isCollection, stringify } from 'yaml';
import { applyEdits } from '../edits/applyEdits';
import { diffEdit, setValue, type EditableFile, type TextEdit } from '../edits/documentEdits';
import { nodeAtPath, type JsonPath } from '../text/paths';
import type { SourceFile } from '../text/sourceFile';

/**
 * Adds a keyword to a schema object, keeping an object written on one line on one line: the
 * schema rules of group A add `type`, `additionalProperties` and `$id` to objects that are often
 * written inline (`note: {}`, `{ "description": "…" }`). `setValue` writes `{}` + `type` as
 * `{type: string}` in YAML and spreads a one-line JSON object over several lines; here
 * `{ type: string }` and `{ "description": "…", "type": "object" }` stay in the file's style.
 * Every other case is `setValue`'s.
 */
export function addSchemaKeyword(file: EditableFile, objectPath: JsonPath, key: string, value: unknown): TextEdit[] {
  return oneLineEdit(file, objectPath, key, value, {}) ?? setValue(file, [...objectPath, key], value);
}

/** The keyword as the first of a one-line object (after `after` when it has it); undefined when the object spans lines. */
export function addSchemaKeywordFirst(file: EditableFile, objectPath: JsonPath, key: string, value: unknown, after: string): TextEdit[] | undefined {
  return oneLineEdit(file, objectPath, key, value, { first: true, after });
}

function oneLineEdit(file: EditableFile, objectPath: JsonPath, key: string, value: unknown, placement: { first?: boolean; after?: string }): TextEdit[] | undefined {
  const node = nodeAtPath(file.root, objectPath);
  const text = file.source.text;
  if (!node || node.type !== 'object' || text[node.offset] !== '{') return undefined;
  const end = node.offset + node.length - 1;
  if (text[end] !== '}' || text.slice(node.offset, end).includes('\n')) return undefined;
  const yaml = file.source.format === 'yaml';
  const entry = yaml ? `${stringify(key, { lineWidth: 0 }).trimEnd()}: ${flowYaml(value)}` : `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  const children = node.children ?? [];
  const last = children[children.length - 1];
  if (!last) {
    const inner = text.slice(node.offset + 1, end);
    if (inner.trim() !== '') return undefined;
    return [{ range: file.source.rangeAt(node.offset, node.length), newText: `{ ${entry} }` }];
  }
  if (placement.first) {
    const after = children.find((property) => property.children?.[0]?.value === placement.after);
    if (after) return [{ range: file.source.rangeAt(after.offset + after.length, 0), newText: `, ${entry}` }];
    return [{ range: file.source.rangeAt(children[0]!.offset, 0), newText: `${entry}, ` }];
  }
  return [{ range: file.source.rangeAt(last.offset + last.length, 0), newText: `, ${entry}` }];
}

function flowYaml(value: unknown): string {
  if (value === null || typeof value !== 'object') return stringify(value, { lineWidth: 0 }).trimEnd();
  const document = new Document(value);
  if (isCollection(document.contents)) document.contents.flow = true;
  return document.toString({ lineWidth: 0 }).trimEnd();
}

/**
 * The same change as whole lines: every edit starts at the beginning of a line and ends after a
 * line break (an insertion before a line takes that line along). "Fix all" applies the fixes of
 * several rules together when their ranges do not touch, and an edit that starts in the middle
 * of a line's indentation (as `composeEdits` makes them) does not touch an insertion at the
 * start of that line: together they interleave and break the YAML. Whole lines always touch.
 */
export function wholeLines(source: SourceFile, edits: readonly TextEdit[]): TextEdit[] {
  if (edits.length === 0) return [];
  const text = source.text;
  // Several edits become one, so that their widened ranges cannot overlap each other.
  const single = edits.length === 1 ? edits[0]! : diffEdit(source, applyEdits(source, edits))[0];
  if (!single) return [];
  const start = source.offsetAt(single.range.start);
  const end = source.offsetAt(single.range.end);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  return [{ range: source.rangeAt(lineStart, lineEnd - lineStart), newText: text.slice(lineStart, start) + single.newText + text.slice(end, lineEnd) }];
}
