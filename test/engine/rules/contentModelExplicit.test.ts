import * as assert from 'node:assert/strict';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';

const RULE = 'content-model-explicit';

const STOCK_FILE = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://schemas.example.com/events/stock-reserved.schema.json",
  "type": "object",
  "properties": {
    "reservations": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": { "sku": { "type": "string" } },
        "additionalProperties": false
      }
    }
  }
}
`;

const ORDERS = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      OrderPlaced: { $ref: '#/components/messages/OrderPlaced' }
      StockReserved: { $ref: '#/components/messages/StockReserved' }
components:
  messages:
    OrderPlaced:
      headers:
        type: object # broker headers
        properties:
          eventId: { type: string }
      payload:
        type: object
        additionalProperties: false
        properties:
          address:
            type: object
            properties:
              city: { type: string }
          lines:
            type: array
            items: { type: object, properties: { sku: { type: string } } }
          total: { $ref: '#/components/schemas/Money' }
          refund: { $ref: '#/components/schemas/Money' }
          delivery:
            oneOf:
              - { type: object, properties: { pickup: { type: string } } }
              - { type: object, properties: { carrier: { type: string } }, additionalProperties: true }
          anything:
            not: { type: object, properties: { forbidden: { type: string } } }
    StockReserved:
      payload: { $ref: './stock-reserved.schema.json' }
  schemas:
    Money:
      type: object
      properties:
        amount: { type: integer }
`;

describe('rule content-model-explicit', function () {
  it('reports every object schema that does not state its model, at any depth, each once, where it is written', async function () {
    const { lines } = await findingsOf(RULE, { 'orders.yaml': ORDERS, 'stock-reserved.schema.json': STOCK_FILE });
    assert.deepEqual(
      lines.map((line) => line.slice(0, line.indexOf(' does not say'))),
      [
        'orders.yaml:12:7 The headers object of message "OrderPlaced"',
        'orders.yaml:20:11 Object schema "address"',
        'orders.yaml:26:13 Object schema "lines[]"',
        'orders.yaml:31:17 Object schema "delivery(oneOf 0)"',
        'orders.yaml:38:5 Object schema "Money"',
        'stock-reserved.schema.json:4:3 This object schema',
      ],
    );
    assert.match(lines[0]!, /whether adding a property breaks consumers depends on it, and today it is open by default\. State additionalProperties: true \(what it means today\) or false$/);
  });

  it('leaves Avro payloads alone: records are closed by definition', async function () {
    const avro = `asyncapi: 3.0.0
info: { title: A, version: 1.0.0 }
components:
  messages:
    Dispatched:
      payload:
        schemaFormat: 'application/vnd.apache.avro;version=1.9.0'
        schema: { type: record, name: Dispatched, fields: [{ name: id, type: string }] }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': avro })).lines, []);
  });

  it('reports compositions where they are combined, not their parts', async function () {
    const composed = (dialect: string) => `{
  "$schema": "${dialect}",
  "allOf": [
    { "$ref": "#/definitions/Base" },
    { "properties": { "note": { "type": "string" } } }
  ],
  "definitions": { "Base": { "type": "object", "properties": { "id": { "type": "string" } } } }
}
`;
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    Noted:\n      payload: { $ref: './noted.schema.json' }\n";
    const draft7 = await findingsOf(RULE, { 'a.yaml': document, 'noted.schema.json': composed('http://json-schema.org/draft-07/schema#') });
    assert.deepEqual(draft7.lines, [
      'noted.schema.json:3:3 This object schema does not say whether it accepts properties it does not list: whether adding a property breaks consumers depends on it, and today it is open by default. State additionalProperties: true; to close it, move to JSON Schema 2019-09 or later and use unevaluatedProperties: false',
    ]);
    const draft2020 = await fixesOf(RULE, { 'a.yaml': document, 'noted.schema.json': composed('https://json-schema.org/draft/2020-12/schema').replace(/definitions/g, '$defs') });
    assert.deepEqual(draft2020.fixes.map((fix) => fix.title), ['Add unevaluatedProperties: true (keeps the model open, as it is today)', 'Add unevaluatedProperties: false (closes the model)']);
    // Where every member states its model, the composition does too.
    const explicit = composed('http://json-schema.org/draft-07/schema#').replace('"properties": { "note": { "type": "string" } }', '"properties": { "note": { "type": "string" } }, "additionalProperties": true').replace('"properties": { "id": { "type": "string" } }', '"properties": { "id": { "type": "string" } }, "additionalProperties": true');
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': document, 'noted.schema.json': explicit })).lines, []);
  });

  it('checks headers that a trait brings, and 2.x documents in JSON', async function () {
    const json = JSON.stringify(
      {
        asyncapi: '2.6.0',
        info: { title: 'A', version: '1.0.0' },
        channels: { c: { subscribe: { message: { name: 'Happened', traits: [{ $ref: '#/components/messageTraits/Headers' }], payload: { type: 'object', additionalProperties: true } } } } },
        components: { messageTraits: { Headers: { headers: { type: 'object', properties: { traceparent: { type: 'string' } } } } } },
      },
      null,
      2,
    );
    assert.deepEqual((await findingsOf(RULE, { 'a.json': json })).lines.map((line) => line.slice(0, line.indexOf(' does not say'))), ['a.json:28:9 This object schema']);
  });

  describe('fix', function () {
    it('offers additionalProperties: true first (today\'s meaning), and false as a breaking change', async function () {
      const { fixes } = await fixesOf(RULE, { 'orders.yaml': ORDERS, 'stock-reserved.schema.json': STOCK_FILE });
      assert.deepEqual(
        fixes.map((fix) => [fix.title, !!fix.preferred, !!fix.breaking]),
        [
          ['Add additionalProperties: true (keeps the model open, as it is today)', true, false],
          ['Add additionalProperties: false (closes the model)', false, true],
        ],
      );
      assert.equal(fixes[1]!.breaking, 'events that carry a property the schema does not list, from deployed producers or replayed from the log, fail validation');
    });

    it('adds it in block and flow YAML, keeping comments', async function () {
      const files = { 'orders.yaml': ORDERS, 'stock-reserved.schema.json': STOCK_FILE };
      const headers = await applyFix(RULE, files, /true/, 'orders.yaml', 0);
      assert.ok(headers['orders.yaml']!.includes('        type: object # broker headers\n        properties:\n          eventId: { type: string }\n        additionalProperties: true\n      payload:'), headers['orders.yaml']);
      const flow = await applyFix(RULE, files, /false/, 'orders.yaml', 2);
      assert.ok(flow['orders.yaml']!.includes('items: { type: object, properties: { sku: { type: string } }, additionalProperties: false }'), flow['orders.yaml']);
    });

    it('adds it to a referenced JSON schema file, in that file', async function () {
      const fixed = await applyFix(RULE, { 'orders.yaml': ORDERS, 'stock-reserved.schema.json': STOCK_FILE }, /true/, 'orders.yaml', 5);
      assert.deepEqual(JSON.parse(fixed['stock-reserved.schema.json']!).additionalProperties, true);
      assert.ok(fixed['stock-reserved.schema.json']!.endsWith('      }\n    }\n  },\n  "additionalProperties": true\n}\n'), fixed['stock-reserved.schema.json']);
    });
  });
});
