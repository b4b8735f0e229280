import type { SourceFile } from '../text/sourceFile';
import type { Range } from 'vscode-languageserver-types';

/** A text edit in LSP terms: replace `range` by `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * Applies non-overlapping edits to a text, as an editor would: for `check --fix`, and to verify
 * what a fix does before it is offered.
 */
export function applyEdits(source: SourceFile, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((edit) => ({ start: source.offsetAt(edit.range.start), end: source.offsetAt(edit.range.end), text: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let text = source.text;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of resolved) {
    if (edit.end > limit) throw new Error('Overlapping edits');
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    limit = edit.start;
  }
  return text;
}
