import * as assert from 'node:assert/strict';
import { flowLensPlaces, resolveFlowLens } from '../../../server/src/engine/navigation/flowLenses';
import { childString, childValue } from '../../../server/src/engine/text/tree';
import { examplesWorkspace, navigationWorkspace, textAt, type NavigationWorkspace } from './navigationHarness';
import { shopWorkspace } from './shopFixture';

/**
 * Who sends and who receives on each address of examples/, as examples/README.md tables it
 * ("Who sends and who receives what"): [producers, consumers]. A request/reply counts the
 * replier as the producer of the reply channel and the requester as its consumer.
 */
const EXAMPLE_FLOWS: Record<string, [number, number]> = {
  'orders.order-placed': [1, 3],
  'orders.order-cancelled': [1, 2],
  'order.{orderId}.status-changed': [1, 1],
  'payments.authorization.requests': [1, 1],
  'payments.authorization.replies': [1, 1],
  'payments.payment-captured': [1, 1],
  'payments.payment-failed': [1, 2],
  'shipping.create-shipment': [1, 1],
  'shipping.shipment-dispatched': [1, 2],
  'inventory.stock-reserved': [1, 2],
  'pricing.price-changed': [1, 0],
  'pricing.promotion-started': [1, 0],
  'warehouse.label-print': [1, 0],
  'notifications.email.outbound': [1, 0],
  'orders.payments.payment-captured.dlq': [1, 0],
  'inventory.orders.order-placed.dlq': [1, 0],
  // legacy/inventory-sync.yaml: its one operation has an invalid action (the intended error).
  'erp.stock-snapshot': [0, 0],
};

function title([producers, consumers]: [number, number]) {
  return `${producers} producer${producers === 1 ? '' : 's'} · ${consumers} consumer${consumers === 1 ? '' : 's'}`;
}

