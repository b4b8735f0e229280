import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { fromRepoRoot } from './repoRoot';
import { type TokenizedLine, createRegistry, loadGrammar, tokenize } from './textmate';

const INJECTION_SCOPE = 'asyncapi.injection';
const INJECTION_PATH = fromRepoRoot('syntaxes', 'asyncapi-injection.tmLanguage.json');
const FIXTURES = fromRepoRoot('test', 'grammar', 'fixtures');
/** As contributed in package.json: `injectTo: ["source.yaml", "source.json", "source.json.comments"]`. */
const INJECT_TO = ['source.yaml', 'source.json', 'source.json.comments'];

const REF = 'markup.underline.link.ref.asyncapi';
const EXPRESSION = 'meta.runtime-expression.asyncapi';
const MESSAGE = 'variable.language.runtime-expression.asyncapi';
const SOURCE = 'keyword.other.source.asyncapi';
const POINTER = 'string.other.link.json-pointer.asyncapi';
const POINTER_ESCAPE = 'constant.character.escape.json-pointer.asyncapi';

interface HostGrammars {
  readonly label: string;
  readonly grammars: Readonly<Record<string, string>>;
  readonly jsonScopes: readonly string[];
}

/** Stand-ins for VS Code's YAML and JSON grammars, which are not published on npm. */
const fixtureHosts: HostGrammars = {
  label: 'minimal host grammars (test fixtures)',
  grammars: {
    'source.yaml': path.join(FIXTURES, 'host-yaml.tmLanguage.json'),
    'source.json': path.join(FIXTURES, 'host-json.tmLanguage.json'),
  },
  jsonScopes: ['source.json'],
};

/**
 * VS Code's own grammars, when a local code-server install happens to provide them. The tests never
 * require them; when present they check the injection against what users really run.
 */
