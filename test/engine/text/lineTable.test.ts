import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineTable } from '../../../server/src/engine/text/lineTable';

/**
 * The engine's line table stands in for vscode-languageserver-textdocument's, so every position
 * the engine reports must be the one that package (and so the editor) computes: compared here on
 * texts made of every kind of line break, empty lines, surrogate pairs, and offsets and
 * positions inside, at and past the ends of lines and of the text.
 */
describe('LineTable: the same positions as vscode-languageserver-textdocument', () => {
  const pieces = ['a', 'key: value', '\n', '\r\n', '\r', '\n\n', '\r\r\n', '😀', ' ', ''];

  function randomText(seed: number) {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    let text = '';
    const length = next() % 40;
    for (let index = 0; index < length; index++) text += pieces[next() % pieces.length];
    return text;
  }

  const texts = ['', '\n', '\r\n', '\r', 'no line break', 'ends with one\n', 'a\r\nb\rc\nd', '\r\n\r\n', ...Array.from({ length: 300 }, (_, seed) => randomText(seed + 1))];

  it('turns every offset into the same position', () => {
    for (const text of texts) {
      const reference = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
      const table = new LineTable(text);
      assert.equal(table.lineCount, reference.lineCount, JSON.stringify(text));
      for (let offset = -2; offset <= text.length + 2; offset++) {
        assert.deepEqual(table.positionAt(offset), reference.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
      }
    }
  });

  it('turns every position into the same offset', () => {
    for (const text of texts) {
      const reference = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
      const table = new LineTable(text);
      for (let line = -1; line <= reference.lineCount + 1; line++) {
        for (let character = -1; character <= 14; character++) {
          assert.equal(table.offsetAt({ line, character }), reference.offsetAt({ line, character }), `${JSON.stringify(text)} at ${line}:${character}`);
        }
      }
    }
  });
});
