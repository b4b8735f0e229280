import * as assert from 'node:assert/strict';
import { runParser } from '../../../server/src/engine/asyncapi/parserValidation';
import { applyFix, findingsOf, fixesOf, workspaceOf } from './ruleHarness';

const RULE = 'channel-server';

/** The shipping service of examples/: Kafka only, and a label-print channel with an AMQP binding. */
const SHIPPING = `asyncapi: 3.0.0
info: { title: Shipping, version: 1.0.0 }
servers:
  production:
    host: kafka.internal.example.com:9092
    protocol: kafka
  staging:
    host: kafka.staging.internal.example.com:9092
    protocol: kafka
channels:
  createShipment:
    address: shipping.create-shipment
    bindings:
      kafka: { partitions: 6 }
  # The warehouse printers sit behind a RabbitMQ we have not declared yet.
  labelPrintJobs:
    address: warehouse.label-print
    bindings:
      amqp:
        is: routingKey
        exchange: { name: warehouse, type: direct }
operations:
  printShippingLabel:
    action: send
    channel:
      $ref: '#/channels/labelPrintJobs'
`;

/** Orders: channels list their servers, and one RabbitMQ server exists. */
const ORDERS = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
servers:
  production: { host: kafka.internal.example.com:9092, protocol: kafka }
  rabbitmq: { host: rabbitmq.internal.example.com:5672, protocol: amqp }
channels:
  orderStatusChanged:
    address: 'order.{orderId}.status-changed'
    servers:
      - $ref: '#/servers/production' # moved from RabbitMQ by mistake
    parameters:
      orderId: { description: Order id. }
    bindings:
      amqp: { is: routingKey, exchange: { name: order-status, type: topic } }
`;

describe('rule channel-server', function () {
  it('reports a channel whose binding names a protocol none of its servers speaks, at the binding', async function () {
    assert.deepEqual((await findingsOf(RULE, { 'shipping.yaml': SHIPPING })).lines, [
      'shipping.yaml:19:7 Channel "labelPrintJobs" (warehouse.label-print) has a binding for amqp, but none of its servers speaks amqp: it lists no servers, so it is on all of them: production and staging (kafka). No broker carries the channel as described. Declare a server with protocol amqp and put the channel on it.',
    ]);
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': ORDERS })).lines, [
      'orders.yaml:14:7 Channel "orderStatusChanged" (order.{orderId}.status-changed) has a binding for amqp, but none of its servers speaks amqp: it is on production (kafka). No broker carries the channel as described. Put the channel on server "rabbitmq", the document\'s amqp server.',
    ]);
  });

  it('reads the protocol from operation bindings too, and reports it at the operation', async function () {
    const document = SHIPPING.replace('    bindings:\n      amqp:\n        is: routingKey\n        exchange: { name: warehouse, type: direct }\n', '').replace("      $ref: '#/channels/labelPrintJobs'\n", "      $ref: '#/channels/labelPrintJobs'\n    bindings:\n      amqp: { deliveryMode: 2 }\n");
    const { lines } = await findingsOf(RULE, { 'shipping.yaml': document });
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^shipping\.yaml:24:7 Operation "printShippingLabel" has a binding for amqp on channel "labelPrintJobs" \(warehouse\.label-print\), but none of the channel's servers speaks amqp: /);
  });

  it('accepts bindings spoken by a server of the channel, whatever the variant of the protocol', async function () {
    const secure = `asyncapi: 3.0.0
info: { title: A, version: 1.0.0 }
servers:
  cloud: { host: broker.example.com:9093, protocol: kafka-secure }
  iot: { host: mqtt.example.com:8883, protocol: secure-mqtt }
