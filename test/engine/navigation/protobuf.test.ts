import * as assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver-types';
import { completeAt } from '../../../server/src/engine/navigation/completion';
import { findDefinition } from '../../../server/src/engine/navigation/definition';
import { documentSymbols } from '../../../server/src/engine/navigation/documentSymbols';
import { hoverAt } from '../../../server/src/engine/navigation/hover';
import { findReferences } from '../../../server/src/engine/navigation/references';
import { describeLocations, navigationWorkspace, type NavigationWorkspace } from './navigationHarness';

/** Two proto files (one imports the other, from the root of the proto tree) and AsyncAPI documents using them. */
const FILES: Record<string, string> = {
  'proto/pricing/v1/money.proto': ['syntax = "proto3";', 'package pricing.v1;', '', 'message Money {', '  string currency = 1;', '  int64 units = 2;', '}', ''].join('\n'),
  'proto/pricing/v1/price.proto': [
    'syntax = "proto3";',
    'package pricing.v1;',
    '',
    'import "pricing/v1/⟦import⟧money.proto";',
    '',
    '// A product\'s price changed.',
    'message ⟦declaration⟧PriceChanged {',
    '  string product_id = 1;',
    '  ⟦fieldType⟧Money price = 2;',
    '  map<string, pricing.v1.⟦mapValue⟧Money> by_region = 3;',
    '  Reason reason = 4;',
    '  enum Reason {',
    '    REASON_UNSPECIFIED = 0;',
    '    REASON_PROMOTION = 1;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'pricing.yaml': [
    'asyncapi: 3.0.0',
    'info: { title: Pricing, version: 1.0.0 }',
    'channels:',
    '  prices:',
    '    address: prices',
    '    messages:',
    '      ⟦message⟧priceChanged:',
    '        payload:',
    '          schemaFormat: application/vnd.google.protobuf;version=3',
    "          schema: { $ref: './proto/pricing/v1/⟦ref⟧price.proto' }",
    '        correlationId:',
    "          location: '⟦location⟧'",
    '      ⟦inline⟧priceDropped:',
    '        payload:',
    '          schemaFormat: application/vnd.google.protobuf;version=3',
    '          schema: |',
    '            syntax = "proto3";',
    '            message PriceDropped { string product_id = 1; repeated int64 cents = 2; }',
    'operations:',
    '  send:',
    '    action: send',
    "    channel: { $ref: '#/channels/prices' }",
    '',
  ].join('\n'),
};

describe('navigation: Protobuf', function () {
  let workspace: NavigationWorkspace;

  before(async function () {
    workspace = await navigationWorkspace(FILES);
  });

  const price = 'proto/pricing/v1/price.proto';

  it('goes from a field type to its message in the imported file, by protoc scoping, map values and qualified names too', async function () {
    for (const marker of ['fieldType', 'mapValue']) {
      const links = await findDefinition(workspace.engine, workspace.uri(price), workspace.at(price, marker));
      assert.deepEqual(describeLocations(workspace, links), ['proto/pricing/v1/money.proto:4:9'], marker);
    }
  });

  it('goes from an import to the file it names', async function () {
    const links = await findDefinition(workspace.engine, workspace.uri(price), workspace.at(price, 'import'));
    assert.deepEqual(describeLocations(workspace, links), ['proto/pricing/v1/money.proto:1:1']);
  });

  it('goes from an AsyncAPI $ref to a .proto file to the payload message', async function () {
    const links = await findDefinition(workspace.engine, workspace.uri('pricing.yaml'), workspace.at('pricing.yaml', 'ref'));
    assert.deepEqual(describeLocations(workspace, links), [`${price}:7:9`]);
  });

  it('finds the references of a message across .proto files, and the AsyncAPI payloads that use it', async function () {
    const money = await findReferences(workspace.engine, workspace.uri('proto/pricing/v1/money.proto'), workspace.find('proto/pricing/v1/money.proto', 'Money'), true);
    assert.deepEqual(describeLocations(workspace, money).sort(), ['proto/pricing/v1/money.proto:4:9', `${price}:10:15`, `${price}:9:3`]);
    const changed = await findReferences(workspace.engine, workspace.uri(price), workspace.at(price, 'declaration'), false);
    assert.deepEqual(describeLocations(workspace, changed), ['pricing.yaml:10:27']);
  });

  it('hovers a message with a Protobuf payload with its fields, inline or from the file', async function () {
    for (const [marker, expected] of [
      ['message', [/\*\*Payload\*\*: `pricing\.v1\.PriceChanged` \(Protobuf\)/, /A product's price changed\./, /\| `price` \| Money = 2 \|/, /\| `by_region` \| map<string, pricing\.v1\.Money> = 3 \|/]],
      ['inline', [/\*\*Payload\*\*: `PriceDropped` \(Protobuf\)/, /\| `cents` \| repeated int64 = 2 \|/]],
    ] as const) {
      const hover = await hoverAt(workspace.engine, workspace.uri('pricing.yaml'), workspace.at('pricing.yaml', marker));
      const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
      for (const pattern of expected) assert.match(text, pattern, marker);
    }
  });

  it('completes runtime expressions with the Protobuf payload\'s fields', async function () {
    const items = await completeAt(workspace.engine, workspace.uri('pricing.yaml'), workspace.at('pricing.yaml', 'location'));
    const labels = items.items.map((item) => item.label).filter((label) => label.startsWith('$message.payload#/'));
    assert.deepEqual(labels.sort(), ['$message.payload#/by_region', '$message.payload#/price', '$message.payload#/product_id', '$message.payload#/reason']);
  });

  it('hovers a type name in a .proto file with its fields, across an import', async function () {
    const hover = await hoverAt(workspace.engine, workspace.uri(price), workspace.at(price, 'fieldType'));
    const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(text, /^\*\*Message\*\* `pricing\.v1\.Money` · pricing\/v1\/money\.proto/);
    assert.match(text, /- `units` int64 = 2/);
  });

  it('outlines a .proto file: messages with fields, nested enums with values', async function () {
    const symbols = await documentSymbols(workspace.engine, workspace.uri(price));
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.kind, (symbol.children ?? []).map((child) => `${child.name} ${child.detail ?? ''}`.trim())]),
      [['PriceChanged', SymbolKind.Struct, ['product_id string = 1', 'price Money = 2', 'by_region map<string, pricing.v1.Money> = 3', 'reason Reason = 4', 'Reason']]],
    );
    assert.deepEqual(symbols[0]!.children![4]!.children!.map((value) => value.name), ['REASON_UNSPECIFIED', 'REASON_PROMOTION']);
  });
});
