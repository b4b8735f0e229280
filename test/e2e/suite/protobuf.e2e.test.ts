// End-to-end: the Protobuf service of examples/ (pricing/: an AsyncAPI document whose payloads are
// proto3, one in a .proto file, one inline) in a real VS Code. The workspace copy becomes a git
// repository in `before`, as a clone is, so that edits of the .proto file are judged against HEAD;
// `after` puts the files back and removes the repository. Every wait is on an event.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EventDesignApi } from '../../../client/src/extension';
import type { EventFlowHandle, EventFlowRender } from '../../../client/src/graph/eventFlowPanel';
import { screenshot } from './screenshots';
import { waitFor, withDeadline } from './waiting';
import { revertAndCloseEditors } from './editors';

const EXTENSION_ID = 'event-design.event-design';
const SERVICE = 'pricing/asyncapi.yaml';
const PROTO = 'pricing/proto/pricing/v1/price_changed.proto';
/** The Problems view's "Show Active File Only" filter. */
const TOGGLE_PROBLEMS_OF_ACTIVE_FILE = 'workbench.actions.workbench.panel.markers.view.toggleActiveFile';

/** Our diagnostics of one rule on a document. */
function findings(uri: vscode.Uri, ruleId: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'event-design' && (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code) === ruleId);
}