describe('navigation: producer/consumer code lenses', function () {
  let examples: NavigationWorkspace;

  before(async function () {
    examples = await examplesWorkspace();
  });

  for (const file of ['orders/asyncapi.yaml', 'payments/asyncapi.yaml', 'inventory/asyncapi.yaml', 'notifications/asyncapi.yaml', 'shipping/asyncapi.yaml', 'pricing/asyncapi.yaml', 'legacy/inventory-sync.yaml']) {
    it(`examples: every channel of ${file} says what the README's table says`, async function () {
      const uri = examples.uri(file);
      const places = (await flowLensPlaces(examples.engine, uri)).filter((place) => place.element === 'channel');
      assert.ok(places.length > 0);
      const root = (await examples.engine.files.get(uri))!.tree.root;
      for (const place of places) {
        const address = childString(childValue(childValue(root, 'channels'), String(place.path[1])), 'address')!;
        const expected = EXAMPLE_FLOWS[address];
        assert.ok(expected, `the README table has ${address}`);
        const content = await resolveFlowLens(examples.engine, uri, place.element, place.path);
        assert.equal(content?.title, title(expected), `${file} ${place.path.join('.')} (${address})`);
        assert.equal(content!.locations.length, expected[0] + expected[1], 'one location per operation');
        assert.equal(textAt(examples, uri, place.range), String(place.path[1]), 'the lens sits on the channel\'s key');
      }
    });
  }

  it('examples: lenses sit above channels and component messages, not above $refs to them', async function () {
    const places = await flowLensPlaces(examples.engine, examples.uri('orders/asyncapi.yaml'));
    assert.equal(places.filter((place) => place.element === 'channel').length, 11);
    assert.deepEqual(
      places.filter((place) => place.element === 'message').map((place) => place.path.join('.')),
      ['OrderPlaced', 'OrderCancelled', 'OrderStatusChanged', 'PaymentAuthorizationRequest', 'PaymentAuthorizationResult', 'PaymentCaptured', 'PaymentFailed', 'CreateShipment', 'ShipmentDispatched', 'StockReserved'].map((name) => `components.messages.${name}`),
    );
  });

  it('examples: a message counts the operations that use it on a channel that carries it, in every document', async function () {
    const uri = examples.uri('orders/asyncapi.yaml');
    const placed = await resolveFlowLens(examples.engine, uri, 'message', ['components', 'messages', 'OrderPlaced']);
    assert.equal(placed?.title, '1 producer · 3 consumers');
    assert.deepEqual(placed!.locations.map((location) => examples.describe(location.uri, location.range)), [
      'orders/asyncapi.yaml:207:3',
      'inventory/asyncapi.yaml:81:3',
      'notifications/asyncapi.yaml:112:3',
      'payments/asyncapi.yaml:142:3',
    ]);
    // PaymentCaptured travels on two channels: the payments topic and the orders DLQ.
    const captured = await resolveFlowLens(examples.engine, uri, 'message', ['components', 'messages', 'PaymentCaptured']);
    assert.equal(captured?.title, '2 producers · 1 consumer');
  });

  it('a channel named differently with a differently named parameter is the same channel', async function () {
    const shop = await shopWorkspace();
    const content = await resolveFlowLens(shop.engine, shop.uri('orders.yaml'), 'channel', ['channels', 'orderPlaced']);
    assert.equal(content?.title, '1 producer · 1 consumer');
    assert.deepEqual(content!.flow.consumers.map((participant) => `${participant.application} ${participant.operationKey} ${participant.address}`), ['Billing chargeOrder orders.{id}.placed']);
    const shared = await resolveFlowLens(shop.engine, shop.uri('orders.yaml'), 'message', ['channels', 'shared', 'messages', 'Shared']);
    // A message both documents take from one shared file: the same definition, so the same message.
    assert.equal(shared?.title, '1 producer · 1 consumer');
    assert.deepEqual([...shared!.flow.producers, ...shared!.flow.consumers].map((participant) => participant.operationKey), ['shipOrder', 'recordShipment']);
  });

  it('follows the edits of open documents: a new consumer elsewhere changes the count', async function () {
    const workspace = await navigationWorkspace({
      'producer.yaml': ['asyncapi: 3.0.0', 'info: { title: Producer, version: 1.0.0 }', 'channels:', '  placed:', '    address: orders.placed', 'operations:', '  announce:', '    action: send', "    channel: { $ref: '#/channels/placed' }", ''].join('\n'),
      'consumer.yaml': ['asyncapi: 3.0.0', 'info: { title: Consumer, version: 1.0.0 }', 'channels:', '  incoming:', '    address: orders.placed', ''].join('\n'),
    });
    const before = await resolveFlowLens(workspace.engine, workspace.uri('producer.yaml'), 'channel', ['channels', 'placed']);
    assert.equal(before?.title, '1 producer · 0 consumers');
    workspace.engine.setOpenDocument(workspace.uri('consumer.yaml'), workspace.text('consumer.yaml') + ['operations:', '  react:', '    action: receive', "    channel: { $ref: '#/channels/incoming' }", ''].join('\n'), 2);
    const after = await resolveFlowLens(workspace.engine, workspace.uri('producer.yaml'), 'channel', ['channels', 'placed']);
    assert.equal(after?.title, '1 producer · 1 consumer');
  });

  it('AsyncAPI 2.x: subscribe is sending, publish is receiving, and inline messages get their own lens', async function () {
    const shop = await shopWorkspace();
    const places = await flowLensPlaces(shop.engine, shop.uri('legacy.yaml'));
    assert.deepEqual(places.map((place) => `${place.element} ${place.path.join('.')}`), [
      'channel channels.orders/{orderId}/placed',
      'channel channels.orders/audit',
      'message channels.orders/audit.subscribe.message',
      'message components.messages.Placed',
    ]);
    const audit = await resolveFlowLens(shop.engine, shop.uri('legacy.yaml'), 'message', ['channels', 'orders/audit', 'subscribe', 'message']);
    assert.equal(audit?.title, '1 producer · 0 consumers');
  });
});
