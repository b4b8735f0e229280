import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClampedTextDocument } from '../../server/src/lsp/clampedTextDocument';

/** Every line start, read back through positionAt: finite and increasing when the line table is sound. */
function lineStarts(document: TextDocument) {
  return Array.from({ length: document.lineCount }, (_, line) => document.offsetAt({ line, character: 0 }));
}

describe('ClampedTextDocument: edits the server applies from a client', function () {
  const text = 'a: 1\nb: 2\nc: 3\n';

  it('places a range past the last line at the end, and the line table stays sound', function () {
    // TextDocument.update alone leaves holes in its line table here: 8 lines for 6, two of them NaN.
    const document = ClampedTextDocument.update(ClampedTextDocument.create('file:///x.yaml', 'yaml', 1, text), [{ range: { start: { line: 5, character: 0 }, end: { line: 7, character: 40 } }, text: 'z\n9\n' }], 2);
    assert.equal(document.getText(), 'a: 1\nb: 2\nc: 3\nz\n9\n');
    assert.equal(document.lineCount, 6);
    assert.deepEqual(lineStarts(document), [0, 5, 10, 15, 17, 19]);
  });

  it('applies several changes in order, each against the text the previous one left', function () {
    const changes = [
      { range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' },
      // Computed against the original text, this range is past the end of what is left.
      { range: { start: { line: 2, character: 2 }, end: { line: 3, character: 0 } }, text: '\n\nd: 4' },
    ];
    const document = ClampedTextDocument.update(ClampedTextDocument.create('file:///x.yaml', 'yaml', 1, text), changes, 2);
    assert.equal(document.getText(), 'c: 3\n\n\nd: 4');
    assert.ok(lineStarts(document).every(Number.isFinite));
    assert.ok([0, 1, 2, 3].every((line) => Number.isFinite(document.positionAt(document.offsetAt({ line, character: 1 })).character)));
  });

  it('skips a change whose positions are not numbers, keeping the others', function () {
    const broken = { range: { start: { line: 0, character: Number.NaN }, end: { line: 0, character: 1 } }, text: 'x' };
    const document = ClampedTextDocument.update(ClampedTextDocument.create('file:///x.yaml', 'yaml', 1, text), [broken, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'q' }], 2);
    assert.equal(document.getText(), 'q: 1\nb: 2\nc: 3\n');
  });
});
