import * as assert from 'node:assert/strict';
import { prepareRename, renameEdits, rewriteSegment } from '../../../server/src/engine/navigation/rename';
import { applyWorkspaceEdits, examplesWorkspace, navigationWorkspace, textAt, type NavigationWorkspace } from './navigationHarness';
import { SHOP_FILES, shopWorkspace } from './shopFixture';

/** Renames at a marker and returns the edited files' texts. */
async function rename(workspace: NavigationWorkspace, file: string, marker: string, newName: string): Promise<Record<string, string>> {
  const result = await renameEdits(workspace.engine, workspace.uri(file), workspace.at(file, marker), newName);
  assert.ok('edits' in result, 'error' in result ? result.error : '');
  return applyWorkspaceEdits(workspace, result.edits);
}

/** The lines of `after` that differ from `before`, as `line: text` (same line count assumed). */
function changedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  return after.split('\n').flatMap((line, index) => (line === old[index] ? [] : [`${index + 1}: ${line.trim()}`]));
}

describe('navigation: rename', function () {
  let shop: NavigationWorkspace;

  before(async function () {
    shop = await shopWorkspace();
  });

  it('a channel: its key and every pointer through it (the operation\'s channel and messages)', async function () {
    const files = await rename(shop, 'orders.yaml', 'channel', 'orderSubmitted');
    assert.deepEqual(Object.keys(files), ['orders.yaml']);
    assert.deepEqual(changedLines(shop.text('orders.yaml'), files['orders.yaml']!), [
      '10: orderSubmitted:',
      "40: $ref: '#/channels/orderSubmitted'",
      "42: - $ref: '#/channels/orderSubmitted/messages/OrderPlaced'",
    ]);
  });

  it('a component message: from a $ref to it, in one workspace edit', async function () {
    const files = await rename(shop, 'orders.yaml', 'messageRef', 'OrderSubmitted');
    assert.deepEqual(changedLines(shop.text('orders.yaml'), files['orders.yaml']!), ['18: $ref: \'#/components/messages/OrderSubmitted\'', '56: OrderSubmitted:']);
  });

  it('a message in a shared fragment: every document that references it', async function () {
    const files = await rename(shop, 'orders.yaml', 'fragmentRef', 'ParcelShipped');
    assert.deepEqual(Object.keys(files).sort(), ['billing.yaml', 'orders.yaml', 'shared/messages.yaml']);
    assert.deepEqual(changedLines(shop.text('shared/messages.yaml'), files['shared/messages.yaml']!), ['1: ParcelShipped:']);
    assert.deepEqual(changedLines(shop.text('billing.yaml'), files['billing.yaml']!), ["17: $ref: './shared/messages.yaml#/ParcelShipped'"]);
  });

  it('a schema definition in a JSON Schema file: the file\'s own $ref and the documents\'', async function () {
    const files = await rename(shop, 'orders.yaml', 'orderId', 'OrderNumber');
    assert.deepEqual(changedLines(shop.text('schemas/order.schema.json'), files['schemas/order.schema.json']!), ['9: "orderId": { "$ref": "#/definitions/OrderNumber" },', '19: "OrderNumber": { "type": "string", "pattern": "^ord_", "description": "Public order identifier." }']);
    assert.deepEqual(changedLines(shop.text('orders.yaml'), files['orders.yaml']!), ["70: $ref: './schemas/order.schema.json#/definitions/OrderNumber'"]);
  });

  it('a channel parameter: its key and the {name} in the address, from the address', async function () {
    const files = await rename(shop, 'orders.yaml', 'param', 'id');
    assert.deepEqual(changedLines(shop.text('orders.yaml'), files['orders.yaml']!), ["11: address: 'orders.{id}.placed'", '13: id:']);
  });

  it('AsyncAPI 2.x: a server, in the channels\' server lists; a security scheme, in the requirements', async function () {
    const server = await rename(shop, 'legacy.yaml', 'legacyServer', 'mosquitto');
    assert.deepEqual(changedLines(shop.text('legacy.yaml'), server['legacy.yaml']!), ['6: mosquitto:', '13: servers: [mosquitto]']);
    const workspace = await navigationWorkspace({ 'legacy.yaml': SHOP_FILES['legacy.yaml']!.replace('  securitySchemes:\n    userPassword:', '  securitySchemes:\n    ⟦scheme⟧userPassword:') });
    const scheme = await rename(workspace, 'legacy.yaml', 'scheme', 'basicAuth');
    assert.deepEqual(changedLines(workspace.text('legacy.yaml'), scheme['legacy.yaml']!), ['10: - basicAuth: []', '28: basicAuth:']);
  });

  it('AsyncAPI 2.x: a channel (its key is its address), with the $refs through it', async function () {
    const workspace = await navigationWorkspace({
      'a.yaml': ['asyncapi: 2.6.0', 'info: { title: A, version: 1.0.0 }', 'channels:', '  ⟦c⟧user/{userId}/signedup:', '    subscribe:', '      message: { name: SignedUp, payload: { type: object } }', 'components:', '  messages:', "    Copy: { $ref: '#/channels/user~1{userId}~1signedup/subscribe/message' }", ''].join('\n'),
    });
    const files = await rename(workspace, 'a.yaml', 'c', 'user/{userId}/registered');
    assert.deepEqual(changedLines(workspace.text('a.yaml'), files['a.yaml']!), ['4: user/{userId}/registered:', "9: Copy: { $ref: '#/channels/user~1{userId}~1registered/subscribe/message' }"]);
  });

  it('JSON: keys and references keep JSON quoting', async function () {
    const files = await rename(shop, 'catalog.json', 'jsonRef', 'Product Changed');
    assert.deepEqual(changedLines(shop.text('catalog.json'), files['catalog.json']!), [
      '8: "ProductChanged": { "$ref": "#/components/messages/Product%20Changed" }',
      '20: "Product Changed": { "payload": { "$ref": "./schemas/order.schema.json" } }',
    ]);
  });

  it('the rename box covers the key, or the pointer segment under the cursor', async function () {
    const onKey = await prepareRename(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'channel'));
    assert.ok('target' in onKey);
    assert.equal(textAt(shop, shop.uri('orders.yaml'), onKey.target.range), 'orderPlaced');
    // In `#/channels/orderPlaced/messages/OrderPlaced`, the cursor on `orderPlaced` means the channel.
    const position = shop.find('orders.yaml', "'#/channels/orderPlaced/messages/OrderPlaced'", 14);
    const inRef = await prepareRename(shop.engine, shop.uri('orders.yaml'), position);
    assert.ok('target' in inRef);
    assert.deepEqual([inRef.target.path, inRef.target.element, textAt(shop, shop.uri('orders.yaml'), inRef.target.range)], [['channels', 'orderPlaced'], 'channel', 'orderPlaced']);
    const onSegment = await prepareRename(shop.engine, shop.uri('orders.yaml'), shop.find('orders.yaml', "'#/channels/orderPlaced/messages/OrderPlaced'", 3));
    assert.ok('target' in onSegment, 'on `channels` (not a definition), the definition the pointer names');
    assert.deepEqual(onSegment.target.path, ['channels', 'orderPlaced', 'messages', 'OrderPlaced']);
  });

  const refusals: Array<[string, string, string, RegExp]> = [
    ['an ordinary key', 'orders.yaml', 'action', /^Only the keys of servers, channels, operations/],
    ['a reference that does not resolve', 'orders.yaml', 'missing', /does not resolve/],
  ];
  for (const [what, file, marker, message] of refusals) {
    it(`refuses ${what}, saying why`, async function () {
      const result = await prepareRename(shop.engine, shop.uri(file), shop.at(file, marker));
      assert.ok('error' in result);
      assert.match(result.error, message);
    });
  }

  it('refuses a name that is taken, and a whole-file reference', async function () {
    const taken = await renameEdits(shop.engine, shop.uri('orders.yaml'), shop.at('orders.yaml', 'channel'), 'shared');
    assert.deepEqual(taken, { error: 'There is already a channel named "shared" here.' });
    const parameter2 = await prepareRename(shop.engine, shop.uri('legacy.yaml'), shop.find('legacy.yaml', '{orderId}', 2));
    assert.deepEqual(parameter2, { error: "In AsyncAPI 2.x a channel parameter is part of the channel's name: rename the channel instead." });
    const wholeFile = await prepareRename(shop.engine, shop.uri('orders.yaml'), shop.find('orders.yaml', "'./schemas/order.schema.json'", 4));
    assert.deepEqual(wholeFile, { error: 'This reference names a whole file; rename the file itself.' });
  });

  it('examples: renaming the shared EventHeaders updates 20 references in 6 documents', async function () {
    const examples = await examplesWorkspace();
    const result = await renameEdits(examples.engine, examples.uri('common/headers.yaml'), examples.find('common/headers.yaml', 'EventHeaders:', 3), 'PlatformHeaders');
    assert.ok('edits' in result);
    const counts = Object.fromEntries([...result.edits].map(([uri, edits]) => [uri.slice(examples.rootUri.length + 1), edits.length]).sort());
    assert.deepEqual(counts, { 'common/headers.yaml': 1, 'inventory/asyncapi.yaml': 2, 'notifications/asyncapi.yaml': 3, 'orders/asyncapi.yaml': 7, 'payments/asyncapi.yaml': 4, 'pricing/asyncapi.yaml': 3, 'shipping/asyncapi.yaml': 1 });
    const files = applyWorkspaceEdits(examples, result.edits);
    assert.doesNotMatch(files['orders/asyncapi.yaml']!, /\$ref: '[^']*EventHeaders'/, 'no reference is left behind (a comment may still mention the old name)');
    assert.match(files['orders/asyncapi.yaml']!, /\$ref: '\.\.\/common\/headers\.yaml#\/components\/schemas\/PlatformHeaders'/);
  });

  it('rewrites exactly one pointer segment, escaping as a pointer must', function () {
    assert.equal(rewriteSegment('#/channels/a/messages/b', 1, 'x/y~z'), '#/channels/x~1y~0z/messages/b');
    assert.equal(rewriteSegment('other.yaml#/components/messages/b', 2, 'New Name'), 'other.yaml#/components/messages/New%20Name');
    assert.equal(rewriteSegment('other.yaml', 0, 'x'), undefined);
  });
});
