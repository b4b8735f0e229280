import * as assert from 'node:assert/strict';
import { CHANGE_KINDS_BY_FAMILY, describeChange, diffAsyncApiDocuments, type AsyncApiDiffOptions } from '../../../server/src/engine/compatibility';
import { pathToPointer } from '../../../server/src/engine/text/paths';

type Doc = Record<string, any>;

const payload = (extra: Doc = {}) => ({ type: 'object', properties: { id: { type: 'string' } }, ...extra });

/** An AsyncAPI 3.0 document: the application sends OrderPlaced and receives PaymentDone. */
function shop3(): Doc {
  return {
    asyncapi: '3.0.0',
    info: { title: 'Shop', version: '1.0.0' },
    servers: { prod: { host: 'kafka.example.com:9092', protocol: 'kafka' } },
    channels: {
      orders: { address: 'orders.placed', messages: { OrderPlaced: { name: 'OrderPlaced', contentType: 'application/json', payload: payload() } } },
      payments: { address: 'payments.done', messages: { PaymentDone: { name: 'PaymentDone', contentType: 'application/json', payload: payload() } } },
    },
    operations: {
      sendOrderPlaced: { action: 'send', channel: { $ref: '#/channels/orders' }, messages: [{ $ref: '#/channels/orders/messages/OrderPlaced' }] },
      onPaymentDone: { action: 'receive', channel: { $ref: '#/channels/payments' } },
    },
  };
}

/** The same application in AsyncAPI 2.6, which speaks from the client's side: `subscribe` is what it sends. */
function shop2(): Doc {
  return {
    asyncapi: '2.6.0',
    info: { title: 'Shop', version: '1.0.0' },
    servers: { prod: { url: 'kafka.example.com:9092', protocol: 'kafka' } },
    channels: {
      'orders.placed': { subscribe: { operationId: 'sendOrderPlaced', message: { $ref: '#/components/messages/OrderPlaced' } } },
      'payments.done': { publish: { operationId: 'onPaymentDone', message: { name: 'PaymentDone', contentType: 'application/json', payload: payload() } } },
    },
    components: { messages: { OrderPlaced: { name: 'OrderPlaced', contentType: 'application/json', payload: payload() } } },
  };
}

function edit(document: Doc, change: (copy: Doc) => void): Doc {
  const copy = structuredClone(document);
  change(copy);
  return copy;
}

/** `kind MODE` for each change, with ` ✗` when it breaks under its mode. */
function run(before: Doc, after: Doc, options: AsyncApiDiffOptions = {}) {
  const result = diffAsyncApiDocuments({ root: before, uri: 'file:///api/old.yaml' }, { root: after, uri: 'file:///api/new.yaml' }, options);
  return { result, lines: result.changes.map((item) => `${item.change.kind} ${item.change.mode}${item.compatible ? '' : ' ✗'}`).sort() };
}

interface DocumentCase {
  name: string;
  old: Doc;
  new: Doc;
  expected: string[];
}

