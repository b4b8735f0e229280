import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runNativeParserChecks } from '../../server/src/engine/asyncapi/nativeParserChecks';
import { runParser, type ParserDiagnostic } from '../../server/src/engine/asyncapi/parserValidation';
import type { SeveritySetting } from '../../server/src/engine/findings/finding';
import { asyncapiParserRules } from '../../server/src/engine/rules/asyncapiParserRules';
import { findRepoRoot } from '../grammar/repoRoot';
import { CORPUS, skipWithoutCorpus } from './support/corpus';
import { describeFinding, loadWorkspace } from './support/workspaceFixture';

/**
 * The native parser checks (`asyncapi/nativeParserChecks`) against @asyncapi/parser itself. The
 * contract is what a user sees: for every AsyncAPI document, the findings the engine reports
 * after `completeFullCheck` from the parser's diagnostics equal those from the native ones
 * (file, range, rule, severity, message), with every parser rule switched on, the ones off by
 * default too. There is no exception at that level; `RAW_DIFFERENCES` lists, with a reason, where
 * the native diagnostics themselves knowingly differ from the parser's.
 */
const repoRoot = findRepoRoot();

/** Every adopted parser rule at least at `hint`, so that a finding off by default is compared too. */
const ALL_PARSER_RULES_ON: Record<string, SeveritySetting> = Object.fromEntries(
  asyncapiParserRules.map((rule) => [rule.id, rule.defaultSeverity === 'off' ? 'info' : rule.defaultSeverity]),
);

const WORKSPACES: Array<{ name: string; folder: string; needsCorpus?: boolean }> = [
  { name: 'the official AsyncAPI examples', folder: CORPUS, needsCorpus: true },
  { name: 'examples/', folder: path.join(repoRoot, 'examples') },
  { name: 'the parity fixtures', folder: path.join(repoRoot, 'test', 'engine', 'parserParity') },
  { name: 'the engine fixtures', folder: path.join(repoRoot, 'test', 'engine', 'fixtures') },
];

/** Parser codes the native checks leave to the engine, which drops the parser's word on them (`OWNED_ELSEWHERE`). */
const NOT_NATIVE = new Set(['invalid-ref', 'asyncapi-unused-component']);

/**
 * Raw diagnostics where the native checks knowingly differ from the parser, with the reason;
 * the engine reports the same findings from both (the test above).
 */
const RAW_DIFFERENCES: Array<{ diagnostics: string[]; only: 'parser' | 'native'; reason: string }> = [
  {
    diagnostics: ['v2/service.yaml asyncapi2-message-examples ["components","messages","OrderCancelled","examples","0","payload","count"] 0 "count" property type must be integer'],
    only: 'native',
    reason: 'the payload schema refers to itself (Node); the parser leaves the circular $ref in place, ajv cannot resolve it, and the parser then skips the value silently. The engine reports this value with its own check either way.',
  },
  {
    diagnostics: ['v2/minimal.yaml asyncapi2-message-examples-custom-format ["channels","trades","subscribe","message","examples","0","payload","id"] 0 "id" property type must be string'],
    only: 'parser',
    reason: 'an Avro payload: the parser converts it to JSON Schema to validate examples; the native checks leave Avro to the engine, whose example check (Avro-aware) reports the same value.',
  },
  {
    diagnostics: [
      'v2/minimal.yaml asyncapi2-schemas ["channels","rates","subscribe","message","payload","nullable"] 0 must be boolean',
      'v2/minimal.yaml asyncapi2-schemas ["channels","rates","subscribe","message","payload","properties","rate","exclusiveMinimum"] 0 must be boolean',
      `v2/minimal.yaml asyncapi2-schemas ["channels","rates","subscribe","message","payload","properties","rate"] 0 must have required property '$ref'`,
      'v2/minimal.yaml asyncapi2-schemas ["channels","rates","subscribe","message","payload","properties","rate"] 0 must match exactly one schema in oneOf',
    ],
    only: 'parser',
    reason: 'an OpenAPI 3.0 payload: the parser validates it against the OpenAPI Schema Object; the native checks do not, and the engine shows neither: its fast check reports the same two keywords (asyncapi-schema) and drops the parser\'s word on a schema it already pointed into.',
  },
];

