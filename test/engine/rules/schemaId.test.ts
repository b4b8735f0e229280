import * as assert from 'node:assert/strict';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';

const RULE = 'schema-id';

/** A 3.0 document whose message payload is `payload` (indented under the message). */
const doc = (payload: string, extra = '') => `asyncapi: 3.0.0
id: 'urn:example:ecommerce:inventory'
info:
  title: Inventory Service
  version: 0.9.0
channels:
  stock:
    address: inventory.stock-reserved
    messages:
      StockReserved: { $ref: '#/components/messages/StockReserved' }
operations:
  publish:
    action: send
    channel: { $ref: '#/channels/stock' }
    messages: [{ $ref: '#/channels/stock/messages/StockReserved' }]
components:
  messages:
    StockReserved:
      name: StockReserved
      payload:
${payload.replace(/^/gm, '        ')}
${extra}`;

const STOCK_FILE = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "StockReserved",
  "type": "object",
  "properties": { "orderId": { "type": "string" } }
}
`;

const MONEY_FILE = '{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "$id": "https://schemas.example.com/events/money.schema.json",\n  "type": "object"\n}\n';

describe('rule schema-id', function () {
  it('reports an inline JSON Schema payload without $id at the payload, naming the message', async function () {
    assert.deepEqual((await findingsOf(RULE, { 'inventory.yaml': doc('type: object # the reservation') })).lines, [
      'inventory.yaml:20:7 The payload schema of message "StockReserved" has no $id: schema registries, compatibility checks and consumers that validate events cannot tell which schema, in which version, an event was written against. Give it an $id, a URI that changes with each major version',
    ]);
  });

  it('reports a referenced schema file in that file, once for all the messages that use it', async function () {
    const twice = doc("$ref: './schemas/stock.schema.json'").replace("      StockReserved: { $ref: '#/components/messages/StockReserved' }\n", "      StockReserved: { $ref: '#/components/messages/StockReserved' }\n      Again: { $ref: '#/components/messages/Again' }\n") + "    Again:\n      payload: { $ref: './schemas/stock.schema.json' }\n";
    const { lines } = await findingsOf(RULE, { 'inventory.yaml': twice, 'schemas/stock.schema.json': STOCK_FILE }, 'inventory.yaml');
    assert.deepEqual(lines.map((line) => line.slice(0, line.indexOf(':', line.indexOf(' ')))), ['schemas/stock.schema.json:1:1 This payload schema has no $id']);
  });

  it('accepts $id (and a draft-04 id), and leaves Avro and other formats to their own identity (Protobuf: a message in a package)', async function () {
    const quiet: Record<string, string> = {
      'inline $id': "$id: 'urn:example:stock-reserved:v1'\ntype: object",
      'draft-04 id': "$ref: './old.schema.json'",
      'Avro, 3.x multi-format': "schemaFormat: 'application/vnd.apache.avro;version=1.9.0'\nschema: { type: record, name: StockReserved, fields: [] }",
      'Protobuf': "schemaFormat: 'application/vnd.google.protobuf;version=3'\nschema: 'syntax = \"proto3\"; package inventory.v1; message StockReserved {}'",
    };
    const old = '{ "$schema": "http://json-schema.org/draft-04/schema#", "id": "urn:example:old", "type": "object" }';
    for (const [what, payload] of Object.entries(quiet)) assert.deepEqual((await findingsOf(RULE, { 'inventory.yaml': doc(payload), 'old.schema.json': old })).lines, [], what);
    const avro2 = `asyncapi: 2.6.0
