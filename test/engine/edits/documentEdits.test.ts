import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import { appendToArray, removeValue, renameKey, setValue } from '../../../server/src/engine/edits/documentEdits';
import { parseSource } from '../../../server/src/engine/text/parse';
import { SourceFile, formatOf } from '../../../server/src/engine/text/sourceFile';
import type { JsonPath } from '../../../server/src/engine/text/paths';

function file(name: string, text: string) {
  const source = new SourceFile(`file:///edits/${name}`, text, 1, formatOf(name));
  return { source, root: parseSource(source).root };
}

function edited(name: string, text: string, edit: (target: ReturnType<typeof file>) => ReturnType<typeof setValue>) {
  const target = file(name, text);
  const result = applyEdits(target.source, edit(target));
  const reparsed = parseSource(new SourceFile(target.source.uri, result, 2, target.source.format));
  assert.deepEqual(reparsed.problems, [], `the edited text parses:\n${result}`);
  return { text: result, value: reparsed.value() as Record<string, unknown> };
}

const YAML = `# Orders service
asyncapi: 3.0.0
info:
  title: Orders   # the service name
  version: 1.0.0
components:
  messages:
    OrderPlaced:
      headers:
        type: object
        properties:
          correlationId: { type: string }
      payload:
        $ref: './order.json'
`;

