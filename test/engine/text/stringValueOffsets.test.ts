import * as assert from 'node:assert/strict';
import { parseSource } from '../../../server/src/engine/text/parse';
import { nodeAtPath } from '../../../server/src/engine/text/paths';
import { SourceFile } from '../../../server/src/engine/text/sourceFile';
import { stringValueOffsets } from '../../../server/src/engine/text/stringValueOffsets';

/**
 * Each case is a document whose `value` is a string written in one style. Every character of the
 * parsed value that is not white space must map to that very character in the file, or to the
 * backslash of the escape that wrote it.
 */
const MAPPED: Array<{ name: string; uri?: string; text: string }> = [
  { name: 'literal block', text: 'a:\n  value: |\n    syntax = "proto3";\n\n    message A {\n      string id = 1;\n    }\n' },
  { name: 'literal block, strip', text: 'value: |-\n  line one\n    more indented\n  last\nnext: 1\n' },
  { name: 'literal block, keep, CRLF', text: 'value: |+\r\n  one\r\n  two\r\n\r\nnext: 1\r\n' },
  { name: 'indentation indicator', text: 'a:\n  value: |2\n      starts indented\n    then not\n' },
  { name: 'folded block', text: 'value: >\n  folded into\n  one line\n\n  a new paragraph\n    kept as written\n  end\n' },
  { name: 'double quoted with escapes', text: 'value: "say \\"hi\\"\\n\\ttab \\u0041\\x42 \\\\ done"\n' },
  { name: 'double quoted, folded lines', text: 'value: "first\n  second\n\n  third \\\n  joined"\n' },
  { name: 'single quoted', text: "value: 'it''s\n  folded'\n" },
  { name: 'plain', text: 'value: plain words here\n' },
  { name: 'plain over lines', text: 'value: plain\n  over two\n' },
  { name: 'JSON string', uri: 'file:///case.json', text: '{ "value": "a\\nb \\"c\\" \\u00e9 \\/" }' },
];

describe('stringValueOffsets', function () {
  for (const { name, uri, text } of MAPPED) {
    it(`maps every character: ${name}`, function () {
      const file = new SourceFile(uri ?? 'file:///case.yaml', text, 1, uri ? 'json' : 'yaml');
      const tree = parseSource(file);
      const node = nodeAtPath(tree.root, ['value']) ?? nodeAtPath(tree.root, ['a', 'value']);
      assert.ok(node && node.type === 'string', 'the case holds a string');
      const value = String(node.value);
      const offsets = stringValueOffsets(text, node, value);
      assert.ok(offsets, 'the value is mapped');
      assert.equal(offsets.length, value.length + 1);
      for (let index = 0; index < value.length; index++) {
        const char = value[index]!;
        if (/\s/.test(char)) continue;
        const written = text[offsets[index]!];
        assert.ok(written === char || written === '\\', `value[${index}] "${char}" maps to "${written}" at ${offsets[index]}`);
      }
      assert.ok(offsets.every((offset, index) => index === 0 || offset >= offsets[index - 1]!), 'offsets never go back');
    });
  }

  it('gives up, rather than guess, when the written text does not give the value', function () {
    const text = 'value: |\n  written\n';
    const node = nodeAtPath(parseSource(new SourceFile('file:///case.yaml', text, 1, 'yaml')).root, ['value'])!;
    assert.equal(stringValueOffsets(text, node, 'something else\n'), undefined);
    assert.equal(stringValueOffsets(text, { offset: 7, length: 5 }, 'x'), undefined);
  });
});