const D = shop3();
/** A server whose host has a variable with an enum and a default. */
const V = edit(D, (d) => {
  d.servers.prod.host = '{region}.kafka.example.com:9092';
  d.servers.prod.variables = { region: { enum: ['eu', 'us'], default: 'eu' } };
});
const AVRO = { type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] };
/** D with OrderPlaced's payload in a 3.x `{schemaFormat, schema}` wrapper. */
const formatted = (schemaFormat: string, schema: unknown = payload()) => edit(D, (d) => (d.channels.orders.messages.OrderPlaced.payload = { schemaFormat, schema }));
const CASES: DocumentCase[] = [
  { name: 'server added', old: D, new: edit(D, (d) => (d.servers.dev = { host: 'localhost:9092', protocol: 'kafka' })), expected: ['server-added BACKWARD'] },
  { name: 'server removed', old: D, new: edit(D, (d) => delete d.servers.prod), expected: ['server-removed BACKWARD ✗'] },
  { name: 'server protocol changed', old: D, new: edit(D, (d) => (d.servers.prod.protocol = 'amqp')), expected: ['server-protocol-changed BACKWARD ✗'] },
  { name: 'server host changed', old: D, new: edit(D, (d) => (d.servers.prod.host = 'kafka2.example.com:9092')), expected: ['server-host-changed BACKWARD ✗'] },
  { name: 'server protocolVersion added', old: D, new: edit(D, (d) => (d.servers.prod.protocolVersion = '3.6.0')), expected: ['server-protocol-version-changed BACKWARD ✗'] },
  { name: 'server pathname added', old: D, new: edit(D, (d) => (d.servers.prod.pathname = '/v2')), expected: ['server-pathname-changed BACKWARD ✗'] },
  { name: 'server host and protocol changed: one change per key', old: D, new: edit(D, (d) => ((d.servers.prod.host = 'mq.example.com'), (d.servers.prod.protocol = 'amqp'))), expected: ['server-host-changed BACKWARD ✗', 'server-protocol-changed BACKWARD ✗'] },
  { name: 'server variable: an enum value removed', old: V, new: edit(V, (d) => (d.servers.prod.variables.region.enum = ['eu'])), expected: ['server-variable-enum-narrowed BACKWARD ✗'] },
  { name: 'server variable: an enum value added', old: V, new: edit(V, (d) => d.servers.prod.variables.region.enum.push('ap')), expected: ['server-variable-enum-extended BACKWARD'] },
  { name: 'server variable: an enum where any value was accepted', old: edit(V, (d) => delete d.servers.prod.variables.region.enum), new: V, expected: ['server-variable-enum-narrowed BACKWARD ✗'] },
  { name: 'server variable: its enum removed', old: V, new: edit(V, (d) => delete d.servers.prod.variables.region.enum), expected: ['server-variable-enum-extended BACKWARD'] },
  { name: 'server variable: a value replaced', old: V, new: edit(V, (d) => (d.servers.prod.variables.region.enum = ['eu', 'ap'])), expected: ['server-variable-enum-extended BACKWARD', 'server-variable-enum-narrowed BACKWARD ✗'] },
  { name: 'server variable: default changed (compatible, with a warning)', old: V, new: edit(V, (d) => (d.servers.prod.variables.region.default = 'us')), expected: ['server-variable-default-changed BACKWARD'] },
  { name: 'server variable removed', old: V, new: edit(V, (d) => delete d.servers.prod.variables.region), expected: ['server-variable-removed BACKWARD ✗'] },
  { name: 'server variable added', old: V, new: edit(V, (d) => (d.servers.prod.variables.port = { default: '9092' })), expected: ['server-variable-added BACKWARD'] },
  { name: 'schemaFormat: JSON Schema draft-07 → AsyncAPI schema, the same schema', old: formatted('application/schema+json;version=draft-07'), new: formatted('application/vnd.aai.asyncapi+json;version=3.0.0'), expected: ['payload-schema-format-changed FORWARD'] },
  { name: 'schemaFormat: the default written out', old: D, new: formatted('application/vnd.aai.asyncapi+json;version=3.0.0'), expected: ['payload-schema-format-changed FORWARD'] },
  { name: 'schemaFormat: another name and another schema', old: D, new: edit(formatted('application/schema+json;version=draft-07'), (d) => (d.channels.orders.messages.OrderPlaced.payload.schema.required = ['id'])), expected: ['payload-schema-format-changed FORWARD', 'required-added FORWARD'] },
  { name: 'schemaFormat: Avro written another way', old: formatted('application/vnd.apache.avro;version=1.9.0', AVRO), new: formatted('application/vnd.apache.avro+json;version=1.9.0', AVRO), expected: ['payload-schema-format-changed FORWARD'] },
  { name: 'schemaFormat: two formats this tool does not compare', old: formatted('application/x-protobuf', 'message Order {}'), new: formatted('application/vnd.google.protobuf', 'message Order {}'), expected: ['payload-not-compared FORWARD'] },
  { name: 'channel added', old: D, new: edit(D, (d) => (d.channels.refunds = { address: 'refunds', messages: {} })), expected: ['channel-added BACKWARD'] },
  {
    name: 'channel removed, with its operation',
    old: D,
    new: edit(D, (d) => {
      delete d.channels.payments;
      delete d.operations.onPaymentDone;
    }),
    expected: ['channel-removed BACKWARD ✗', 'operation-removed BACKWARD ✗'],
  },
  { name: 'channel address changed', old: D, new: edit(D, (d) => (d.channels.orders.address = 'orders.created')), expected: ['channel-address-changed FORWARD ✗'] },
  {
    name: 'channel parameter added, with the address',
    old: D,
    new: edit(D, (d) => {
      d.channels.orders.address = 'orders.{region}';
      d.channels.orders.parameters = { region: { enum: ['eu', 'us'] } };
    }),
    expected: ['channel-address-changed FORWARD ✗', 'channel-parameter-added FORWARD ✗'],
  },
  {
    name: 'channel parameter removed, with the address',
    old: edit(D, (d) => {
      d.channels.orders.address = 'orders.{region}';
      d.channels.orders.parameters = { region: {} };
    }),
    new: D,
    expected: ['channel-address-changed FORWARD ✗', 'channel-parameter-removed FORWARD ✗'],
  },
  // The same address: declaring the parameter it already uses, or no longer declaring it, keeps its shape.
  {
    name: 'channel parameter declared',
    old: edit(D, (d) => (d.channels.orders.address = 'orders.{region}')),
    new: edit(D, (d) => {
      d.channels.orders.address = 'orders.{region}';
      d.channels.orders.parameters = { region: { description: 'The region.' } };
    }),
    expected: [],
  },
  // The address does not use it: the channel keeps its shape.
  { name: 'unused channel parameter added', old: D, new: edit(D, (d) => (d.channels.orders.parameters = { region: { enum: ['eu', 'us'] } })), expected: [] },
  { name: 'unused channel parameter removed', old: edit(D, (d) => (d.channels.orders.parameters = { region: {} })), new: D, expected: [] },
  { name: 'channel parameter location changed', old: edit(D, (d) => (d.channels.orders.parameters = { region: { location: '$message.header#/region' } })), new: edit(D, (d) => (d.channels.orders.parameters = { region: { location: '$message.payload#/region' } })), expected: ['channel-parameter-location-changed FORWARD ✗'] },
  { name: 'parameter values narrowed on a channel the application sends to', old: edit(D, (d) => (d.channels.orders.parameters = { region: { enum: ['eu', 'us'] } })), new: edit(D, (d) => (d.channels.orders.parameters = { region: { enum: ['eu'] } })), expected: ['enum-narrowed FORWARD'] },
  { name: 'parameter values narrowed on a channel the application receives from', old: edit(D, (d) => (d.channels.payments.parameters = { region: { enum: ['eu', 'us'] } })), new: edit(D, (d) => (d.channels.payments.parameters = { region: { enum: ['eu'] } })), expected: ['enum-narrowed BACKWARD ✗'] },
  { name: 'channel put on one more server', old: edit(D, (d) => (d.channels.orders.servers = [{ $ref: '#/servers/prod' }])), new: edit(D, (d) => ((d.servers.dev = { host: 'localhost', protocol: 'kafka' }), (d.channels.orders.servers = [{ $ref: '#/servers/prod' }, { $ref: '#/servers/dev' }]))), expected: ['channel-server-added FORWARD', 'server-added BACKWARD'] },
  { name: 'channel taken off a server', old: edit(D, (d) => ((d.servers.dev = { host: 'localhost', protocol: 'kafka' }), (d.channels.orders.servers = [{ $ref: '#/servers/prod' }, { $ref: '#/servers/dev' }]))), new: edit(D, (d) => ((d.servers.dev = { host: 'localhost', protocol: 'kafka' }), (d.channels.orders.servers = [{ $ref: '#/servers/prod' }]))), expected: ['channel-server-removed FORWARD ✗'] },
  { name: 'operation added', old: D, new: edit(D, (d) => (d.operations.alsoReceiveOrders = { action: 'receive', channel: { $ref: '#/channels/orders' } })), expected: ['message-added BACKWARD', 'operation-added BACKWARD'] },
  { name: 'operation removed', old: D, new: edit(D, (d) => delete d.operations.sendOrderPlaced), expected: ['message-removed FORWARD', 'operation-removed FORWARD ✗'] },
  { name: 'operation renamed', old: D, new: edit(D, (d) => ((d.operations.publishOrder = d.operations.sendOrderPlaced), delete d.operations.sendOrderPlaced)), expected: ['operation-id-changed FORWARD'] },
  { name: 'operation action changed', old: D, new: edit(D, (d) => (d.operations.sendOrderPlaced.action = 'receive')), expected: ['message-added BACKWARD', 'message-removed FORWARD', 'operation-action-changed BACKWARD ✗'] },
  {
    name: 'reply added',
    old: D,
    new: edit(D, (d) => {
      d.channels.confirmations = { address: 'orders.confirmed', messages: { Confirmed: { name: 'Confirmed', payload: payload() } } };
      d.operations.sendOrderPlaced.reply = { channel: { $ref: '#/channels/confirmations' } };
    }),
    expected: ['channel-added BACKWARD', 'operation-reply-added FORWARD ✗'],
  },
  { name: 'reply removed', old: edit(D, (d) => (d.operations.sendOrderPlaced.reply = { address: { location: '$message.header#/replyTo' } })), new: D, expected: ['operation-reply-removed FORWARD ✗'] },
  { name: 'reply address changed', old: edit(D, (d) => (d.operations.sendOrderPlaced.reply = { address: { location: '$message.header#/replyTo' } })), new: edit(D, (d) => (d.operations.sendOrderPlaced.reply = { address: { location: '$message.header#/reply-to' } })), expected: ['operation-reply-address-changed FORWARD ✗'] },
  { name: 'message added to a channel the application sends to', old: D, new: edit(D, (d) => ((d.channels.orders.messages.OrderCancelled = { name: 'OrderCancelled', payload: payload() }), d.operations.sendOrderPlaced.messages.push({ $ref: '#/channels/orders/messages/OrderCancelled' }))), expected: ['message-added FORWARD ✗'] },
  { name: 'message added to a channel the application receives from', old: D, new: edit(D, (d) => (d.channels.payments.messages.PaymentFailed = { name: 'PaymentFailed', payload: payload() })), expected: ['message-added BACKWARD'] },
  { name: 'message removed from a channel the application receives from', old: edit(D, (d) => (d.channels.payments.messages.PaymentFailed = { name: 'PaymentFailed', payload: payload({ required: ['id'] }) })), new: D, expected: ['message-removed BACKWARD ✗'] },
  { name: 'message renamed', old: D, new: edit(D, (d) => (d.channels.payments.messages.PaymentDone.name = 'PaymentCompleted')), expected: ['message-renamed BACKWARD ✗'] },
  { name: 'content type declared', old: edit(D, (d) => delete d.channels.orders.messages.OrderPlaced.contentType), new: D, expected: ['content-type-added FORWARD'] },
  { name: 'content type dropped', old: D, new: edit(D, (d) => delete d.channels.orders.messages.OrderPlaced.contentType), expected: ['content-type-removed FORWARD'] },
  { name: 'content type changed', old: D, new: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.contentType = 'application/cloudevents+json')), expected: ['content-type-changed FORWARD ✗'] },
  { name: 'default content type stands in for a message\'s', old: edit(D, (d) => ((d.defaultContentType = 'application/json'), delete d.channels.orders.messages.OrderPlaced.contentType)), new: D, expected: [] },
  { name: 'payload added', old: edit(D, (d) => delete d.channels.payments.messages.PaymentDone.payload), new: D, expected: ['payload-added BACKWARD ✗'] },
  { name: 'payload removed', old: D, new: edit(D, (d) => delete d.channels.orders.messages.OrderPlaced.payload), expected: ['payload-removed FORWARD ✗'] },
  { name: 'payload format changed', old: D, new: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.payload = { schemaFormat: 'application/vnd.apache.avro;version=1.9.0', schema: { type: 'record', name: 'OrderPlaced', fields: [{ name: 'id', type: 'string' }] } })), expected: ['payload-format-changed FORWARD ✗'] },
  { name: 'payload in a format not compared', old: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.payload = { schemaFormat: 'application/raml+yaml;version=1.0', schema: { type: 'string' } })), new: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.payload = { schemaFormat: 'application/raml+yaml;version=1.0', schema: { type: 'number' } })), expected: ['payload-not-compared FORWARD'] },
  { name: 'headers added', old: D, new: edit(D, (d) => (d.channels.payments.messages.PaymentDone.headers = { type: 'object', required: ['traceId'] })), expected: ['headers-added BACKWARD ✗'] },
  { name: 'headers removed', old: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.headers = { type: 'object' })), new: D, expected: ['headers-removed FORWARD ✗'] },
  { name: 'headers changed', old: edit(D, (d) => (d.channels.payments.messages.PaymentDone.headers = { type: 'object', properties: { traceId: { type: 'string' } } })), new: edit(D, (d) => (d.channels.payments.messages.PaymentDone.headers = { type: 'object', properties: { traceId: { type: 'string' } }, required: ['traceId'] })), expected: ['required-added BACKWARD ✗'] },
  { name: 'correlation id added', old: D, new: edit(D, (d) => (d.channels.payments.messages.PaymentDone.correlationId = { location: '$message.header#/correlationId' })), expected: ['correlation-id-added BACKWARD ✗'] },
  { name: 'correlation id removed', old: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.correlationId = { location: '$message.header#/correlationId' })), new: D, expected: ['correlation-id-removed FORWARD ✗'] },
  { name: 'correlation id moved', old: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.correlationId = { location: '$message.header#/correlationId' })), new: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.correlationId = { location: '$message.payload#/id' })), expected: ['correlation-id-changed FORWARD ✗'] },
  { name: 'Kafka message key added', old: D, new: edit(D, (d) => (d.channels.payments.messages.PaymentDone.bindings = { kafka: { key: { type: 'string' } } })), expected: ['message-key-added BACKWARD ✗'] },
  { name: 'Kafka message key removed', old: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.bindings = { kafka: { key: { type: 'string' } } })), new: D, expected: ['message-key-removed FORWARD ✗'] },
  { name: 'Kafka message key narrowed on a sent message', old: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.bindings = { kafka: { key: { type: 'string' }, bindingVersion: '0.4.0' } })), new: edit(D, (d) => (d.channels.orders.messages.OrderPlaced.bindings = { kafka: { key: { type: 'string', maxLength: 36 }, bindingVersion: '0.5.0' } })), expected: ['max-length-added FORWARD'] },
  { name: 'binding added', old: D, new: edit(D, (d) => (d.channels.orders.bindings = { kafka: { partitions: 3 } })), expected: ['binding-added FORWARD'] },
  { name: 'binding removed', old: edit(D, (d) => (d.operations.onPaymentDone.bindings = { kafka: { groupId: { type: 'string' } } })), new: D, expected: ['binding-removed BACKWARD ✗'] },
  { name: 'binding setting changed', old: edit(D, (d) => (d.channels.orders.bindings = { kafka: { partitions: 3 } })), new: edit(D, (d) => (d.channels.orders.bindings = { kafka: { partitions: 6 } })), expected: ['binding-changed FORWARD ✗'] },
  { name: 'security required where none was', old: D, new: edit(D, (d) => ((d.components = { securitySchemes: { token: { type: 'httpBearerToken' } } }), (d.servers.prod.security = [{ $ref: '#/components/securitySchemes/token' }]))), expected: ['security-required BACKWARD ✗'] },
  { name: 'security no longer required', old: edit(D, (d) => ((d.components = { securitySchemes: { token: { type: 'httpBearerToken' } } }), (d.servers.prod.security = [{ $ref: '#/components/securitySchemes/token' }]))), new: D, expected: ['security-no-longer-required BACKWARD'] },
  {
    name: 'a way to authenticate added, another removed (scopes count)',
    old: edit(D, (d) => ((d.components = { securitySchemes: { oauth: { type: 'oauth2', flows: {} } } }), (d.operations.sendOrderPlaced.security = [{ type: 'oauth2', flows: {}, scopes: ['orders:write'] }]))),
    new: edit(D, (d) => ((d.components = { securitySchemes: { oauth: { type: 'oauth2', flows: {} } } }), (d.operations.sendOrderPlaced.security = [{ type: 'oauth2', flows: {}, scopes: ['orders:admin'] }]))),
    expected: ['security-requirement-added FORWARD', 'security-requirement-removed FORWARD ✗'],
  },
];

