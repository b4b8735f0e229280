import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as avro from 'avsc';
import type { IGrammar } from 'vscode-textmate';
import { fromRepoRoot } from './repoRoot';
import { assertSnapshot } from './snapshot';
import { type Token, createRegistry, loadGrammar, tokenize, tokenizeLine } from './textmate';

const GRAMMAR_PATH = fromRepoRoot('syntaxes', 'avro.tmLanguage.json');
const FIXTURES = fromRepoRoot('test', 'grammar', 'fixtures');
const fixtureFiles = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.avsc'))
  .sort();

/** The tokens whose text is `needle` (the nth such token), so tests name what they look at. */
function tokensFor(tokens: readonly Token[], needle: string): Token[] {
  return tokens.filter((t) => t.text === needle);
}

function scopesOf(tokens: readonly Token[], needle: string, nth = 0): readonly string[] {
  const token = tokensFor(tokens, needle)[nth];
  assert.ok(token, `a token ${JSON.stringify(needle)} (#${nth}) in ${JSON.stringify(tokens.map((t) => t.text).join(''))}`);
  return token.scopes;
}

function assertScope(tokens: readonly Token[], needle: string, scope: string, nth = 0): void {
  const scopes = scopesOf(tokens, needle, nth);
  assert.ok(scopes.includes(scope), `${JSON.stringify(needle)} should have ${scope}, has ${scopes.join(' ')}`);
}

/** No scope of the token starts with any of the given prefixes. */
function assertNoScope(tokens: readonly Token[], needle: string, prefixes: readonly string[], nth = 0): void {
  const scopes = scopesOf(tokens, needle, nth);
  const hit = scopes.find((s) => prefixes.some((p) => s.startsWith(p)));
  assert.equal(hit, undefined, `${JSON.stringify(needle)} should not have ${prefixes.join('/')}: ${scopes.join(' ')}`);
}

const AVRO_MEANING = ['keyword.', 'support.type.', 'storage.type.', 'entity.name.', 'variable.other.', 'support.constant.'];

