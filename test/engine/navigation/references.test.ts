import * as assert from 'node:assert/strict';
import { findReferences } from '../../../server/src/engine/navigation/references';
import { describeLocations, examplesWorkspace, textAt, type NavigationWorkspace } from './navigationHarness';
import { shopWorkspace } from './shopFixture';

describe('navigation: find all references', function () {
  let shop: NavigationWorkspace;
  let examples: NavigationWorkspace;

  before(async function () {
    shop = await shopWorkspace();
    examples = await examplesWorkspace();
  });

  it('a component message: the channel\'s $ref to it and the operation\'s $ref through that entry, and the same message in another document', async function () {
    const locations = await findReferences(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'message'), false);
    assert.deepEqual(describeLocations(shop, locations), [
      // billing declares the same message (by name) on the same channel (by address), and references it twice
      'billing.yaml:12:16',
      'billing.yaml:24:16',
      'billing.yaml:31:5',
      'orders.yaml:18:16',
      'orders.yaml:42:16',
    ]);
    const text = textAt(shop, shop.uri('orders.yaml'), locations[3]!.range);
    assert.equal(text, '#/components/messages/OrderPlaced', 'the range is the reference\'s text, without its quotes');
  });

  it('includes the declaration when asked', async function () {
    const locations = await findReferences(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'message'), true);
    assert.ok(describeLocations(shop, locations).includes('orders.yaml:56:5'));
  });

  it('a channel: the operations that reference it or point into it, and the channel with the same address (other parameter name) in another document', async function () {
    const locations = await findReferences(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'channel'), false);
    assert.deepEqual(describeLocations(shop, locations), ['billing.yaml:6:3', 'billing.yaml:22:14', 'billing.yaml:24:16', 'orders.yaml:40:14', 'orders.yaml:42:16']);
  });

  it('from a $ref, the references of what it leads to', async function () {
    const fromRef = await findReferences(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'channelRef'), false);
    const fromKey = await findReferences(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'channel'), false);
    assert.deepEqual(fromRef, fromKey);
  });

  it('a shared fragment used by two documents', async function () {
    const locations = await findReferences(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'fragmentRef'), false);
    assert.deepEqual(describeLocations(shop, locations), ['billing.yaml:17:16', 'orders.yaml:27:16']);
  });

  it('a schema file: every document and schema that uses it (found through the index, by path and by $id)', async function () {
    const locations = await findReferences(shop.engine, shop.uri('schemas/money.schema.json'), { line: 3, character: 5 }, false);
    assert.deepEqual(describeLocations(shop, locations), ['schemas/order.schema.json:10:25']);
    const order = await findReferences(shop.engine, shop.uri('schemas/order.schema.json'), { line: 3, character: 5 }, false);
    assert.deepEqual(describeLocations(shop, order), ['billing.yaml:34:16', 'catalog.json:20:49', 'orders.yaml:66:16', 'orders.yaml:70:20']);
  });

  it('a definition inside a schema file', async function () {
    const locations = await findReferences(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'orderId'), false);
    assert.deepEqual(describeLocations(shop, locations), ['orders.yaml:70:20', 'schemas/order.schema.json:9:27']);
  });

  it('an unused component has none', async function () {
    assert.deepEqual(await findReferences(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'schema'), false), []);
  });

  it('examples: OrderPlaced of orders is used by its own operation and by every consumer\'s document', async function () {
    const position = examples.find('orders/asyncapi.yaml', '    OrderPlaced:\n      name: OrderPlaced', 4);
    const files = new Set((await findReferences(examples.engine, examples.uri('orders/asyncapi.yaml'), position, false)).map((location) => examples.describe(location.uri, location.range).split(':')[0]));
    assert.deepEqual([...files].sort(), ['inventory/asyncapi.yaml', 'notifications/asyncapi.yaml', 'orders/asyncapi.yaml', 'payments/asyncapi.yaml']);
  });

  it('examples: the shared EventHeaders schema, from every service', async function () {
    const position = examples.find('common/headers.yaml', 'EventHeaders:', 2);
    const locations = await findReferences(examples.engine, examples.uri('common/headers.yaml'), position, false);
    const perFile = new Map<string, number>();
    for (const location of locations) {
      const file = examples.describe(location.uri, location.range).split(':')[0]!;
      perFile.set(file, (perFile.get(file) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries([...perFile].sort()), {
      'inventory/asyncapi.yaml': 2,
      'notifications/asyncapi.yaml': 3,
      'orders/asyncapi.yaml': 7,
      'payments/asyncapi.yaml': 4,
      'pricing/asyncapi.yaml': 3,
      'shipping/asyncapi.yaml': 1,
    });
  });
});
