import * as assert from 'node:assert/strict';
import type { Position } from 'vscode-languageserver-types';
import { hoverAt } from '../../../server/src/engine/navigation/hover';
import { examplesWorkspace, navigationWorkspace, textAt, type NavigationWorkspace } from './navigationHarness';
import { shopWorkspace } from './shopFixture';

async function hoverText(workspace: NavigationWorkspace, file: string, position: Position): Promise<string> {
  const hover = await hoverAt(workspace.engine, workspace.uri(file), position);
  assert.ok(hover, `a hover at ${file}:${position.line + 1}:${position.character + 1}`);
  const contents = hover.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

describe('navigation: hover', function () {
  let shop: NavigationWorkspace;
  let examples: NavigationWorkspace;

  before(async function () {
    shop = await shopWorkspace();
    examples = await examplesWorkspace();
  });

  describe('on a channel or a message: producers, consumers and payload', function () {
    it('examples: orders.order-placed has one producer and three consumers, by service and operation', async function () {
      const text = await hoverText(examples, 'orders/asyncapi.yaml', examples.find('orders/asyncapi.yaml', '  orderPlaced:\n    address', 4));
      assert.match(text, /^\*\*Channel\*\* `orderPlaced` · `orders\.order-placed` — 1 producer · 3 consumers/);
      const producers = text.slice(text.indexOf('**Producers'), text.indexOf('**Consumers'));
      assert.match(producers, /Orders Service \(this document\): \[`publishOrderPlaced`\]\(file:\/\/\/.*\/orders\/asyncapi\.yaml#L\d+,3\)/);
      const consumers = text.slice(text.indexOf('**Consumers'));
      for (const [service, operation] of [['Inventory Service', 'reserveStock'], ['Notifications Service', 'sendOrderConfirmation'], ['Payments Service', 'capturePaymentOnOrderPlaced']]) {
        assert.match(consumers, new RegExp(`${service}: \\[\`${operation}\`\\]`), `${service} consumes with ${operation}`);
      }
      assert.match(text, /\*\*Messages\*\*: `OrderPlaced`/);
    });

    it('examples: a message shows its flow, its payload fields (from the schema file) and its headers (from the shared file)', async function () {
      const text = await hoverText(examples, 'orders/asyncapi.yaml', examples.find('orders/asyncapi.yaml', '    OrderPlaced:\n      name: OrderPlaced', 4));
      assert.match(text, /^\*\*Message\*\* `OrderPlaced` · `application\/json` — 1 producer · 3 consumers/);
      assert.match(text, /\| `orderId` \| string \| required — Public order identifier\. \|/);
      assert.match(text, /\| `total` \| Money \| required/, 'a $ref property is named by its target\'s title');
      assert.match(text, /\| `channel` \| "web" \\\| "ios" \\\| "android" \\\| "pos" \|/, 'enums are listed, with table pipes escaped');
      assert.match(text, /\*\*Headers\*\*: `eventId`, `eventType`, `occurredAt`, `correlationId`, `traceparent`, `tracestate`\?/);
    });

    it('examples: request/reply counts the reply: the responder produces on the reply channel', async function () {
      const text = await hoverText(examples, 'orders/asyncapi.yaml', examples.find('orders/asyncapi.yaml', '  paymentAuthorizationReplies:', 4));
      assert.match(text, /1 producer · 1 consumer/);
      assert.match(text, /Payments Service: \[`authorizePayment`\]\([^)]*\) \(reply\)/);
      assert.match(text, /Orders Service \(this document\): \[`requestPaymentAuthorization`\]\([^)]*\) \(reply\)/);
    });

    it('matches channels across documents by address with parameter names dropped', async function () {
      const text = await hoverText(shop, 'orders.yaml', shop.at('orders.yaml', 'channel'));
      assert.match(text, /— 1 producer · 1 consumer/);
      assert.match(text, /Billing: \[`chargeOrder`\]\([^)]*\) on `orders\.\{id\}\.placed`/);
    });

    it('AsyncAPI 2.x: `publish` means the application receives', async function () {
      const text = await hoverText(shop, 'legacy.yaml', shop.at('legacy.yaml', 'legacyChannel'));
      assert.match(text, /0 producers · 1 consumer/);
      assert.match(text, /Legacy \(this document\): \[`onOrderPlaced`\]/);
    });
  });

  it('AsyncAPI 2.x: an operation\'s `message` shows the message with its flow, then what the field means', async function () {
    const text = await hoverText(shop, 'legacy.yaml', shop.find('legacy.yaml', 'message:\n        $ref', 2));
    assert.match(text, /^\*\*Message\*\* `OrderPlaced` \(key `Placed`\) — 0 producers · 1 consumer/);
    assert.match(text, /\| `orderId` \| string \|/);
    assert.match(text, /---\n\n\*\*`message`\*\* \(Operation, AsyncAPI 2\.x\)/);
  });

  describe('on a $ref: what it leads to', function () {
    it('a message in a fragment file, with its payload', async function () {
      const text = await hoverText(shop, 'orders.yaml', shop.at('orders.yaml', 'fragmentRef'));
      assert.match(text, /^\*\*Message\*\* `OrderShipped`/);
      assert.match(text, /\| `trackingId` \| string \| The carrier's tracking number\. \|/);
      assert.match(text, /Defined at `shared\/messages\.yaml#\/OrderShipped`/);
    });

    it('a schema file: title, description, type and properties with required marks', async function () {
      const text = await hoverText(examples, 'orders/asyncapi.yaml', examples.find('orders/asyncapi.yaml', "'../schemas/order-cancelled.schema.json'", 5));
      assert.match(text, /^\*\*Schema\*\*: `object` — /);
      assert.match(text, /\| field \| type \| \|\n\|---\|---\|---\|/);
      assert.match(text, /Defined at `schemas\/order-cancelled\.schema\.json`/);
    });

    it('an Avro schema: its fields with Avro types', async function () {
      const text = await hoverText(examples, 'orders/asyncapi.yaml', examples.find('orders/asyncapi.yaml', "'../schemas/shipment-dispatched.avsc'", 5));
      assert.match(text, /\(Avro\)/);
      assert.match(text, /\| `dispatchedAt` \| long \(timestamp-millis\) \|/);
    });

    it('a definition in a schema file', async function () {
      const text = await hoverText(shop, 'orders.yaml', shop.at('orders.yaml', 'orderId'));
      assert.match(text, /^\*\*Schema\*\*: `string`/);
      assert.match(text, /Public order identifier\./);
    });

    it('a channel in the same document', async function () {
      const text = await hoverText(shop, 'orders.yaml', shop.at('orders.yaml', 'channelRef'));
      assert.match(text, /^\*\*Channel\*\* `orderPlaced` · `orders\.\{orderId\}\.placed`/);
    });

    it('a reference that does not resolve has no hover', async function () {
      assert.equal(await hoverAt(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'missing')), undefined);
    });

    it('the hover range is the reference string', async function () {
      const hover = await hoverAt(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'messageRef'));
      assert.equal(textAt(shop, shop.uri('orders.yaml'), hover!.range!), "'#/components/messages/OrderPlaced'");
    });
  });

  describe('on a keyword: what the field means, for the document\'s version', function () {
    const cases: Array<[string, string, string, RegExp]> = [
      ['3.x `action`', 'orders.yaml', 'action', /^\*\*`action`\*\* \(Operation, AsyncAPI 3\.x\)\n\n`send`: the application sends/],
      ['2.x `publish` explains the inversion', 'legacy.yaml', 'publish', /^\*\*`publish`\*\* \(Channel, AsyncAPI 2\.x\)\n\nWhat others may send to this channel, which means \*\*the application receives\*\* it/],
      ['a binding field, from the binding schema', 'orders.yaml', 'partitions', /^\*\*`partitions`\*\* \(Kafka channel binding\) · `integer`\n\nNumber of partitions configured on this topic/],
    ];
    for (const [what, file, marker, expected] of cases) {
      it(what, async function () {
        assert.match(await hoverText(shop, file, shop.at(file, marker)), expected);
      });
    }

    it('`servers` differs between 2.x and 3.x', async function () {
      const v2 = await hoverText(shop, 'legacy.yaml', shop.find('legacy.yaml', 'servers:', 1));
      const v3 = await hoverText(shop, 'orders.yaml', shop.find('orders.yaml', 'servers:', 1));
      assert.match(v2, /Each has a `url` and a `protocol`/);
      assert.match(v3, /Each has a `host`, a `protocol`/);
    });

    it('every field of the specification that the issue names has an explanation, in 2.x and 3.x', async function () {
      const v3 = await navigationWorkspace({
        'v3.yaml': [
          '⟦asyncapi⟧asyncapi: 3.0.0',
          '⟦info⟧info: { title: A, version: 1.0.0 }',
          '⟦servers⟧servers: { s: { host: h, protocol: kafka } }',
          '⟦channels⟧channels:',
          '  c:',
          '    ⟦address⟧address: a',
          '    ⟦channelMessages⟧messages:',
          '      m:',
          '        ⟦payload⟧payload: { schemaFormat: application/vnd.apache.avro;version=1.9.0, ⟦schema⟧schema: { type: string } }',
          '        ⟦headers⟧headers: { type: object }',
          "        ⟦correlationId⟧correlationId: { ⟦location⟧location: '$message.header#/x' }",
          '        ⟦traits⟧traits: []',
          '        ⟦bindings⟧bindings: { kafka: { ⟦kafkaKey⟧key: { type: string } } }',
          '⟦operations⟧operations:',
          '  o:',
          '    ⟦action⟧action: send',
          "    ⟦channel⟧channel: { $ref: '#/channels/c' }",
          '    ⟦operationMessages⟧messages: []',
          "    ⟦reply⟧reply: { ⟦replyAddress⟧address: { location: '$message.header#/replyTo' } }",
          '⟦components⟧components: {}',
          '',
        ].join('\n'),
      });
      const expected3: Record<string, RegExp> = {
        asyncapi: /version of the AsyncAPI Specification/,
        info: /`title` and `version`/,
        servers: /`host`, a `protocol`/,
        channels: /an `address`/,
        address: /topic, routing key, queue/,
        channelMessages: /messages that may flow through the channel/,
        payload: /`\{ schemaFormat, schema \}`/,
        schema: /The schema itself, in the format `schemaFormat` names/,
        headers: /application headers/,
        correlationId: /correlates it with other messages/,
        location: /runtime expression/,
        traits: /merged into this message/,
        bindings: /Protocol-specific settings of the message/,
        kafkaKey: /\(Kafka message binding\)[\s\S]*The message key/,
        operations: /an `action` \(`send` or `receive`\)/,
        action: /`send`: the application sends/,
        channel: /A `\$ref` to the channel the operation acts on/,
        operationMessages: /Left out, it uses all of the channel's messages/,
        reply: /request\/reply/,
        replyAddress: /only known at run time/,
        components: /Reusable definitions/,
      };
      for (const [marker, pattern] of Object.entries(expected3)) {
        const text = await hoverText(v3, 'v3.yaml', v3.at('v3.yaml', marker));
        assert.match(text, pattern, `hover on ${marker}`);
        if (marker !== 'kafkaKey') assert.match(text, /AsyncAPI 3\.x/, `${marker} says which version it explains`);
      }
      const v2 = await navigationWorkspace({
        'v2.yaml': [
          'asyncapi: 2.6.0',
          'info: { title: A, version: 1.0.0 }',
          '⟦servers⟧servers: { s: { url: h, protocol: mqtt } }',
          '⟦channels⟧channels:',
          '  a/b:',
          '    ⟦subscribe⟧subscribe:',
          '      ⟦message⟧message: { ⟦schemaFormat⟧schemaFormat: application/vnd.aai.asyncapi;version=2.6.0, payload: { type: string } }',
          '',
        ].join('\n'),
      });
      const expected2: Record<string, RegExp> = {
        servers: /Each has a `url` and a `protocol`/,
        channels: /keyed by their address/,
        subscribe: /\*\*the application sends\*\*/,
        message: /\*\*`message`\*\* \(Operation, AsyncAPI 2\.x\)/,
        schemaFormat: /The format of the `payload` schema \(2\.x\)/,
      };
      for (const [marker, pattern] of Object.entries(expected2)) assert.match(await hoverText(v2, 'v2.yaml', v2.at('v2.yaml', marker)), pattern, `2.x hover on ${marker}`);
    });

    it('extension keys and free-form values have none', async function () {
      const workspace = await navigationWorkspace({ 'a.yaml': 'asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nx-⟦x⟧owner: team\n' });
      assert.equal(await hoverAt(workspace.engine, workspace.uri('a.yaml'), workspace.at('a.yaml', 'x')), undefined);
    });
  });

  it('on an operation: what it does, on which address, with which messages', async function () {
    const text = await hoverText(shop, 'orders.yaml', shop.at('orders.yaml', 'operation'));
    assert.equal(text, '**Operation** `placeOrder` · sends on `orders.{orderId}.placed`\n\n**Messages**: `OrderPlaced`\n\nRequest/reply: it has a `reply`.');
  });

  it('on a runtime expression: the field in each message that has it', async function () {
    const text = await hoverText(shop, 'orders.yaml', shop.at('orders.yaml', 'correlation'));
    assert.match(text, /^\*\*Runtime expression\*\*: the message header field `correlationId`\n- `OrderPlaced`: `string \(uuid\)`, required — Ties the messages of one flow together\./);
  });

  it('on an address parameter: its definition', async function () {
    const text = await hoverText(shop, 'orders.yaml', shop.at('orders.yaml', 'param'));
    assert.match(text, /^\*\*Channel parameter\*\* `orderId`\n\nThe order's id\.\n\nValue from `\$message\.payload#\/orderId`/);
  });
});
