import * as assert from 'node:assert/strict';
import * as avro from 'avsc';
import { parse } from 'yaml';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';

const RULE = 'message-examples';

const HEADERS = `# shared headers
components:
  schemas:
    EventHeaders:
      type: object
      required: [eventId, traceparent]
      properties:
        eventId: { type: string, format: uuid }
        traceparent: { type: string, pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' }
      additionalProperties: true
`;

const STOCK = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://schemas.example.com/events/stock-reserved.schema.json",
  "type": "object",
  "required": ["orderId", "warehouseId", "reservations", "reservedUntil"],
  "properties": {
    "orderId": { "type": "string", "pattern": "^ord_[0-9A-Za-z]{12}$" },
    "warehouseId": { "type": "string", "enum": ["FRA-1", "AMS-2"] },
    "reservations": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": ["sku", "quantity"],
        "properties": { "sku": { "type": "string", "pattern": "^[A-Z0-9-]{4,32}$" }, "quantity": { "type": "integer", "minimum": 1 } },
        "additionalProperties": false
      }
    },
    "reservedUntil": { "type": "string", "format": "date-time" }
  }
}
`;

const INVENTORY = `asyncapi: 3.0.0
info: { title: Inventory, version: 0.9.0 }
channels:
  stock:
    address: inventory.stock-reserved
    messages:
      StockReserved: { $ref: '#/components/messages/StockReserved' }
      StockReleased: { $ref: '#/components/messages/StockReleased' }
components:
  messages:
    # TODO: examples before 1.0
    StockReserved:
      name: StockReserved
      headers:
        $ref: './common/headers.yaml#/components/schemas/EventHeaders'
      payload:
        $ref: './schemas/stock-reserved.schema.json'
    StockReleased:
      name: StockReleased
      headers:
        $ref: './common/headers.yaml#/components/schemas/EventHeaders'
      payload: { type: object, properties: { orderId: { type: string } } }
      examples:
        - name: released
          payload: { orderId: ord_1 }
`;

const FILES = { 'inventory.yaml': INVENTORY, 'common/headers.yaml': HEADERS, 'schemas/stock-reserved.schema.json': STOCK };

describe('rule message-examples', function () {
  it('reports a message without examples, and examples that leave out a part the message has, at the message', async function () {
    assert.deepEqual((await findingsOf(RULE, FILES, 'inventory.yaml')).lines, [
      'inventory.yaml:12:5 Message "StockReserved" has no examples: other teams learn from an example what its payload and headers look like, and mocks, contract tests and documentation are built from one. Add an example',
      'inventory.yaml:18:5 No example of message "StockReleased" shows its headers: readers of the examples do not see what a whole event looks like. Add them to an example',
    ]);
  });

  it('accepts examples from traits, and messages with nothing to show', async function () {
    const quiet = `asyncapi: 2.6.0
info: { title: A, version: 1.0.0 }
channels:
  c:
    subscribe:
      message:
        oneOf:
          - traits: [{ $ref: '#/components/messageTraits/Documented' }]
          - name: Ping
