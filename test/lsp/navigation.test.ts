import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResponseError } from 'vscode-jsonrpc';
import { URI } from 'vscode-uri';
import { findRepoRoot } from '../grammar/repoRoot';
import { LspTestClient } from './lspClient';

/**
 * The navigation features over JSON-RPC, against the bundled server, on a temporary copy of
 * examples/ that the server indexes from disk at start-up (as in VS Code).
 */
describe('language server over JSON-RPC: navigation', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  let folder: string;
  let capabilities: Record<string, unknown>;
  const uriOf = (name: string) => URI.file(path.join(folder, name)).toString();
  const textOf = (name: string) => fs.readFileSync(path.join(folder, name), 'utf8');
  /** The position `offset` characters into the first `needle` of a file. */
  const find = (name: string, needle: string, offset = 0) => {
    const text = textOf(name);
    const index = text.indexOf(needle);
    assert.ok(index >= 0, `"${needle}" in ${name}`);
    const before = text.slice(0, index + offset);
    return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
  };
  const where = (uri: string, range: { start: { line: number; character: number } }) => `${uri.slice(URI.file(folder).toString().length + 1)}:${range.start.line + 1}:${range.start.character + 1}`;
  const orders = 'orders/asyncapi.yaml';

  before(async function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-navigation-'));
    fs.cpSync(path.join(findRepoRoot(), 'examples'), folder, { recursive: true });
    client = new LspTestClient();
    client.watchServerRequests();
    const result = (await client.initialize(URI.file(folder).toString())) as { capabilities: Record<string, unknown> };
    capabilities = result.capabilities;
    await client.waitForServer((status) => status?.state !== 'indexing' && (status?.indexedFiles ?? 0) > 20, 'the workspace index');
    await client.open(uriOf(orders), textOf(orders));
  });

  after(async function () {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('declares the navigation capabilities, with the semantic token legend', function () {
    assert.equal(capabilities.definitionProvider, true);
    assert.equal(capabilities.referencesProvider, true);
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.workspaceSymbolProvider, true);
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: true });
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.deepEqual((capabilities.completionProvider as { triggerCharacters: string[] }).triggerCharacters, ['#', '/', '$', "'", '"']);
    assert.deepEqual(capabilities.semanticTokensProvider, {
      legend: { tokenTypes: ['namespace', 'interface', 'event', 'function', 'type', 'parameter'], tokenModifiers: ['declaration', 'unresolved'] },
      full: true,
      range: true,
    });
  });

  it('textDocument/definition: a $ref into another file lands on the exact key there', async function () {
    const links = (await client.definition(uriOf(orders), find(orders, "'../common/headers.yaml#/components/schemas/EventHeaders'", 40))) as Array<{ targetUri: string; targetSelectionRange: { start: { line: number; character: number } }; originSelectionRange: unknown }>;
    assert.deepEqual(links.map((link) => where(link.targetUri, link.targetSelectionRange)), ['common/headers.yaml:11:5']);
    assert.ok(links[0]!.originSelectionRange, 'a link, with the origin to underline');
  });

  it('textDocument/references: OrderPlaced across the workspace', async function () {
    const locations = await client.references(uriOf(orders), find(orders, '    OrderPlaced:\n      name', 6));
    const files = [...new Set(locations.map((location) => where(location.uri, location.range).split(':')[0]))].sort();
    assert.deepEqual(files, ['inventory/asyncapi.yaml', 'notifications/asyncapi.yaml', 'orders/asyncapi.yaml', 'payments/asyncapi.yaml']);
  });

  it('textDocument/hover: a channel\'s producers and consumers, as Markdown', async function () {
    const hover = await client.hover(uriOf(orders), find(orders, '  orderCancelled:', 4));
    assert.equal(hover?.contents.kind, 'markdown');
    assert.match(hover!.contents.value, /^\*\*Channel\*\* `orderCancelled` · `orders\.order-cancelled` — 1 producer · 2 consumers/);
    assert.match(hover!.contents.value, /Inventory Service: \[`releaseStock`\]/);
  });

  it('textDocument/completion: follows the unsaved text (the messages of the operation\'s channel only)', async function () {
    const text = textOf(orders);
    const line = "      - $ref: '#/channels/orderCancelled/messages/OrderCancelled'";
    const position = find(orders, line, line.length - 1);
    // Delete the reference's value in the editor, unsaved, and ask at the empty quotes.
    const start = { line: position.line, character: line.indexOf("'") + 1 };
    await client.change(uriOf(orders), 2, [{ range: { start, end: { line: position.line, character: line.length - 1 } }, text: '' }]);
    try {
      const list = await client.completion(uriOf(orders), start);
      assert.deepEqual(list.items.map((item) => item.label), ['#/channels/orderCancelled/messages/OrderCancelled']);
      assert.equal(list.items[0]!.textEdit?.newText, '#/channels/orderCancelled/messages/OrderCancelled');
    } finally {
      await client.change(uriOf(orders), 3, [{ text }]);
    }
  });

  it('textDocument/documentSymbol: the outline\'s sections', async function () {
    const symbols = await client.documentSymbols(uriOf(orders));
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['info', 'servers', 'channels', 'operations', 'components']);
    const channels = symbols.find((symbol) => symbol.name === 'channels')!;
    assert.equal(channels.children?.length, 11);
  });

  it('workspace/symbol: the channels of every service by address', async function () {
    const symbols = await client.workspaceSymbols('orders.order-placed');
    const found = symbols.filter((symbol) => symbol.name === 'orders.order-placed').map((symbol) => symbol.containerName).sort();
    assert.deepEqual(found, ['Inventory Service · orderPlaced', 'Notifications Service · orderPlaced', 'Orders Service · orderPlaced', 'Payments Service · orderPlaced']);
  });

  it('textDocument/codeLens + codeLens/resolve: "1 producer · 3 consumers", with the command that shows them', async function () {
    const lenses = await client.codeLenses(uriOf(orders));
    assert.equal(lenses.length, 21, '11 channels and 10 component messages');
    assert.ok(lenses.every((lens) => lens.command === undefined), 'counted only when shown');
    const placed = lenses.find((lens) => lens.range.start.line === find(orders, '  orderPlaced:').line)!;
    const resolved = await client.resolveCodeLens(placed);
    assert.equal(resolved.command?.title, '1 producer · 3 consumers');
    assert.equal(resolved.command?.command, 'eventDesign.showFlow');
    const [uri, position, locations] = resolved.command!.arguments as [string, { line: number }, Array<{ uri: string; range: { start: { line: number; character: number } } }>];
    assert.equal(uri, uriOf(orders));
    assert.equal(position.line, placed.range.start.line);
    assert.deepEqual(locations.map((location) => where(location.uri, location.range).split(':')[0]), ['orders/asyncapi.yaml', 'inventory/asyncapi.yaml', 'notifications/asyncapi.yaml', 'payments/asyncapi.yaml']);
    const deadLetters = lenses.find((lens) => lens.range.start.line === find(orders, '  paymentCapturedDeadLetter:').line)!;
    assert.equal((await client.resolveCodeLens(deadLetters)).command?.title, '1 producer · 0 consumers');
  });

  it('asks the client to refresh code lenses when another document changes', async function () {
    const payments = 'payments/asyncapi.yaml';
    const before = client.codeLensRefreshes;
    await client.open(uriOf(payments), textOf(payments));
    await client.change(uriOf(payments), 2, [{ text: textOf(payments).replace('capturePaymentOnOrderPlaced:', 'captureOnOrderPlaced:') }]);
    await client.waitForServer((_, refreshes) => refreshes > before, 'a workspace/codeLens/refresh request');
    await client.close(uriOf(payments));
  });

  it('textDocument/prepareRename + rename: the shared headers schema, across seven files in one edit', async function () {
    const position = find(orders, "'../common/headers.yaml#/components/schemas/EventHeaders'", 45);
    const prepared = await client.prepareRename(uriOf(orders), position);
    assert.equal(prepared?.placeholder, 'EventHeaders');
    const edit = await client.rename(uriOf(orders), position, 'PlatformHeaders');
    const files = Object.keys(edit?.changes ?? {}).map((uri) => uri.slice(URI.file(folder).toString().length + 1)).sort();
    assert.deepEqual(files, ['common/headers.yaml', 'inventory/asyncapi.yaml', 'notifications/asyncapi.yaml', 'orders/asyncapi.yaml', 'payments/asyncapi.yaml', 'pricing/asyncapi.yaml', 'shipping/asyncapi.yaml']);
    assert.ok(Object.values(edit!.changes!).flat().every((change) => change.newText === 'PlatformHeaders' || change.newText === "'../common/headers.yaml#/components/schemas/PlatformHeaders'"));
  });

  it('Protobuf: definition from an AsyncAPI $ref to the payload message, and hover, outline and definition in the .proto file', async function () {
    const pricing = 'pricing/asyncapi.yaml';
    const proto = 'pricing/proto/pricing/v1/price_changed.proto';
    await client.open(uriOf(pricing), textOf(pricing));
    const links = (await client.definition(uriOf(pricing), find(pricing, 'price_changed.proto', 2))) as Array<{ targetUri: string; targetSelectionRange: { start: { line: number; character: number } } }>;
    assert.deepEqual(links.map((link) => where(link.targetUri, link.targetSelectionRange)), [`${proto}:${find(proto, "message PriceChanged").line + 1}:9`]);
    await client.open(uriOf(proto), textOf(proto), 'proto3');
    const moneyUse = find(proto, 'Money old_price', 1);
    const definition = (await client.definition(uriOf(proto), moneyUse)) as Array<{ targetUri: string; targetSelectionRange: { start: { line: number; character: number } } }>;
    assert.deepEqual(definition.map((link) => where(link.targetUri, link.targetSelectionRange)), [`${proto}:${find(proto, 'message Money').line + 1}:9`]);
    const hover = await client.hover(uriOf(proto), moneyUse);
    assert.match(hover?.contents.value ?? '', /^\*\*Message\*\* `pricing\.v1\.Money`/);
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uriOf(proto) } })) as Array<{ name: string }>;
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['PriceChanged', 'Money']);
  });

  it('textDocument/prepareRename: refuses with a message the editor shows', async function () {
    await assert.rejects(client.prepareRename(uriOf(orders), find(orders, 'action: send', 2)), (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.match(error.message, /^Only the keys of servers, channels, operations/);
      return true;
    });
  });

  it('textDocument/semanticTokens: full and range', async function () {
    const full = await client.semanticTokens(uriOf(orders));
    assert.ok(full.data.length > 0 && full.data.length % 5 === 0);
    const line = find(orders, '  orderStatusChanged:').line;
    const range = await client.semanticTokens(uriOf(orders), { start: { line, character: 0 }, end: { line: line + 1, character: 80 } });
    // orderStatusChanged (interface, declaration), then {orderId} in its address (parameter).
    assert.deepEqual(range.data, [line, 2, 18, 1, 1, 1, 20, 9, 5, 0]);
  });

  it('answers on a broken document without failing, and nothing for documents it was not given', async function () {
    const broken = uriOf('broken.yaml');
    await client.open(broken, "asyncapi: 3.0.0\nchannels:\n  a:\n    address: [unclosed\n    messages: { $ref: '#/x\n");
    // The parser recovers what it can: the key before the broken value still has its explanation.
    assert.match((await client.hover(broken, { line: 3, character: 6 }))?.contents.value ?? '', /^\*\*`address`\*\* \(Channel, AsyncAPI 3\.x\)/);
    await client.definition(broken, { line: 4, character: 25 });
    await client.completion(broken, { line: 4, character: 25 });
    await client.documentSymbols(broken);
    await client.semanticTokens(broken);
    assert.deepEqual(await client.codeLenses(uriOf('payments/asyncapi.yaml')), [], 'a document not open in the editor');
    assert.ok(client.alive);
    assert.ok(!client.logs.some((message) => /failed:/.test(message)), client.logs.filter((message) => /failed:/.test(message)).join('\n'));
  });
});
