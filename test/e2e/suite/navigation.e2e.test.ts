// End-to-end: the navigation features in a real VS Code, through VS Code's own commands (the
// ones its editor actions use), on the temporary copy of examples/ the runner makes. The suite
// writes its fixture folder in `before` and deletes it in `after`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EventDesignApi } from '../../../client/src/extension';
import { WAIT_MS, withDeadline } from './waiting';
import { revertAndCloseEditors } from './editors';

const EXTENSION_ID = 'event-design.event-design';
const FIXTURE_DIR = 'e2e-navigation';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** A producer and a consumer of one channel, the consumer reusing the producer's message. */
const PRODUCER = `asyncapi: 3.0.0
info:
  title: E2E Producer
  version: 1.0.0
channels:
  placed:
    address: 'shop.orders.{orderId}.placed'
    parameters:
      orderId: {}
    messages:
      OrderPlaced:
        $ref: '#/components/messages/OrderPlaced'
operations:
  announce:
    action: send
    channel:
      $ref: '#/channels/placed'
    messages:
      - $ref: '#/channels/placed/messages/OrderPlaced'
components:
  messages:
    OrderPlaced:
      name: OrderPlaced
      payload:
        type: object
        properties:
          orderId: { type: string }
`;

const CONSUMER = `asyncapi: 3.0.0
info:
  title: E2E Consumer
  version: 1.0.0
channels:
  incoming:
    address: 'shop.orders.{id}.placed'
    parameters:
      id: {}
    messages:
      OrderPlaced:
        $ref: './producer.yaml#/components/messages/OrderPlaced'
operations:
  react:
    action: receive
    channel:
      $ref: '#/channels/incoming'
`;

/** The position `offset` characters into the first `needle` of a document. */
function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `"${needle}" in ${vscode.workspace.asRelativePath(document.uri)}`);
  return document.positionAt(index + offset);
}

/**
 * Asks a provider command until its answer passes `accept`: the server may still be starting
 * when the suite begins. Each attempt waits for VS Code's answer; no fixed sleeps.
 */
