import * as assert from 'node:assert/strict';
import { titleFromName } from '../../../server/src/engine/rules/messageIdentity';
import { applyFix, findingsOf } from './ruleHarness';

const V3 = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      orderPlaced:
        $ref: '#/components/messages/OrderPlaced'
      orderShipped:
        name: OrderShipped
        summary: An order left the warehouse.
components:
  messages:
    OrderPlaced: # placed by the checkout
      payload:
        type: object
    OrderCancelled:
      name: OrderCancelled
      payload: { type: object }
`;

describe('rule message-identity', function () {
  it('reports each message definition once, at its key, whatever it lacks', async function () {
    assert.deepEqual((await findingsOf('message-identity', { 'orders.yaml': V3 })).lines, [
      'orders.yaml:14:5 Message "OrderPlaced" has no name, and no title or summary: other teams find a message by its name and understand it by its title',
      'orders.yaml:17:5 Message "OrderCancelled" has no title or summary: other teams find a message by its name and understand it by its title',
    ]);
  });

  it('takes the name and title from traits', async function () {
    const withTraits = V3.replace("    OrderPlaced: # placed by the checkout\n", "    OrderPlaced: # placed by the checkout\n      traits:\n        - $ref: '#/components/messageTraits/Named'\n").replace('components:\n', 'components:\n  messageTraits:\n    Named: { name: OrderPlaced, title: Order placed }\n');
    assert.deepEqual((await findingsOf('message-identity', { 'orders.yaml': withTraits })).lines.map((line) => line.split(' ')[2]), ['"OrderCancelled"']);
  });

  it('reports a message defined in another file in that file', async function () {
    const shared = 'OrderPlaced:\n  payload: { type: object }\n';
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  orders:\n    address: orders\n    messages:\n      placed: { $ref: './shared.yaml#/OrderPlaced' }\n";
    assert.deepEqual((await findingsOf('message-identity', { 'a.yaml': document, 'shared.yaml': shared }, 'a.yaml')).lines.map((line) => line.split(' ')[0]), ['shared.yaml:1:1']);
  });

  it('fixes by adding the name and a title made from the key, in one edit', async function () {
    const fixed = await applyFix('message-identity', { 'orders.yaml': V3 }, /Add name "OrderPlaced" and title "Order placed"/);
    assert.ok(fixed['orders.yaml']!.includes('    OrderPlaced: # placed by the checkout\n      payload:\n        type: object\n      name: OrderPlaced\n      title: Order placed\n'), fixed['orders.yaml']);
    const json = await applyFix('message-identity', { 'a.json': JSON.stringify({ asyncapi: '3.0.0', info: { title: 'A', version: '1.0.0' }, components: { messages: { OrderPlaced: { payload: { type: 'object' } } } } }, null, 2) }, /Add name/);
    assert.deepEqual(JSON.parse(json['a.json']!).components.messages.OrderPlaced, { payload: { type: 'object' }, name: 'OrderPlaced', title: 'Order placed' });
  });

  it('makes titles from any casing', function () {
    assert.equal(titleFromName('OrderPlaced'), 'Order placed');
    assert.equal(titleFromName('order.payment-captured'), 'Order payment captured');
    assert.equal(titleFromName('shipment_dispatched'), 'Shipment dispatched');
  });
});