function rawKey(rootUri: string, diagnostic: ParserDiagnostic) {
  return `${diagnostic.uri.slice(rootUri.length + 1)} ${diagnostic.code} ${JSON.stringify(diagnostic.path.map(String))} ${diagnostic.severity} ${diagnostic.message}`;
}

/**
 * The reference is @asyncapi/parser itself, run here in-process: the validation worker of the
 * editor and the CLI runs the native checks, so comparing with it would compare them with themselves.
 */
describe('native parser checks equal @asyncapi/parser', function () {
  this.timeout(600_000);

  for (const { name, folder, needsCorpus } of WORKSPACES) {
    it(`reports the same findings on ${name}`, async function () {
      if (needsCorpus) skipWithoutCorpus(this);
      const workspace = await loadWorkspace(folder, { defaultRules: ALL_PARSER_RULES_ON }, (relative) => !/\.(ya?ml|json|avsc)$/.test(relative) || relative === 'index.json');
      const { engine, rootUri } = workspace;
      const mismatches: string[] = [];
      const reported = new Set<string>();
      let documents = 0;
      for (const uri of workspace.uris) {
        if (!(await engine.isRelevant(uri))) continue;
        const fast = await engine.checkFast(uri);
        if (!fast.wantsFullValidation) continue;
        const snapshot = await engine.prepareFullCheck(uri);
        if (!snapshot) continue;
        documents++;
        const parser = await runParser(snapshot);
        const native = runNativeParserChecks(snapshot);
        const describe = async (diagnostics: ParserDiagnostic[]) => {
          const result = await engine.completeFullCheck(uri, fast.version, diagnostics);
          assert.ok(result, `the full check of ${uri} completes`);
          const findings = [...result.findings.values()].flat();
          for (const finding of findings) reported.add(finding.ruleId);
          return findings.map((finding) => describeFinding(finding, rootUri)).sort();
        };
        const fromParser = await describe(parser);
        const fromNative = await describe(native);
        const parserOnly = fromParser.filter((line) => !fromNative.includes(line));
        const nativeOnly = fromNative.filter((line) => !fromParser.includes(line));
        if (parserOnly.length + nativeOnly.length > 0) {
          mismatches.push(`${decodeURIComponent(uri.slice(rootUri.length + 1))}\n  parser only:\n    ${parserOnly.join('\n    ')}\n  native only:\n    ${nativeOnly.join('\n    ')}`);
          if (process.env.PARITY_DEBUG === '1') {
            const raw = { parser: parser.map((diagnostic) => rawKey(rootUri, diagnostic)).sort(), native: native.map((diagnostic) => rawKey(rootUri, diagnostic)).sort() };
            mismatches.push(`  raw parser only:\n    ${raw.parser.filter((line) => !raw.native.includes(line)).join('\n    ')}\n  raw native only:\n    ${raw.native.filter((line) => !raw.parser.includes(line)).join('\n    ')}`);
          }
        }
      }
      assert.ok(documents > 0, `${name} holds AsyncAPI documents`);
      // The rules off by default are on here, or they would not be compared.
      if (name === 'the parity fixtures') assert.deepEqual(['asyncapi-latest-version', 'asyncapi-info-license-url'].filter((id) => !reported.has(id)), []);
      assert.deepEqual(mismatches, [], `the native checks differ from the parser on ${name}`);
    });
  }

  it('gives the parser\'s own diagnostics on the parity fixtures, where every parser rule fires', async function () {
    const folder = path.join(repoRoot, 'test', 'engine', 'parserParity');
    const workspace = await loadWorkspace(folder, { defaultRules: ALL_PARSER_RULES_ON }, (relative) => !/\.(ya?ml|json)$/.test(relative));
    const { engine, rootUri } = workspace;
    const fired = new Set<string>();
    const differences: string[] = [];
    const met = new Set<string>();
    for (const uri of workspace.uris) {
      const fast = await engine.checkFast(uri);
      if (!fast.wantsFullValidation) continue;
      const snapshot = (await engine.prepareFullCheck(uri))!;
      const parser = (await runParser(snapshot)).filter((diagnostic) => !NOT_NATIVE.has(diagnostic.code));
      for (const diagnostic of parser) fired.add(diagnostic.code);
      const fromParser = parser.map((diagnostic) => rawKey(rootUri, diagnostic));
      const fromNative = runNativeParserChecks(snapshot).map((diagnostic) => rawKey(rootUri, diagnostic));
      const known = (line: string, only: 'parser' | 'native') => {
        const listed = RAW_DIFFERENCES.some((difference) => difference.only === only && difference.diagnostics.includes(line));
        if (listed) met.add(line);
        return listed;
      };
      differences.push(...fromParser.filter((line) => !fromNative.includes(line) && !known(line, 'parser')).map((line) => `parser only: ${line}`));
      differences.push(...fromNative.filter((line) => !fromParser.includes(line) && !known(line, 'native')).map((line) => `native only: ${line}`));
    }
    assert.deepEqual(differences.sort(), []);
    assert.deepEqual(RAW_DIFFERENCES.flatMap((difference) => difference.diagnostics).filter((line) => !met.has(line)), [], 'every listed difference still occurs');
    const everyRule = [...asyncapiParserRules.map((rule) => rule.id), 'asyncapi-document-resolved', 'asyncapi-document-unresolved', 'asyncapi2-schema-default', 'asyncapi2-schema-examples', 'asyncapi2-message-examples', 'asyncapi2-message-examples-custom-format'];
    assert.deepEqual(everyRule.filter((code) => !fired.has(code)), [], 'every parser rule fires on the parity fixtures');
  });

  it('tells what is not an AsyncAPI document, or not a version the parser supports, as the parser does', async function () {
    // The engine gives such files no full validation (`wantsFullValidation`), so this compares the raw diagnostics.
    const rootUri = 'file:///parity/document.yaml';
    const cases: Array<{ text: string; parserCrashes?: { reason: string; native: string } }> = [
      { text: 'title: no asyncapi field\n' },
      { text: '- a list\n' },
      {
        text: 'asyncapi: 2\ninfo: {title: T, version: 1.0.0}\nchannels: {}\n',
        parserCrashes: {
          reason: 'a number where the version string belongs throws inside the parser\'s format detection (uncaught-error); the native checks say what is wrong',
          native: 'document.yaml asyncapi-is-asyncapi [] 0 This is not an AsyncAPI document. The "asyncapi" field as string is missing.',
        },
      },
      { text: 'asyncapi: 2.7.0\ninfo: {title: T, version: 1.0.0}\nchannels: {}\n' },
      { text: 'asyncapi: 3.0.7\ninfo: {title: T, version: 1.0.0}\nchannels:\n  a:\n    address: "a/{id}"\n    parameters: {other: {}}\n' },
      {
        text: 'asyncapi: "3.0"\ninfo: {title: T, version: 1.0.0}\n',
        parserCrashes: {
          reason: 'a version without a patch number throws inside the parser\'s format detection (uncaught-error); the native checks say what is wrong',
          native: 'document.yaml asyncapi-is-asyncapi [] 0 Version "3.0" is not supported. Please use "3.1.0" (latest) version of the specification.',
        },
      },
    ];
    const differences: unknown[] = [];
    for (const { text, parserCrashes } of cases) {
      const snapshot = { rootUri, files: { [rootUri]: text } };
      const parser = await runParser(snapshot);
      const fromNative = runNativeParserChecks(snapshot).map((diagnostic) => rawKey('file:///parity', diagnostic)).sort();
      if (parserCrashes) {
        assert.deepEqual(parser.map((diagnostic) => diagnostic.code), ['uncaught-error'], parserCrashes.reason);
        assert.deepEqual(fromNative, [parserCrashes.native]);
        continue;
      }
      const fromParser = parser.map((diagnostic) => rawKey('file:///parity', diagnostic)).sort();
      if (JSON.stringify(fromNative) !== JSON.stringify(fromParser)) differences.push({ text, fromParser, fromNative });
      if (text.startsWith('title')) assert.ok(fromNative.some((line) => line.includes('asyncapi-is-asyncapi')));
    }
    assert.deepEqual(differences, []);
  });
});
