import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BUF_CATEGORIES, BUF_RULES, COMPATIBILITY_MODES, diffProtobufSchemas, directionsOf, judgeChanges, type BufCategory, type ProtobufChange } from '../../../server/src/engine/compatibility';
import { loadProtoSchema } from '../../../server/src/engine/protobuf/protoSchema';
import { fromRepoRoot } from '../../grammar/repoRoot';

/** A case: old → new, and the Buf rules broken per category (a category left out breaks nothing). */
interface BufCase {
  name: string;
  old: string;
  new: string;
  broken: Partial<Record<BufCategory, string[]>>;
}

const proto3 = (body: string, packageName = 'shop') => `syntax = "proto3";\npackage ${packageName};\n\n${body}\n`;
const proto2 = (body: string) => `syntax = "proto2";\npackage shop;\n\n${body}\n`;
const order = (fields: string) => proto3(`message Order {\n  string id = 1;\n${fields}}`);
const money = 'message Money {\n  int64 units = 1;\n}\nmessage Price {\n  int64 cents = 1;\n}\n';
const status = (values: string) => proto3(`message Order {\n  string id = 1;\n}\nenum Status {\n  STATUS_UNKNOWN = 0;\n${values}}`);

const everywhere = (...rules: string[]) => ({ FILE: rules, PACKAGE: rules, WIRE_JSON: rules, WIRE: rules });
const REMOVED_WIRE_JSON = ['FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED', 'FIELD_NO_DELETE_UNLESS_NAME_RESERVED'];

