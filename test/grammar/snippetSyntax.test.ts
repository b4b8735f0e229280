import { strict as assert } from 'node:assert';
import { SnippetSyntaxError, expandSnippet, parseSnippet } from './snippetSyntax';

// The snippet tests below are only as good as this expander, so it is tested on its own first.
describe('snippet syntax expander', () => {
  it('shows placeholder defaults and mirrors the first default at every occurrence', () => {
    const { text, tabstops } = expandSnippet('${1:orderPlaced}: $1 ${1}');
    assert.equal(text, 'orderPlaced: orderPlaced orderPlaced');
    assert.deepEqual(tabstops.get(1), { index: 1, value: 'orderPlaced', occurrences: 3 });
  });

  it('mirrors a default that appears after an empty occurrence', () => {
    assert.equal(expandSnippet('$2-${2:x}').text, 'x-x');
  });

  it('gives every occurrence the first default even when a later one has its own', () => {
    assert.equal(expandSnippet('${1:a} ${1:b}').text, 'a a');
  });

  it('uses the first option of a choice and mirrors it', () => {
    const { text, tabstops } = expandSnippet('${3|send,receive|}Order: {action: $3}');
    assert.equal(text, 'sendOrder: {action: send}');
    assert.deepEqual(tabstops.get(3)?.choices, ['send', 'receive']);
  });

  it('resolves nested placeholders and mirrors inside defaults', () => {
    assert.equal(expandSnippet('${1:Order} ${2:on${1}} ${3:a ${4:b}}').text, 'Order onOrder a b');
  });

  it('renders $0 and tab stops without a default as empty', () => {
    assert.equal(expandSnippet('a$0b${5}c').text, 'abc');
  });

  it('honours the escapes \\$, \\} and \\\\, and keeps other backslashes', () => {
    assert.equal(expandSnippet('\\$ref: ${1:a\\}b} \\\\ \\d').text, '$ref: a}b \\ \\d');
  });

  it('treats a $ that starts no marker as text, like the editor', () => {
    assert.equal(expandSnippet("pattern: '^x{2}$' cost: $ 5").text, "pattern: '^x{2}$' cost: $ 5");
  });

  it('treats braces outside placeholders as text', () => {
    assert.equal(expandSnippet('{ "a": {${1:x}} }').text, '{ "a": {x} }');
  });

  it('reports unknown variables, so an unescaped $ref is caught', () => {
    const { text, unknownVariables } = expandSnippet("$ref: '#/a' ${message:m}");
    assert.deepEqual(unknownVariables, ['ref', 'message']);
    assert.equal(text, "ref: '#/a' m");
  });

  it('resolves known variables, their defaults and transforms', () => {
    const vars = { TM_FILENAME_BASE: 'order-placed', CLIPBOARD: '' };
    assert.equal(expandSnippet('$TM_FILENAME_BASE ${CLIPBOARD:none}', vars).text, 'order-placed none');
    assert.equal(expandSnippet('${TM_FILENAME_BASE/(.*)/${1:/pascalcase}/}', vars).text, 'OrderPlaced');
  });

  it('applies transforms to tab stops', () => {
    assert.equal(expandSnippet('${1:order placed} ${1/(.*)/${1:/camelcase}/}').text, 'order placed orderPlaced');
    assert.equal(expandSnippet('${1:abc} ${1/(b)/[${1:/upcase}]/g}').text, 'abc a[B]c');
    assert.equal(expandSnippet('${1:x} ${1/(y)?.*/${1:?yes:no}/}').text, 'x no');
  });

  it('parses a choice with escaped separators', () => {
    const [node] = parseSnippet('${1|a\\,b,c\\|d|}');
    assert.ok(node && node.kind === 'tabstop');
    assert.deepEqual(node.choices, ['a,b', 'c|d']);
  });

  it('rejects malformed markers instead of inserting them as text', () => {
    assert.throws(() => parseSnippet('${1:unterminated'), SnippetSyntaxError);
    assert.throws(() => parseSnippet('${1|a,b}'), SnippetSyntaxError);
    assert.throws(() => parseSnippet('${-1}'), SnippetSyntaxError);
    assert.throws(() => parseSnippet('${1/(/x/}'), SnippetSyntaxError);
  });
});
