import * as assert from 'node:assert/strict';
import { findDefinition } from '../../../server/src/engine/navigation/definition';
import { describeLocations, examplesWorkspace, textAt, type NavigationWorkspace } from './navigationHarness';
import { shopWorkspace } from './shopFixture';

describe('navigation: go to definition', function () {
  let shop: NavigationWorkspace;
  let examples: NavigationWorkspace;

  before(async function () {
    shop = await shopWorkspace();
    examples = await examplesWorkspace();
  });

  // [what, file, marker, expected targets as file:line:col of the target's key (or start)]
  const shopCases: Array<[string, string, string, string[]]> = [
    ['a local $ref lands on the component key', 'orders.yaml', 'messageRef', ['orders.yaml:56:5']],
    ['an operation\'s channel $ref lands on the channel', 'orders.yaml', 'channelRef', ['orders.yaml:10:3']],
    ['the `channel` key of an operation goes where its $ref goes', 'orders.yaml', 'channelKey', ['orders.yaml:10:3']],
    ['the `messages` key of an operation goes to each listed message', 'orders.yaml', 'messagesKey', ['orders.yaml:17:7']],
    ['a $ref into a fragment file lands on its key there', 'orders.yaml', 'fragmentRef', ['shared/messages.yaml:1:1']],
    ['the `$ref` key itself goes where its reference goes', 'orders.yaml', 'refKey', ['shared/messages.yaml:1:1']],
    ['a $ref into a schema file\'s definitions lands on the definition', 'orders.yaml', 'orderId', ['schemas/order.schema.json:19:5']],
    ['an address parameter goes to its definition', 'orders.yaml', 'param', ['orders.yaml:13:7']],
    ['a runtime expression goes to the schema field (from the message\'s trait)', 'orders.yaml', 'correlation', ['orders.yaml:77:11']],
    ['a $ref that does not resolve goes nowhere', 'orders.yaml', 'missing', []],
    ['a definition\'s own key answers itself (editors then show its references)', 'orders.yaml', 'channel', ['orders.yaml:10:3']],
    ['a channel message that is a reference goes where it points', 'orders.yaml', 'channelMessage', ['orders.yaml:17:7']],
    ['AsyncAPI 2.x: a message $ref', 'legacy.yaml', 'legacyRef', ['legacy.yaml:31:5']],
    ['JSON: a $ref in an AsyncAPI JSON document', 'catalog.json', 'jsonRef', ['catalog.json:20:7']],
  ];
  for (const [what, file, marker, expected] of shopCases) {
    it(what, async function () {
      const links = await findDefinition(shop.engine, shop.uri(file), shop.at(file, marker));
      assert.deepEqual(describeLocations(shop, links), expected);
    });
  }

  it('the origin of a $ref link is the whole reference string, and the target range the whole entry', async function () {
    const [link] = await findDefinition(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'messageRef'));
    assert.ok(link);
    assert.equal(textAt(shop, shop.uri('orders.yaml'), link.originSelectionRange!), "'#/components/messages/OrderPlaced'");
    assert.match(textAt(shop, link.targetUri, link.targetRange), /^OrderPlaced:\n {6}name: OrderPlaced\n[\s\S]*key:\n {12}\$ref: '\.\/schemas\/order\.schema\.json#\/definitions\/OrderId'\n?$/);
    assert.equal(textAt(shop, link.targetUri, link.targetSelectionRange), 'OrderPlaced');
  });

  it('follows a pointer through a reference met on the way (the channel message is a $ref to the component)', async function () {
    const document = shop.text('orders.yaml').replace("      - $ref: '#/channels/orderPlaced/messages/OrderPlaced'", "      - $ref: '#/channels/orderPlaced/messages/OrderPlaced/payload'");
    shop.engine.setOpenDocument(shop.uri('orders.yaml'), document, 2);
    try {
      const position = shop.find('orders.yaml', "messages/OrderPlaced'", 3, 1);
      const links = await findDefinition(shop.engine, shop.uri('orders.yaml'), { line: position.line + 0, character: position.character });
      assert.deepEqual(describeLocations(shop, links), ['orders.yaml:65:7'], 'the payload of the component message');
    } finally {
      await shop.engine.closeDocument(shop.uri('orders.yaml'));
    }
  });

  // On examples/: across files, to the exact node.
  const exampleCases: Array<[string, string, string, number, string[]]> = [
    ['shared headers in common/headers.yaml', 'orders/asyncapi.yaml', "'../common/headers.yaml#/components/schemas/EventHeaders'", 30, ['common/headers.yaml:11:5']],
    ['a whole schema file, at its start', 'orders/asyncapi.yaml', "'../schemas/order-placed.schema.json'", 5, ['schemas/order-placed.schema.json:1:1']],
    ['an Avro schema in a multi-format payload', 'orders/asyncapi.yaml', "'../schemas/shipment-dispatched.avsc'", 5, ['schemas/shipment-dispatched.avsc:1:1']],
    ['a schema file\'s $ref to another schema file', 'schemas/order-placed.schema.json', '"money.schema.json"', 3, ['schemas/money.schema.json:1:1']],
    ['an operation\'s message, to the channel\'s entry', 'payments/asyncapi.yaml', "'#/channels/authorizationRequests/messages/PaymentAuthorizationRequest'", 50, ['payments/asyncapi.yaml:57:7']],
  ];
  for (const [what, file, needle, offset, expected] of exampleCases) {
    it(`examples: ${what}`, async function () {
      const links = await findDefinition(examples.engine, examples.uri(file), examples.find(file, needle, offset));
      assert.deepEqual(describeLocations(examples, links), expected);
    });
  }
});
