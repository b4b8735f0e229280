import * as assert from 'node:assert/strict';
import * as avro from 'avsc';
import { CHANGE_KINDS_BY_FAMILY, diffAvroSchemas, judgeChanges } from '../../../server/src/engine/compatibility';
import { assertReverseIsInverse, assertVerdicts, describeForTest, parseVerdicts } from './caseSupport';

interface AvroCase {
  name: string;
  old: unknown;
  new: unknown;
  changes: string[];
  verdicts: string;
  /** Why avsc's resolver decides otherwise here (the engine follows the specification). */
  avscDiffers?: string;
}

const record = (fields: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'record', name: 'Order', namespace: 'shop', fields, ...extra });
const field = (name: string, type: unknown, extra: Record<string, unknown> = {}) => ({ name, type, ...extra });
const id = field('id', 'string');

function c(name: string, old: unknown, next: unknown, changes: string[], verdicts: string, extra: Partial<AvroCase> = {}): AvroCase {
  return { name, old, new: next, changes, verdicts, ...extra };
}

const CASES: AvroCase[] = [
  c('field with a default added', record([id]), record([id, field('note', 'string', { default: '' })]), ['avro-field-added-with-default #/fields #/fields/1'], 'B✓ F✓'),
  c('field without a default added', record([id]), record([id, field('note', 'string')]), ['avro-field-added-without-default #/fields #/fields/1'], 'B✗ F✓'),
  c('field with a default removed', record([id, field('note', 'string', { default: '' })]), record([id]), ['avro-field-removed-with-default #/fields/1 #/fields'], 'B✓ F✓'),
  c('field without a default removed', record([id, field('note', 'string')]), record([id]), ['avro-field-removed-without-default #/fields/1 #/fields'], 'B✓ F✗'),
  c('field renamed with an alias to the old name', record([id, field('total', 'long')]), record([id, field('amount', 'long', { aliases: ['total'] })]), ['avro-field-renamed #/fields/1/name #/fields/1/name'], 'B✓ F✗'),
  c('field renamed with an alias, the old field had a default', record([id, field('total', 'long', { default: 0 })]), record([id, field('amount', 'long', { aliases: ['total'] })]), ['avro-field-renamed-with-default #/fields/1/name #/fields/1/name', 'avro-field-default-changed #/fields/1/default #/fields/1'], 'B✓ F✓'),
  c('field renamed to a name the old field listed as an alias', record([id, field('total', 'long', { aliases: ['amount'] })]), record([id, field('amount', 'long')]), ['avro-field-renamed-by-old-alias #/fields/1/name #/fields/1/name'], 'B✗ F✓'),
  c('field renamed to an old alias, the new field has a default', record([id, field('total', 'long', { aliases: ['amount'] })]), record([id, field('amount', 'long', { default: 0 })]), ['avro-field-renamed-by-old-alias-with-default #/fields/1/name #/fields/1/name', 'avro-field-default-changed #/fields/1 #/fields/1/default'], 'B✓ F✓'),
  c('field renamed, aliases both ways', record([id, field('total', 'long', { aliases: ['amount'] })]), record([id, field('amount', 'long', { aliases: ['total'] })]), ['avro-field-renamed-both-ways #/fields/1/name #/fields/1/name'], 'B✓ F✓'),
  c('field default changed', record([id, field('note', 'string', { default: 'a' })]), record([id, field('note', 'string', { default: 'b' })]), ['avro-field-default-changed #/fields/1/default #/fields/1/default'], 'B✓ F✓'),
  c('doc changed', record([id], { doc: 'An order' }), record([id], { doc: 'A purchase order' }), ['avro-doc-changed #/doc #/doc'], 'B✓ F✓'),
  c('int → long', record([field('n', 'int')]), record([field('n', 'long')]), ['avro-type-promoted #/fields/0/type #/fields/0/type'], 'B✓ F✗'),
  c('long → double', record([field('n', 'long')]), record([field('n', 'double')]), ['avro-type-promoted #/fields/0/type #/fields/0/type'], 'B✓ F✗'),
  c('int → float', 'int', 'float', ['avro-type-promoted # #'], 'B✓ F✗'),
  c('float → double', 'float', 'double', ['avro-type-promoted # #'], 'B✓ F✗'),
  c('long → int', record([field('n', 'long')]), record([field('n', 'int')]), ['avro-type-demoted #/fields/0/type #/fields/0/type'], 'B✗ F✓'),
  c('string → bytes', record([field('b', 'string')]), record([field('b', 'bytes')]), ['avro-type-string-bytes #/fields/0/type #/fields/0/type'], 'B✓ F✓'),
  c('bytes → string', 'bytes', 'string', ['avro-type-string-bytes # #'], 'B✓ F✓'),
  c('int → string', record([field('n', 'int')]), record([field('n', 'string')]), ['avro-type-changed #/fields/0/type #/fields/0/type'], 'B✗ F✗'),
  c('record → string', record([field('n', record([id], { name: 'Inner' }))]), record([field('n', 'string')]), ['avro-type-changed #/fields/0/type #/fields/0/type'], 'B✗ F✗'),
  c('logical type changed', record([field('at', { type: 'long', logicalType: 'timestamp-millis' })]), record([field('at', { type: 'long', logicalType: 'timestamp-micros' })]), ['avro-logical-type-changed #/fields/0/type #/fields/0/type'], 'B⚠ F⚠'),
  c('decimal scale changed', { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 }, { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 3 }, ['avro-logical-type-changed # #'], 'B⚠ F⚠'),
  c('a type became a union with null', record([field('note', 'string')]), record([field('note', ['null', 'string'], { default: null })]), ['avro-union-branch-added #/fields/0/type #/fields/0/type/0', 'avro-field-default-changed #/fields/0 #/fields/0/default'], 'B✓ F✗'),
  c('union branch removed', ['null', 'string', 'int'], ['null', 'string'], ['avro-union-branch-removed #/2 #'], 'B✗ F✓'),
  c('a union became its one type', ['null', 'string'], 'string', ['avro-union-branch-removed #/0 #'], 'B✗ F✓'),
  c('union branches reordered', ['null', 'string'], ['string', 'null'], [], 'B✓ F✓'),
  c('union branch promoted', ['null', 'int'], ['null', 'long'], ['avro-type-promoted #/1 #/1'], 'B✓ F✗'),
  c('union branch added that old readers promote', ['null', 'long'], ['null', 'int', 'long'], ['avro-union-branch-added-promotable # #/1'], 'B✓ F✓'),
  c('union branch removed that new readers promote', ['int', 'long'], ['long'], ['avro-union-branch-removed-promotable #/0 #'], 'B✓ F✓'),
  c('enum symbol added', { type: 'enum', name: 'Status', symbols: ['NEW'] }, { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] }, ['avro-enum-symbol-added #/symbols #/symbols/1'], 'B✓ F✗'),
  c('enum symbol removed', { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] }, { type: 'enum', name: 'Status', symbols: ['NEW'] }, ['avro-enum-symbol-removed #/symbols/1 #/symbols'], 'B✗ F✓'),
  c('enum symbol added, the old enum has a default', { type: 'enum', name: 'Status', symbols: ['UNKNOWN', 'NEW'], default: 'UNKNOWN' }, { type: 'enum', name: 'Status', symbols: ['UNKNOWN', 'NEW', 'PAID'], default: 'UNKNOWN' }, ['avro-enum-symbol-added-with-default #/symbols #/symbols/2'], 'B✓ F⚠'),
  c('enum symbol removed, the new enum has a default', { type: 'enum', name: 'Status', symbols: ['UNKNOWN', 'NEW', 'PAID'], default: 'UNKNOWN' }, { type: 'enum', name: 'Status', symbols: ['UNKNOWN', 'NEW'], default: 'UNKNOWN' }, ['avro-enum-symbol-removed-with-default #/symbols/2 #/symbols'], 'B⚠ F✓'),
  c('enum default added', { type: 'enum', name: 'Status', symbols: ['UNKNOWN', 'NEW'] }, { type: 'enum', name: 'Status', symbols: ['UNKNOWN', 'NEW'], default: 'UNKNOWN' }, ['avro-enum-default-changed # #/default'], 'B✓ F✓'),
  c('fixed size changed', { type: 'fixed', name: 'Hash', size: 16 }, { type: 'fixed', name: 'Hash', size: 32 }, ['avro-fixed-size-changed #/size #/size'], 'B✗ F✗'),
  c('record renamed without an alias', record([id]), { ...record([id]), name: 'Purchase' }, ['avro-name-changed #/name #/name'], 'B✗ F✗'),
  c('record moved to another namespace', record([id]), { ...record([id]), namespace: 'sales' }, ['avro-namespace-changed #/name #/name'], 'B✓ F✓', { avscDiffers: 'avsc matches named types on the full name; the specification (and Apache Avro) on the unqualified name' }),
  c('record renamed with an alias to the old name', record([id]), { ...record([id]), name: 'Purchase', aliases: ['shop.Order'] }, ['avro-type-renamed #/name #/name'], 'B✓ F✗'),
  c('record renamed to a name the old one listed as an alias', { ...record([id]), aliases: ['Purchase'] }, { ...record([id]), name: 'Purchase' }, ['avro-type-renamed-by-old-alias #/name #/name'], 'B✗ F✓'),
  c('record renamed, aliases both ways', { ...record([id]), aliases: ['Purchase'] }, { ...record([id]), name: 'Purchase', aliases: ['Order'] }, ['avro-type-renamed-both-ways #/name #/name'], 'B✓ F✓'),
  c('array items demoted', { type: 'array', items: 'long' }, { type: 'array', items: 'int' }, ['avro-type-demoted #/items #/items'], 'B✗ F✓'),
  c('map values promoted', { type: 'map', values: 'float' }, { type: 'map', values: 'double' }, ['avro-type-promoted #/values #/values'], 'B✓ F✗'),
  c('nested record field added without default', record([field('line', record([id], { name: 'Line' }))]), record([field('line', record([id, field('qty', 'int')], { name: 'Line' }))]), ['avro-field-added-without-default #/fields/0/type/fields #/fields/0/type/fields/1'], 'B✗ F✓'),
  c('a named type used twice is compared once', record([field('a', record([field('n', 'int')], { name: 'Money' })), field('b', 'Money')]), record([field('a', record([field('n', 'long')], { name: 'Money' })), field('b', 'Money')]), ['avro-type-promoted #/fields/0/type/fields/0/type #/fields/0/type/fields/0/type'], 'B✓ F✗'),
  c(
    'recursive record',
    { type: 'record', name: 'Node', fields: [field('value', 'int'), field('next', ['null', 'Node'], { default: null })] },
    { type: 'record', name: 'Node', fields: [field('value', 'long'), field('next', ['null', 'Node'], { default: null })] },
    ['avro-type-promoted #/fields/0/type #/fields/0/type'],
    'B✓ F✗',
  ),
];