describe('Avro grammar (syntaxes/avro.tmLanguage.json)', () => {
  let grammar: IGrammar;
  const line = (text: string) => tokenizeLine(grammar, text);

  before(async () => {
    const registry = await createRegistry({ grammars: { 'source.avro': GRAMMAR_PATH } });
    grammar = await loadGrammar(registry, 'source.avro');
  });

  it('is a source.avro grammar for .avsc files', () => {
    const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as { scopeName: string; fileTypes: string[] };
    assert.equal(raw.scopeName, 'source.avro');
    assert.deepEqual(raw.fileTypes, ['avsc']);
  });

  describe('snapshots', () => {
    it('has fixtures', () => assert.ok(fixtureFiles.length >= 5, fixtureFiles.join(', ')));
    for (const file of fixtureFiles) {
      it(`tokenizes ${file} as in ${file}.snap`, () => {
        const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
        assertSnapshot(path.join(FIXTURES, `${file}.snap`), file, tokenize(grammar, text), 'source.avro');
      });
    }
  });

  describe('Avro types', () => {
    for (const primitive of ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']) {
      it(`"${primitive}" as a type is a primitive type`, () => {
        assertScope(line(`{"type": "${primitive}"}`), primitive, 'support.type.primitive.avro');
        assertScope(line(`["${primitive}"]`), primitive, 'support.type.primitive.avro');
      });
    }

    for (const complex of ['record', 'enum', 'array', 'map', 'fixed', 'error']) {
      it(`"${complex}" as a type is a complex type`, () => {
        assertScope(line(`{"type": "${complex}"}`), complex, 'storage.type.complex.avro');
      });
    }

    const logicalTypes = [
      'decimal', 'uuid', 'date', 'time-millis', 'time-micros', 'timestamp-millis', 'timestamp-micros',
      'local-timestamp-millis', 'local-timestamp-micros', 'duration',
    ];
    for (const logical of logicalTypes) {
      it(`logicalType "${logical}" is a logical type`, () => {
        assertScope(line(`{"type": "long", "logicalType": "${logical}"}`), logical, 'support.type.logical.avro');
      });
    }

    it('leaves unknown logical types as plain strings (Avro ignores them)', () => {
      const tokens = line('{"type": "string", "logicalType": "iso-country-code"}');
      assertScope(tokens, 'iso-country-code', 'string.quoted.double.avro');
      assertNoScope(tokens, 'iso-country-code', AVRO_MEANING);
    });

    it('splits a named type reference into namespace and name', () => {
      const tokens = line('{"type": "com.example.common.Address"}');
      assertScope(tokens, 'com.example.common', 'entity.name.namespace.avro');
      assertScope(tokens, '.', 'punctuation.accessor.avro');
      assertScope(tokens, 'Address', 'entity.name.type.avro');
    });

    it('gives unions, items and values the same type scopes', () => {
      const tokens = line('{"type": "map", "values": {"type": "array", "items": ["null", "Order"]}}');
      assertScope(tokens, 'map', 'storage.type.complex.avro');
      assertScope(tokens, 'array', 'storage.type.complex.avro');
      assertScope(tokens, 'null', 'support.type.primitive.avro');
      assertScope(tokens, 'Order', 'entity.name.type.avro');
      assertScope(tokens, '[', 'punctuation.definition.array.begin.avro');
      assert.ok(scopesOf(tokens, 'null').includes('meta.union.avro'));
    });

    it('keeps type scopes when the value is on the line after its key', () => {
      const lines = tokenize(grammar, '{\n  "type":\n    "string"\n}');
      assertScope(lines[2]!.tokens, 'string', 'support.type.primitive.avro');
    });
  });

  describe('Avro keys and names', () => {
    const keywords = ['type', 'name', 'namespace', 'fields', 'symbols', 'items', 'values', 'size', 'default', 'aliases', 'doc', 'order', 'logicalType', 'precision', 'scale'];
    for (const key of keywords) {
      it(`"${key}" is a keyword-like property name`, () => {
        const tokens = line(`{"${key}": 1}`);
        assertScope(tokens, key, 'keyword.other.property.avro');
        assertScope(tokens, key, 'support.type.property-name.avro');
      });
    }

    it('keeps other keys plain property names (custom properties)', () => {
      const tokens = line('{"type": "string", "connect.name": "x", "java-class": "y"}');
      for (const key of ['connect.name', 'java-class']) {
        assertScope(tokens, key, 'support.type.property-name.avro');
        assertNoScope(tokens, key, ['keyword.']);
      }
    });

    it('names declared types, their namespace, fields and enum symbols', () => {
      const tokens = line(
        '{"type": "record", "name": "com.example.Order", "namespace": "com.example", "fields": [{"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "DONE"]}, "order": "descending", "aliases": ["state"]}]}',
      );
      assertScope(tokens, 'Order', 'entity.name.type.avro');
      assertScope(tokens, 'com.example', 'entity.name.namespace.avro', 0);
      assertScope(tokens, 'com.example', 'entity.name.namespace.avro', 1);
      assertScope(tokens, 'status', 'variable.other.property.avro');
      assert.ok(scopesOf(tokens, 'status').includes('meta.field.avro'));
      assertScope(tokens, 'Status', 'entity.name.type.avro');
      assertScope(tokens, 'NEW', 'variable.other.enummember.avro');
      assertScope(tokens, 'DONE', 'variable.other.enummember.avro');
      assertScope(tokens, 'descending', 'support.constant.order.avro');
      assertScope(tokens, 'state', 'variable.other.property.avro');
    });

    it('gives type names no Avro meaning outside type positions', () => {
      const tokens = line(
        '{"type": "record", "name": "R", "doc": "int", "fields": [{"name": "string", "type": "long", "default": "null", "doc": "record"}]}',
      );
      assertNoScope(tokens, 'int', AVRO_MEANING);
      assertScope(tokens, 'string', 'variable.other.property.avro');
      assertNoScope(tokens, 'string', ['support.type.']);
      assertScope(tokens, 'long', 'support.type.primitive.avro');
      assertNoScope(tokens, 'null', AVRO_MEANING);
      assertNoScope(tokens, 'record', AVRO_MEANING, 1);
    });

    it('treats default values as data: no keywords or types inside them', () => {
      const tokens = line('{"name": "f", "type": "Promo", "default": {"type": "int", "name": "x", "fields": []}}');
      assertScope(tokens, 'type', 'keyword.other.property.avro', 0);
      for (const needle of ['type', 'name', 'fields']) {
        const inDefault = tokensFor(tokens, needle).at(-1)!;
        assert.ok(inDefault.scopes.includes('support.type.property-name.avro'));
        assert.ok(!inDefault.scopes.some((s) => s.startsWith('keyword.')), `${needle} in default: ${inDefault.scopes.join(' ')}`);
      }
      assertNoScope(tokens, 'int', AVRO_MEANING);
    });
  });

  describe('JSON structure', () => {
    it('scopes punctuation, numbers and constants', () => {
      const tokens = line('{"size": 16, "default": [-1.5e-3, 0, true, false, null]}');
      assertScope(tokens, '{', 'punctuation.definition.dictionary.begin.avro');
      assertScope(tokens, '}', 'punctuation.definition.dictionary.end.avro');
      assertScope(tokens, ':', 'punctuation.separator.dictionary.key-value.avro');
      assertScope(tokens, ',', 'punctuation.separator.dictionary.pair.avro');
      assertScope(tokens, ',', 'punctuation.separator.array.avro', 1);
      assertScope(tokens, '16', 'constant.numeric.avro');
      assertScope(tokens, '-1.5e-3', 'constant.numeric.avro');
      for (const c of ['true', 'false', 'null']) assertScope(tokens, c, 'constant.language.avro');
    });

    it('scopes string escapes and flags invalid ones', () => {
      const tokens = line('{"doc": "a\\"b\\u00e9\\/ \\q"}');
      assertScope(tokens, '\\"', 'constant.character.escape.avro');
      assertScope(tokens, '\\u00e9', 'constant.character.escape.avro');
      assertScope(tokens, '\\/', 'constant.character.escape.avro');
      assertScope(tokens, '\\q', 'invalid.illegal.unrecognized-string-escape.avro');
    });

    it('flags a missing comma between members and junk in objects and arrays', () => {
      const lines = tokenize(grammar, '{\n  "type": "record"\n  "name": "R",\n  oops: 1,\n  "symbols": ["A" ; "B"]\n}');
      // As in VS Code's JSON grammar, the next key reads as a second value and its ":" is the error.
      assertScope(lines[2]!.tokens, ':', 'invalid.illegal.expected-dictionary-separator.avro');
      assertScope(lines[3]!.tokens, 'o', 'invalid.illegal.expected-dictionary-separator.avro');
      assertScope(lines[4]!.tokens, ';', 'invalid.illegal.expected-array-separator.avro');
    });
  });

  describe('fixtures', () => {
    it('are valid Avro (avsc), except *.invalid.avsc', () => {
      // Named types are shared, so dependencies are parsed first.
      const order = ['address.avsc', 'order-placed.avsc'];
      const valid = fixtureFiles.filter((f) => !f.endsWith('.invalid.avsc'));
      const registry = {};
      for (const file of [...order, ...valid.filter((f) => !order.includes(f))]) {
        const schema: unknown = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
        assert.doesNotThrow(() => avro.Type.forSchema(schema as avro.Schema, { registry }), file);
      }
      const invalid = fixtureFiles.filter((f) => f.endsWith('.invalid.avsc'));
      for (const file of invalid) {
        assert.throws(() => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')), SyntaxError, file);
      }
    });
  });
});

describe('Avro language configuration (syntaxes/avro.language-configuration.json)', () => {
  interface LanguageConfiguration {
    comments?: unknown;
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
    surroundingPairs: [string, string][];
    wordPattern: string;
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    folding: { offSide: boolean; markers?: unknown };
  }
  const config = JSON.parse(
    fs.readFileSync(fromRepoRoot('syntaxes', 'avro.language-configuration.json'), 'utf8'),
  ) as LanguageConfiguration;

  it('has JSON brackets and no comments', () => {
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']']]);
    assert.equal(config.comments, undefined);
  });

  it('auto-closes braces, brackets and quotes outside strings', () => {
    assert.deepEqual(
      config.autoClosingPairs.map((p) => [p.open, p.close, p.notIn]),
      [['{', '}', ['string']], ['[', ']', ['string']], ['"', '"', ['string']]],
    );
    assert.deepEqual(config.surroundingPairs, [['{', '}'], ['[', ']'], ['"', '"']]);
  });

  it('folds by the brackets\' indentation, not off-side', () => {
    assert.equal(config.folding.offSide, false);
    assert.equal(config.folding.markers, undefined);
  });

  it('indents after an opening bracket that is not inside a string', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.ok(increase.test('  "fields": ['));
    assert.ok(increase.test('{'));
    assert.ok(!increase.test('  "doc": "a { b",'));
    assert.ok(!increase.test('  { "name": "a" },'));
    assert.ok(decrease.test('  ],'));
    assert.ok(decrease.test('}'));
  });

  it('treats logical type names and full names as single words', () => {
    const words = '"logicalType": "timestamp-millis", "type": "com.example.Order"'.match(new RegExp(config.wordPattern, 'g'));
    assert.deepEqual(words, ['logicalType', 'timestamp-millis', 'type', 'com.example.Order']);
  });
});