describe('compatibility: AsyncAPI document diff', function () {
  for (const testCase of CASES) {
    it(testCase.name, function () {
      const { result, lines } = run(testCase.old, testCase.new);
      assert.deepEqual(lines, [...testCase.expected].sort());
      assert.equal(result.compatible, !testCase.expected.some((line) => line.endsWith('✗')));
    });
  }

  it('has a case for every AsyncAPI change kind', function () {
    const covered = new Set(CASES.flatMap((testCase) => testCase.expected.map((line) => line.split(' ')[0])));
    assert.deepEqual(CHANGE_KINDS_BY_FAMILY.asyncapi.filter((kind) => !covered.has(kind)), []);
  });

  it('locates changes in both documents', function () {
    const after = edit(D, (d) => (d.channels.orders.messages.OrderPlaced.payload.properties.id.maxLength = 36));
    const { result } = run(D, after);
    assert.equal(result.changes.length, 1);
    const { change } = result.changes[0]!;
    assert.deepEqual([change.old.uri, pathToPointer(change.old.path)], ['file:///api/old.yaml', '/channels/orders/messages/OrderPlaced/payload/properties/id']);
    assert.deepEqual([change.new.uri, pathToPointer(change.new.path)], ['file:///api/new.yaml', '/channels/orders/messages/OrderPlaced/payload/properties/id/maxLength']);
    assert.deepEqual([change.channel, change.message, change.role], ['orders.placed', 'OrderPlaced', 'send']);
  });

  describe('servers and schema formats, field by field', function () {
    const at = (item: { change: { old: { path: readonly (string | number)[] }; new: { path: readonly (string | number)[] } } }) => [pathToPointer(item.change.old.path), pathToPointer(item.change.new.path)];
    it('a 3.x server change is located at its key', function () {
      const { result } = run(D, edit(D, (d) => ((d.servers.prod.host = 'mq.example.com'), (d.servers.prod.protocolVersion = '3.6.0'))));
      assert.deepEqual(result.changes.map(at).sort(), [['/servers/prod', '/servers/prod/protocolVersion'], ['/servers/prod/host', '/servers/prod/host']]);
    });
    it('a 2.x server change is located at its url', function () {
      const D2 = shop2();
      const { result, lines } = run(D2, edit(D2, (d) => (d.servers.prod.url = 'kafka.example.com:9092/v2')));
      assert.deepEqual(lines, ['server-pathname-changed BACKWARD ✗']);
      assert.deepEqual(at(result.changes[0]!), ['/servers/prod/url', '/servers/prod/url']);
      assert.deepEqual([result.changes[0]!.change.oldValue, result.changes[0]!.change.newValue], [undefined, '/v2']);
    });
    it('server variables are located at their enum and default, and say what moved', function () {
      const narrowed = run(V, edit(V, (d) => (d.servers.prod.variables.region.enum = ['eu']))).result.changes[0]!;
      assert.deepEqual(at(narrowed), ['/servers/prod/variables/region/enum', '/servers/prod/variables/region/enum']);
      assert.equal(describeChange(narrowed.change), '"region": Values a server variable may take removed (from its `enum`, or an `enum` added): clients that used them cannot connect as before (removed us).');
      const moved = run(V, edit(V, (d) => (d.servers.prod.variables.region.default = 'us'))).result.changes[0]!;
      assert.deepEqual(at(moved), ['/servers/prod/variables/region/default', '/servers/prod/variables/region/default']);
      assert.equal(moved.compatible, true);
      assert.match(moved.warnings[0]!.message, /clients that do not set "region" now connect with "us" instead of "eu"/);
      const removed = run(V, edit(V, (d) => delete d.servers.prod.variables.region)).result.changes[0]!;
      assert.deepEqual(at(removed), ['/servers/prod/variables/region', '/servers/prod/variables']);
    });
    it('a schemaFormat written another way is located at schemaFormat, old and new', function () {
      const { result } = run(formatted('application/schema+json;version=draft-07'), formatted('application/vnd.aai.asyncapi+json;version=3.0.0'));
      assert.deepEqual(at(result.changes[0]!), ['/channels/orders/messages/OrderPlaced/payload/schemaFormat', '/channels/orders/messages/OrderPlaced/payload/schemaFormat']);
      assert.deepEqual([result.changes[0]!.change.oldValue, result.changes[0]!.change.newValue], ['application/schema+json;version=draft-07', 'application/vnd.aai.asyncapi+json;version=3.0.0']);
      const D2 = shop2();
      const declared = run(D2, edit(D2, (d) => (d.components.messages.OrderPlaced.schemaFormat = 'application/vnd.aai.asyncapi;version=2.6.0')));
      assert.deepEqual(declared.lines, ['payload-schema-format-changed FORWARD']);
      assert.deepEqual(at(declared.result.changes[0]!), ['/components/messages/OrderPlaced/payload', '/components/messages/OrderPlaced/schemaFormat']);
    });
  });

  describe('AsyncAPI 2.x verb inversion', function () {
    const D2 = shop2();
    it('a message under `subscribe` is sent by the application: FORWARD', function () {
      const { result, lines } = run(D2, edit(D2, (d) => (d.components.messages.OrderPlaced.payload.required = ['id'])));
      assert.deepEqual(lines, ['required-added FORWARD']);
      assert.equal(result.changes[0]!.change.role, 'send');
      assert.equal(result.compatible, true);
    });
    it('a message under `publish` is received by the application: BACKWARD', function () {
      const { result, lines } = run(D2, edit(D2, (d) => (d.channels['payments.done'].publish.message.payload.required = ['id'])));
      assert.deepEqual(lines, ['required-added BACKWARD ✗']);
      assert.equal(result.changes[0]!.change.role, 'receive');
    });
    it('publish ↔ subscribe is an action change', function () {
      const after = edit(D2, (d) => ((d.channels['orders.placed'].publish = d.channels['orders.placed'].subscribe), delete d.channels['orders.placed'].subscribe));
      const { lines, result } = run(D2, after);
      assert.deepEqual(lines, ['message-added BACKWARD', 'message-removed FORWARD', 'operation-action-changed BACKWARD ✗']);
      const action = result.changes.find((item) => item.change.kind === 'operation-action-changed')!;
      assert.deepEqual([action.change.oldValue, action.change.newValue], ['subscribe (send)', 'publish (receive)']);
    });
    it('2.x message names, messageIds, oneOf lists and traits', function () {
      const before = edit(D2, (d) => (d.channels['payments.done'].publish.message = { oneOf: [{ messageId: 'PaymentDone', payload: payload() }, { $ref: '#/components/messages/PaymentFailed' }] }));
      before.components.messages.PaymentFailed = { traits: [{ $ref: '#/components/messageTraits/Json' }], payload: payload() };
      before.components.messageTraits = { Json: { contentType: 'application/json' } };
      const after = structuredClone(before);
      after.components.messageTraits.Json.contentType = 'application/avro';
      assert.deepEqual(run(before, after).lines, ['content-type-changed BACKWARD ✗']);
      const fewer = edit(before, (d) => d.channels['payments.done'].publish.message.oneOf.pop());
      assert.deepEqual(run(before, fewer).lines, ['message-removed BACKWARD ✗']);
    });
  });

  describe('replies flip the direction', function () {
    const withReply = (action: 'send' | 'receive') =>
      edit(D, (d) => {
        d.channels.confirmations = { address: 'orders.confirmed', messages: { Confirmed: { name: 'Confirmed', payload: payload() } } };
        d.operations.sendOrderPlaced.action = action;
        d.operations.sendOrderPlaced.reply = { channel: { $ref: '#/channels/confirmations' }, messages: [{ $ref: '#/channels/confirmations/messages/Confirmed' }] };
      });
    const tighten = (document: Doc) => edit(document, (d) => (d.channels.confirmations.messages.Confirmed.payload.required = ['id']));
    it('the sender of a request receives its reply: BACKWARD', function () {
      const { lines, result } = run(withReply('send'), tighten(withReply('send')));
      assert.deepEqual(lines, ['required-added BACKWARD ✗']);
      assert.equal(result.changes[0]!.change.role, 'receive');
    });
    it('the receiver of a request sends the reply: FORWARD', function () {
      assert.deepEqual(run(withReply('receive'), tighten(withReply('receive'))).lines, ['required-added FORWARD']);
    });
  });

  describe('roles across the document and the workspace', function () {
    it('a message both sent and received needs FULL', function () {
      const both = edit(D, (d) => (d.operations.receiveOrders = { action: 'receive', channel: { $ref: '#/channels/orders' } }));
      assert.deepEqual(run(both, edit(both, (d) => (d.channels.orders.messages.OrderPlaced.payload.required = ['id']))).lines, ['required-added FULL ✗']);
    });
    it('a message no operation uses takes the default mode', function () {
      const unused = edit(D, (d) => delete d.operations.onPaymentDone);
      const tightened = edit(unused, (d) => (d.channels.payments.messages.PaymentDone.payload.required = ['id']));
      assert.deepEqual(run(unused, tightened).lines, ['required-added BACKWARD ✗']);
      assert.deepEqual(run(unused, tightened, { defaultMode: 'FORWARD' }).lines, ['required-added FORWARD']);
    });
    it('a payload file received elsewhere in the workspace needs FULL here too', function () {
      const files: Record<string, unknown> = { 'file:///api/order.json': payload(), 'file:///api/order2.json': payload({ required: ['id'] }) };
      const before = edit(D, (d) => (d.channels.orders.messages.OrderPlaced.payload = { $ref: 'order.json' }));
      const after = edit(D, (d) => (d.channels.orders.messages.OrderPlaced.payload = { $ref: 'order2.json' }));
      const roleOfSchema = (location: { uri?: string }) => (location.uri === 'file:///api/order2.json' ? ('receive' as const) : undefined);
      const readDocument = (uri: string) => files[uri];
      assert.deepEqual(run(before, after, { readDocument }).lines, ['required-added FORWARD']);
      const { lines, result } = run(before, after, { readDocument, roleOfSchema });
      assert.deepEqual(lines, ['required-added FULL ✗']);
      assert.equal(result.changes[0]!.change.new.uri, 'file:///api/order2.json');
    });
    it('a fixed mode overrides the directions', function () {
      const tightened = edit(D, (d) => (d.channels.orders.messages.OrderPlaced.payload.required = ['id']));
      assert.deepEqual(run(D, tightened, { modeFor: () => 'BACKWARD' }).lines, ['required-added BACKWARD ✗']);
    });
    it('transitive default modes stay transitive per role', function () {
      const tightened = edit(D, (d) => (d.channels.orders.messages.OrderPlaced.payload.required = ['id']));
      assert.deepEqual(run(D, tightened, { defaultMode: 'BACKWARD_TRANSITIVE' }).lines, ['required-added FORWARD_TRANSITIVE']);
    });
  });

  describe('a 2.x baseline against a 3.x document after a migration', function () {
    it('the same application in both versions has no changes', function () {
      assert.deepEqual(run(shop2(), shop3()).lines, []);
    });
    it('compares on meaning: a payload change is judged by the message direction', function () {
      const after = edit(shop3(), (d) => {
        d.channels.orders.messages.OrderPlaced.payload.required = ['id'];
        d.channels.payments.messages.PaymentDone.payload.required = ['id'];
      });
      const { lines, result } = run(shop2(), after);
      assert.deepEqual(lines, ['required-added BACKWARD ✗', 'required-added FORWARD']);
      const received = result.changes.find((item) => item.change.mode === 'BACKWARD')!.change;
      assert.equal(pathToPointer(received.old.path), '/channels/payments.done/publish/message/payload');
      assert.equal(pathToPointer(received.new.path), '/channels/payments/messages/PaymentDone/payload/required/0');
    });
    it('a migration that inverted a verb is caught', function () {
      const wrong = edit(shop3(), (d) => (d.operations.sendOrderPlaced.action = 'receive'));
      assert.ok(run(shop2(), wrong).lines.includes('operation-action-changed BACKWARD ✗'));
    });
    it('Avro payloads are compared with Avro resolution', function () {
      const avro = (fields: unknown[]) => ({ schemaFormat: 'application/vnd.apache.avro;version=1.9.0', schema: { type: 'record', name: 'PaymentDone', fields } });
      const before = edit(shop3(), (d) => (d.channels.payments.messages.PaymentDone.payload = avro([{ name: 'id', type: 'string' }])));
      const after = edit(shop3(), (d) => (d.channels.payments.messages.PaymentDone.payload = avro([{ name: 'id', type: 'string' }, { name: 'amount', type: 'long' }])));
      assert.deepEqual(run(before, after).lines, ['avro-field-added-without-default BACKWARD ✗']);
      const v2 = edit(shop2(), (d) => {
        d.channels['payments.done'].publish.message.schemaFormat = 'application/vnd.apache.avro;version=1.9.0';
        d.channels['payments.done'].publish.message.payload = { type: 'record', name: 'PaymentDone', fields: [{ name: 'id', type: 'string' }] };
      });
      assert.deepEqual(run(v2, after).lines, ['avro-field-added-without-default BACKWARD ✗']);
    });
    it('one message both sent and received is one message, though 3.x lists it under two keys', function () {
      const both = edit(shop2(), (d) => (d.channels['orders.placed'].publish = { operationId: 'receiveOrderPlaced', message: { $ref: '#/components/messages/OrderPlaced' } }));
      const twice = edit(shop3(), (d) => {
        d.channels.orders.messages = { 'subscribe.message': { $ref: '#/components/messages/OrderPlaced' }, 'publish.message': { $ref: '#/components/messages/OrderPlaced' } };
        d.components = { messages: { OrderPlaced: d.channels.orders.messages.OrderPlaced ?? shop2().components.messages.OrderPlaced } };
        d.operations.sendOrderPlaced.messages = [{ $ref: '#/channels/orders/messages/subscribe.message' }];
        d.operations.receiveOrderPlaced = { action: 'receive', channel: { $ref: '#/channels/orders' }, messages: [{ $ref: '#/channels/orders/messages/publish.message' }] };
      });
      assert.deepEqual(run(both, twice).lines, []);
    });
    it('a 2.x parameter\'s description is its values\' description, as in 3.x', function () {
      const v2 = edit(shop2(), (d) => {
        d.channels['orders.{region}'] = d.channels['orders.placed'];
        delete d.channels['orders.placed'];
        d.channels['orders.{region}'].parameters = { region: { description: 'Where the order was placed.', schema: { type: 'string', enum: ['eu', 'us'] } } };
      });
      const v3 = edit(shop3(), (d) => {
        d.channels.orders.address = 'orders.{region}';
        d.channels.orders.parameters = { region: { description: 'Where the order was placed.', enum: ['eu', 'us'] } };
      });
      assert.deepEqual(run(v2, v3).lines, []);
    });
    it('security: a 2.x requirement object is its schemes together; 3.x lists one scheme per way', function () {
      const schemes = { user: { type: 'userPassword' }, oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com', scopes: { 'orders:write': 'write' } } } } };
      const v2 = edit(shop2(), (d) => {
        d.components.securitySchemes = schemes;
        d.servers.prod.security = [{ user: [] }];
        d.channels['orders.placed'].subscribe.security = [{ oauth: ['orders:write'] }];
      });
      const v3 = edit(shop3(), (d) => {
        d.components = { securitySchemes: { user: schemes.user, oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com', availableScopes: { 'orders:write': 'write' } } } } } };
        d.servers.prod.security = [{ $ref: '#/components/securitySchemes/user' }];
        d.operations.sendOrderPlaced.security = [{ ...d.components.securitySchemes.oauth, scopes: ['orders:write'] }];
      });
      assert.deepEqual(run(v2, v3).lines, []);
      const together = edit(v2, (d) => (d.servers.prod.security = [{ user: [], oauth: [] }]));
      const either = edit(v3, (d) => (d.servers.prod.security = [{ $ref: '#/components/securitySchemes/user' }, { $ref: '#/components/securitySchemes/oauth' }]));
      assert.deepEqual(run(together, either).lines, ['security-requirement-added BACKWARD', 'security-requirement-added BACKWARD', 'security-requirement-removed BACKWARD ✗']);
    });
  });
});
