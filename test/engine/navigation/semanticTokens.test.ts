import * as assert from 'node:assert/strict';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../../server/src/engine/navigation/semanticTokens';
import { navigationWorkspace, type NavigationWorkspace } from './navigationHarness';
import { shopWorkspace } from './shopFixture';

/** Decodes the protocol's relative encoding into `line:col text type modifiers` lines. */
function decode(workspace: NavigationWorkspace, file: string, data: number[]): string[] {
  const lines = workspace.text(file).split('\n');
  const result: string[] = [];
  let line = 0;
  let character = 0;
  for (let index = 0; index < data.length; index += 5) {
    const [deltaLine, deltaCharacter, length, type, modifiers] = data.slice(index, index + 5) as [number, number, number, number, number];
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaCharacter : deltaCharacter;
    const names = SEMANTIC_TOKEN_MODIFIERS.filter((_, bit) => modifiers & (1 << bit));
    result.push(`${line + 1}:${character + 1} ${lines[line]!.slice(character, character + length)} ${SEMANTIC_TOKEN_TYPES[type]}${names.length ? ' ' + names.join(' ') : ''}`);
  }
  return result;
}

describe('navigation: semantic tokens', function () {
  it('marks definitions, the names references lead to, address parameters, and what does not resolve', async function () {
    const workspace = await navigationWorkspace({
      'a.yaml': [
        'asyncapi: 3.0.0',
        'info: { title: A, version: 1.0.0 }',
        'servers:',
        '  production: { host: kafka:9092, protocol: kafka }',
        'channels:',
        '  orderPlaced:',
        "    address: 'orders.{orderId}.{region}'",
        '    parameters:',
        '      orderId: {}',
        '    messages:',
        "      OrderPlaced: { $ref: '#/components/messages/OrderPlaced' }",
        'operations:',
        '  announce:',
        '    action: send',
        "    channel: { $ref: '#/channels/orderPlaced' }",
        "    messages: [{ $ref: '#/channels/orderPlaced/messages/Missing' }]",
        'components:',
        '  messages:',
        '    OrderPlaced: { payload: { $ref: "./order.json" } }',
        '  schemas:',
        '    Money: { type: object }',
        '',
      ].join('\n'),
      'order.json': '{ "type": "object" }\n',
    });
    const data = await semanticTokens(workspace.engine, workspace.uri('a.yaml'));
    assert.deepEqual(decode(workspace, 'a.yaml', data), [
      '4:3 production namespace declaration',
      '6:3 orderPlaced interface declaration',
      '7:22 {orderId} parameter',
      '7:32 {region} parameter unresolved',
      '9:7 orderId parameter declaration',
      '11:7 OrderPlaced event declaration',
      '11:51 OrderPlaced event',
      '13:3 announce function declaration',
      '15:34 orderPlaced interface',
      "16:25 #/channels/orderPlaced/messages/Missing event unresolved",
      '19:5 OrderPlaced event declaration',
      '21:5 Money type declaration',
    ]);
  });

  it('AsyncAPI 2.x: the channel key is its address, its parameters are parameters', async function () {
    const shop = await shopWorkspace();
    const tokens = decode(shop, 'legacy.yaml', await semanticTokens(shop.engine, shop.uri('legacy.yaml')));
    assert.deepEqual(tokens.slice(0, 6), [
      '6:3 broker namespace declaration',
      '12:3 orders/ interface declaration',
      '12:10 {orderId} parameter',
      '12:19 /placed interface declaration',
      '15:7 orderId parameter declaration',
      '20:38 Placed event',
    ]);
  });

  it('answers a range with the tokens in it, and nothing for files that are not AsyncAPI documents', async function () {
    const shop = await shopWorkspace();
    const range = { start: { line: 9, character: 0 }, end: { line: 10, character: 100 } };
    assert.deepEqual(decode(shop, 'orders.yaml', await semanticTokens(shop.engine, shop.uri('orders.yaml'), range)), ['10:3 orderPlaced interface declaration', '11:22 {orderId} parameter']);
    assert.deepEqual(await semanticTokens(shop.engine, shop.uri('schemas/order.schema.json')), []);
    assert.deepEqual(await semanticTokens(shop.engine, shop.uri('shared/messages.yaml')), []);
  });
});
