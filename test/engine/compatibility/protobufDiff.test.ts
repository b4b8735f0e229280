import * as assert from 'node:assert/strict';
import { CHANGE_KINDS_BY_FAMILY, diffProtobufSchemas, judgeChanges, type ProtobufChange } from '../../../server/src/engine/compatibility';
import { loadProtoSchema } from '../../../server/src/engine/protobuf/protoSchema';
import { assertReverseIsInverse, assertVerdicts, describeForTest } from './caseSupport';

interface ProtobufCase {
  name: string;
  old: string;
  new: string;
  changes: string[];
  verdicts: string;
}

const proto3 = (body: string, packageName = 'shop') => `syntax = "proto3";\npackage ${packageName};\n\n${body}\n`;
const proto2 = (body: string) => `syntax = "proto2";\npackage shop;\n\n${body}\n`;
const order = (fields: string) => proto3(`message Order {\n  string id = 1;\n${fields}}`);
const money = 'message Money {\n  int64 units = 1;\n}\nmessage Price {\n  int64 cents = 1;\n}\n';
const status = (values: string) => proto3(`message Order {\n  string id = 1;\n}\nenum Status {\n  STATUS_UNKNOWN = 0;\n${values}}`);

function c(name: string, old: string, next: string, changes: string[], verdicts: string): ProtobufCase {
  return { name, old, new: next, changes, verdicts };
}