function builtinHosts(): HostGrammars | undefined {
  const extensions = fromRepoRoot('tools', 'vscode-web', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
  const yaml = (file: string) => path.join(extensions, 'yaml', 'syntaxes', file);
  const json = (file: string) => path.join(extensions, 'json', 'syntaxes', file);
  const grammars: Record<string, string> = {
    'source.yaml': yaml('yaml.tmLanguage.json'),
    'source.yaml.1.3': yaml('yaml-1.3.tmLanguage.json'),
    'source.yaml.1.2': yaml('yaml-1.2.tmLanguage.json'),
    'source.yaml.1.1': yaml('yaml-1.1.tmLanguage.json'),
    'source.yaml.1.0': yaml('yaml-1.0.tmLanguage.json'),
    'source.yaml.embedded': yaml('yaml-embedded.tmLanguage.json'),
    'source.json': json('JSON.tmLanguage.json'),
    'source.json.comments': json('JSONC.tmLanguage.json'),
  };
  if (!Object.values(grammars).every((file) => fs.existsSync(file))) return undefined;
  return { label: "VS Code's built-in YAML and JSON grammars (local code-server)", grammars, jsonScopes: ['source.json', 'source.json.comments'] };
}

/** Scopes of every character of every line, for exact checks of where a scope starts and stops. */
class ScopeMap {
  constructor(readonly lines: readonly TokenizedLine[]) {}

  scopesAt(lineIndex: number, column: number): readonly string[] {
    const line = this.lines[lineIndex];
    const token = line?.tokens.find((t) => t.start <= column && column < t.end);
    assert.ok(token, `a token at ${lineIndex + 1}:${column + 1}`);
    return token.scopes;
  }

  /** The nth occurrence of `needle` in the document: line index and column range. */
  find(needle: string, nth = 0): { line: number; start: number; end: number } {
    let seen = 0;
    for (const [index, line] of this.lines.entries()) {
      let from = 0;
      for (;;) {
        const at = line.text.indexOf(needle, from);
        if (at < 0) break;
        if (seen++ === nth) return { line: index, start: at, end: at + needle.length };
        from = at + 1;
      }
    }
    assert.fail(`${JSON.stringify(needle)} (#${nth}) not found`);
  }
}

const has = (scopes: readonly string[], scope: string) => scopes.includes(scope);

/** Every character of `needle` has `scope`, and the characters right before and after it do not. */
function assertMarked(map: ScopeMap, needle: string, scope: string, nth = 0): void {
  const { line, start, end } = map.find(needle, nth);
  for (let column = start; column < end; column++) {
    const scopes = map.scopesAt(line, column);
    assert.ok(has(scopes, scope), `${JSON.stringify(needle)}[${column - start}] lacks ${scope}: ${scopes.join(' ')}`);
  }
  const text = map.lines[line]!.text;
  if (start > 0) assert.ok(!has(map.scopesAt(line, start - 1), scope), `${scope} starts before ${JSON.stringify(needle)}`);
  if (end < text.length) assert.ok(!has(map.scopesAt(line, end), scope), `${scope} runs past ${JSON.stringify(needle)}`);
}

/** No character of `needle` carries any scope of the injection. */
function assertUnmarked(map: ScopeMap, needle: string, nth = 0): void {
  const { line, start, end } = map.find(needle, nth);
  for (let column = start; column < end; column++) {
    const injected = map.scopesAt(line, column).filter((s) => s.endsWith('.asyncapi'));
    assert.deepEqual(injected, [], `${JSON.stringify(needle)}[${column - start}] is marked`);
  }
}

function assertRuntimeExpression(map: ScopeMap, expression: string, nth = 0): void {
  const [, source, pointer] = /^\$message\.(header|payload)(#.*)?$/.exec(expression)!;
  const { line, start } = map.find(expression, nth);
  const text = map.lines[line]!.text;
  const at = (offset: number) => map.scopesAt(line, start + offset);
  for (let i = 0; i < expression.length; i++) assert.ok(has(at(i), EXPRESSION), `${expression}[${i}] lacks ${EXPRESSION}`);
  for (let i = 0; i < '$message'.length; i++) assert.ok(has(at(i), MESSAGE), `$message[${i}] lacks ${MESSAGE}`);
  assert.ok(has(at(0), 'punctuation.definition.variable.asyncapi'));
  assert.ok(has(at('$message'.length), 'punctuation.accessor.asyncapi'));
  const sourceAt = '$message.'.length;
  for (let i = 0; i < source!.length; i++) assert.ok(has(at(sourceAt + i), SOURCE), `${source}[${i}] lacks ${SOURCE}`);
  if (pointer) {
    const pointerAt = sourceAt + source!.length;
    for (let i = 0; i < pointer.length; i++) assert.ok(has(at(pointerAt + i), POINTER), `${pointer}[${i}] lacks ${POINTER}`);
    assert.ok(has(at(pointerAt), 'punctuation.definition.fragment.asyncapi'));
  }
  const after = start + expression.length;
  if (after < text.length) assert.ok(!has(map.scopesAt(line, after), EXPRESSION), `expression runs past ${expression}`);
}

const ESCAPE = /^(constant\.character\.escape|invalid\.illegal\.[\w-]*escape)/;

/**
 * The injection may only add scopes: without its own scopes, every character keeps the host's scopes.
 * One exception: a `$ref` value is a single match, so the escapes inside it carry the injection's
 * escape scopes (same kind, `.asyncapi` suffix) instead of the host's.
 */
function assertOnlyAdds(withInjection: readonly TokenizedLine[], hostOnly: readonly TokenizedLine[]): number {
  const injected = new ScopeMap(withInjection);
  const host = new ScopeMap(hostOnly);
  let marked = 0;
  for (const [index, line] of hostOnly.entries()) {
    for (let column = 0; column < line.text.length; column++) {
      const all = injected.scopesAt(index, column);
      const own = all.filter((s) => !s.endsWith('.asyncapi'));
      if (own.length !== all.length) marked++;
      const reEscaped = all.some((s) => s.endsWith('.asyncapi') && ESCAPE.test(s));
      const expected = host.scopesAt(index, column).filter((s) => !(reEscaped && ESCAPE.test(s)));
      assert.deepEqual(own, expected, `host scopes changed at ${index + 1}:${column + 1} in ${JSON.stringify(line.text)}`);
    }
  }
  return marked;
}

describe('AsyncAPI injection grammar (syntaxes/asyncapi-injection.tmLanguage.json)', () => {
  it('is an injection into YAML and JSON string scalars that leaves keys alone', () => {
    const raw = JSON.parse(fs.readFileSync(INJECTION_PATH, 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(raw.scopeName, INJECTION_SCOPE);
    const selectors = raw.injectionSelector.split(',').map((s) => s.trim());
    for (const scope of ['string.unquoted.plain.out.yaml', 'string.unquoted.plain.in.yaml', 'string.quoted.single.yaml', 'string.quoted.double.yaml']) {
      assert.ok(selectors.includes(`L:${scope} - entity.name.tag`), `${scope} is injected, keys excluded`);
    }
    assert.ok(selectors.includes('L:string.quoted.double.json - support.type.property-name'));
    assert.ok(!/comment|block|source\./.test(raw.injectionSelector), 'never comments, block scalars or whole documents');
  });

  for (const hosts of [fixtureHosts, builtinHosts()]) {
    const label = hosts?.label ?? "VS Code's built-in YAML and JSON grammars";
    describe(`hosted by ${label}`, function () {
      let yaml: IGrammar;
      let yamlHostOnly: IGrammar;
      const json = new Map<string, { injected: IGrammar; hostOnly: IGrammar }>();
      const sample = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');

      before(async function () {
        if (!hosts) {
          // Only a local code-server install provides them; nothing here depends on it.
          this.skip();
        }
        const injections = Object.fromEntries(INJECT_TO.map((scope) => [scope, [INJECTION_SCOPE]]));
        const grammars = { ...hosts.grammars, [INJECTION_SCOPE]: INJECTION_PATH };
        const withInjection = await createRegistry({ grammars, injections });
        const hostOnly = await createRegistry({ grammars: hosts.grammars });
        yaml = await loadGrammar(withInjection, 'source.yaml');
        yamlHostOnly = await loadGrammar(hostOnly, 'source.yaml');
        for (const scope of hosts.jsonScopes) {
          json.set(scope, { injected: await loadGrammar(withInjection, scope), hostOnly: await loadGrammar(hostOnly, scope) });
        }
      });

      describe('in YAML', () => {
        let map: ScopeMap;
        before(function () {
          if (!hosts) this.skip();
          map = new ScopeMap(tokenize(yaml, sample('injection-sample.yaml')));
        });

        it('marks $ref values as links: single-quoted, double-quoted, plain, in flow mappings, in sequences', () => {
          assertMarked(map, './common.yaml#/channels/user~1{userId}~1signedup', REF);
          assertMarked(map, '#/components/messages/OrderPlaced', REF);
          assertMarked(map, './messages.yaml#/OrderPlaced', REF);
          assertMarked(map, '#/x', REF);
          assertMarked(map, '#/channels/orders/messages/OrderPlaced', REF);
        });

        it('scopes the JSON pointer inside a $ref: #, / and the ~0/~1 escapes', () => {
          const { line, start } = map.find('#/channels/user~1');
          assert.ok(has(map.scopesAt(line, start), 'punctuation.definition.fragment.asyncapi'));
          assert.ok(has(map.scopesAt(line, start + 1), 'punctuation.separator.json-pointer.asyncapi'));
          assertMarked(map, '~1', POINTER_ESCAPE);
        });

        it('marks runtime expressions: $message as a variable, header/payload as keywords, the pointer as a link', () => {
          assertRuntimeExpression(map, '$message.payload#/order/id');
          assertRuntimeExpression(map, '$message.header#/correlationId');
          assertRuntimeExpression(map, '$message.payload#/a~1b/c~0d');
          const { line, start } = map.find('~0d');
          assert.ok(has(map.scopesAt(line, start), POINTER_ESCAPE));
        });

        it('leaves look-alikes alone: $messages, a#/b, $message.headers, $message.payload.x', () => {
          assertUnmarked(map, 'some $messages and a#/b and $message.headers#/x');
          assertUnmarked(map, '$message.payload.orderId');
          assertUnmarked(map, 'x$message.header#/a');
        });

        it('marks only values of a key that is exactly $ref', () => {
          assertUnmarked(map, '#/components/messages/NotARef');
          assertUnmarked(map, '#/not/a/ref/either');
          assertUnmarked(map, '#/nor/this');
          for (let nth = 0; nth < 4; nth++) assertUnmarked(map, '$ref:', nth);
          assertUnmarked(map, '"$ref"');
        });

        it('never marks keys, block scalars or comments', () => {
          assertUnmarked(map, '$message.header#/asKey');
          assertUnmarked(map, "$ref: '#/in/a/block/scalar'");
          assertUnmarked(map, '$message.header#/in/a/block/scalar');
          assertUnmarked(map, "# $ref: '#/in/a/comment' $message.header#/comment");
        });

        it('only adds scopes to what the YAML grammar produces', () => {
          const marked = assertOnlyAdds(map.lines, tokenize(yamlHostOnly, sample('injection-sample.yaml')));
          assert.ok(marked > 150, `the sample exercises the injection (${marked} characters marked)`);
        });
      });

      describe('in JSON', () => {
        for (const scope of hosts?.jsonScopes ?? ['source.json']) {
          describe(scope, () => {
            let map: ScopeMap;
            before(function () {
              if (!hosts) this.skip();
              map = new ScopeMap(tokenize(json.get(scope)!.injected, sample('injection-sample.json')));
            });

            it('marks "$ref" values as links, with escapes inside', () => {
              assertMarked(map, '#/components/messages/OrderPlaced', REF);
              assertMarked(map, './common.json#/channels/user~1{userId}', REF);
              assertMarked(map, '#/definitions/a\\"b', REF);
              const { line, start } = map.find('\\"b');
              assert.ok(has(map.scopesAt(line, start), 'constant.character.escape.asyncapi'));
            });

            it('marks runtime expressions in values and array items', () => {
              assertRuntimeExpression(map, '$message.header#/correlationId');
              assertRuntimeExpression(map, '$message.payload#/order/id');
            });

            it('leaves property names, other keys\' values, non-string $ref values and look-alikes alone', () => {
              assertUnmarked(map, '$message.header#/asKey');
              assertUnmarked(map, '#/not/a/ref');
              assertUnmarked(map, '#/components/messages/NotARef');
              assertUnmarked(map, '"$messages"');
              assertUnmarked(map, '"a#/b"');
              assertUnmarked(map, 'x$message.header#/a');
              assertUnmarked(map, '{ "type": "string" }');
              for (let nth = 0; nth < 3; nth++) assertUnmarked(map, '"$ref"', nth);
            });

            it('only adds scopes to what the JSON grammar produces', () => {
              const marked = assertOnlyAdds(map.lines, tokenize(json.get(scope)!.hostOnly, sample('injection-sample.json')));
              assert.ok(marked > 100, `the sample exercises the injection (${marked} characters marked)`);
            });
          });
        }
      });

    });
  }
});
