import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runNativeParserChecks } from '../../server/src/engine/asyncapi/nativeParserChecks';
import type { ParserDiagnostic } from '../../server/src/engine/asyncapi/parserValidation';
import type { SeveritySetting } from '../../server/src/engine/findings/finding';
import { asyncapiParserRules } from '../../server/src/engine/rules/asyncapiParserRules';
import { findRepoRoot } from '../grammar/repoRoot';
import { CORPUS, skipWithoutCorpus } from './support/corpus';
import { describeFinding, disposeParserPool, loadWorkspace, parserPool } from './support/workspaceFixture';

/**
 * The native parser checks (`asyncapi/nativeParserChecks`) against @asyncapi/parser itself. The
 * contract is what a user sees: for every AsyncAPI document, the findings the engine reports
 * after `completeFullCheck` from the parser's diagnostics equal those from the native ones
 * (file, range, rule, severity, message), with every parser rule switched on, the ones off by
 * default too. `DIFFERENCES` lists, with a reason, where the native answer is knowingly not the
 * parser's.
 */
const repoRoot = findRepoRoot();

/** Every adopted parser rule at least at `hint`, so that a finding off by default is compared too. */
const ALL_PARSER_RULES_ON: Record<string, SeveritySetting> = Object.fromEntries(
  asyncapiParserRules.map((rule) => [rule.id, rule.defaultSeverity === 'off' ? 'info' : rule.defaultSeverity]),
);

interface Difference {
  /** `file:line:column severity rule message`, relative to the workspace, as `describeFinding` writes it. */
  finding: string;
  /** Which side reports it. */
  only: 'parser' | 'native';
  reason: string;
}

const DIFFERENCES: Record<string, Difference[]> = {};

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
const RAW_DIFFERENCES: Array<{ diagnostic: string; only: 'parser' | 'native'; reason: string }> = [
  {
    diagnostic: 'v2/service.yaml asyncapi2-message-examples ["components","messages","OrderCancelled","examples","0","payload","count"] 0 "count" property type must be integer',
    only: 'native',
    reason: 'the payload schema refers to itself (Node); the parser leaves the circular $ref in place, ajv cannot resolve it, and the parser then skips the value silently. The engine reports this value with its own check either way.',
  },
  {
    diagnostic: 'v2/minimal.yaml asyncapi2-message-examples-custom-format ["channels","trades","subscribe","message","examples","0","payload","id"] 0 "id" property type must be string',
    only: 'parser',
    reason: 'an Avro payload: the parser converts it to JSON Schema to validate examples; the native checks leave Avro to the engine, whose example check (Avro-aware) reports the same value.',
  },
];

function rawKey(rootUri: string, diagnostic: ParserDiagnostic) {
  return `${diagnostic.uri.slice(rootUri.length + 1)} ${diagnostic.code} ${JSON.stringify(diagnostic.path.map(String))} ${diagnostic.severity} ${diagnostic.message}`;
}

describe('native parser checks equal @asyncapi/parser', function () {
  this.timeout(600_000);
  after(disposeParserPool);

  for (const { name, folder, needsCorpus } of WORKSPACES) {
    it(`reports the same findings on ${name}`, async function () {
      if (needsCorpus) skipWithoutCorpus(this);
      const workspace = await loadWorkspace(folder, { defaultRules: ALL_PARSER_RULES_ON }, (relative) => !/\.(ya?ml|json|avsc)$/.test(relative) || relative === 'index.json');
      const { engine, rootUri } = workspace;
      const mismatches: string[] = [];
      let documents = 0;
      for (const uri of workspace.uris) {
        if (!(await engine.isRelevant(uri))) continue;
        const fast = await engine.checkFast(uri);
        if (!fast.wantsFullValidation) continue;
        const snapshot = await engine.prepareFullCheck(uri);
        if (!snapshot) continue;
        documents++;
        const parser = await parserPool().run(snapshot);
        const native = runNativeParserChecks(snapshot);
        const describe = async (diagnostics: ParserDiagnostic[]) => {
          const result = await engine.completeFullCheck(uri, fast.version, diagnostics);
          assert.ok(result, `the full check of ${uri} completes`);
          return [...result.findings.values()].flat().map((finding) => describeFinding(finding, rootUri)).sort();
        };
        const fromParser = await describe(parser);
        const fromNative = await describe(native);
        const expected = DIFFERENCES[name] ?? [];
        const parserOnly = fromParser.filter((line) => !fromNative.includes(line) && !expected.some((difference) => difference.only === 'parser' && difference.finding === line));
        const nativeOnly = fromNative.filter((line) => !fromParser.includes(line) && !expected.some((difference) => difference.only === 'native' && difference.finding === line));
        if (parserOnly.length + nativeOnly.length > 0) {
          mismatches.push(`${decodeURIComponent(uri.slice(rootUri.length + 1))}\n  parser only:\n    ${parserOnly.join('\n    ')}\n  native only:\n    ${nativeOnly.join('\n    ')}`);
          if (process.env.PARITY_DEBUG === '1') {
            const raw = { parser: parser.map((diagnostic) => rawKey(rootUri, diagnostic)).sort(), native: native.map((diagnostic) => rawKey(rootUri, diagnostic)).sort() };
            mismatches.push(`  raw parser only:\n    ${raw.parser.filter((line) => !raw.native.includes(line)).join('\n    ')}\n  raw native only:\n    ${raw.native.filter((line) => !raw.parser.includes(line)).join('\n    ')}`);
          }
        }
      }
      assert.ok(documents > 0, `${name} holds AsyncAPI documents`);
      assert.deepEqual(mismatches, [], `the native checks differ from the parser on ${name}`);
    });
  }

  it('gives the parser\'s own diagnostics on the parity fixtures, where every parser rule fires', async function () {
    const folder = path.join(repoRoot, 'test', 'engine', 'parserParity');
    const workspace = await loadWorkspace(folder, { defaultRules: ALL_PARSER_RULES_ON }, (relative) => !/\.(ya?ml|json)$/.test(relative));
    const { engine, rootUri } = workspace;
    const fired = new Set<string>();
    const differences: string[] = [];
    for (const uri of workspace.uris) {
      const fast = await engine.checkFast(uri);
      if (!fast.wantsFullValidation) continue;
      const snapshot = (await engine.prepareFullCheck(uri))!;
      const parser = (await parserPool().run(snapshot)).filter((diagnostic) => !NOT_NATIVE.has(diagnostic.code));
      for (const diagnostic of parser) fired.add(diagnostic.code);
      const fromParser = parser.map((diagnostic) => rawKey(rootUri, diagnostic));
      const fromNative = runNativeParserChecks(snapshot).map((diagnostic) => rawKey(rootUri, diagnostic));
      const known = (line: string, only: 'parser' | 'native') => RAW_DIFFERENCES.some((difference) => difference.only === only && difference.diagnostic === line);
      differences.push(...fromParser.filter((line) => !fromNative.includes(line) && !known(line, 'parser')).map((line) => `parser only: ${line}`));
      differences.push(...fromNative.filter((line) => !fromParser.includes(line) && !known(line, 'native')).map((line) => `native only: ${line}`));
    }
    assert.deepEqual(differences.sort(), []);
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
      const parser = await parserPool().run(snapshot);
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
