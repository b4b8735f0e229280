import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';

const RULE = 'ordering-key';

const ORDERS = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
servers:
  production: { host: kafka.example.com:9092, protocol: kafka }
channels:
  orderPlaced:
    address: orders.order-placed
    messages:
      OrderPlaced: { $ref: '#/components/messages/OrderPlaced' }
  orderShipped:
    address: orders.order-shipped
    messages:
      OrderShipped: { $ref: '#/components/messages/OrderShipped' }
components:
  messages:
    OrderPlaced: # published by the outbox relay
      payload:
        type: object
        required: [eventId, customerId, orderId]
        properties:
          eventId: { type: string, format: uuid }
          customerId: { type: string, format: uuid }
          orderId: { type: string, pattern: '^ord_[0-9A-Za-z]{12}$' }
          total: { type: number }
    OrderShipped:
      payload:
        type: object
        required: [orderId]
        properties:
          orderId: { type: string }
          carrierId: { type: string }
      bindings:
        kafka:
          key: { type: string }
          bindingVersion: '0.5.0'
      x-ordering-key: '$message.payload#/orderId'
`;

describe('rule ordering-key', function () {
  it('reports a Kafka message without a key, naming the property it would be taken from', async function () {
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': ORDERS })).lines, [
      'orders.yaml:16:5 Message "OrderPlaced" travels over kafka (channel orders.order-placed) but declares no partition key: without bindings.kafka.key, producers send it without one, Kafka spreads it over all partitions, and consumers may process two events of one order in the opposite order to how they happened. Declare the key, taken from orderId, with x-ordering-key naming the payload property it comes from.',
    ]);
  });

  it('adds the Kafka key and x-ordering-key, from the required entity id', async function () {
    const fixed = await applyFix(RULE, { 'orders.yaml': ORDERS }, /^Key message "OrderPlaced" by orderId: add bindings\.kafka\.key and x-ordering-key$/);
    assert.ok(
      fixed['orders.yaml']!.includes(`          total: { type: number }
      bindings:
        kafka:
          key:
            type: string
            pattern: ^ord_[0-9A-Za-z]{12}$
            description: 'The orderId of the payload: events with the same orderId go to the same partition and keep their order.'
      x-ordering-key: $message.payload#/orderId
    OrderShipped:`),
      fixed['orders.yaml'],
    );
  });

  it('adds the key inside an existing kafka binding', async function () {
    const document = ORDERS.replace('          total: { type: number }\n', "          total: { type: number }\n      bindings:\n        kafka: { bindingVersion: '0.5.0' }\n");
    const fixed = await applyFix(RULE, { 'orders.yaml': document }, /^Key message "OrderPlaced" by orderId/);
    assert.ok(fixed['orders.yaml']!.includes(`        kafka: { bindingVersion: '0.5.0', key: { type: string, pattern: '^ord_[0-9A-Za-z]{12}$', description: 'The orderId of the payload: events with the same orderId go to the same partition and keep their order.' } }\n      x-ordering-key: $message.payload#/orderId\n`), fixed['orders.yaml']);
  });

  it('checks that x-ordering-key names a required property of the payload', async function () {
    const wrong = ORDERS.replace("      x-ordering-key: '$message.payload#/orderId'", "      x-ordering-key: '$message.payload#/orderID'");
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': wrong })).lines, [
      'orders.yaml:16:5 Message "OrderPlaced" travels over kafka (channel orders.order-placed) but declares no partition key: without bindings.kafka.key, producers send it without one, Kafka spreads it over all partitions, and consumers may process two events of one order in the opposite order to how they happened. Declare the key, taken from orderId, with x-ordering-key naming the payload property it comes from.',
      'orders.yaml:36:23 x-ordering-key "$message.payload#/orderID" names orderID, which is no property of the payload of message "OrderShipped" (did you mean orderId?): producers find no key to send, and the order of events is lost.',
    ]);
    // (applyFix would take the old value's "#/orderID'" for a YAML comment that the fix lost.)
    const { fixes, workspace } = await fixesOf(RULE, { 'orders.yaml': wrong }, 'orders.yaml', 1);
    assert.deepEqual(fixes.map((fix) => fix.title), ['Point x-ordering-key of message "OrderShipped" at orderId']);
    const fixed = applyEdits((await workspace.engine.files.get(workspace.uri('orders.yaml')))!.source, fixes[0]!.edits.get(workspace.uri('orders.yaml'))!);
    assert.equal(fixed, ORDERS, 'the value is replaced in place, quoting kept');
    const optional = ORDERS.replace("'$message.payload#/orderId'", "'$message.payload#/carrierId'");
    assert.match((await findingsOf(RULE, { 'orders.yaml': optional })).lines[1]!, /names carrierId, which the payload of message "OrderShipped" does not require: messages without it have no key and lose their order\./);
    const moved = (await fixesOf(RULE, { 'orders.yaml': optional }, 'orders.yaml', 1)).fixes;
    assert.deepEqual(
      moved.map((fix) => [fix.title, fix.breaking, !!fix.preferred]),
      [['Point x-ordering-key of message "OrderShipped" at orderId (changes the partitioning)', 'messages keyed by $message.payload#/carrierId so far would be keyed by orderId: events of one entity produced before and after the change land in different partitions, and consumers may see them out of order', false]],
      'a key that works, if only sometimes, is not moved by fix-all',
    );
    const notAnExpression = ORDERS.replace("'$message.payload#/orderId'", 'orderId');
    assert.match((await findingsOf(RULE, { 'orders.yaml': notAnExpression })).lines[1]!, /x-ordering-key "orderId" is not a runtime expression: write the property the key is taken from as '\$message\.payload#\/orderId'/);
    const header = ORDERS.replace("'$message.payload#/orderId'", "'$message.header#/tenantId'").replace('    OrderShipped:\n', '    OrderShipped:\n      headers: { type: object, required: [tenantId], properties: { tenantId: { type: string } } }\n');
    assert.equal((await findingsOf(RULE, { 'orders.yaml': header })).lines.length, 1, 'a header is a fine key');
  });

  it('asks for x-ordering-key next to a Kafka key only with requireExtension', async function () {
    const document = ORDERS.replace("      x-ordering-key: '$message.payload#/orderId'\n", '');
    assert.equal((await findingsOf(RULE, { 'orders.yaml': document })).lines.length, 1);
    const config = `rules:\n  ${RULE}:\n    severity: warning\n    requireExtension: true\n`;
    const { lines } = await findingsOf(RULE, { 'orders.yaml': document }, 'orders.yaml', config);
    assert.equal(lines[1], 'orders.yaml:34:11 Message "OrderShipped" has a Kafka key but no x-ordering-key: nobody can tell which payload property the key is taken from, nor check that every producer uses the same one. Add x-ordering-key: \'$message.payload#/orderId\'.');
    const fixed = await applyFix(RULE, { 'orders.yaml': document }, /^Add x-ordering-key '\$message\.payload#\/orderId' to message "OrderShipped"$/, 'orders.yaml', 1, config);
    assert.ok(fixed['orders.yaml']!.endsWith("          bindingVersion: '0.5.0'\n      x-ordering-key: $message.payload#/orderId\n"), fixed['orders.yaml']);
  });

  it('keys a message like the other messages of its channel', async function () {
    const document = ORDERS.replace("      OrderPlaced: { $ref: '#/components/messages/OrderPlaced' }\n", "      OrderPlaced: { $ref: '#/components/messages/OrderPlaced' }\n      CustomerEvent:\n        payload: { type: object, required: [customerId], properties: { customerId: { type: string } } }\n        bindings: { kafka: { key: { type: string } } }\n        x-ordering-key: '$message.payload#/customerId'\n");
    const { fixes } = await fixesOf(RULE, { 'orders.yaml': document });
    assert.deepEqual(fixes.map((fix) => fix.title), ['Key message "OrderPlaced" by customerId: add bindings.kafka.key and x-ordering-key']);
  });

  it('takes the key schema from a property x-ordering-key already names', async function () {
    const document = ORDERS.replace('          total: { type: number }\n', "          total: { type: number }\n      x-ordering-key: '$message.payload#/customerId'\n");
    const fixed = await applyFix(RULE, { 'orders.yaml': document }, /^Key message "OrderPlaced" by customerId: add bindings\.kafka\.key$/);
    assert.ok(fixed['orders.yaml']!.includes('          key:\n            type: string\n            format: uuid\n'), fixed['orders.yaml']);
  });

  it('reads Avro payloads, in another file', async function () {
    const document = `asyncapi: 3.0.0
info: { title: Shipping, version: 1.0.0 }
servers:
  production: { host: kafka.example.com:9092, protocol: kafka-secure }
channels:
  shipmentDispatched:
    address: shipping.shipment-dispatched
    messages:
      ShipmentDispatched:
        payload:
          schemaFormat: 'application/vnd.apache.avro;version=1.9.0'
          schema:
            $ref: './shipment-dispatched.avsc'
`;
    const avro = JSON.stringify({
      type: 'record',
      name: 'ShipmentDispatched',
      fields: [
        { name: 'orderId', type: 'string' },
        { name: 'shipmentId', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'carrierId', type: ['null', 'string'], default: null },
      ],
    });
    const files = { 'shipping.yaml': document, 'shipment-dispatched.avsc': avro };
    const fixed = await applyFix(RULE, files, /^Key message "ShipmentDispatched" by shipmentId/);
    assert.ok(fixed['shipping.yaml']!.includes('            key:\n              type: string\n              format: uuid\n'), fixed['shipping.yaml']);
    const optional = document.replace('            $ref: \'./shipment-dispatched.avsc\'\n', "            $ref: './shipment-dispatched.avsc'\n        bindings: { kafka: { key: { type: string } } }\n        x-ordering-key: '$message.payload#/carrierId'\n");
    assert.match((await findingsOf(RULE, { ...files, 'shipping.yaml': optional })).lines[0]!, /names carrierId, which the payload of message "ShipmentDispatched" does not require/);
  });

  it('asks only for x-ordering-key on Pulsar, Kinesis and FIFO queues, and nothing elsewhere', async function () {
    const on = (protocol: string, binding = '') => `asyncapi: 3.0.0
info: { title: A, version: 1.0.0 }
servers:
  broker: { host: broker.example.com, protocol: ${protocol} }
channels:
  payments:
    address: payments${binding}
    messages:
      PaymentCaptured:
        payload: { type: object, required: [paymentId], properties: { paymentId: { type: string } } }
`;
    const pulsar = await findingsOf(RULE, { 'a.yaml': on('pulsar') });
    assert.deepEqual(pulsar.lines, [
      "a.yaml:9:7 Message \"PaymentCaptured\" travels over pulsar (channel payments), and pulsar keeps order per key, but it does not say which property its key is taken from: producers pick one each, and the events of one payment lose their order. Add x-ordering-key: '$message.payload#/paymentId'.",
    ]);
    const fixed = await applyFix(RULE, { 'a.yaml': on('pulsar') }, /^Add x-ordering-key '\$message\.payload#\/paymentId' to message "PaymentCaptured"$/);
    assert.ok(fixed['a.yaml']!.endsWith('        x-ordering-key: $message.payload#/paymentId\n'), fixed['a.yaml']);
    const fifo = on('sqs', '\n    bindings:\n      sqs:\n        queue: { name: payments.fifo, fifoQueue: true }');
    assert.match((await findingsOf(RULE, { 'a.yaml': fifo })).lines[0]!, /travels over sqs \(channel payments\), and SQS FIFO keeps order per MessageGroupId/);
    for (const unordered of [on('sqs', '\n    bindings:\n      sqs:\n        queue: { name: payments, fifoQueue: false }'), on('mqtt'), on('amqp')]) {
      assert.deepEqual((await findingsOf(RULE, { 'a.yaml': unordered })).lines, [], unordered);
    }
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': on('pulsar') }, 'a.yaml', `rules:\n  ${RULE}:\n    severity: info\n    protocols: [kafka]\n`)).lines, [], 'protocols option');
  });

  it('follows the bindings when the document has no servers, and not a server list the bindings contradict', async function () {
    const noServers = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  a:\n    address: a\n    bindings: { kafka: {} }\n    messages:\n      m: { payload: { type: object, required: [orderId], properties: { orderId: { type: string } } } }\n";
    assert.equal((await findingsOf(RULE, { 'a.yaml': noServers })).lines.length, 1);
    const amqpOnKafka = noServers.replace('channels:', 'servers:\n  kafka: { host: k.example.com, protocol: kafka }\nchannels:').replace('kafka: {}', 'amqp: { is: routingKey, exchange: { name: a, type: topic } }');
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': amqpOnKafka })).lines, [], 'channel-server reports that channel; it is no Kafka topic');
  });

  it('offers no fix when no property can be the key', async function () {
    const document = ORDERS.replace(/required: \[eventId, customerId, orderId\][\s\S]*?total: \{ type: number \}\n/, "required: [total]\n        properties:\n          eventId: { type: string }\n          total: { type: number }\n");
    const { lines } = await findingsOf(RULE, { 'orders.yaml': document });
    assert.match(lines[0]!, /consumers may process two events of one entity in the opposite order to how they happened\. Declare the key, with x-ordering-key naming the payload property it comes from\.$/);
    assert.deepEqual((await fixesOf(RULE, { 'orders.yaml': document })).fixes, []);
  });

  it('offers each required string or integer property when none is named as a key, for a person to choose', async function () {
    const document = ORDERS.replace(/required: \[eventId, customerId, orderId\][\s\S]*?total: \{ type: number \}\n/, "required: [eventId, sku, warehouse, quantity, total]\n        properties:\n          eventId: { type: string }\n          sku: { type: string }\n          warehouse: { type: integer }\n          quantity: { type: array }\n          total: { type: number }\n          note: { type: string }\n");
    const { fixes } = await fixesOf(RULE, { 'orders.yaml': document });
    assert.deepEqual(
      fixes.map((fix) => [fix.title, !!fix.manualOnly, !!fix.preferred]),
      [
        ['Key message "OrderPlaced" by sku: add bindings.kafka.key and x-ordering-key (sku is required; no property is named as a key)', true, false],
        ['Key message "OrderPlaced" by warehouse: add bindings.kafka.key and x-ordering-key (warehouse is required; no property is named as a key)', true, false],
      ],
    );
    const fixed = await applyFix(RULE, { 'orders.yaml': document }, /by sku/);
    assert.match(fixed['orders.yaml']!, /x-ordering-key: \$message\.payload#\/sku/);
    // Fix-all leaves a guess alone.
    const { workspace } = await fixesOf(RULE, { 'orders.yaml': document });
    const safe = await workspace.engine.safeFixes(workspace.uri('orders.yaml'));
    assert.ok(!safe.titles.some((title) => /by (sku|warehouse)/.test(title)), safe.titles.join(' | '));
  });

  it('in 2.x and JSON, and in the file that defines a shared message', async function () {
    const document = JSON.stringify(
      {
        asyncapi: '2.6.0',
        info: { title: 'A', version: '1.0.0' },
        servers: { production: { url: 'kafka.example.com:9092', protocol: 'kafka' } },
        channels: { 'stock/reserved': { subscribe: { message: { $ref: './messages.json#/StockReserved' } } } },
      },
      null,
      2,
    );
    const messages = JSON.stringify({ StockReserved: { payload: { type: 'object', required: ['orderId', 'warehouseId'], properties: { orderId: { type: 'string' }, warehouseId: { type: 'string' } } } } }, null, 2);
    const files = { 'a.json': document, 'messages.json': messages };
    assert.deepEqual((await findingsOf(RULE, files)).lines.map((line) => line.split(' ').slice(0, 2).join(' ')), ['messages.json:2:3 Message']);
    const fixed = await applyFix(RULE, files, /^Key message "StockReserved" by orderId/);
    assert.deepEqual(JSON.parse(fixed['messages.json']!).StockReserved['x-ordering-key'], '$message.payload#/orderId');
    assert.deepEqual(JSON.parse(fixed['messages.json']!).StockReserved.bindings.kafka.key.type, 'string');
    assert.equal(fixed['a.json'], document, 'the document itself is untouched');
  });
});
