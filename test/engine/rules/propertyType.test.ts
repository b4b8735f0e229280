import * as assert from 'node:assert/strict';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';

const RULE = 'property-type';

const ORDERS = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      OrderPlaced: { $ref: '#/components/messages/OrderPlaced' }
components:
  messages:
    OrderPlaced:
      payload:
        type: object
        properties:
          orderId: { type: string }
          note: # free text from the customer
            description: What the customer wrote.
          total: { $ref: '#/components/schemas/Money' }
          channel: { enum: [web, pos] }
          version: { const: 1 }
          discount: { oneOf: [{ type: number }, { type: 'null' }] }
          anything: true
          lines:
            type: array
            items:
              type: object
              properties:
                quantity: {}
          tags:
            type: object
            patternProperties:
              '^x-': { description: extension }
          notThis:
            not: { properties: { hidden: {} } }
      examples:
        - payload:
            orderId: ord_1
            note: Leave it at the door
            lines: [{ quantity: 2 }, { quantity: 1 }]
        - payload:
            orderId: ord_2
            note: null
            lines: [{ quantity: 3 }]
  schemas:
    Money:
      type: object
      properties:
        amount: { type: integer }
        currency: { examples: [EUR, USD] }
`;

describe('rule property-type', function () {
  it('reports each property that says nothing of what it holds, at its key, at any depth', async function () {
    const { lines } = await findingsOf(RULE, { 'orders.yaml': ORDERS });
    assert.deepEqual(
      lines.map((line) => line.slice(0, line.indexOf(' does not say'))),
      ['orders.yaml:15:11 Property "note"', 'orders.yaml:27:17 Property "lines[].quantity"', 'orders.yaml:31:15 Properties matching "tags[/^x-/]"', 'orders.yaml:32:11 Property "notThis"', 'orders.yaml:48:9 Property "Money.currency"'],
    );
    assert.match(lines[0]!, /\(no type, \$ref, enum, const or combinator\): it accepts any value, so a producer can change what it sends without a schema change and consumers break at run time\. Give it a type$/);
  });

  it('reports properties of a referenced schema file in that file, and 2.x JSON documents', async function () {
    const schema = '{\n  "type": "object",\n  "properties": {\n    "id": { "type": "string" },\n    "payload": { "description": "whatever the source sent" }\n  }\n}\n';
    const json = JSON.stringify({ asyncapi: '2.6.0', info: { title: 'A', version: '1.0.0' }, channels: { c: { publish: { message: { payload: { $ref: './event.schema.json' } } } } } }, null, 2);
    assert.deepEqual((await findingsOf(RULE, { 'a.json': json, 'event.schema.json': schema })).lines.map((line) => line.slice(0, line.indexOf(' does not say'))), ['event.schema.json:5:5 Property "payload"']);
  });

  it('checks headers that a trait brings, where the trait is', async function () {
    const traits = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    Happened:\n      traits: [{ $ref: '#/components/messageTraits/Traced' }]\n      payload: { type: string }\n  messageTraits:\n    Traced:\n      headers:\n        type: object\n        properties:\n          traceparent: { description: W3C trace context }\n";
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': traits })).lines.map((line) => line.slice(0, line.indexOf(' does not say'))), ['a.yaml:13:11 Property "traceparent"']);
    await applyFix(RULE, { 'a.yaml': traits }, /a guess/);
  });

  it('leaves Avro payloads alone: every Avro field has a type', async function () {
    const avro = "asyncapi: 2.6.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  c:\n    subscribe:\n      message:\n        schemaFormat: application/vnd.apache.avro;version=1.9.0\n        payload: { type: record, name: R, fields: [{ name: id, type: string }] }\n";
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': avro })).lines, []);
  });

  describe('fix', function () {
    it('takes the type from the message examples (null joins it); a narrowed type breaks unless the message is only sent', async function () {
      const { fixes } = await fixesOf(RULE, { 'orders.yaml': ORDERS });
      // No operation uses the message: the default mode (BACKWARD) judges it, and a narrowed type
      // rejects what producers may already send.
      assert.deepEqual(fixes.map((fix) => [fix.title, !!fix.preferred]), [['Set type: [string, null] (what the 2 example values show)', true]]);
      assert.match(fixes[0]!.breaking ?? '', /accepts fewer JSON types .*Under BACKWARD/);
      const sent = ORDERS.replace('components:\n', "operations:\n  placeOrder:\n    action: send\n    channel: { $ref: '#/channels/orders' }\ncomponents:\n");
      const sentFixes = (await fixesOf(RULE, { 'orders.yaml': sent })).fixes;
      assert.deepEqual(sentFixes.map((fix) => [fix.title, fix.breaking]), [['Set type: [string, null] (what the 2 example values show)', undefined]], 'what a service sends may narrow: its consumers read it');
      const fixed = await applyFix(RULE, { 'orders.yaml': ORDERS }, /Set type/);
      assert.ok(fixed['orders.yaml']!.includes("          note: # free text from the customer\n            description: What the customer wrote.\n            type:\n              - string\n              - 'null'\n"), fixed['orders.yaml']);
    });

    it('reads values inside arrays, and the schema\'s own examples', async function () {
      const quantity = await applyFix(RULE, { 'orders.yaml': ORDERS }, /Set type: number \(what the 3 example values show\)/, 'orders.yaml', 1);
      assert.ok(quantity['orders.yaml']!.includes('                quantity: { type: number }'), quantity['orders.yaml']);
      const currency = await applyFix(RULE, { 'orders.yaml': ORDERS }, /Set type: string \(what the 2 example values show\)/, 'orders.yaml', 4);
      assert.ok(currency['orders.yaml']!.includes('        currency: { examples: [EUR, USD], type: string }'), currency['orders.yaml']);
    });

    it('reads the examples and default of the schemas above the property', async function () {
      const documented = ORDERS.replace('      payload:\n        type: object\n', '      payload:\n        type: object\n        default: { tags: { x-source: 3 } }\n');
      const { fixes } = await fixesOf(RULE, { 'orders.yaml': documented }, 'orders.yaml', 2);
      // `not` describes what a value must not be: it does not say what it is, and shows no values.
      assert.deepEqual((await fixesOf(RULE, { 'orders.yaml': documented }, 'orders.yaml', 3)).fixes.map((fix) => fix.title), ['Set type: string (a guess: no example shows a value)']);
      assert.deepEqual(fixes.map((fix) => fix.title), ['Set type: number (what the example value shows)']);
    });

    it('guesses string when nothing shows a value, and says that may break producers', async function () {
      const bare = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    Happened:\n      payload:\n        type: object\n        properties:\n          detail: {}\n";
      const { fixes } = await fixesOf(RULE, { 'a.yaml': bare });
      assert.deepEqual(fixes.map((fix) => fix.title), ['Set type: string (a guess: no example shows a value)']);
      assert.equal(fixes[0]!.breaking, 'producers that send a number, a boolean, an object or an array here fail validation');
      const fixed = await applyFix(RULE, { 'a.yaml': bare }, /a guess/);
      assert.ok(fixed['a.yaml']!.endsWith('          detail: { type: string }\n'), fixed['a.yaml']);
    });

    it('sets the type in a JSON schema file', async function () {
      const schema = '{\n  "type": "object",\n  "properties": {\n    "id": { "type": "string" },\n    "payload": { "description": "whatever the source sent" }\n  }\n}\n';
      const json = JSON.stringify({ asyncapi: '2.6.0', info: { title: 'A', version: '1.0.0' }, channels: { c: { publish: { message: { payload: { $ref: './event.schema.json' }, examples: [{ payload: { id: 'a', payload: { any: 1 } } }] } } } } }, null, 2);
      const fixed = await applyFix(RULE, { 'a.json': json, 'event.schema.json': schema }, /Set type: object/);
      assert.equal(fixed['event.schema.json'], schema.replace('"payload": { "description": "whatever the source sent" }', '"payload": { "description": "whatever the source sent", "type": "object" }'));
    });
  });
});
