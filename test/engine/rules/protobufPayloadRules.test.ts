import * as assert from 'node:assert/strict';
import { applyFix, findingsOf, fixesOf, workspaceOf } from './ruleHarness';

/**
 * The discipline rules on Protobuf payloads: each reads the fields of the message the AsyncAPI
 * Protobuf parser takes for the payload (a `.proto` file by `$ref`, with its imports, or inline
 * source), and places what it finds in the `.proto` file or at the AsyncAPI message.
 */
const SHOP_PROTO = `syntax = "proto3";

package shop.v1;

import "google/protobuf/timestamp.proto";
import "customer.proto";

message OrderPlaced {
  string event_id = 1;
  string order_id = 2;
  Customer customer = 3;
  google.protobuf.Timestamp placed_at = 4;
  optional string coupon = 5;
  repeated string skus = 6;
}
`;

const CUSTOMER_PROTO = `syntax = "proto3";

package shop.v1;

message Customer {
  string id = 1;
  optional string region = 2;
}
`;

const NO_PACKAGE_PROTO = `syntax = "proto3";

message StockCounted {
  string sku = 1;
  int64 count = 2;
}
`;

/** One message per case, on a Kafka channel of its own. */
function documentWith(messages: Record<string, string>): string {
  const keys = Object.keys(messages);
  return `asyncapi: 3.0.0
info: { title: Shop, version: 1.0.0 }
servers:
  production: { host: kafka.example.com:9092, protocol: kafka }
channels:
${keys.map((key) => `  ${key}:\n    address: shop.${key}\n    messages:\n      ${key}: { $ref: '#/components/messages/${key}' }`).join('\n')}
operations:
${keys.map((key) => `  send${key}:\n    action: send\n    channel: { $ref: '#/channels/${key}' }`).join('\n')}
components:
  messages:
${keys.map((key) => `    ${key}:\n${messages[key]!.replace(/^/gm, '      ')}`).join('\n')}
`;
}

const REF_PAYLOAD = `payload:\n  schemaFormat: application/vnd.google.protobuf;version=3\n  schema: { $ref: './shop.proto' }`;

interface Case {
  name: string;
  rule: string;
  message: string;
  files?: Record<string, string>;
  expected: string[];
}

const cases: Case[] = [
  { name: 'event-id: a payload field event_id is the id', rule: 'event-id', message: REF_PAYLOAD, expected: [] },
  {
    name: 'event-id: a message without one is reported at the message',
    rule: 'event-id',
    message: `payload:\n  schemaFormat: application/vnd.google.protobuf;version=3\n  schema: |\n    syntax = "proto3";\n    package shop.v1;\n    message Counted { string sku = 1; }`,
    expected: ['shop.yaml:16:5 Event "Message" carries no unique id'],
  },
  {
    name: 'ordering-key: a pointer through a message field of an imported file resolves',
    rule: 'ordering-key',
    message: `${REF_PAYLOAD}\nbindings: { kafka: { key: { type: string } } }\nx-ordering-key: '$message.payload#/customer/id'`,
    expected: [],
  },
  {
    name: 'ordering-key: a proto3 optional field is not always there',
    rule: 'ordering-key',
    message: `${REF_PAYLOAD}\nbindings: { kafka: { key: { type: string } } }\nx-ordering-key: '$message.payload#/customer/region'`,
    expected: ["shop.yaml:21:23 x-ordering-key \"$message.payload#/customer/region\" names customer.region, which the payload of message \"Message\" does not require"],
  },
  {
    name: 'ordering-key: a field the message lacks is named with the fields it has',
    rule: 'ordering-key',
    message: `${REF_PAYLOAD}\nbindings: { kafka: { key: { type: string } } }\nx-ordering-key: '$message.payload#/orderId'`,
    expected: ['shop.yaml:21:23 x-ordering-key "$message.payload#/orderId" names orderId, which is no property of the payload of message "Message" (it has event_id, order_id, customer, placed_at, coupon and skus)'],
  },
  {
    name: 'ordering-key: proto2 optional is optional, required is required',
    rule: 'ordering-key',
    message: `payload:\n  schemaFormat: application/vnd.google.protobuf;version=2\n  schema: |\n    syntax = "proto2";\n    package shop.v1;\n    message Cancelled { required string order_id = 1; optional string reason = 2; }\nbindings: { kafka: { key: { type: string } } }\nx-ordering-key: '$message.payload#/reason'`,
    expected: ['shop.yaml:24:23 x-ordering-key "$message.payload#/reason" names reason, which the payload of message "Message" does not require'],
  },
  {
    name: 'ordering-key: a Kafka message without a key is offered the entity id field',
    rule: 'ordering-key',
    message: REF_PAYLOAD,
    expected: ['shop.yaml:16:5 Message "Message" travels over kafka (channel shop.Message) but declares no partition key: without bindings.kafka.key, producers send it without one, Kafka spreads it over all partitions, and consumers may process two events of one order in the opposite order to how they happened. Declare the key, taken from order_id,'],
  },
  {
    name: 'correlation-id: a payload location names a field of the Protobuf message',
    rule: 'correlation-id',
    message: `${REF_PAYLOAD}\ncorrelationId: { location: '$message.payload#/order_id' }`,
    expected: [],
  },
  {
    name: 'correlation-id: a location the Protobuf message lacks is reported',
    rule: 'correlation-id',
    message: `${REF_PAYLOAD}\ncorrelationId: { location: '$message.payload#/customer/tenant' }`,
    expected: ['shop.yaml:20:7 The correlationId of message "Message" points at $message.payload#/customer/tenant, but its payload schema declares no customer/tenant'],
  },
  {
    name: 'schema-id: the fully-qualified name of a message in a package is its identity',
    rule: 'schema-id',
    message: REF_PAYLOAD,
    expected: [],
  },
  {
    name: 'schema-id: a message in no package is reported at its name in the .proto file',
    rule: 'schema-id',
    message: `payload:\n  schemaFormat: application/vnd.google.protobuf;version=3\n  schema: { $ref: './stock.proto' }`,
    expected: ['stock.proto:3:9 The payload of message "Message" is the Protobuf message "StockCounted", in no package'],
  },
  {
    name: 'schema-id: inline source in no package is reported at the payload schema',
    rule: 'schema-id',
    message: `payload:\n  schemaFormat: application/vnd.google.protobuf;version=3\n  schema: 'syntax = "proto3"; message StockCounted { string sku = 1; }'`,
    expected: ['shop.yaml:19:17 The payload of message "Message" is the Protobuf message "StockCounted", in no package'],
  },
];

