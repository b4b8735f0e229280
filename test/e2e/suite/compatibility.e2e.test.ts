import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EventDesignApi } from '../../../client/src/extension';
import { waitFor, withDeadline } from './waiting';

const FIXTURE_DIR = 'e2e-compatibility';

const SERVICE = `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
channels:
  orders:
    address: orders.placed
    messages: { placed: { $ref: '#/components/messages/OrderPlaced' } }
operations:
  onOrderPlaced:
    action: receive
    channel: { $ref: '#/channels/orders' }
components:
  messages:
    OrderPlaced: { payload: { $ref: './order.schema.json' } }
`;

const SCHEMA = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "required": ["orderId"],
  "properties": {
    "orderId": { "type": "string" },
    "total": { "type": "number" }
  }
}
`;

function breaksOn(uri: vscode.Uri) {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'event-design' && (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code) === 'compatibility-break');
}

describe('Compatibility breaks in a real VS Code', () => {
  let folder: string;

  before(async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the suite needs a workspace folder');
    // A small service in its own git repository: HEAD is the baseline.
    folder = path.join(root, FIXTURE_DIR);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '.event-design.yaml'), 'categories:\n  discipline: off\n');
    fs.writeFileSync(path.join(folder, 'service.yaml'), SERVICE);
    fs.writeFileSync(path.join(folder, 'order.schema.json'), SCHEMA);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: folder });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'published contract');
    const api = await withDeadline(vscode.extensions.getExtension<EventDesignApi>('event-design.event-design')!.activate(), 'the extension to activate');
    await withDeadline(api.ready, 'the language server');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows a break at the changed line, opens the old version, and the quick fix clears it', async () => {
    const uri = vscode.Uri.file(path.join(folder, 'order.schema.json'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    // Make "total" required, in the editor, unsaved.
    const edit = new vscode.WorkspaceEdit();
    const line = document.getText().split('\n').findIndex((text) => text.includes('"required"'));
    edit.replace(uri, document.lineAt(line).range, '  "required": ["orderId", "total"],');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const [diagnostic] = await waitFor('the compatibility break', () => (breaksOn(uri).length > 0 ? breaksOn(uri) : undefined), { describe: () => JSON.stringify(vscode.languages.getDiagnostics(uri).map((item) => item.message)) });
    assert.match(diagnostic!.message, /"total".*Under BACKWARD/);
    assert.match(document.lineAt(diagnostic!.range.start.line).text, /"total"/);
    const before = diagnostic!.relatedInformation?.[0]?.location.uri;
    assert.equal(before?.scheme, 'event-design-baseline');
    const baseline = await vscode.workspace.openTextDocument(before!);
    assert.equal(baseline.getText(), SCHEMA, 'the old version opens, read from git');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const undo = actions.find((action) => action.title === 'Make "total" optional again');
    assert.ok(undo?.edit, actions.map((action) => action.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(undo.edit));
    await waitFor('the break to go', () => (breaksOn(uri).some((item) => /required/i.test(item.message)) ? undefined : true));
  });
});