describe('document edits keep formatting and comments', function () {
  it('YAML: adds a nested property at the indentation of its siblings', function () {
    const { text } = edited('a.yaml', YAML, (target) => setValue(target, ['components', 'messages', 'OrderPlaced', 'headers', 'properties', 'eventId'], { type: 'string', format: 'uuid' }));
    assert.equal(
      text,
      YAML.replace("          correlationId: { type: string }\n", "          correlationId: { type: string }\n          eventId:\n            type: string\n            format: uuid\n"),
    );
  });

  it('YAML: creates missing parents below the deepest existing node', function () {
    const { value } = edited('a.yaml', YAML, (target) => setValue(target, ['components', 'messages', 'OrderPlaced', 'bindings', 'kafka', 'key'], { type: 'string' }));
    assert.deepEqual((value.components as any).messages.OrderPlaced.bindings, { kafka: { key: { type: 'string' } } });
  });

  it('YAML: replaces a scalar in place and keeps the comment after it', function () {
    const { text } = edited('a.yaml', YAML, (target) => setValue(target, ['info', 'title'], 'Order Service'));
    assert.ok(text.includes('  title: Order Service   # the service name\n'), text);
  });

  it('YAML: adds to a flow mapping in flow style', function () {
    const { text } = edited('a.yaml', YAML, (target) => setValue(target, ['components', 'messages', 'OrderPlaced', 'headers', 'properties', 'correlationId', 'format'], 'uuid'));
    assert.ok(text.includes('correlationId: { type: string, format: uuid }'), text);
  });

  it('YAML: removes a property with its lines, and leaves the rest untouched', function () {
    const { text } = edited('a.yaml', YAML, (target) => removeValue(target, ['components', 'messages', 'OrderPlaced', 'payload']));
    assert.equal(text, YAML.replace("      payload:\n        $ref: './order.json'\n", ''));
  });

  it('YAML: appends to block and flow sequences', function () {
    const block = 'required:\n  - orderId\n  - total\n';
    assert.equal(edited('b.yaml', block, (target) => appendToArray(target, ['required'], 'eventId')).text, 'required:\n  - orderId\n  - total\n  - eventId\n');
    assert.equal(edited('c.yaml', 'required: [orderId]\n', (target) => appendToArray(target, ['required'], 'eventId')).text, 'required: [orderId, eventId]\n');
  });

  it('YAML: fills a key that has no value yet', function () {
    assert.equal(edited('d.yaml', 'info:\n  title:\n', (target) => setValue(target, ['info', 'title'], 'Orders')).text, 'info:\n  title: Orders\n');
  });

  it('YAML: follows a four-space indentation', function () {
    const text = 'info:\n    title: A\ncomponents:\n    schemas:\n        A:\n            type: object\n';
    assert.equal(
      edited('e.yaml', text, (target) => setValue(target, ['components', 'schemas', 'A', 'properties'], { id: { type: 'string' } })).text,
      text + '            properties:\n                id:\n                    type: string\n',
    );
  });

  it('YAML: replaces a flow value with a block one and keeps the next line', function () {
    assert.equal(edited('i.yaml', 'a:\n  b: { c: 1 }\n  d: 2\n', (target) => setValue(target, ['a', 'b'], { e: 2 })).text, 'a:\n  b:\n    e: 2\n  d: 2\n');
    assert.equal(edited('j.yaml', 'a:\n  b:\n    c: 1\n  d: 2\n', (target) => setValue(target, ['a', 'b'], { e: 2 })).text, 'a:\n  b:\n    e: 2\n  d: 2\n');
    assert.equal(edited('k.yaml', 'a:\n  b: { c: 1 }', (target) => setValue(target, ['a', 'b'], { e: 2 })).text, 'a:\n  b:\n    e: 2');
  });

  it('YAML: quotes what it writes as the file quotes, and leaves plain what needs no quotes', function () {
    const ref = { $ref: '#/channels/ordersDeadLetter' };
    const single = edited('a.yaml', YAML, (target) => setValue(target, ['components', 'messages', 'OrderPlaced', 'x-dead-letter'], ref));
    assert.match(single.text, /\n {6}x-dead-letter:\n {8}\$ref: '#\/channels\/ordersDeadLetter'\n/);
    const flow = edited('a.yaml', "a: { b: 'x' }\nc: ['y']\n", (target) => appendToArray(target, ['c'], 'here: now'));
    assert.equal(flow.text, "a: { b: 'x' }\nc: ['y', 'here: now']\n");
    const double = edited('a.yaml', YAML.replace("'./order.json'", '"./order.json"'), (target) => setValue(target, ['components', 'messages', 'OrderPlaced', 'x-dead-letter'], ref));
    assert.match(double.text, /\$ref: "#\/channels\/ordersDeadLetter"\n/);
    const plain = edited('a.yaml', YAML, (target) => setValue(target, ['info', 'description'], 'Orders, as placed.'));
    assert.match(plain.text, /\n {2}description: Orders, as placed\.\n/);
  });

  it('YAML: renames a key and keeps its value', function () {
    assert.equal(edited('f.yaml', 'messages:\n  PlaceOrder:\n    name: x\n', (target) => renameKey(target, ['messages', 'PlaceOrder'], 'OrderPlaced')).text, 'messages:\n  OrderPlaced:\n    name: x\n');
  });

  it('JSON: adds, replaces and removes with the file\'s own indentation', function () {
    const json = '{\n    "info": {\n        "title": "A"\n    }\n}\n';
    assert.equal(edited('g.json', json, (target) => setValue(target, ['info', 'version'], '1.0.0')).text, '{\n    "info": {\n        "title": "A",\n        "version": "1.0.0"\n    }\n}\n');
    assert.equal(edited('g.json', json, (target) => setValue(target, ['info', 'title'], 'B')).text, json.replace('"A"', '"B"'));
    assert.deepEqual(edited('g.json', json, (target) => removeValue(target, ['info', 'title'] as JsonPath)).value, { info: {} });
    assert.deepEqual(edited('h.json', '{"required": ["a"]}', (target) => appendToArray(target, ['required'], 'b')).value, { required: ['a', 'b'] });
  });

  it('JSON: removes an item or a property with its comma, leaving the rest as it was', function () {
    const json = '{\n  "a": 1,\n  "required": ["orderId", "total"],\n  "p": { "x": 1 }\n}\n';
    const remove = (path: JsonPath) => edited('r.json', json, (target) => removeValue(target, path)).text;
    assert.equal(remove(['required', 1]), json.replace('["orderId", "total"]', '["orderId"]'));
    assert.equal(remove(['required', 0]), json.replace('["orderId", "total"]', '["total"]'));
    assert.equal(remove(['a']), json.replace('  "a": 1,\n', ''));
    assert.equal(remove(['p']), json.replace(',\n  "p": { "x": 1 }', ''));
    assert.equal(remove(['p', 'x']), json.replace('{ "x": 1 }', '{}'));
    assert.equal(remove(['missing']), json, 'nothing to remove, nothing changes');
  });
});