describe('discipline rules on Protobuf payloads', function () {
  for (const testCase of cases) {
    it(testCase.name, async function () {
      const files = { 'shop.yaml': documentWith({ Message: testCase.message }), 'shop.proto': SHOP_PROTO, 'customer.proto': CUSTOMER_PROTO, 'stock.proto': NO_PACKAGE_PROTO, ...testCase.files };
      const { lines } = await findingsOf(testCase.rule, files);
      assert.equal(lines.length, testCase.expected.length, lines.join('\n'));
      testCase.expected.forEach((prefix, index) => assert.ok(lines[index]!.startsWith(prefix), `${lines[index]}\ndoes not start with\n${prefix}`));
    });
  }

  it('keys a Kafka message by the Protobuf field: the key schema from its type, x-ordering-key by its name in the .proto source', async function () {
    const files = { 'shop.yaml': documentWith({ Message: REF_PAYLOAD }), 'shop.proto': SHOP_PROTO, 'customer.proto': CUSTOMER_PROTO };
    const fixed = await applyFix('ordering-key', files, /^Key message "Message" by order_id: add bindings\.kafka\.key and x-ordering-key$/);
    assert.match(fixed['shop.yaml']!, /bindings:\n\s+kafka:\n\s+key:\n\s+type: string\n/);
    assert.match(fixed['shop.yaml']!, /x-ordering-key: \$message\.payload#\/order_id/);
    assert.equal(fixed['shop.proto'], SHOP_PROTO);
  });

  it('checks a message again when its .proto file changes (the message memo compares the text)', async function () {
    const workspace = await workspaceOf({ 'shop.yaml': documentWith({ Message: REF_PAYLOAD }), 'shop.proto': SHOP_PROTO, 'customer.proto': CUSTOMER_PROTO }, 'rules:\n  event-id: warning\n');
    const eventIds = async () => [...(await workspace.engine.checkFast(workspace.uri('shop.yaml'))).findings.values()].flat().filter((finding) => finding.ruleId === 'event-id').length;
    assert.equal(await eventIds(), 0);
    workspace.host.files.set(workspace.uri('shop.proto'), SHOP_PROTO.replace('string event_id = 1;', 'reserved 1;'));
    await workspace.engine.fileChanged(workspace.uri('shop.proto'));
    assert.equal(await eventIds(), 1);
  });

  it('offers no JSON Schema edit into proto source: the structured CloudEvents fix is not offered', async function () {
    const message = `contentType: application/cloudevents+json\n${REF_PAYLOAD}`;
    const { fixes } = await fixesOf('cloudevents-attributes', { 'shop.yaml': documentWith({ Message: message }), 'shop.proto': SHOP_PROTO, 'customer.proto': CUSTOMER_PROTO }, 'shop.yaml', 0, 'extends: cloudevents\nrules:\n  cloudevents-attributes: warning\n');
    for (const fix of fixes) for (const uri of fix.edits.keys()) assert.ok(!uri.endsWith('.proto'), `${fix.title} edits ${uri}`);
    assert.deepEqual(fixes.map((fix) => fix.title), []);
  });
});