/** Each case diffed old → new; the reverse diff must name the inverse kinds (so FORWARD is checked both ways). */
const CASES: ProtobufCase[] = [
  c('nothing but layout and comments changed', order('  int32 qty = 2;\n'), order('  // how many\n  int32   qty = 2 ;\n'), [], 'B✓ F✓'),
  c('package changed', proto3('message Order {\n  string id = 1;\n}'), proto3('message Order {\n  string id = 1;\n}', 'sales'), ['protobuf-package-changed #/package #/package'], 'B✗ F✗'),
  c('message added', order(''), order('') + 'message Refund {\n  string id = 1;\n}\n', ['protobuf-message-added # #/Refund'], 'B✓ F✗'),
  c('message removed', order('') + 'message Refund {\n  string id = 1;\n}\n', order(''), ['protobuf-message-removed #/Refund #'], 'B✗ F✓'),
  c('nested message removed: only the outer one is named', proto3('message Order {\n  message Line {\n    message Tax { int32 rate = 1; }\n  }\n}'), proto3('message Order {\n}'), ['protobuf-message-removed #/Order.Line #/Order'], 'B✗ F✓'),
  c('messages reordered', proto3('message Order {\n}\nmessage Refund {\n}'), proto3('message Refund {\n}\nmessage Order {\n}'), ['protobuf-message-moved #/Order #/Order', 'protobuf-message-moved #/Refund #/Refund'], 'B✓ F✓'),
  c('enum added', order(''), order('') + 'enum Status {\n  STATUS_UNKNOWN = 0;\n}\n', ['protobuf-enum-added # #/Status'], 'B✓ F✓'),
  c('enum removed', order('') + 'enum Status {\n  STATUS_UNKNOWN = 0;\n}\n', order(''), ['protobuf-enum-removed #/Status #'], 'B✓ F✓'),
  c('enum value added', status(''), status('  STATUS_PAID = 1;\n'), ['protobuf-enum-value-added #/Status #/Status/STATUS_PAID'], 'B✓ F✓'),
  c('enum value removed', status('  STATUS_PAID = 1;\n'), status(''), ['protobuf-enum-value-removed #/Status/STATUS_PAID #/Status'], 'B✓ F✓'),
  c('enum value renamed', status('  STATUS_PAID = 1;\n'), status('  STATUS_SETTLED = 1;\n'), ['protobuf-enum-value-changed #/Status/STATUS_PAID #/Status/STATUS_SETTLED'], 'B✓ F✓'),
  c('field added', order(''), order('  string note = 2;\n'), ['protobuf-field-added #/Order #/Order/note'], 'B✓ F✓'),
  c('field removed, its number and name free again', order('  string note = 2;\n'), order(''), ['protobuf-field-removed #/Order/note #/Order'], 'B⚠ F⚠'),
  c('field removed, only its number reserved', order('  string note = 2;\n'), order('  reserved 2;\n'), ['protobuf-field-removed #/Order/note #/Order', 'protobuf-reserved-added #/Order #/Order'], 'B⚠ F⚠'),
  c('field removed, its number and name reserved', order('  string note = 2;\n'), order('  reserved 2;\n  reserved "note";\n'), ['protobuf-field-removed #/Order/note #/Order', 'protobuf-reserved-added #/Order #/Order', 'protobuf-reserved-added #/Order #/Order'], 'B✓ F✓'),
  c('field renamed', order('  string note = 2;\n'), order('  string comment = 2;\n'), ['protobuf-field-renamed #/Order/note #/Order/comment'], 'B✓ F✓'),
  c('scalar field became a message', order('  int64 amount = 2;\n') + money, order('  Money amount = 2;\n') + money, ['protobuf-field-kind-changed #/Order/amount #/Order/amount'], 'B✗ F✗'),
  c('field became a map', order('  string tags = 2;\n'), order('  map<string, string> tags = 2;\n'), ['protobuf-field-kind-changed #/Order/tags #/Order/tags'], 'B✗ F✗'),
  c('string → int64', order('  string qty = 2;\n'), order('  int64 qty = 2;\n'), ['protobuf-field-scalar-type-changed #/Order/qty #/Order/qty'], 'B✗ F✗'),
  c('int32 → sint32 (zigzag)', order('  int32 qty = 2;\n'), order('  sint32 qty = 2;\n'), ['protobuf-field-scalar-type-changed #/Order/qty #/Order/qty'], 'B✗ F✗'),
  c('fixed32 → fixed64', order('  fixed32 qty = 2;\n'), order('  fixed64 qty = 2;\n'), ['protobuf-field-scalar-type-changed #/Order/qty #/Order/qty'], 'B✗ F✗'),
  c('int32 → int64 (one wire group)', order('  int32 qty = 2;\n'), order('  int64 qty = 2;\n'), ['protobuf-field-scalar-type-changed-within-group #/Order/qty #/Order/qty'], 'B✓ F✓'),
  c('int32 → an enum (enums are varints)', order('  int32 state = 2;\n') + 'enum State {\n  STATE_UNKNOWN = 0;\n}\n', order('  State state = 2;\n') + 'enum State {\n  STATE_UNKNOWN = 0;\n}\n', ['protobuf-field-scalar-type-changed-within-group #/Order/state #/Order/state'], 'B✓ F✓'),
  c('string → bytes', order('  string blob = 2;\n'), order('  bytes blob = 2;\n'), ['protobuf-field-scalar-type-changed-within-group #/Order/blob #/Order/blob'], 'B✓ F✓'),
  c('field names another message', order('  Money amount = 2;\n') + money, order('  Price amount = 2;\n') + money, ['protobuf-field-named-type-changed #/Order/amount #/Order/amount'], 'B✗ F✗'),
  c('the same message named another way (fully qualified)', order('  Money amount = 2;\n') + money, order('  .shop.Money amount = 2;\n') + money, [], 'B✓ F✓'),
  c('map value type changed across groups', order('  map<string, int32> counts = 2;\n'), order('  map<string, string> counts = 2;\n'), ['protobuf-field-scalar-type-changed #/Order/counts #/Order/counts'], 'B✗ F✗'),
  c('numeric field became repeated', order('  int32 qty = 2;\n'), order('  repeated int32 qty = 2;\n'), ['protobuf-field-numeric-label-changed #/Order/qty #/Order/qty'], 'B✗ F✗'),
  c('string field became repeated', order('  string tag = 2;\n'), order('  repeated string tag = 2;\n'), ['protobuf-field-string-or-bytes-label-changed #/Order/tag #/Order/tag'], 'B✓ F✓'),
  c('proto2 required field added', proto2('message Order {\n  optional string id = 1;\n}'), proto2('message Order {\n  optional string id = 1;\n  required string sku = 2;\n}'), ['protobuf-required-field-added #/Order #/Order/sku'], 'B✗ F✗'),
  c('proto2 required field removed', proto2('message Order {\n  optional string id = 1;\n  required string sku = 2;\n}'), proto2('message Order {\n  optional string id = 1;\n}'), ['protobuf-required-field-removed #/Order/sku #/Order'], 'B✗ F✗'),
  c('proto2 field made required', proto2('message Order {\n  optional string id = 1;\n}'), proto2('message Order {\n  required string id = 1;\n}'), ['protobuf-required-field-added #/Order/id #/Order/id'], 'B✗ F✗'),
  c('oneof added with new fields', order(''), order('  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), ['protobuf-oneof-added #/Order #/Order/payment', 'protobuf-field-added #/Order #/Order/card', 'protobuf-field-added #/Order #/Order/iban'], 'B✓ F✓'),
  c('oneof removed with its fields', order('  oneof payment {\n    string card = 5;\n  }\n'), order(''), ['protobuf-oneof-removed #/Order/payment #/Order', 'protobuf-field-removed #/Order/card #/Order'], 'B⚠ F⚠'),
  c('one existing field moved into a new oneof', order('  string card = 5;\n'), order('  oneof payment {\n    string card = 5;\n  }\n'), ['protobuf-oneof-added #/Order #/Order/payment', 'protobuf-field-oneof-changed #/Order/card #/Order/card'], 'B✓ F✓'),
  c('field added to a oneof', order('  oneof payment {\n    string card = 5;\n  }\n'), order('  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), ['protobuf-oneof-field-added #/Order #/Order/iban'], 'B✓ F✗'),
  c('field removed from a oneof', order('  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), order('  oneof payment {\n    string card = 5;\n  }\n'), ['protobuf-oneof-field-removed #/Order/iban #/Order'], 'B✗ F✓'),
  c('several fields moved into a oneof', order('  string card = 5;\n  string iban = 6;\n'), order('  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), ['protobuf-oneof-added #/Order #/Order/payment', 'protobuf-multiple-fields-moved-to-oneof #/Order #/Order/payment', 'protobuf-field-oneof-changed #/Order/card #/Order/card', 'protobuf-field-oneof-changed #/Order/iban #/Order/iban'], 'B✗ F✓'),
  c('several fields moved out of a oneof', order('  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), order('  string card = 5;\n  string iban = 6;\n'), ['protobuf-oneof-removed #/Order/payment #/Order', 'protobuf-multiple-fields-moved-out-of-oneof #/Order/payment #/Order', 'protobuf-field-oneof-changed #/Order/card #/Order/card', 'protobuf-field-oneof-changed #/Order/iban #/Order/iban'], 'B✓ F✗'),
  c('a field moved into an existing oneof', order('  string iban = 6;\n  oneof payment {\n    string card = 5;\n  }\n'), order('  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), ['protobuf-field-moved-to-existing-oneof #/Order #/Order/payment', 'protobuf-field-oneof-changed #/Order/iban #/Order/iban'], 'B✗ F✓'),
  c('a field moved out of a oneof that stays', order('  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), order('  string iban = 6;\n  oneof payment {\n    string card = 5;\n  }\n'), ['protobuf-field-moved-out-of-existing-oneof #/Order/payment #/Order', 'protobuf-field-oneof-changed #/Order/iban #/Order/iban'], 'B✓ F✗'),
  c('syntax changed', proto2('message Order {\n  optional string id = 1;\n}'), proto3('message Order {\n  optional string id = 1;\n}'), ['protobuf-syntax-changed #/syntax #/syntax'], 'B✓ F✓'),
  c('message field became repeated', order('  Money total = 2;\n') + money, order('  repeated Money total = 2;\n') + money, ['protobuf-field-cardinality-changed #/Order/total #/Order/total'], 'B✓ F✓'),
  c('proto3 field gained explicit presence', order('  int32 qty = 2;\n'), order('  optional int32 qty = 2;\n'), ['protobuf-field-cardinality-changed #/Order/qty #/Order/qty'], 'B✓ F✓'),
  c('a message field written optional keeps its presence', order('  Money total = 2;\n') + money, order('  optional Money total = 2;\n') + money, [], 'B✓ F✓'),
  c('field moved between oneofs', order('  oneof payment {\n    string card = 5;\n  }\n  oneof refund {\n    string note = 6;\n  }\n'), order('  oneof payment {\n    string note = 6;\n  }\n  oneof refund {\n    string card = 5;\n  }\n'), ['protobuf-field-oneof-changed #/Order/card #/Order/card', 'protobuf-field-oneof-changed #/Order/note #/Order/note'], 'B✓ F✓'),
  c('json_name changed, name kept', order('  string note = 2 [json_name = "note"];\n'), order('  string note = 2 [json_name = "remark"];\n'), ['protobuf-field-json-name-changed #/Order/note #/Order/note'], 'B✓ F✓'),
  c('renamed, JSON name kept by json_name: one change', order('  string note = 2;\n'), order('  string remark = 2 [json_name = "note"];\n'), ['protobuf-field-renamed #/Order/note #/Order/remark'], 'B✓ F✓'),
  c('proto2 default changed', proto2('message Order {\n  optional int32 qty = 1 [default = 1];\n}'), proto2('message Order {\n  optional int32 qty = 1 [default = 2];\n}'), ['protobuf-field-default-changed #/Order/qty #/Order/qty'], 'B✓ F✓'),
  c('reserved range released', order('  reserved 4 to 6;\n'), order('  reserved 4, 6;\n'), ['protobuf-reserved-removed #/Order #/Order'], 'B✓ F✓'),
  c('reserved range split is no change', order('  reserved 4 to 6;\n'), order('  reserved 4, 5 to 6;\n'), [], 'B✓ F✓'),
  c('enum reserved name released', status('  reserved "STATUS_OLD";\n'), status(''), ['protobuf-reserved-removed #/Status #/Status'], 'B✓ F✓'),
  c('a nested message\'s field changed', proto3('message Order {\n  message Line {\n    int32 qty = 1;\n  }\n  Line line = 1;\n}'), proto3('message Order {\n  message Line {\n    string qty = 1;\n  }\n  Line line = 1;\n}'), ['protobuf-field-scalar-type-changed #/Order.Line/qty #/Order.Line/qty'], 'B✗ F✗'),
];

const load = (text: string, name: string) => loadProtoSchema(`file:///work/${name}.proto`, text, async () => undefined);

async function diff(oldText: string, newText: string): Promise<ProtobufChange[]> {
  return diffProtobufSchemas({ schema: await load(oldText, 'old') }, { schema: await load(newText, 'new') });
}

describe('compatibility: Protobuf (Confluent SchemaDiff kinds)', function () {
  for (const testCase of CASES) {
    describe(testCase.name, function () {
      it('reports the expected changes', async function () {
        assert.deepEqual((await diff(testCase.old, testCase.new)).map((change) => describeForTest(change)).sort(), [...testCase.changes].sort());
      });
      it(`is judged ${testCase.verdicts} in every mode`, async function () {
        assertVerdicts(await diff(testCase.old, testCase.new), testCase.verdicts, testCase.name);
      });
      it('diffed the other way round, reports the inverse kinds', async function () {
        assertReverseIsInverse(await diff(testCase.old, testCase.new), await diff(testCase.new, testCase.old), testCase.name);
      });
    });
  }

  it('has a case for every Protobuf change kind', function () {
    const covered = new Set(CASES.flatMap((testCase) => testCase.changes.map((line) => line.split(' ')[0])));
    assert.deepEqual(CHANGE_KINDS_BY_FAMILY.protobuf.filter((kind) => !covered.has(kind)), []);
  });

  it('places each change at the span of what changed, in each version', async function () {
    const oldText = order('  string note = 2;\n  int32 qty = 3;\n');
    const newText = order('  int64 qty = 3;\n');
    const changes = await diff(oldText, newText);
    const removed = changes.find((change) => change.kind === 'protobuf-field-removed')!;
    const retyped = changes.find((change) => change.kind === 'protobuf-field-scalar-type-changed-within-group')!;
    const text = (source: string, span: { offset: number; length: number } | undefined) => source.slice(span!.offset, span!.offset + span!.length);
    assert.match(text(oldText, removed.old.span), /^string note = 2;?$/);
    assert.equal(text(newText, removed.new.span), 'Order');
    assert.equal(text(oldText, retyped.old.span), 'int32');
    assert.equal(text(newText, retyped.new.span), 'int64');
  });

  it('a removed field warns in every mode but NONE, and says to reserve its number and name', async function () {
    const changes = await diff(order('  string note = 2;\n'), order(''));
    for (const mode of ['BACKWARD', 'FORWARD', 'FULL', 'FULL_TRANSITIVE'] as const) {
      const result = judgeChanges(changes, mode, 'strict');
      assert.equal(result.compatible, true, mode);
      assert.match(result.changes[0]!.warnings[0]!.message, /Reserve them/, mode);
    }
  });

  it('the lenient policy changes nothing for Protobuf', async function () {
    for (const testCase of CASES) {
      const changes = await diff(testCase.old, testCase.new);
      for (const mode of ['BACKWARD', 'FORWARD', 'FULL'] as const) assert.equal(judgeChanges(changes, mode, 'lenient').compatible, judgeChanges(changes, mode, 'strict').compatible, testCase.name);
    }
  });
});
