import * as assert from 'node:assert/strict';
import { CHANGE_KINDS_BY_FAMILY, diffJsonSchemas, judgeChanges } from '../../../server/src/engine/compatibility';
import { assertReverseIsInverse, assertVerdicts, describeForTest } from './caseSupport';
import { JSON_SCHEMA_CASES, type JsonSchemaCase } from './jsonSchemaCases';

function run(testCase: JsonSchemaCase, reverse = false) {
  const readDocument = (uri: string) => testCase.files?.[uri];
  const before = { root: reverse ? testCase.new : testCase.old, ...(testCase.oldUri ? { uri: reverse ? testCase.newUri : testCase.oldUri } : {}) };
  const after = { root: reverse ? testCase.old : testCase.new, ...(testCase.newUri ? { uri: reverse ? testCase.oldUri : testCase.newUri } : {}) };
  return diffJsonSchemas(before, after, { readDocument });
}

describe('compatibility: JSON Schema diff', function () {
  for (const testCase of JSON_SCHEMA_CASES) {
    describe(testCase.name, function () {
      const changes = run(testCase);
      it('reports the expected changes, located in both versions', function () {
        assert.deepEqual(changes.map((change) => describeForTest(change, testCase.oldUri, testCase.newUri)).sort(), [...testCase.changes].sort());
      });
      it(`is judged ${testCase.verdicts} in every mode`, function () {
        assertVerdicts(changes, testCase.verdicts, testCase.name);
      });
      it('diffed the other way round, reports the inverse kinds', function () {
        assertReverseIsInverse(changes, run(testCase, true), testCase.name, testCase.oldUri, testCase.newUri);
      });
    });
  }

  it('has a case for every JSON Schema change kind', function () {
    const covered = new Set(JSON_SCHEMA_CASES.flatMap((testCase) => testCase.changes.map((line) => line.split(' ')[0])));
    const missing = CHANGE_KINDS_BY_FAMILY['json-schema'].filter((kind) => !covered.has(kind));
    assert.deepEqual(missing, []);
  });

  it('identical schemas have no changes', function () {
    for (const testCase of JSON_SCHEMA_CASES) {
      const readDocument = (uri: string) => testCase.files?.[uri];
      assert.deepEqual(diffJsonSchemas({ root: testCase.old, ...(testCase.oldUri ? { uri: testCase.oldUri } : {}) }, { root: testCase.old, ...(testCase.oldUri ? { uri: testCase.oldUri } : {}) }, { readDocument }), [], testCase.name);
    }
  });

  it('asserts formats in 2019-09 and later when asked to', function () {
    const old = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'string' };
    const next = { ...old, format: 'email' };
    assert.deepEqual(diffJsonSchemas({ root: old }, { root: next }).map((change) => change.kind), ['format-annotation-changed']);
    assert.deepEqual(diffJsonSchemas({ root: old }, { root: next }, { assertFormats: true }).map((change) => change.kind), ['format-added']);
  });

  it('says what to do when a strict break comes only from an open content model', function () {
    const testCase = JSON_SCHEMA_CASES.find((candidate) => candidate.name === 'optional property added, open model')!;
    const [judged] = judgeChanges(run(testCase), 'BACKWARD', 'strict').changes;
    assert.match(judged!.advice ?? '', /only because the old schema has an open content model/);
    assert.match(judged!.advice ?? '', /LENIENT policy/);
    assert.match(judged!.advice ?? '', /closing a model that is already published is itself a break/);
    assert.equal(judgeChanges(run(testCase), 'BACKWARD', 'lenient').changes[0]!.advice, undefined);
    const closed = JSON_SCHEMA_CASES.find((candidate) => candidate.name === 'required property added, closed model')!;
    assert.equal(judgeChanges(run(closed), 'BACKWARD', 'strict').changes[0]!.advice, undefined, 'a closed model break has no open-model advice');
  });

  it('words the registry exceptions as warnings that say what can still fail', function () {
    const withDefault = JSON_SCHEMA_CASES.find((candidate) => candidate.name === 'required added, the property has a default')!;
    const [judged] = judgeChanges(run(withDefault), 'BACKWARD', 'strict').changes;
    assert.match(judged!.warnings[0]!.message, /"a" has a default, but JSON Schema validators do not fill in defaults/);
    const overlap = JSON_SCHEMA_CASES.find((candidate) => candidate.name === 'oneOf branch added that may overlap another')!;
    assert.match(judgeChanges(run(overlap), 'BACKWARD', 'strict').changes[0]!.warnings[0]!.message, /matches twice and fails/);
    const id = JSON_SCHEMA_CASES.find((candidate) => candidate.name === '$id changed')!;
    assert.match(judgeChanges(run(id), 'FULL', 'strict').changes[0]!.warnings[0]!.message, /relative \$refs in this schema now resolve against the new \$id/);
  });

  it('words the registry\'s blind spots: a required name it ignores, a copied oneOf branch', function () {
    const undeclared = JSON_SCHEMA_CASES.find((candidate) => candidate.name.startsWith('required added for an undeclared name'))!;
    const [judged] = judgeChanges(run(undeclared), 'BACKWARD', 'strict').changes;
    assert.match(judged!.warnings[0]!.message, /ignore `required` entries for names the schema does not declare in `properties`.*without "z" fails validation against the new schema/);
    const removed = JSON_SCHEMA_CASES.find((candidate) => candidate.name.startsWith('required removed for an undeclared name'))!;
    assert.match(judgeChanges(run(removed), 'FORWARD', 'lenient').changes[0]!.warnings[0]!.message, /written with the new one without "z" fails validation against the old schema/);
    const copy = JSON_SCHEMA_CASES.find((candidate) => candidate.name.startsWith('oneOf branch added that repeats another'))!;
    assert.match(judgeChanges(run(copy), 'BACKWARD', 'strict').changes[0]!.warnings[0]!.message, /matches twice and fails/);
  });

  it('says that a keyword without effect changes no data, where the registry still rejects its change', function () {
    const closed = JSON_SCHEMA_CASES.find((candidate) => candidate.name.startsWith('additionalItems: false added beside'))!;
    const [judged] = judgeChanges(run(closed), 'FULL', 'strict').changes;
    assert.deepEqual(judged!.breaks, ['backward']);
    assert.match(judged!.advice ?? '', /^`additionalItems` has no effect where `items` is a single schema.*no message changes validity.*rejects the registration/);
    const nested = JSON_SCHEMA_CASES.find((candidate) => candidate.name.startsWith('additionalItems schema narrowed beside'))!;
    assert.match(judgeChanges(run(nested), 'BACKWARD', 'strict').changes[0]!.advice ?? '', /^This change is inside `additionalItems`, which has no effect/);
    // A change the registry accepts with a warning about data says nothing inside a keyword without effect.
    const withDefault = diffJsonSchemas({ root: { type: 'array', items: { type: 'string' }, additionalItems: { type: 'object', properties: { a: { default: 1 } } } } }, { root: { type: 'array', items: { type: 'string' }, additionalItems: { type: 'object', properties: { a: { default: 1 } }, required: ['a'] } } });
    assert.deepEqual(withDefault.map((change) => [change.kind, change.inert]), [['required-added-with-default', true]]);
    assert.deepEqual(judgeChanges(withDefault, 'BACKWARD', 'strict').changes[0]!.warnings, []);
  });

  it('stays finite on a schema that refers to itself everywhere', function () {
    const cyclic = { $ref: '#', anyOf: [{ $ref: '#' }, { items: { $ref: '#' } }], properties: { a: { $ref: '#' } } };
    const changes = diffJsonSchemas({ root: cyclic }, { root: { ...cyclic, anyOf: [...cyclic.anyOf, { type: 'null' }] } });
    assert.ok(Array.isArray(changes));
  });
});
