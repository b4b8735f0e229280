import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProto } from '../../../server/src/engine/protobuf/protoSource';
import { findRepoRoot } from '../../grammar/repoRoot';

/** The reader of `.proto` files: real files read without a problem, and spans that point at the text they name. */
describe('protobuf: reading .proto files', function () {
  const google = path.join(findRepoRoot(), 'node_modules', 'protobufjs', 'google');

  it('reads the files protobufjs ships (proto2, proto3, editions, options with aggregates) without a problem', function () {
    const files = ['protobuf/descriptor.proto', 'protobuf/api.proto', 'protobuf/type.proto', 'protobuf/json_enumvalue_options.proto', 'protobuf/compiler/plugin.proto', 'api/http.proto'];
    for (const file of files) {
      const parsed = parseProto(fs.readFileSync(path.join(google, file), 'utf8'));
      assert.equal(parsed.problem, undefined, `${file}: ${JSON.stringify(parsed.problem)}`);
      assert.ok(parsed.messages.length > 0, file);
    }
  });

  it('keeps the span of every name, number, type, import and reserved range', function () {
    const text = 'syntax = "proto3";\npackage a.b;\nimport public "x/y.proto";\n// @RootNode\nmessage M {\n  repeated .a.b.N items = 3 [deprecated = true];\n  map<string, N> byId = 4;\n  oneof choice { string s = 5; }\n  reserved 7, 9 to max, "gone";\n}\nmessage N {}\n';
    const parsed = parseProto(text);
    const at = (span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);
    assert.equal(parsed.problem, undefined);
    assert.equal(parsed.package?.name, 'a.b');
    assert.equal(at(parsed.imports[0]!.pathSpan), '"x/y.proto"');
    assert.equal(parsed.imports[0]!.modifier, 'public');
    const message = parsed.messages[0]!;
    assert.equal(message.fullName, 'a.b.M');
    assert.match(message.comment ?? '', /@RootNode/);
    const [items, byId, choice] = message.fields;
    assert.deepEqual([at(items!.typeSpan), at(items!.nameSpan), at(items!.numberSpan), items!.label, items!.deprecated], ['.a.b.N', 'items', '3', 'repeated', true]);
    assert.deepEqual([at(byId!.typeSpan), byId!.map?.valueType, at(byId!.map!.valueSpan)], ['map<string, N>', 'N', 'N']);
    assert.equal(choice!.oneof, 'choice');
    assert.deepEqual(message.reserved.ranges.map((range) => [range.from, range.to, at(range.span)]), [[7, 7, '7'], [9, 536_870_911, '9 to max']]);
    assert.deepEqual(message.reserved.names.map((name) => at(name.span)), ['"gone"']);
  });

  it('stops at the first syntax error, at its token, keeping what came before', function () {
    const text = 'syntax = "proto3";\nmessage A { string id = 1; }\nmessage B { string id = ; }\n';
    const parsed = parseProto(text);
    assert.equal(parsed.messages.length, 1);
    assert.equal(parsed.problem?.message, 'Expected a field number, not ";"');
    assert.equal(parsed.problem.span.offset, text.indexOf('; }\n', text.indexOf('message B')));
    assert.match(parseProto('message A { /* never closed').problem?.message ?? '', /never closed/);
    assert.match(parseProto('syntax = "proto4";').problem?.message ?? '', /Unknown syntax "proto4"/);
  });
});
