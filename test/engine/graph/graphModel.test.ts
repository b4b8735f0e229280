import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, Engine } from '../../../server/src/engine/engine';
import { normaliseAddress } from '../../../server/src/engine/navigation/channelAddress';
import { EventFlow } from '../../../server/src/engine/graph/eventFlow';
import type { EventFlowModel } from '../../../server/src/engine/graph/graphModel';
import { MemoryHost } from '../support/memoryHost';

const ROOT = 'file:///workspace';

async function modelOf(files: Record<string, string>): Promise<{ model: EventFlowModel; engine: Engine; flow: EventFlow }> {
  const host = new MemoryHost(Object.fromEntries(Object.entries(files).map(([name, text]) => [`${ROOT}/${name}`, text])));
  const engine = new Engine(host, DEFAULT_SETTINGS);
  for (const uri of host.files.keys()) await engine.indexFile(uri);
  const flow = new EventFlow(engine);
  return { model: await flow.currentModel(), engine, flow };
}

/** A 3.0 document: `channels` are `key: address`, `ops` are `key: action channelKey`. */
function document(title: string, options: { servers?: string; channels: Record<string, string>; ops: Record<string, string>; extra?: string[] }) {
  const lines = ['asyncapi: 3.0.0', `info: { title: ${JSON.stringify(title)}, version: 1.0.0 }`];
  if (options.servers) lines.push('servers:', ...options.servers.split('\n').map((line) => `  ${line}`));
  lines.push('channels:');
  for (const [key, address] of Object.entries(options.channels)) {
    lines.push(`  ${key}:`, `    address: ${JSON.stringify(address)}`, '    messages:', `      ${key}Message:`, `        name: ${key[0]!.toUpperCase()}${key.slice(1)}`, '        payload: { type: object }');
  }
  lines.push('operations:');
  for (const [key, spec] of Object.entries(options.ops)) {
    const [action, channel] = spec.split(' ');
    lines.push(`  ${key}:`, `    action: ${action}`, `    channel: { $ref: '#/channels/${channel}' }`);
  }
  lines.push(...(options.extra ?? []));
  return lines.join('\n') + '\n';
}

const KAFKA = 'prod: { host: kafka.example.com:9092, protocol: kafka }';