async function ask<T>(what: string, request: () => Thenable<T>, accept: (value: T) => boolean): Promise<T> {
  const started = Date.now();
  let last: T | undefined;
  while (Date.now() - started < WAIT_MS) {
    last = await withDeadline(request(), what);
    if (accept(last)) return last;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}; last answer: ${JSON.stringify(last)?.slice(0, 1000)}`);
}

describe('Event Design navigation in a real VS Code', () => {
  let root: vscode.Uri;
  let fixtureDir: string | undefined;
  let producer: vscode.TextDocument;
  let consumer: vscode.TextDocument;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite needs a workspace folder: a copy of examples/ (test/e2e/runInCodeServer.mjs makes one)');
    root = folder.uri;
    const examples = path.join(REPO_ROOT, 'examples');
    if (fs.existsSync(examples) && fs.realpathSync(root.fsPath) === fs.realpathSync(examples)) throw new Error(`refusing to run on ${examples} itself`);
    fixtureDir = path.join(root.fsPath, FIXTURE_DIR);
    fs.rmSync(fixtureDir, { recursive: true, force: true });
    fs.mkdirSync(fixtureDir);
    fs.writeFileSync(path.join(fixtureDir, 'producer.yaml'), PRODUCER);
    fs.writeFileSync(path.join(fixtureDir, 'consumer.yaml'), CONSUMER);

    const extension = vscode.extensions.getExtension<EventDesignApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    const api = await withDeadline(extension.activate(), 'the extension to activate');
    await withDeadline(api.ready, 'the language server to start');
    // Both documents open: the server reads their editor text (and indexes them) whatever the
    // file watcher has told it so far.
    producer = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(fixtureDir, 'producer.yaml')));
    consumer = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(fixtureDir, 'consumer.yaml')));
    await vscode.window.showTextDocument(consumer);
    await vscode.window.showTextDocument(producer);
  });

  after(async () => {
    await revertAndCloseEditors((document) => !!fixtureDir && document.uri.fsPath.startsWith(fixtureDir));
    if (fixtureDir) fs.rmSync(fixtureDir, { recursive: true, force: true });
  });

  it('goes to a definition in another file', async () => {
    const position = positionOf(consumer, "'./producer.yaml#/components/messages/OrderPlaced'", 10);
    const found = await ask(
      'the definition of the consumer\'s $ref',
      () => vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', consumer.uri, position),
      (list) => (list?.length ?? 0) > 0,
    );
    assert.equal(found.length, 1);
    const link = found[0]!;
    const uri = 'targetUri' in link ? link.targetUri : link.uri;
    const range = 'targetUri' in link ? (link.targetSelectionRange ?? link.targetRange) : link.range;
    assert.equal(uri.toString(), producer.uri.toString());
    assert.equal(producer.getText(range), 'OrderPlaced');
    assert.equal(range.start.line, positionOf(producer, '    OrderPlaced:\n      name').line, 'the component\'s key, not the channel\'s entry');
  });

  it('offers only the messages of the operation\'s channel for an operation\'s message', async () => {
    const position = positionOf(producer, "'#/channels/placed/messages/OrderPlaced'", 1);
    const list = await ask(
      'completions in the operation\'s message $ref',
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', producer.uri, position),
      (result) => result.items.some((item) => labelOf(item) === '#/channels/placed/messages/OrderPlaced'),
    );
    const references = list.items.map(labelOf).filter((label) => label.startsWith('#/') || label.includes('.yaml#'));
    assert.deepEqual(references, ['#/channels/placed/messages/OrderPlaced']);
  });

  it('shows "1 producer · 1 consumer" above the channel, across the two documents, and the lens shows them', async () => {
    const line = positionOf(producer, '  placed:').line;
    const lenses = await ask(
      'the code lens of the channel',
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', producer.uri, 100),
      (result) => result.some((lens) => lens.range.start.line === line && lens.command?.title === '1 producer · 1 consumer'),
    );
    const lens = lenses.find((candidate) => candidate.range.start.line === line)!;
    assert.equal(lens.command?.command, 'eventDesign.showFlow');
    const message = lenses.find((candidate) => candidate.range.start.line === positionOf(producer, '    OrderPlaced:\n      name').line);
    assert.equal(message?.command?.title, '1 producer · 1 consumer');
    // Clicking it: the extension's command turns the locations into editor types for the references view.
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('eventDesign.showFlow'), 'eventDesign.showFlow is registered by the extension');
    await withDeadline(vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? [])), 'eventDesign.showFlow');
    await vscode.commands.executeCommand('closeReferenceSearch');
  });

  it('hovers a channel with its producers and consumers; outlines and colours the document', async () => {
    const hovers = await ask(
      'the hover of the channel',
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', producer.uri, positionOf(producer, '  placed:', 4)),
      (result) => result.some((hover) => hover.contents.some((content) => markdownOf(content).includes('1 producer · 1 consumer'))),
    );
    const text = hovers.flatMap((hover) => hover.contents.map(markdownOf)).join('\n');
    assert.match(text, /E2E Consumer: \[`react`\]/);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', producer.uri);
    const channels = symbols.find((symbol) => symbol.name === 'channels');
    assert.deepEqual(channels?.children.map((symbol) => [symbol.name, symbol.kind, symbol.detail]), [['placed', vscode.SymbolKind.Interface, 'shop.orders.{orderId}.placed']]);
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', producer.uri);
    assert.ok(legend?.tokenTypes.includes('interface') && legend.tokenModifiers.includes('unresolved'), JSON.stringify(legend));
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', producer.uri);
    assert.ok(tokens && tokens.data.length >= 5 * 6, 'tokens for the channel, its parameter, its message, the operation and the references');
  });

  it('renames a component message in both documents in one edit', async () => {
    const position = positionOf(producer, '    OrderPlaced:\n      name', 6);
    const edit = await ask(
      'the rename edit',
      () => vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', producer.uri, position, 'OrderSubmitted'),
      (result) => (result?.size ?? 0) >= 2,
    );
    assert.deepEqual(edit.entries().map(([uri]) => path.basename(uri.fsPath)).sort(), ['consumer.yaml', 'producer.yaml']);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the rename was applied');
    assert.match(producer.getText(), /\n {4}OrderSubmitted:\n {6}name: OrderPlaced\n/);
    assert.match(producer.getText(), /\$ref: '#\/components\/messages\/OrderSubmitted'/);
    assert.match(consumer.getText(), /\$ref: '\.\/producer\.yaml#\/components\/messages\/OrderSubmitted'/);
    assert.ok(producer.isDirty && consumer.isDirty, 'the edit is unsaved in both editors');
  });

  it('on examples/: finds who else sends or receives OrderPlaced, across services, and the message among the workspace symbols', async () => {
    const orders = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, 'orders', 'asyncapi.yaml'));
    const position = positionOf(orders, '    OrderPlaced:\n      name: OrderPlaced', 6);
    const references = await ask(
      'the references of OrderPlaced',
      () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', orders.uri, position),
      (list) => new Set((list ?? []).map((location) => vscode.workspace.asRelativePath(location.uri))).size >= 3,
    );
    const files = new Set(references.map((location) => vscode.workspace.asRelativePath(location.uri)));
    for (const service of ['orders/asyncapi.yaml', 'inventory/asyncapi.yaml', 'notifications/asyncapi.yaml']) assert.ok(files.has(service), `${service} among ${[...files].join(', ')}`);
    const symbols = await ask(
      'the workspace symbols for OrderPlaced',
      () => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'OrderPlaced'),
      (list) => (list ?? []).some((symbol) => symbol.name === 'OrderPlaced' && vscode.workspace.asRelativePath(symbol.location.uri) === 'orders/asyncapi.yaml'),
    );
    const definedIn = new Set(symbols.filter((symbol) => symbol.name === 'OrderPlaced').map((symbol) => vscode.workspace.asRelativePath(symbol.location.uri)));
    for (const service of ['orders/asyncapi.yaml', 'inventory/asyncapi.yaml', 'notifications/asyncapi.yaml']) assert.ok(definedIn.has(service), `OrderPlaced in ${service}: ${[...definedIn].join(', ')}`);
  });
});

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function markdownOf(content: vscode.MarkdownString | vscode.MarkedString): string {
  return typeof content === 'string' ? content : content.value;
}