const CASES: BufCase[] = [
  { name: 'package changed', old: proto3('message Order {\n  string id = 1;\n}'), new: proto3('message Order {\n  string id = 1;\n}', 'sales'), broken: everywhere('FILE_SAME_PACKAGE') },
  { name: 'syntax changed', old: proto2('message Order {\n  optional string id = 1;\n}'), new: proto3('message Order {\n  optional string id = 1;\n}'), broken: { FILE: ['FILE_SAME_SYNTAX'], PACKAGE: ['FILE_SAME_SYNTAX'] } },
  { name: 'message removed', old: order('') + 'message Refund {\n  string id = 1;\n}\n', new: order(''), broken: { FILE: ['MESSAGE_NO_DELETE'], PACKAGE: ['PACKAGE_MESSAGE_NO_DELETE'] } },
  { name: 'enum removed', old: order('') + 'enum Status {\n  STATUS_UNKNOWN = 0;\n}\n', new: order(''), broken: { FILE: ['ENUM_NO_DELETE'], PACKAGE: ['PACKAGE_ENUM_NO_DELETE'] } },
  { name: 'message and enum added, messages reordered: nothing', old: proto3('message Order {\n}\nmessage Refund {\n}'), new: proto3('message Refund {\n}\nmessage Order {\n}\nmessage Extra {\n}\nenum E {\n  E_UNKNOWN = 0;\n}'), broken: {} },
  { name: 'enum value removed, nothing reserved', old: status('  STATUS_PAID = 1;\n'), new: status(''), broken: { FILE: ['ENUM_VALUE_NO_DELETE'], PACKAGE: ['ENUM_VALUE_NO_DELETE'], WIRE_JSON: ['ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED', 'ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED'], WIRE: ['ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED'] } },
  { name: 'enum value removed, its number reserved', old: status('  STATUS_PAID = 1;\n'), new: status('  reserved 1;\n'), broken: { FILE: ['ENUM_VALUE_NO_DELETE'], PACKAGE: ['ENUM_VALUE_NO_DELETE'], WIRE_JSON: ['ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED'] } },
  { name: 'enum value renamed', old: status('  STATUS_PAID = 1;\n'), new: status('  STATUS_SETTLED = 1;\n'), broken: { FILE: ['ENUM_VALUE_SAME_NAME'], PACKAGE: ['ENUM_VALUE_SAME_NAME'], WIRE_JSON: ['ENUM_VALUE_SAME_NAME'] } },
  { name: 'field removed, nothing reserved', old: order('  string note = 2;\n'), new: order(''), broken: { FILE: ['FIELD_NO_DELETE'], PACKAGE: ['FIELD_NO_DELETE'], WIRE_JSON: REMOVED_WIRE_JSON, WIRE: ['FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED'] } },
  { name: 'field removed, its number reserved', old: order('  string note = 2;\n'), new: order('  reserved 2;\n'), broken: { FILE: ['FIELD_NO_DELETE'], PACKAGE: ['FIELD_NO_DELETE'], WIRE_JSON: ['FIELD_NO_DELETE_UNLESS_NAME_RESERVED'] } },
  { name: 'field removed, its number and name reserved', old: order('  string note = 2;\n'), new: order('  reserved 2;\n  reserved "note";\n'), broken: { FILE: ['FIELD_NO_DELETE'], PACKAGE: ['FIELD_NO_DELETE'] } },
  { name: 'field removed from a oneof', old: order('  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), new: order('  oneof payment {\n    string card = 5;\n  }\n'), broken: { FILE: ['FIELD_NO_DELETE'], PACKAGE: ['FIELD_NO_DELETE'], WIRE_JSON: REMOVED_WIRE_JSON, WIRE: ['FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED'] } },
  { name: 'field renamed', old: order('  string note = 2;\n'), new: order('  string remark = 2;\n'), broken: { FILE: ['FIELD_SAME_NAME', 'FIELD_SAME_JSON_NAME'], PACKAGE: ['FIELD_SAME_NAME', 'FIELD_SAME_JSON_NAME'], WIRE_JSON: ['FIELD_SAME_NAME', 'FIELD_SAME_JSON_NAME'] } },
  { name: 'field renamed, json_name keeps its JSON key', old: order('  string note = 2;\n'), new: order('  string remark = 2 [json_name = "note"];\n'), broken: { FILE: ['FIELD_SAME_NAME'], PACKAGE: ['FIELD_SAME_NAME'], WIRE_JSON: ['FIELD_SAME_NAME'] } },
  { name: 'json_name changed', old: order('  string note = 2;\n'), new: order('  string note = 2 [json_name = "remark"];\n'), broken: { FILE: ['FIELD_SAME_JSON_NAME'], PACKAGE: ['FIELD_SAME_JSON_NAME'], WIRE_JSON: ['FIELD_SAME_JSON_NAME'] } },
  { name: 'int32 → uint32', old: order('  int32 qty = 2;\n'), new: order('  uint32 qty = 2;\n'), broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'] } },
  { name: 'int32 → int64', old: order('  int32 qty = 2;\n'), new: order('  int64 qty = 2;\n'), broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_TYPE'] } },
  { name: 'int32 → bool', old: order('  int32 flag = 2;\n'), new: order('  bool flag = 2;\n'), broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_TYPE'] } },
  { name: 'fixed32 → sfixed32', old: order('  fixed32 qty = 2;\n'), new: order('  sfixed32 qty = 2;\n'), broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'] } },
  { name: 'string → bytes', old: order('  string blob = 2;\n'), new: order('  bytes blob = 2;\n'), broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_TYPE'] } },
  { name: 'bytes → string', old: order('  bytes blob = 2;\n'), new: order('  string blob = 2;\n'), broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_TYPE'], WIRE: ['FIELD_WIRE_COMPATIBLE_TYPE'] } },
  { name: 'int32 → an enum', old: order('  int32 state = 2;\n') + 'enum State {\n  STATE_UNKNOWN = 0;\n}\n', new: order('  State state = 2;\n') + 'enum State {\n  STATE_UNKNOWN = 0;\n}\n', broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_TYPE'], WIRE: ['FIELD_WIRE_COMPATIBLE_TYPE'] } },
  { name: 'string → int64', old: order('  string qty = 2;\n'), new: order('  int64 qty = 2;\n'), broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_TYPE'], WIRE: ['FIELD_WIRE_COMPATIBLE_TYPE'] } },
  { name: 'field names another message', old: order('  Money amount = 2;\n') + money, new: order('  Price amount = 2;\n') + money, broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_TYPE'], WIRE: ['FIELD_WIRE_COMPATIBLE_TYPE'] } },
  { name: 'scalar became a message', old: order('  int64 amount = 2;\n') + money, new: order('  Money amount = 2;\n') + money, broken: { FILE: ['FIELD_SAME_TYPE'], PACKAGE: ['FIELD_SAME_TYPE'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_TYPE'], WIRE: ['FIELD_WIRE_COMPATIBLE_TYPE'] } },
  { name: 'string field became repeated', old: order('  string tag = 2;\n'), new: order('  repeated string tag = 2;\n'), broken: { FILE: ['FIELD_SAME_CARDINALITY'], PACKAGE: ['FIELD_SAME_CARDINALITY'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY'], WIRE: ['FIELD_WIRE_COMPATIBLE_CARDINALITY'] } },
  { name: 'numeric field became repeated', old: order('  int32 qty = 2;\n'), new: order('  repeated int32 qty = 2;\n'), broken: { FILE: ['FIELD_SAME_CARDINALITY'], PACKAGE: ['FIELD_SAME_CARDINALITY'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY'], WIRE: ['FIELD_WIRE_COMPATIBLE_CARDINALITY'] } },
  { name: 'message field became repeated', old: order('  Money total = 2;\n') + money, new: order('  repeated Money total = 2;\n') + money, broken: { FILE: ['FIELD_SAME_CARDINALITY'], PACKAGE: ['FIELD_SAME_CARDINALITY'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY'], WIRE: ['FIELD_WIRE_COMPATIBLE_CARDINALITY'] } },
  { name: 'proto3 field gained optional (presence only)', old: order('  int32 qty = 2;\n'), new: order('  optional int32 qty = 2;\n'), broken: { FILE: ['FIELD_SAME_CARDINALITY'], PACKAGE: ['FIELD_SAME_CARDINALITY'] } },
  { name: 'proto2 field made required', old: proto2('message Order {\n  optional string id = 1;\n}'), new: proto2('message Order {\n  required string id = 1;\n}'), broken: { FILE: ['FIELD_SAME_CARDINALITY', 'MESSAGE_SAME_REQUIRED_FIELDS'], PACKAGE: ['FIELD_SAME_CARDINALITY', 'MESSAGE_SAME_REQUIRED_FIELDS'], WIRE_JSON: ['FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY', 'MESSAGE_SAME_REQUIRED_FIELDS'], WIRE: ['FIELD_WIRE_COMPATIBLE_CARDINALITY', 'MESSAGE_SAME_REQUIRED_FIELDS'] } },
  { name: 'proto2 required field added', old: proto2('message Order {\n  optional string id = 1;\n}'), new: proto2('message Order {\n  optional string id = 1;\n  required string sku = 2;\n}'), broken: everywhere('MESSAGE_SAME_REQUIRED_FIELDS') },
  { name: 'proto2 required field removed, number and name reserved', old: proto2('message Order {\n  optional string id = 1;\n  required string sku = 2;\n}'), new: proto2('message Order {\n  optional string id = 1;\n  reserved 2;\n  reserved "sku";\n}'), broken: { FILE: ['FIELD_NO_DELETE', 'MESSAGE_SAME_REQUIRED_FIELDS'], PACKAGE: ['FIELD_NO_DELETE', 'MESSAGE_SAME_REQUIRED_FIELDS'], WIRE_JSON: ['MESSAGE_SAME_REQUIRED_FIELDS'], WIRE: ['MESSAGE_SAME_REQUIRED_FIELDS'] } },
  { name: 'proto2 default changed', old: proto2('message Order {\n  optional int32 qty = 1 [default = 1];\n}'), new: proto2('message Order {\n  optional int32 qty = 1 [default = 2];\n}'), broken: everywhere('FIELD_SAME_DEFAULT') },
  { name: 'one existing field moved into a new oneof', old: order('  string card = 5;\n'), new: order('  oneof payment {\n    string card = 5;\n  }\n'), broken: everywhere('FIELD_SAME_ONEOF') },
  { name: 'a field moved out of a oneof that stays', old: order('  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), new: order('  string iban = 6;\n  oneof payment {\n    string card = 5;\n  }\n'), broken: everywhere('FIELD_SAME_ONEOF') },
  { name: 'oneof removed, its field kept outside', old: order('  oneof payment {\n    string card = 5;\n  }\n'), new: order('  string card = 5;\n'), broken: { FILE: ['FIELD_SAME_ONEOF', 'ONEOF_NO_DELETE'], PACKAGE: ['FIELD_SAME_ONEOF', 'ONEOF_NO_DELETE'], WIRE_JSON: ['FIELD_SAME_ONEOF'], WIRE: ['FIELD_SAME_ONEOF'] } },
  { name: 'field added to a oneof, field added: nothing', old: order('  oneof payment {\n    string card = 5;\n  }\n'), new: order('  string note = 2;\n  oneof payment {\n    string card = 5;\n    string iban = 6;\n  }\n'), broken: {} },
  { name: 'a message reserved range released', old: order('  reserved 4 to 6;\n'), new: order('  reserved 4, 6;\n'), broken: everywhere('RESERVED_MESSAGE_NO_DELETE') },
  { name: 'an enum reserved name released', old: status('  reserved "STATUS_OLD";\n'), new: status(''), broken: everywhere('RESERVED_ENUM_NO_DELETE') },
];

const load = (text: string, name: string) => loadProtoSchema(`file:///work/${name}.proto`, text, async () => undefined);

async function diff(oldText: string, newText: string): Promise<ProtobufChange[]> {
  return diffProtobufSchemas({ schema: await load(oldText, 'old') }, { schema: await load(newText, 'new') });
}

/** The Buf rules a category's judgement names, over every change, in the order the changes come. */
function brokenRules(changes: ProtobufChange[], category: BufCategory): string[] {
  const result = judgeChanges(changes, 'BACKWARD', 'strict', { rules: 'buf', category });
  return [...new Set(result.changes.flatMap((judged) => judged.buf?.rules ?? []))].sort();
}

describe("compatibility: Buf's breaking-change categories for Protobuf", function () {
  for (const testCase of CASES) {
    it(`${testCase.name}: ${BUF_CATEGORIES.map((category) => `${category} ${testCase.broken[category]?.length ? '✗' : '✓'}`).join(', ')}`, async function () {
      const changes = await diff(testCase.old, testCase.new);
      for (const category of BUF_CATEGORIES) assert.deepEqual(brokenRules(changes, category), [...(testCase.broken[category] ?? [])].sort(), `${testCase.name} under ${category}`);
    });
  }

  it('has a case for every Buf rule mapped', function () {
    const covered = new Set(CASES.flatMap((testCase) => Object.values(testCase.broken).flat()));
    assert.deepEqual(Object.keys(BUF_RULES).filter((id) => !covered.has(id)), []);
  });

  it('is not directional: a break breaks every direction the mode checks, NONE none, and warns of nothing', async function () {
    const changes = await diff(order('  string note = 2;\n'), order(''));
    for (const mode of COMPATIBILITY_MODES) {
      const [judged] = judgeChanges(changes, mode, 'strict', { rules: 'buf', category: 'FILE' }).changes;
      assert.deepEqual(judged!.breaks, directionsOf(mode), mode);
      assert.equal(judged!.compatible, mode === 'NONE', mode);
      assert.deepEqual(judged!.warnings, [], mode);
    }
    const reserved = await diff(order('  string note = 2;\n'), order('  reserved 2;\n  reserved "note";\n'));
    assert.equal(judgeChanges(reserved, 'FULL', 'strict', { rules: 'buf', category: 'WIRE_JSON' }).compatible, true);
  });

  it('says what to do about a removal: restore under FILE, reserve under WIRE', async function () {
    const changes = await diff(order('  string note = 2;\n'), order(''));
    const adviceUnder = (category: BufCategory) => judgeChanges(changes, 'BACKWARD', 'strict', { rules: 'buf', category }).changes[0]!.advice;
    assert.match(adviceUnder('FILE')!, /^Restore the field\. Reserving its number and name .* the break stays/);
    assert.equal(adviceUnder('WIRE'), 'Reserve its number (a quick fix does), or restore it.');
    assert.equal(adviceUnder('WIRE_JSON'), 'Reserve its number and name (a quick fix does), or restore it.');
  });

  it('the registry rules are unchanged by the option: { rules: registry } judges as no option', async function () {
    for (const testCase of CASES) {
      const changes = await diff(testCase.old, testCase.new);
      for (const mode of ['BACKWARD', 'FORWARD', 'FULL'] as const) {
        const plain = judgeChanges(changes, mode, 'strict');
        const registry = judgeChanges(changes, mode, 'strict', { rules: 'registry' });
        assert.deepEqual(registry, plain, testCase.name);
      }
    }
  });

  it('docs/compatibility.md lists each rule with the categories that hold it', function () {
    const text = fs.readFileSync(fromRepoRoot('docs', 'compatibility.md'), 'utf8');
    const section = text.slice(text.indexOf("## Buf's breaking-change rules"), text.indexOf('## AsyncAPI documents'));
    const documented = new Map<string, string[]>();
    for (const line of section.split('\n')) {
      const row = /^\| `([A-Z_]+)` \|(.*)$/.exec(line);
      if (!row) continue;
      const cells = row[2]!.split('|').map((cell) => cell.trim());
      documented.set(row[1]!, BUF_CATEGORIES.filter((_category, index) => cells[index] === '✓'));
    }
    const expected = new Map(Object.entries(BUF_RULES).map(([id, rule]) => [id, BUF_CATEGORIES.filter((category) => (rule.categories as readonly string[]).includes(category))]));
    assert.deepEqual(documented, expected);
  });
});