components:
  messageTraits:
    Documented:
      payload: { type: string }
      examples: [{ payload: hello }]
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': quiet })).lines, []);
  });

  it('counts headers a trait brings, and fixes the message that lacks their example', async function () {
    const traits = `asyncapi: 2.6.0
info: { title: A, version: 1.0.0 }
channels:
  c:
    subscribe:
      message:
        name: Happened
        traits:
          - $ref: '#/components/messageTraits/Traced'
        payload: { type: object, properties: { id: { type: string } } }
        examples:
          - payload: { id: a1 }
components:
  messageTraits:
    Traced:
      headers: { type: object, required: [traceparent], properties: { traceparent: { type: string, pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' } } }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': traits })).lines.map((line) => line.slice(0, line.indexOf(':', 12))), ['a.yaml:6:7 No example of message "Happened" shows its headers']);
    const fixed = await applyFix(RULE, { 'a.yaml': traits }, /Add headers generated from the headers schema to example #1/);
    assert.ok(fixed['a.yaml']!.includes('          - payload: { id: a1 }\n            headers:\n              traceparent: 00-0123456789abcdef0123456789abcdef-0123456789abcdef-01\n'), fixed['a.yaml']);
    assert.deepEqual((await findingsOf('message-example-invalid', fixed)).lines, []);
  });

  it('reports a message of another file in that file, and 2.x messages in JSON', async function () {
    const shared = 'Pinged:\n  payload: { type: object }\n';
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  c:\n    address: c\n    messages:\n      pinged: { $ref: './shared.yaml#/Pinged' }\n";
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': document, 'shared.yaml': shared })).lines.map((line) => line.slice(0, line.indexOf(' has no'))), ['shared.yaml:1:1 Message "pinged"']);
    const json = JSON.stringify({ asyncapi: '2.6.0', info: { title: 'A', version: '1.0.0' }, channels: { c: { publish: { message: { name: 'Pinged', payload: { type: 'object' }, examples: [{ headers: { a: 1 } }] } } } } }, null, 2);
    assert.deepEqual((await findingsOf(RULE, { 'a.json': json })).lines.map((line) => line.slice(0, line.indexOf('. Add'))), ['a.json:10:9 No example of message "Pinged" shows its payload: readers of the examples do not see what a whole event looks like']);
  });

  describe('fix', function () {
    it('adds an example generated from the payload and headers schemas, that they accept', async function () {
      const { fixes } = await fixesOf(RULE, FILES, 'inventory.yaml');
      assert.deepEqual(fixes.map((fix) => [fix.title, !!fix.preferred, !!fix.breaking]), [['Add an example generated from the payload and headers schemas', true, false]]);
      const fixed = await applyFix(RULE, FILES, /Add an example/, 'inventory.yaml');
      const document = parse(fixed['inventory.yaml']!);
      assert.deepEqual(document.components.messages.StockReserved.examples, [
        {
          name: 'generatedFromSchema',
          summary: 'Generated from the message schemas by event-design: replace the values with a realistic event.',
          headers: { eventId: '3b241101-e2bb-4255-8caf-4136c566a962', traceparent: '00-0123456789abcdef0123456789abcdef-0123456789abcdef-01' },
          payload: { orderId: 'ord_0123456789AB', warehouseId: 'FRA-1', reservations: [{ sku: 'ABCD', quantity: 1 }], reservedUntil: '2024-01-15T09:30:00Z' },
        },
      ]);
      assert.ok(fixed['inventory.yaml']!.includes('    # TODO: examples before 1.0\n'));
      // message-example-invalid finds nothing wrong with it.
      assert.deepEqual((await findingsOf('message-example-invalid', fixed, 'inventory.yaml')).lines, []);
    });

    it('adds the missing part to the first example', async function () {
      const fixed = await applyFix(RULE, FILES, /Add headers generated from the headers schema to example "released"/, 'inventory.yaml', 1);
      assert.ok(fixed['inventory.yaml']!.includes('        - name: released\n          payload: { orderId: ord_1 }\n          headers:\n            eventId: 3b241101-e2bb-4255-8caf-4136c566a962\n'), fixed['inventory.yaml']);
      assert.deepEqual((await findingsOf('message-example-invalid', fixed, 'inventory.yaml')).lines, []);
    });

    it('generates from Avro payloads (multi-format schema, referenced .avsc)', async function () {
      const avsc = JSON.stringify({
        type: 'record',
        name: 'ShipmentDispatched',
        namespace: 'com.example.shipping',
        fields: [
          { name: 'shipmentId', type: { type: 'string', logicalType: 'uuid' } },
          { name: 'carrier', type: { type: 'enum', name: 'Carrier', symbols: ['DHL', 'UPS'] } },
          { name: 'trackingUrl', type: ['null', 'string'], default: null },
          { name: 'dispatchedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
          { name: 'parcels', type: { type: 'array', items: { type: 'record', name: 'Parcel', fields: [{ name: 'weightGrams', type: 'int' }] } } },
        ],
      });
      const shipping = `asyncapi: 3.0.0
info: { title: Shipping, version: 1.0.0 }
components:
  messages:
    ShipmentDispatched:
      payload:
        schemaFormat: 'application/vnd.apache.avro;version=1.9.0'
        schema:
          $ref: './shipment-dispatched.avsc'
`;
      const files = { 'shipping.yaml': shipping, 'shipment-dispatched.avsc': avsc };
      const { fixes } = await fixesOf(RULE, files);
      assert.deepEqual(fixes.map((fix) => fix.title), ['Add an example generated from the payload schema (Avro)']);
      const fixed = await applyFix(RULE, files, /Avro/);
      const example = parse(fixed['shipping.yaml']!).components.messages.ShipmentDispatched.examples[0].payload;
      assert.ok(avro.Type.forSchema(JSON.parse(avsc)).isValid(example), JSON.stringify(example));
      assert.deepEqual((await findingsOf('message-example-invalid', fixed, 'shipping.yaml')).lines, []);
    });

    it('adds the example in JSON documents, keeping the layout', async function () {
      const json = '{\n  "asyncapi": "2.6.0",\n  "info": { "title": "A", "version": "1.0.0" },\n  "channels": {\n    "c": {\n      "publish": {\n        "message": {\n          "name": "Pinged",\n          "payload": { "type": "object", "required": ["at"], "properties": { "at": { "type": "string", "format": "date-time" } } }\n        }\n      }\n    }\n  }\n}\n';
      const fixed = await applyFix(RULE, { 'a.json': json }, /Add an example generated from the payload schema/);
      const message = JSON.parse(fixed['a.json']!).channels.c.publish.message;
      assert.deepEqual(message.examples, [{ name: 'generatedFromSchema', summary: 'Generated from the message schemas by event-design: replace the values with a realistic event.', payload: { at: '2024-01-15T09:30:00Z' } }]);
      assert.ok(fixed['a.json']!.startsWith('{\n  "asyncapi": "2.6.0",\n  "info": { "title": "A", "version": "1.0.0" },\n'));
    });

    it('offers nothing for a pattern it cannot generate or check in linear time (huge quantifiers, backreferences), and returns', async function () {
      for (const pattern of ['a{99999999}', '(a{1000}){1000}', '^(\\w+)-\\1$', '^(?=.*[0-9]).+$']) {
        const document = `asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    Huge:\n      payload: { type: string, pattern: '${pattern}' }\n`;
        assert.equal((await findingsOf(RULE, { 'a.yaml': document })).lines.length, 1, pattern);
        assert.deepEqual((await fixesOf(RULE, { 'a.yaml': document })).fixes, [], pattern);
      }
    });

    it('offers nothing rather than an example the schema rejects', async function () {
      const impossible = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    Odd:\n      payload: { type: string, minLength: 5, maxLength: 2 }\n";
      assert.equal((await findingsOf(RULE, { 'a.yaml': impossible })).lines.length, 1);
      assert.deepEqual((await fixesOf(RULE, { 'a.yaml': impossible })).fixes, []);
    });
  });
});