info: { title: A, version: 1.0.0 }
channels:
  stock:
    subscribe:
      message:
        schemaFormat: application/vnd.apache.avro;version=1.9.0
        payload: { type: record, name: StockReserved, fields: [] }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': avro2 })).lines, []);
  });

  it('checks a payload that a trait or a component schema provides, where it is written', async function () {
    const viaTrait = `asyncapi: 2.6.0
info: { title: A, version: 1.0.0 }
channels:
  stock:
    subscribe:
      message:
        name: StockReserved
        traits:
          - $ref: '#/components/messageTraits/WithPayload'
components:
  messageTraits:
    WithPayload:
      payload: { $ref: '#/components/schemas/Stock' }
  schemas:
    Stock:
      type: object
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': viaTrait })).lines.map((line) => line.slice(0, line.indexOf(' has no'))), ['a.yaml:15:5 This payload schema']);
  });

  describe('fix', function () {
    it('follows the $id pattern of the workspace schema files, after $schema', async function () {
      const files = { 'inventory.yaml': doc("$ref: './schemas/stock.schema.json'"), 'schemas/stock.schema.json': STOCK_FILE, 'schemas/money.schema.json': MONEY_FILE };
      const fixed = await applyFix(RULE, files, /Add \$id "https:\/\/schemas.example.com\/events\/stock.schema.json"/, 'inventory.yaml');
      // The workspace's convention: applied by fix-all.
      assert.equal((await fixesOf(RULE, files, 'inventory.yaml')).fixes[0]!.manualOnly, undefined);
      assert.equal(
        fixed['schemas/stock.schema.json'],
        STOCK_FILE.replace('"$schema": "http://json-schema.org/draft-07/schema#",\n', '"$schema": "http://json-schema.org/draft-07/schema#",\n  "$id": "https://schemas.example.com/events/stock.schema.json",\n'),
      );
    });

    it('builds the $id from the document id, with the major version, as the first key of an inline payload', async function () {
      const fixed = await applyFix(RULE, { 'inventory.yaml': doc('# the reservation\ntype: object\nproperties:\n  orderId: { type: string }') }, /Add \$id/);
      assert.ok(fixed['inventory.yaml']!.includes('      payload:\n        # the reservation\n        $id: urn:example:ecommerce:inventory:schemas:stock-reserved:v0\n        type: object\n'), fixed['inventory.yaml']);
    });

    it('uses the idTemplate option, or a URN from the title when nothing else says', async function () {
      const config = "rules:\n  schema-id:\n    severity: warning\n    idTemplate: 'https://registry.acme.test/{application}/{message}/v{major}'\n";
      const templated = await applyFix(RULE, { 'inventory.yaml': doc('type: object') }, /Add \$id "https:\/\/registry.acme.test\/inventory-service\/stock-reserved\/v0"/, 'inventory.yaml', 0, config);
      assert.ok(templated['inventory.yaml']!.includes('$id: https://registry.acme.test/inventory-service/stock-reserved/v0\n        type: object'));
      assert.equal((await fixesOf(RULE, { 'inventory.yaml': doc('type: object') }, 'inventory.yaml', 0, config)).fixes[0]!.manualOnly, undefined);
      const { fixes } = await fixesOf(RULE, { 'inventory.yaml': doc('type: object').replace("id: 'urn:example:ecommerce:inventory'\n", '') });
      assert.deepEqual(fixes.map((fix) => fix.title), ['Add $id "urn:inventory-service:schemas:stock-reserved:v0"']);
      // An identity made up from the document is a proposal: never applied by fix-all.
      assert.equal(fixes[0]!.manualOnly, true);
    });

    it('adds the $id in JSON documents (2.x), keeping the layout', async function () {
      const json = '{\n  "asyncapi": "2.6.0",\n  "info": { "title": "Mailer", "version": "2.1.0" },\n  "channels": {\n    "mail": {\n      "subscribe": {\n        "message": {\n          "name": "EmailSent",\n          "payload": {\n            "type": "object"\n          }\n        }\n      }\n    }\n  }\n}\n';
      const fixed = await applyFix(RULE, { 'mailer.json': json }, /Add \$id "urn:mailer:schemas:email-sent:v2"/);
      assert.equal(fixed['mailer.json'], json.replace('          "payload": {\n', '          "payload": {\n            "$id": "urn:mailer:schemas:email-sent:v2",\n'));
    });

    it('offers no $id under which the references inside the schema would lead elsewhere', async function () {
      // A relative file reference, and no workspace pattern: a URN cannot be a base for it.
      const withRef = STOCK_FILE.replace('"properties": {', '"properties": { "total": { "$ref": "money.schema.json" },');
      const alone = await fixesOf(RULE, { 'inventory.yaml': doc("$ref: './schemas/stock.schema.json'"), 'schemas/stock.schema.json': withRef, 'schemas/money.schema.json': MONEY_FILE.replace(/"\$id"[^\n]*\n/, '') }, 'inventory.yaml');
      assert.deepEqual(alone.fixes, []);
      // With the workspace pattern, the reference resolves to money.schema.json's $id: offered.
      const patterned = await fixesOf(RULE, { 'inventory.yaml': doc("$ref: './schemas/stock.schema.json'"), 'schemas/stock.schema.json': withRef, 'schemas/money.schema.json': MONEY_FILE }, 'inventory.yaml');
      assert.equal(patterned.fixes.length, 1);
      // A local pointer inside a schema embedded in the document would point into the schema itself.
      const embedded = await fixesOf(RULE, { 'inventory.yaml': doc("type: object\nproperties:\n  total: { $ref: '#/components/schemas/Money' }", '  schemas:\n    Money: { type: object }\n') });
      assert.deepEqual(embedded.fixes, []);
    });
  });
});