function canResolve(reader: unknown, writer: unknown): boolean {
  try {
    avro.Type.forSchema(reader as avro.Schema).createResolver(avro.Type.forSchema(writer as avro.Schema));
    return true;
  } catch {
    return false;
  }
}

describe('compatibility: Avro reader/writer resolution', function () {
  for (const testCase of CASES) {
    describe(testCase.name, function () {
      const changes = diffAvroSchemas({ root: testCase.old }, { root: testCase.new });
      it('reports the expected changes', function () {
        assert.deepEqual(changes.map((change) => describeForTest(change)).sort(), [...testCase.changes].sort());
      });
      it(`is judged ${testCase.verdicts}`, function () {
        assertVerdicts(changes, testCase.verdicts, testCase.name);
      });
      it('diffed the other way round, reports the inverse kinds', function () {
        assertReverseIsInverse(changes, diffAvroSchemas({ root: testCase.new }, { root: testCase.old }), testCase.name);
      });
      it(testCase.avscDiffers ? `differs from avsc as documented: ${testCase.avscDiffers}` : 'agrees with avsc (Type.createResolver) in both directions', function () {
        const expected = parseVerdicts(testCase.verdicts).strict;
        const backward = canResolve(testCase.new, testCase.old);
        const forward = canResolve(testCase.old, testCase.new);
        const agrees = backward === (expected.backward !== '✗') && forward === (expected.forward !== '✗');
        assert.equal(agrees, !testCase.avscDiffers, `avsc: BACKWARD ${backward}, FORWARD ${forward}`);
      });
    });
  }

  it('has a case for every Avro change kind', function () {
    const covered = new Set(CASES.flatMap((testCase) => testCase.changes.map((line) => line.split(' ')[0])));
    assert.deepEqual(CHANGE_KINDS_BY_FAMILY.avro.filter((kind) => !covered.has(kind)), []);
  });

  it('the lenient policy changes nothing for Avro', function () {
    for (const testCase of CASES) {
      const changes = diffAvroSchemas({ root: testCase.old }, { root: testCase.new });
      for (const mode of ['BACKWARD', 'FORWARD', 'FULL'] as const) assert.equal(judgeChanges(changes, mode, 'lenient').compatible, judgeChanges(changes, mode, 'strict').compatible, testCase.name);
    }
  });
});