function describeDiagnostics(uri: vscode.Uri): string {
  return JSON.stringify(vscode.languages.getDiagnostics(uri).map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${JSON.stringify(diagnostic.code)} ${diagnostic.message}`));
}

function lineOf(document: vscode.TextDocument, text: string): number {
  const line = document.getText().split('\n').findIndex((candidate) => candidate.includes(text));
  assert.ok(line >= 0, `"${text}" not found in ${vscode.workspace.asRelativePath(document.uri)}`);
  return line;
}

describe('Protobuf in a real VS Code', () => {
  let root: string;
  const uriOf = (relative: string) => vscode.Uri.file(path.join(root, relative));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: root });

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the suite needs a workspace folder: a copy of examples/');
    root = folder;
    for (const required of [SERVICE, PROTO]) assert.ok(fs.existsSync(path.join(root, required)), `the workspace ${root} has no ${required}: is it a copy of examples/?`);
    assert.ok(!fs.existsSync(path.join(root, '.git')), 'the workspace copy is a git repository already: this suite makes and removes its own');
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'the examples, as published');
    const api = await withDeadline(vscode.extensions.getExtension<EventDesignApi>(EXTENSION_ID)!.activate(), 'the extension to activate');
    await withDeadline(api.ready, 'the language server');
  });

  after(async () => {
    await revertAndCloseEditors();
    // VS Code for the web may have saved an edit: the committed files are the examples' own.
    git('checkout', '-q', '--', '.');
    fs.rmSync(path.join(root, '.git'), { recursive: true, force: true });
  });

  it('colours a .proto file with our grammar, reports a duplicate field number at its line (screenshot), and the undo clears it', async () => {
    const uri = uriOf(PROTO);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'proto3');
    const grammar = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.grammars.find((candidate: { language?: string }) => candidate.language === 'proto3');
    assert.equal(grammar?.scopeName, 'source.proto', 'the extension contributes the proto3 grammar');
    // VS Code ships no Protobuf grammar: the workbench finds a TextMate tokenizer for proto3 only through ours (the command throws without one).
    await withDeadline(vscode.commands.executeCommand('_workbench.colorizeTextMateTokens', uri), 'the proto3 tokenizer to colour the file');

    // `Reason reason = 5;` → `= 4`, which `effective_at` already has: unsaved, in the editor.
    const original = document.getText();
    const line = lineOf(document, 'Reason reason = 5;');
    const column = document.lineAt(line).text.indexOf('5');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(line, column, line, column + 1), '4');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostic = await waitFor(`protobuf-field-number on line ${line + 1}`, () => findings(uri, 'protobuf-field-number').find((candidate) => candidate.range.start.line === line), { describe: () => describeDiagnostics(uri) });
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /^Field number 4 is already used in PriceChanged/);
    assert.deepEqual([diagnostic.range.start.character, diagnostic.range.end.character], [column, column + 1], 'the range is the number');
    assert.equal(diagnostic.relatedInformation?.[0]?.location.range.start.line, lineOf(document, 'effective_at = 4;'), 'related: where 4 is first used');

    // The diagnostic as a user sees it: the squiggle, its hover, and Problems of this file only
    // (the workspace's other problems would fill the panel).
    editor.selection = new vscode.Selection(line, column, line, column);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand(TOGGLE_PROBLEMS_OF_ACTIVE_FILE);
    await vscode.window.showTextDocument(document, editor.viewColumn);
    await vscode.commands.executeCommand('editor.action.showHover');
    console.log(`      ${await screenshot('protobuf-duplicate-field-number.png')}`);
    await vscode.commands.executeCommand(TOGGLE_PROBLEMS_OF_ACTIVE_FILE);

    await vscode.commands.executeCommand('undo');
    await waitFor('the undo to restore the text', () => (document.getText() === original ? true : undefined), { events: [vscode.workspace.onDidChangeTextDocument] });
    await waitFor('the duplicate field number to clear', () => (findings(uri, 'protobuf-field-number').length === 0 ? true : undefined), { describe: () => describeDiagnostics(uri) });
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('reports a retyped field as a break against git at its line, and "Restore the old type" clears it', async () => {
    const uri = uriOf(PROTO);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const original = document.getText();
    const line = lineOf(document, 'string sku = 1;');
    const column = document.lineAt(line).text.indexOf('string');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(line, column, line, column + 'string'.length), 'int64');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostic = await waitFor(`a compatibility-break on line ${line + 1}`, () => findings(uri, 'compatibility-break').find((candidate) => candidate.range.start.line === line), { describe: () => describeDiagnostics(uri) });
    // The pricing service sends PriceChanged: its consumers read with the old version (FORWARD).
    assert.match(diagnostic.message, /"sku".*\(string → int64\)\. Under FORWARD: existing consumers/);
    assert.equal(diagnostic.range.start.character, column, 'the range starts at the type');
    const before = diagnostic.relatedInformation?.[0]?.location;
    assert.equal(before?.uri.scheme, 'event-design-baseline');
    assert.equal((await vscode.workspace.openTextDocument(before.uri)).getText(), original, 'the old version opens, read from git');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const restore = actions.find((action) => action.title === 'Restore the old type (string)');
    assert.ok(restore?.edit, actions.map((action) => action.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(restore.edit));
    assert.equal(document.getText(), original);
    await waitFor('the break to go', () => (findings(uri, 'compatibility-break').length === 0 ? true : undefined), { describe: () => describeDiagnostics(uri) });
  });

  it('places the pricing service and its channels in the event flow, with the fields of its Protobuf messages', async () => {
    const handle = await vscode.commands.executeCommand<EventFlowHandle>('eventDesign.showEventFlow');
    const drawnWithPricing = (render: EventFlowRender) => {
      const model = handle.currentGraph?.model;
      return render.generation === model?.generation && model.services.some((service) => service.title === 'Pricing Service');
    };
    await waitFor('the graph with the pricing service drawn', () => (handle.lastRender && drawnWithPricing(handle.lastRender) ? true : undefined), { events: [handle.onDidRender], describe: () => `last drawn: ${JSON.stringify(handle.lastRender)}` });
    const { model, view } = handle.currentGraph!;
    const pricing = model.services.find((service) => service.title === 'Pricing Service')!;
    assert.equal(pricing.uri, uriOf(SERVICE).toString());
    const channels = model.channels.filter((channel) => channel.declarations.some((declaration) => declaration.serviceId === pricing.id));
    assert.deepEqual(channels.map((channel) => channel.address).sort(), ['inventory.stock-reserved', 'pricing.price-changed', 'pricing.promotion-started']);
    const channel = (address: string) => channels.find((candidate) => candidate.address === address)!;
    assert.ok(channel('pricing.price-changed').producers.includes(pricing.id) && channel('pricing.promotion-started').producers.includes(pricing.id), 'pricing sends its own events');
    assert.ok(channel('inventory.stock-reserved').consumers.includes(pricing.id), 'pricing receives StockReserved');
    // Drawn: each channel a node, its Protobuf message a row of it.
    const row = (address: string, messageId: string) => view.nodes.find((node) => node.refId === channel(address).id)?.rows?.some((candidate) => candidate.messageId === messageId);
    assert.ok(row('pricing.price-changed', 'message:PriceChanged') && row('pricing.promotion-started', 'message:PromotionStarted'), 'the channel nodes show their messages');

    // What the message card lists: the root message of the $ref'd .proto file, and of the inline source.
    const fieldsOf = (name: string) => {
      const message = model.messages.find((candidate) => candidate.name === name)!;
      assert.equal(message.schemaFormat, 'application/vnd.google.protobuf;version=3');
      return message.payloadFields.map((field) => `${field.name}: ${field.type}`);
    };
    assert.deepEqual(fieldsOf('PriceChanged'), ['sku: string', 'old_price: Money', 'new_price: Money', 'effective_at: google.protobuf.Timestamp', 'reason: Reason', 'channel_prices: map<string, Money>']);
    assert.deepEqual(fieldsOf('PromotionStarted'), ['promotion_id: string', 'skus: repeated string', 'percent_off: uint32', 'starts_at: string', 'ends_at: string']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('goes from the payload $ref of the AsyncAPI document to the message in the .proto file', async () => {
    const document = await vscode.workspace.openTextDocument(uriOf(SERVICE));
    await vscode.window.showTextDocument(document);
    const line = lineOf(document, "$ref: './proto/pricing/v1/price_changed.proto'");
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('price_changed.proto') + 2);
    const targets = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, position);
    const proto = await vscode.workspace.openTextDocument(uriOf(PROTO));
    const where = targets.map((target) => ('targetUri' in target ? `${target.targetUri.fsPath}:${(target.targetSelectionRange ?? target.targetRange).start.line}` : `${target.uri.fsPath}:${target.range.start.line}`));
    assert.deepEqual(where, [`${proto.uri.fsPath}:${lineOf(proto, 'message PriceChanged {')}`]);
  });
});
