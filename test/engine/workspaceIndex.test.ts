import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import { findRepoRoot } from '../grammar/repoRoot';
import { MemoryHost } from './support/memoryHost';
import { loadWorkspace } from './support/workspaceFixture';

describe('workspace index', function () {
  it('reads every service of examples/ with its servers, channels and operations', async function () {
    const workspace = await loadWorkspace(path.join(findRepoRoot(), 'examples'));
    const applications = workspace.engine.index.applications();
    const titles = applications.map((application) => application.title).sort();
    assert.deepEqual(titles.length, 7, titles.join(', '));
    const orders = applications.find((application) => application.uri.endsWith('/orders/asyncapi.yaml'))!;
    assert.equal(orders.asyncapiVersion, '3.0.0');
    assert.deepEqual(orders.servers.map((server) => `${server.key} ${server.protocol} ${server.host}`).sort(), [
      'production kafka kafka.internal.example.com:9092',
      'rabbitmq amqp rabbitmq.internal.example.com:5672',
      'staging kafka kafka.staging.internal.example.com:9092',
    ]);
    const placed = orders.channels.find((channel) => channel.address === 'orders.order-placed');
    assert.ok(placed, 'orders declares orders.order-placed');
    const publish = orders.operations.find((operation) => operation.key === 'publishOrderPlaced')!;
    assert.equal(publish.action, 'send');
    assert.equal(publish.channelKey, placed.key);
    const request = orders.operations.find((operation) => operation.key === 'requestPaymentAuthorization')!;
    assert.ok(request.reply, 'the request/reply operation has its reply');
    assert.ok(orders.schemaReferences.some((reference) => reference.role === 'payload' && reference.uri.endsWith('/schemas/order-placed.schema.json') && reference.wholeFile));
    const payments = applications.find((application) => application.uri.endsWith('/payments/asyncapi.yaml'))!;
    assert.ok(payments.operations.some((operation) => operation.action === 'receive' && payments.channels.find((channel) => channel.key === operation.channelKey)?.address === 'orders.order-placed'));
  });

  it('turns AsyncAPI 2.x verbs around: subscribe means the application sends', async function () {
    const uri = 'file:///workspace/lights.yaml';
    const host = new MemoryHost({
      [uri]: [
        'asyncapi: 2.6.0',
        'info: { title: Lights, version: 1.0.0 }',
        'servers:',
        '  production: { url: "mqtt://broker.example.com:1883/base", protocol: mqtt }',
        'channels:',
        '  light/measured:',
        '    publish:',
        '      operationId: receiveMeasurement',
        '      message: { name: LightMeasured, payload: { type: object } }',
        '  light/turn-on:',
        '    subscribe:',
        '      message:',
        '        oneOf:',
        '          - { name: TurnOn, payload: { type: object } }',
        '          - { name: TurnOff, payload: { type: object } }',
        '',
      ].join('\n'),
    });
    const engine = new Engine(host, DEFAULT_SETTINGS);
    await engine.indexFile(uri);
    const application = engine.index.get(uri)!.application!;
    assert.deepEqual(application.servers[0], { key: 'production', host: 'broker.example.com:1883', protocol: 'mqtt', pathname: '/base', path: ['servers', 'production'] });
    assert.deepEqual(
      application.operations.map((operation) => [operation.key, operation.verb, operation.action, operation.channelKey]),
      [
        ['receiveMeasurement', 'publish', 'receive', 'light/measured'],
        ['light/turn-on/subscribe', 'subscribe', 'send', 'light/turn-on'],
      ],
    );
    assert.deepEqual(application.channels[1]!.messages.map((message) => message.name), ['TurnOn', 'TurnOff']);
  });

  it('re-indexes only the file that changed', async function () {
    const a = 'file:///workspace/a.yaml';
    const b = 'file:///workspace/b.yaml';
    const document = (title: string) => `asyncapi: 3.0.0\ninfo: { title: ${title}, version: 1.0.0 }\n`;
    const engine = new Engine(new MemoryHost({ [a]: document('A'), [b]: document('B') }), DEFAULT_SETTINGS);
    await engine.indexFile(a);
    await engine.indexFile(b);
    const before = engine.index.get(b);
    engine.setOpenDocument(a, document('A renamed'), 2);
    engine.indexOpenDocuments();
    assert.equal(engine.index.get(a)!.application!.title, 'A renamed');
    assert.equal(engine.index.get(b), before, 'the other file keeps its entry');
  });

  it('knows files by their $id and who references whom', async function () {
    const schema = 'file:///workspace/schemas/money.schema.json';
    const document = 'file:///workspace/service.yaml';
    const engine = new Engine(
      new MemoryHost({
        [schema]: JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', $id: 'https://schemas.example.com/money.json', type: 'object' }),
        [document]: "asyncapi: 3.0.0\ninfo: { title: S, version: 1.0.0 }\ncomponents:\n  messages:\n    Paid:\n      payload:\n        $ref: './schemas/money.schema.json'\n",
      }),
      DEFAULT_SETTINGS,
    );
    await engine.indexFile(schema);
    await engine.indexFile(document);
    assert.equal(engine.index.schemaIds.get('https://schemas.example.com/money.json'), schema);
    assert.deepEqual(engine.index.referrersOf(schema), [document]);
    assert.deepEqual(engine.index.dependentsOf(schema), [document]);
    assert.ok(engine.index.isReferencedSchema(schema));
  });
});