channels:
  readings:
    address: readings
    servers: [{ $ref: '#/servers/cloud' }]
    bindings: { kafka: { partitions: 3 } }
  commands:
    address: commands
    servers: [{ $ref: '#/servers/iot' }]
    bindings: { mqtt5: {}, x-custom: {} }
  everywhere:
    address: everywhere
    bindings: { mqtt: {}, kafka: {} }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': secure })).lines, []);
  });

  it('follows servers defined in another file', async function () {
    const document = `asyncapi: 3.0.0
info: { title: Frontend, version: 1.0.0 }
servers:
  websocket:
    $ref: './common/servers.yaml#/websiteWebSocketServer'
channels:
  likes:
    address: like/comment
    bindings: { ws: { method: GET } }
`;
    const servers = 'websiteWebSocketServer:\n  host: ws.example.com\n  protocol: wss\n';
    assert.deepEqual((await findingsOf(RULE, { 'frontend.yaml': document, 'common/servers.yaml': servers })).lines, []);
    const mqtt = servers.replace('protocol: wss', 'protocol: mqtt');
    assert.match((await findingsOf(RULE, { 'frontend.yaml': document, 'common/servers.yaml': mqtt })).lines.join('\n'), /^frontend\.yaml:9:17 Channel "likes" \(like\/comment\) has a binding for ws, but none of its servers speaks ws: it lists no servers, so it is on all of them: websocket \(mqtt\)\./);
  });

  it('leaves unknown servers and servers without protocol to the checks that report them', async function () {
    const unknown = ORDERS.replace("$ref: '#/servers/production'", "$ref: '#/servers/nowhere'");
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': unknown })).lines, []);
    const noProtocol = ORDERS.replace('production: { host: kafka.internal.example.com:9092, protocol: kafka }', 'production: { host: kafka.internal.example.com:9092 }');
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': noProtocol })).lines, []);
  });

  it('puts the channel on the one server that speaks the protocol', async function () {
    const { fixes } = await fixesOf(RULE, { 'orders.yaml': ORDERS });
    assert.deepEqual(fixes.map((fix) => [!!fix.preferred, !!fix.manualOnly]), [[true, false]], 'the obvious fix, for "fix all" too');
    const fixed = await applyFix(RULE, { 'orders.yaml': ORDERS }, /^Put channel "orderStatusChanged" on server "rabbitmq" \(amqp\)$/);
    assert.equal(fixed['orders.yaml'], ORDERS.replace("      - $ref: '#/servers/production' # moved from RabbitMQ by mistake\n", "      - $ref: '#/servers/production' # moved from RabbitMQ by mistake\n      - $ref: '#/servers/rabbitmq'\n"));
  });

  it('offers each server when several speak the protocol, and leaves the choice to a person', async function () {
    const two = ORDERS.replace('  rabbitmq: {', '  rabbitmqUs: { host: rabbitmq.us.example.com:5672, protocol: amqp }\n  rabbitmq: {');
    const { lines } = await findingsOf(RULE, { 'orders.yaml': two });
    assert.match(lines[0]!, /Put the channel on one of the document's amqp servers: "rabbitmqUs" or "rabbitmq"\.$/);
    const { fixes } = await fixesOf(RULE, { 'orders.yaml': two });
    assert.deepEqual(
      fixes.map((fix) => [fix.title, !!fix.preferred, !!fix.manualOnly, fix.breaking]),
      [
        ['Put channel "orderStatusChanged" on server "rabbitmqUs" (amqp)', false, true, undefined],
        ['Put channel "orderStatusChanged" on server "rabbitmq" (amqp)', false, true, undefined],
      ],
    );
    await applyFix(RULE, { 'orders.yaml': two }, /on server "rabbitmqUs"/);
  });

  it('adds a placeholder server, and keeps every other channel on the servers it was on', async function () {
    const { fixes } = await fixesOf(RULE, { 'shipping.yaml': SHIPPING });
    assert.deepEqual(fixes.map((fix) => !!fix.manualOnly), [true], 'a made-up host is not written by "fix all"');
    // The channel leaves the Kafka server it was on by default: the compatibility engine says so.
    assert.match(fixes[0]!.breaking ?? '', /A channel is no longer available on a server/);
    const fixed = await applyFix(RULE, { 'shipping.yaml': SHIPPING }, /^Add a placeholder amqp server "amqp" for channel "labelPrintJobs" \(then replace its host\)$/);
    assert.equal(
      fixed['shipping.yaml'],
      SHIPPING.replace(
        '    protocol: kafka\nchannels:',
        `    protocol: kafka
  amqp:
    host: amqp.example.invalid:5672
    protocol: amqp
    description: 'Placeholder added by event-design: replace the host with the broker that carries these channels.'
channels:`,
      )
        .replace('      kafka: { partitions: 6 }\n', "      kafka: { partitions: 6 }\n    servers:\n      - $ref: '#/servers/production'\n      - $ref: '#/servers/staging'\n")
        .replace('        exchange: { name: warehouse, type: direct }\n', "        exchange: { name: warehouse, type: direct }\n    servers:\n      - $ref: '#/servers/amqp'\n"),
    );
    // The placeholder is not a broker: the rule asks for the real host until it is there.
    assert.deepEqual((await findingsOf(RULE, fixed)).lines, [
      'shipping.yaml:11:11 Server "amqp" still has the placeholder host "amqp.example.invalid:5672" (a .invalid host never resolves): replace it with the address of the broker that carries its channels',
    ]);
  });

  it('treats an empty servers list as all servers, and fills it in place', async function () {
    const document = SHIPPING.replace('    address: warehouse.label-print\n', '    address: warehouse.label-print\n    servers: [] # all of them, for now\n');
    assert.equal((await findingsOf(RULE, { 'shipping.yaml': document })).lines.length, 1);
    const fixed = await applyFix(RULE, { 'shipping.yaml': document }, /^Add a placeholder amqp server "amqp" for channel "labelPrintJobs"/);
    assert.ok(fixed['shipping.yaml']!.includes("    servers: [{ $ref: '#/servers/amqp' }] # all of them, for now\n"), fixed['shipping.yaml']);
  });

  it('reports a 3.x document without servers once, and adds the server its bindings ask for', async function () {
    const document = `asyncapi: 3.0.0
info: { title: Kraken, version: 1.0.0 }
channels:
  ping:
    address: /
    bindings:
      ws: { method: GET }
  pong: { address: / }
`;
    assert.deepEqual((await findingsOf(RULE, { 'kraken.yaml': document })).lines, [
      'kraken.yaml:3:1 The document declares no servers, so its 2 channels are on no broker: nobody can tell where to produce or consume them, nor over which protocol. Declare the servers under servers, each with its host and protocol. Its bindings say ws.',
    ]);
    const fixed = await applyFix(RULE, { 'kraken.yaml': document }, /^Add a placeholder ws server "ws" \(then replace its host\)$/);
    assert.ok(fixed['kraken.yaml']!.endsWith('  pong: { address: / }\nservers:\n  ws:\n    host: ws.example.invalid\n    protocol: ws\n    description: "Placeholder added by event-design: replace the host with the broker that carries these channels."\n'), fixed['kraken.yaml']);
    const json = JSON.stringify({ asyncapi: '3.0.0', info: { title: 'A', version: '1.0.0' }, servers: {}, channels: { a: { address: 'a', bindings: { kafka: {} } } } }, null, 2);
    assert.deepEqual((await findingsOf(RULE, { 'a.json': json })).lines.map((line) => line.split(' ')[0]), ['a.json:7:3']);
    const fixedJson = await applyFix(RULE, { 'a.json': json }, /kafka server "kafka"/);
    assert.deepEqual(JSON.parse(fixedJson['a.json']!).servers, { kafka: { host: 'kafka.example.invalid:9092', protocol: 'kafka', description: 'Placeholder added by event-design: replace the host with the broker that carries these channels.' } });
  });

  it('rates a contradiction a warning, and a document without servers at most info', async function () {
    const kraken = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  a: { address: a }\n";
    for (const config of ['', `rules:\n  ${RULE}: error\n`]) {
      assert.deepEqual((await findingsOf(RULE, { 'shipping.yaml': SHIPPING }, 'shipping.yaml', config)).findings.map((finding) => finding.severity), [config ? 'error' : 'warning']);
      assert.deepEqual((await findingsOf(RULE, { 'a.yaml': kraken }, 'a.yaml', config)).findings.map((finding) => finding.severity), ['info']);
    }
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': kraken }, 'a.yaml', `rules:\n  ${RULE}: hint\n`)).findings.map((finding) => finding.severity), ['hint']);
  });

  it('offers no server when the bindings do not say which protocol', async function () {
    const document = 'asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  a: { address: a }\n';
    assert.equal((await findingsOf(RULE, { 'a.yaml': document })).lines.length, 1);
    assert.deepEqual((await fixesOf(RULE, { 'a.yaml': document })).fixes, []);
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': 'asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\n' })).lines, [], 'no channels, nothing to carry');
  });

  it('leaves a 2.x document without servers to the parser, which reports it as asyncapi-servers', async function () {
    const document = "asyncapi: 2.6.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  orders:\n    publish:\n      message: { payload: { type: string } }\n";
    const workspace = await workspaceOf({ 'a.yaml': document }, `rules:\n  ${RULE}: warning\n`);
    const result = await workspace.engine.checkFile(workspace.uri('a.yaml'), runParser);
    const rules = [...result.findings.values()].flat().map((finding) => finding.ruleId);
    assert.ok(rules.includes('asyncapi-servers'), rules.join(', '));
    assert.ok(!rules.includes(RULE), rules.join(', '));
  });

  it('checks 2.x channels and operations, in JSON, and names the server the 2.x way', async function () {
    const document = JSON.stringify(
      {
        asyncapi: '2.6.0',
        info: { title: 'Orders', version: '1.0.0' },
        servers: { production: { url: 'kafka.example.com:9092', protocol: 'kafka' }, rabbit: { url: 'rabbit.example.com:5672', protocol: 'amqp' } },
        channels: { 'order/status': { servers: ['production'], subscribe: { bindings: { amqp: { deliveryMode: 2 } }, message: { payload: { type: 'string' } } } } },
      },
      null,
      2,
    );
    assert.deepEqual((await findingsOf(RULE, { 'a.json': document })).lines.map((line) => line.split(': ')[0]), ['a.json:24:11 The subscribe operation has a binding for amqp on channel "order/status", but none of the channel\'s servers speaks amqp']);
    const fixed = await applyFix(RULE, { 'a.json': document }, /^Put channel "order\/status" on server "rabbit" \(amqp\)$/);
    assert.deepEqual(JSON.parse(fixed['a.json']!).channels['order/status'].servers, ['production', 'rabbit']);
  });

  it('in 2.0 and 2.1, where channels cannot list servers, only adds the server', async function () {
    const document = `asyncapi: 2.1.0
info: { title: A, version: 1.0.0 }
servers:
  production: { url: kafka.example.com:9092, protocol: kafka }
channels:
  labels:
    bindings: { amqp: { is: routingKey, exchange: { name: labels, type: direct } } }
    subscribe:
      message: { payload: { type: string } }
`;
    const fixed = await applyFix(RULE, { 'a.yaml': document }, /^Add a placeholder amqp server "amqp"/);
    assert.equal(fixed['a.yaml'], document.replace('channels:', '  amqp:\n    url: amqp.example.invalid:5672\n    protocol: amqp\n    description: "Placeholder added by event-design: replace the host with the broker that carries these channels."\nchannels:'));
    assert.deepEqual((await findingsOf(RULE, fixed)).lines.map((line) => line.split(' ').slice(0, 3).join(' ')), ['a.yaml:6:10 Server "amqp"']);
  });

  it('reports a shared channel definition in its own file, without a fix', async function () {
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nservers:\n  kafka: { host: k.example.com, protocol: kafka }\nchannels:\n  labels:\n    $ref: './channels.yaml#/labels'\n";
    const shared = 'labels:\n  address: labels\n  bindings:\n    amqp: {}\n';
    const { lines } = await findingsOf(RULE, { 'a.yaml': document, 'channels.yaml': shared }, 'a.yaml');
    assert.match(lines[0]!, /^channels\.yaml:4:5 Channel "labels" has a binding for amqp/);
    assert.deepEqual((await fixesOf(RULE, { 'a.yaml': document, 'channels.yaml': shared }, 'a.yaml')).fixes, []);
  });
});
