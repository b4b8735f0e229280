import * as assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { documentSymbols } from '../../../server/src/engine/navigation/documentSymbols';
import { fuzzyMatch, workspaceSymbols } from '../../../server/src/engine/navigation/workspaceSymbols';
import { examplesWorkspace, navigationWorkspace, textAt, type NavigationWorkspace } from './navigationHarness';
import { shopWorkspace } from './shopFixture';

const KIND_NAMES: Record<number, string> = Object.fromEntries(Object.entries(SymbolKind).map(([name, value]) => [value, name]));

/** An outline as indented lines: `name [Kind] detail`. */
function outline(symbols: DocumentSymbol[] | undefined, depth = 0, maxDepth = 9): string[] {
  const lines: string[] = [];
  for (const symbol of symbols ?? []) {
    lines.push(`${'  '.repeat(depth)}${symbol.name} [${KIND_NAMES[symbol.kind]}]${symbol.detail ? ` ${symbol.detail}` : ''}`);
    if (depth < maxDepth) lines.push(...outline(symbol.children, depth + 1, maxDepth));
  }
  return lines;
}

describe('navigation: document and workspace symbols', function () {
  let shop: NavigationWorkspace;

  before(async function () {
    shop = await shopWorkspace();
  });

  it('outlines an AsyncAPI 3 document: servers, channels with messages and parameters, operations, components', async function () {
    const symbols = await documentSymbols(shop.engine, shop.uri('orders.yaml'));
    assert.deepEqual(outline(symbols), [
      'info [File] Orders 1.0.0',
      'servers [Namespace] 1',
      '  production [Module] kafka · kafka.example.com:9092',
      'channels [Namespace] 3',
      '  orderPlaced [Interface] orders.{orderId}.placed',
      '    OrderPlaced [Event] → #/components/messages/OrderPlaced',
      '    orderId [TypeParameter] parameter',
      '  shared [Interface] orders.shared',
      '    Shared [Event] → ./shared/messages.yaml#/OrderShipped',
      '  confirmations [Interface] orders.confirmations',
      '    Confirmation [Event]',
      'operations [Namespace] 3',
      '  placeOrder [Function] send · orders.{orderId}.placed',
      '  shipOrder [Function] send · orders.shared',
      '  broken [Function] receive · nowhere',
      'components [Namespace] 3',
      '  messages [Namespace] 1',
      '    OrderPlaced [Event] Order placed',
      '  messageTraits [Namespace] 1',
      '    EventHeaders [Object]',
      '  schemas [Namespace] 1',
      '    Unused [Struct] object',
    ]);
  });

  it('symbols select their key and span their entry', async function () {
    const symbols = await documentSymbols(shop.engine, shop.uri('orders.yaml'));
    const channel = symbols.find((symbol) => symbol.name === 'channels')!.children![0]!;
    assert.equal(textAt(shop, shop.uri('orders.yaml'), channel.selectionRange), 'orderPlaced');
    assert.match(textAt(shop, shop.uri('orders.yaml'), channel.range), /^orderPlaced:\n {4}address: 'orders\.\{orderId\}\.placed'[\s\S]*partitions: 6/);
  });

  it('outlines an AsyncAPI 2 document: channels hold their operations, which say what the application does', async function () {
    const symbols = await documentSymbols(shop.engine, shop.uri('legacy.yaml'));
    assert.deepEqual(outline(symbols), [
      'info [File] Legacy 0.1.0',
      'servers [Namespace] 1',
      '  broker [Module] mqtt · mqtt://broker.example.com',
      'channels [Namespace] 2',
      '  orders/{orderId}/placed [Interface]',
      '    onOrderPlaced [Function] receive (publish)',
      '      Placed [Event] → #/components/messages/Placed',
      '    orderId [TypeParameter] parameter',
      '  orders/audit [Interface]',
      '    subscribe [Function] send (subscribe)',
      '      AuditRecord [Event]',
      'components [Namespace] 2',
      '  securitySchemes [Namespace] 1',
      '    userPassword [Key]',
      '  messages [Namespace] 1',
      '    Placed [Event]',
    ]);
  });

  it('outlines a JSON AsyncAPI document and an Avro schema', async function () {
    assert.deepEqual(outline(await documentSymbols(shop.engine, shop.uri('catalog.json')), 0, 1), [
      'info [File] Catalog 1.0.0',
      'channels [Namespace] 1',
      '  products [Interface] catalog.products',
      'operations [Namespace] 1',
      '  announce [Function] send · catalog.products',
      'components [Namespace] 1',
      '  messages [Namespace] 1',
    ]);
    assert.deepEqual(outline(await documentSymbols(shop.engine, shop.uri('events.avsc'))), [
      'ShipmentDispatched [Struct] com.example.shipping',
      '  shipmentId [Field] string',
      '  dispatchedAt [Field] long (timestamp-millis)',
      '  parcel [Field] null | Parcel',
      '    Parcel [Struct] record',
      '      weightGrams [Field] int',
    ]);
  });

  it('outlines component schemas with their properties; a shared fragment has no AsyncAPI outline', async function () {
    const workspace = await navigationWorkspace({
      'a.yaml': ['asyncapi: 3.0.0', 'info: { title: A, version: 1.0.0 }', 'components:', '  schemas:', '    Money:', '      type: object', '      required: [amount]', '      properties:', '        amount: { type: integer }', '        currency: { type: string, format: iso-4217 }', '        rate: { $ref: \'#/components/schemas/Rate\' }', '    Rate: { type: number }', ''].join('\n'),
    });
    assert.deepEqual(outline(await documentSymbols(workspace.engine, workspace.uri('a.yaml'))), [
      'info [File] A 1.0.0',
      'components [Namespace] 1',
      '  schemas [Namespace] 2',
      '    Money [Struct] object',
      '      amount [Property] integer · required',
      '      currency [Property] string (iso-4217)',
      '      rate [Property] → #/components/schemas/Rate',
      '    Rate [Struct] number',
    ]);
    const examples = await examplesWorkspace();
    assert.deepEqual(await documentSymbols(examples.engine, examples.uri('common/headers.yaml')), []);
  });

  describe('workspace symbols', function () {
    it('finds channels by key and by address, operations, messages, servers, schemas and schema files', async function () {
      const symbols = await workspaceSymbols(shop.engine, '');
      const described = symbols.map((symbol) => `${symbol.name} [${KIND_NAMES[symbol.kind]}] ${symbol.containerName} ${'range' in symbol.location ? shop.describe(symbol.location.uri, symbol.location.range) : symbol.location.uri}`);
      for (const expected of [
        'orderPlaced [Interface] Orders orders.yaml:10:3',
        'orders.{orderId}.placed [Interface] Orders · orderPlaced orders.yaml:10:3',
        'placeOrder [Function] Orders orders.yaml:37:3',
        'OrderPlaced [Event] Orders orders.yaml:56:5',
        'production [Module] Orders orders.yaml:6:3',
        'Unused [Struct] Orders orders.yaml:80:5',
        'Confirmation [Event] Orders · confirmations orders.yaml:31:7',
        'orders/{orderId}/placed [Interface] Legacy legacy.yaml:12:3',
        'onOrderPlaced [Function] Legacy legacy.yaml:17:5',
        'Order [Struct] order.schema.json schemas/order.schema.json:1:1',
        'OrderId [Struct] order.schema.json schemas/order.schema.json:19:5',
        'ShipmentDispatched [Struct] events.avsc events.avsc:1:1',
      ]) {
        assert.ok(described.includes(expected), `${expected} among\n${described.join('\n')}`);
      }
    });

    it('matches the query\'s characters in order, ignoring case', async function () {
      const names = (await workspaceSymbols(shop.engine, 'ordplc')).map((symbol) => symbol.name).sort();
      assert.deepEqual(names, ['OrderPlaced', 'OrderPlaced', 'onOrderPlaced', 'orderPlaced', 'orders.{id}.placed', 'orders.{orderId}.placed', 'orders/{orderId}/placed']);
      assert.equal(fuzzyMatch('opl', 'orderPlaced'), true);
      assert.equal(fuzzyMatch('plo', 'orderPlaced'), false);
    });
  });
});
