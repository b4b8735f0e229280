// The cold start: the first suite to run (file names sort it first), so the window is fresh and
// the document opened here is the first one. It prints how long the first diagnostic took, from
// the moment the document is opened: a measurement the lead reports, not a timed assertion.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './waiting';

const SOURCE = 'event-design';

describe('diagnostics: cold start in a fresh window', () => {
  it('publishes the first diagnostic of the first document opened', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite needs a workspace folder: a copy of examples/');
    const uri = vscode.Uri.joinPath(folder.uri, 'legacy', 'inventory-sync.yaml');
    const opened = performance.now();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const first = await waitFor('the first event-design diagnostic of legacy/inventory-sync.yaml', () => {
      const ours = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
      return ours.length > 0 ? ours : undefined;
    });
    const elapsed = Math.round(performance.now() - opened);
    // Printed for the record (the extension host's uptime says how much of the window's start came before).
    console.log(`[cold start] opening legacy/inventory-sync.yaml → first diagnostic: ${elapsed} ms (extension host up ${Math.round(process.uptime() * 1000)} ms)`);
    assert.ok(first.some((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error), 'the first diagnostics include the document\'s intended error');
  });
});
