import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/**
 * `TextDocument` with an update that first brings each change's range inside the document, then
 * applies the changes one after the other, as the protocol orders them. The library's own update
 * keeps its line table right only for ranges inside the document: a range past the last line
 * (which a client may send, the fuzz tier does) left holes in the table, and every position after
 * it then read NaN — in the server's answers too. A change whose positions are not numbers is
 * skipped: it cannot be placed anywhere.
 */
export const ClampedTextDocument = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let updated = document;
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        updated = TextDocument.update(updated, [change], version);
        continue;
      }
      const start = updated.offsetAt(change.range.start);
      const end = updated.offsetAt(change.range.end);
      if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
      const range = { start: updated.positionAt(Math.min(start, end)), end: updated.positionAt(Math.max(start, end)) };
      updated = TextDocument.update(updated, [{ range, text: change.text }], version);
    }
    return updated;
  },
};