describe('event-flow graph model', function () {
  it('normalises parameter names in addresses', function () {
    assert.equal(normaliseAddress('orders/{id}/shipped'), normaliseAddress('orders/{orderId}/shipped'));
    assert.notEqual(normaliseAddress('orders/{id}'), normaliseAddress('orders/{id}/x'));
  });

  it('joins channels with the same address up to parameter names, on the same protocol and host', async function () {
    const { model } = await modelOf({
      'a.yaml': document('A', { servers: KAFKA, channels: { placed: 'orders/{id}' }, ops: { send: 'send placed' } }),
      'b.yaml': document('B', { servers: KAFKA, channels: { placed: 'orders/{orderId}' }, ops: { receive: 'receive placed' } }),
    });
    assert.equal(model.channels.length, 1);
    const [channel] = model.channels;
    assert.equal(channel!.address, 'orders/{id}', "the producer's spelling");
    assert.equal(channel!.producers.length, 1);
    assert.equal(channel!.consumers.length, 1);
    assert.equal(channel!.noProducer || channel!.noConsumer, false);
  });

  it('keeps channels apart on another host or another protocol', async function () {
    const { model } = await modelOf({
      'a.yaml': document('A', { servers: KAFKA, channels: { placed: 'orders' }, ops: { send: 'send placed' } }),
      'b.yaml': document('B', { servers: 'prod: { host: other.example.com:9092, protocol: kafka }', channels: { placed: 'orders' }, ops: { receive: 'receive placed' } }),
      'c.yaml': document('C', { servers: 'prod: { host: kafka.example.com:9092, protocol: amqp }', channels: { placed: 'orders' }, ops: { receive: 'receive placed' } }),
    });
    assert.equal(model.channels.length, 3);
    assert.ok(model.channels.filter((channel) => channel.noConsumer).length === 1 && model.channels.filter((channel) => channel.noProducer).length === 2);
  });

  it('puts a channel that names no servers on all of its document’s servers', async function () {
    const { model } = await modelOf({
      'a.yaml': document('A', { servers: `${KAFKA}\nstaging: { host: staging.example.com:9092, protocol: kafka }`, channels: { placed: 'orders' }, ops: { send: 'send placed' } }),
      // Only on staging: still the same channel, since A's channel is on staging too.
      'b.yaml': document('B', { servers: 'staging: { host: staging.example.com:9092, protocol: kafka }', channels: { placed: 'orders' }, ops: { receive: 'receive placed' } }),
    });
    assert.equal(model.channels.length, 1);
    assert.deepEqual(model.channels[0]!.hosts, ['kafka.example.com:9092', 'staging.example.com:9092']);
  });

  it('joins channels that $ref the same shared definition, whatever their keys', async function () {
    const shared = ['placed:', '  address: orders.placed', '  messages:', '    placed:', '      name: OrderPlaced', '      payload: { type: object, properties: { id: { type: string } } }'].join('\n');
    // Different servers: only the shared definition makes them one channel.
    const user = (title: string, action: string, servers: string) =>
      [
        'asyncapi: 3.0.0',
        `info: { title: ${title}, version: 1.0.0 }`,
        'servers:',
        `  ${servers}`,
        'channels:',
        `  ${title.toLowerCase()}Channel: { $ref: 'shared/channels.yaml#/placed' }`,
        'operations:',
        '  op:',
        `    action: ${action}`,
        `    channel: { $ref: '#/channels/${title.toLowerCase()}Channel' }`,
        '',
      ].join('\n');
    const { model } = await modelOf({ 'shared/channels.yaml': shared, 'a.yaml': user('A', 'send', KAFKA), 'b.yaml': user('B', 'receive', 'other: { host: elsewhere.example.com, protocol: kafka }') });
    assert.equal(model.channels.length, 1);
    const [channel] = model.channels;
    assert.equal(channel!.address, 'orders.placed');
    assert.deepEqual(model.messages.map((message) => message.name), ['OrderPlaced']);
    assert.deepEqual(model.messages[0]!.payloadFields, [{ name: 'id', type: 'string', required: false }]);
    assert.equal(channel!.producers.length + channel!.consumers.length, 2);
  });

  it('reads AsyncAPI 2.x from the client’s side: subscribe means the application sends', async function () {
    const v2 = (title: string, verb: string) =>
      ['asyncapi: 2.6.0', `info: { title: ${title}, version: 1.0.0 }`, 'servers:', '  prod: { url: "mqtt://broker.example.com", protocol: mqtt }', 'channels:', '  light/measured:', `    ${verb}:`, '      message: { name: LightMeasured, payload: { type: object } }', ''].join('\n');
    const { model } = await modelOf({ 'sensor.yaml': v2('Sensor', 'subscribe'), 'dashboard.yaml': v2('Dashboard', 'publish') });
    const titles = new Map(model.services.map((service) => [service.id, service.title]));
    assert.equal(model.channels.length, 1);
    assert.deepEqual(model.channels[0]!.producers.map((id) => titles.get(id)), ['Sensor']);
    assert.deepEqual(model.channels[0]!.consumers.map((id) => titles.get(id)), ['Dashboard']);
  });

  it('draws request and reply apart, also when the reply address comes from the request', async function () {
    const requester = [
      'asyncapi: 3.0.0',
      'info: { title: Requester, version: 1.0.0 }',
      'channels:',
      '  ask: { address: prices.ask, messages: { Ask: { name: Ask } } }',
      'operations:',
      '  askPrice:',
      '    action: send',
      "    channel: { $ref: '#/channels/ask' }",
      '    reply:',
      "      address: { location: '$message.header#/replyTo' }",
      "      messages: [{ $ref: '#/components/messages/Answer' }]",
      'components:',
      '  messages:',
      '    Answer: { name: Answer }',
      '',
    ].join('\n');
    const replier = requester.replace('Requester', 'Replier').replace('action: send', 'action: receive').replace('askPrice', 'answerPrice');
    const { model } = await modelOf({ 'requester.yaml': requester, 'replier.yaml': replier });
    const titles = new Map(model.services.map((service) => [service.id, service.title]));
    const describe = model.flows.map((flow) => `${titles.get(flow.serviceId)} ${flow.direction} ${flow.kind} ${model.channels.find((channel) => channel.id === flow.channelId)!.address}`).sort();
    assert.deepEqual(describe, [
      'Replier receive request prices.ask',
      'Replier send reply reply to prices.ask',
      'Requester receive reply reply to prices.ask',
      'Requester send request prices.ask',
    ]);
    const reply = model.channels.find((channel) => channel.dynamicAddress !== undefined)!;
    assert.equal(reply.dynamicAddress, '$message.header#/replyTo');
  });

  it('follows the index: an unsaved edit adds a channel to the next model', async function () {
    const text = document('A', { servers: KAFKA, channels: { placed: 'orders' }, ops: { send: 'send placed' } });
    const { engine, flow, model } = await modelOf({ 'a.yaml': text });
    assert.equal(model.channels.length, 1);
    const edited = text.replace('operations:', '  cancelled:\n    address: orders.cancelled\n    messages: { Cancelled: { name: Cancelled } }\noperations:');
    engine.setOpenDocument(`${ROOT}/a.yaml`, edited, 2);
    engine.indexOpenDocuments();
    const next = await flow.currentModel();
    assert.ok(next.generation > model.generation);
    assert.deepEqual(next.channels.map((channel) => channel.address), ['orders', 'orders.cancelled']);
    assert.equal(next.channels[1]!.noProducer && next.channels[1]!.noConsumer, true, 'declared, but no operation uses it');
    assert.equal(await flow.currentModel(), next, 'kept until the index changes again');
  });

  it('survives documents it cannot make sense of', async function () {
    const { model } = await modelOf({
      'broken.yaml': 'asyncapi: 3.0.0\ninfo: [\nchannels: {',
      'odd.yaml': 'asyncapi: 3.0.0\ninfo: { title: Odd }\nchannels:\n  a: { $ref: "#/channels/a" }\n  b: { $ref: "missing.yaml#/x" }\n  c: 12\noperations:\n  x: { action: send, channel: { $ref: "#/channels/nope" } }\n  y: { action: receive, channel: { $ref: "#/channels/a" }, messages: [{ $ref: "#/channels/a/messages/none" }] }\n',
    });
    assert.ok(model.services.length >= 1);
    assert.ok(model.channels.length >= 1);
  });
  it('lists the fields of Protobuf payloads, inline and in a referenced .proto file, from the message the AsyncAPI parser would choose', async function () {
    const proto = ['syntax = "proto2";', 'package pricing;', 'message Money { required string currency = 1; }', '// @RootNode', 'message PriceChanged { required string sku = 1; optional Money price = 2; map<string, string> labels = 3; }', 'message Unused { optional string x = 1; }', ''].join('\n');
    const yaml = [
      'asyncapi: 3.0.0',
      'info: { title: Pricing, version: 1.0.0 }',
      'channels:',
      '  prices:',
      '    address: prices',
      '    messages:',
      '      changed:',
      '        name: PriceChanged',
      '        payload:',
      '          schemaFormat: application/vnd.google.protobuf;version=2',
      "          schema: { $ref: './price.proto' }",
      '      dropped:',
      '        name: PriceDropped',
      '        payload:',
      '          schemaFormat: application/vnd.google.protobuf;version=3',
      '          schema: |',
      '            syntax = "proto3";',
      '            message PriceDropped { string sku = 1; repeated int64 cents = 2; }',
      'operations:',
      '  send:',
      '    action: send',
      "    channel: { $ref: '#/channels/prices' }",
      '',
    ].join('\n');
    const { model } = await modelOf({ 'price.proto': proto, 'pricing.yaml': yaml });
    const fields = (name: string) => model.messages.find((message) => message.name === name)?.payloadFields;
    assert.deepEqual(fields('PriceChanged'), [
      { name: 'sku', type: 'required string', required: true },
      { name: 'price', type: 'optional Money', required: false },
      { name: 'labels', type: 'map<string, string>', required: false },
    ]);
    assert.deepEqual(fields('PriceDropped'), [
      { name: 'sku', type: 'string', required: false },
      { name: 'cents', type: 'repeated int64', required: false },
    ]);
  });
});
