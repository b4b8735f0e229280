import type { CompletionItem, CompletionItemKind, Range } from 'vscode-languageserver-types';
import type { SourceFile } from '../text/sourceFile';
import type { CompletionPlace } from './completionContext';

/**
 * Turns a completion's value into the edit that types it where the cursor is: inside the quotes
 * the user opened, or quoted as the file's format needs (a YAML value starting with `#` would be
 * a comment, so YAML values are single-quoted, as the examples write `$ref`s).
 */
export function valueItem(source: SourceFile, place: CompletionPlace, value: string, item: Omit<CompletionItem, 'textEdit' | 'filterText'> & { kind: CompletionItemKind }): CompletionItem {
  const range = rangeOf(source, place);
  let newText: string;
  if (place.quote === "'") newText = value.replace(/'/g, "''");
  else if (place.quote === '"') newText = JSON.stringify(value).slice(1, -1);
  else if (source.format === 'yaml') newText = `'${value.replace(/'/g, "''")}'`;
  else newText = JSON.stringify(value);
  // `key:|` — YAML needs a space after the colon.
  if (!place.quote && source.format === 'yaml' && source.text[place.replace.offset - 1] === ':') newText = ' ' + newText;
  return { ...item, filterText: value, textEdit: { range, newText } };
}

export function rangeOf(source: SourceFile, place: CompletionPlace): Range {
  return source.rangeAt(place.replace.offset, place.replace.length);
}

/** Spaces for one indentation step of the file (2 unless it indents otherwise). */
export function indentUnit(source: SourceFile): number {
  const match = /\n( +)\S/.exec(source.text);
  const width = match?.[1]?.length ?? 2;
  return width >= 1 && width <= 8 ? width : 2;
}

/** A YAML key as it must be written (quoted when plain would not read back as the same string). */
export function yamlKey(key: string): string {
  return /^[A-Za-z_$][\w.$-]*$/.test(key) ? key : `'${key.replace(/'/g, "''")}'`;
}

/** Escapes a text for a snippet (`$`, `}` and `\` are special there). */
export function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

/**
 * A completion that writes a key (and maybe its value): `insert.yaml` or `insert.json`, as a
 * snippet when `snippet` is set. In JSON the key's quotes are part of what it replaces.
 */
export function keyItem(source: SourceFile, place: CompletionPlace, label: string, insert: { yaml: string; json: string }, item: Omit<CompletionItem, 'textEdit' | 'filterText' | 'label'>, snippet = false): CompletionItem {
  let start = place.replace.offset;
  let end = place.replace.offset + place.replace.length;
  const json = source.format !== 'yaml';
  if (json && place.quote === '"') {
    start -= 1;
    if (source.text[end] === '"') end += 1;
  }
  const range = source.rangeAt(start, end - start);
  return {
    ...item,
    label,
    filterText: json && place.quote === '"' ? `"${label}"` : label,
    insertTextFormat: snippet ? 2 : 1,
    textEdit: { range, newText: json ? insert.json : insert.yaml },
  };
}
