// End-to-end: the extension in a real VS Code (code-server, or a desktop VS Code through
// @vscode/test-electron), on a temporary copy of the examples workspace. Every wait is on an
// event (onDidChangeDiagnostics, onDidChangeTextDocument) with a deadline, never a fixed sleep.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor, withDeadline } from './waiting';
import type { EventDesignApi } from '../../../client/src/extension';
import { revertAndCloseEditors } from './editors';

const EXTENSION_ID = 'event-design.event-design';
const SOURCE = 'event-design';
/** The repository root, from out/test/e2e/suite. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** A folder the suite creates in the workspace (a sibling of `orders/`, so `../schemas` resolves) and deletes afterwards. */
const FIXTURE_DIR = 'e2e-fixture';
/**
 * Turning on a rule that only the full validation (the AsyncAPI parser, in the server's worker)
 * reports, and that fires on every 3.0.0 document, makes "the full validation has finished"
 * observable on a valid document without editing it and without sleeping.
 */
const FULL_VALIDATION_MARKER = 'asyncapi-latest-version';

// ------------------------------------------------------------------------------------------------
// Helpers

/** Diagnostics of this extension on a document. */
function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function hrefOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? code.target.toString() : undefined;
}

/** The diagnostics of a document in one line each, for failure messages. */
function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return `${vscode.workspace.asRelativePath(uri)}: no diagnostics`;
  const lines = all.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} [${d.source ?? '?'}] ${codeOf(d) ?? ''} ${d.message}`);
  return `${vscode.workspace.asRelativePath(uri)}: ${lines.join(' | ')}`;
}

function errorsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return ours(uri).filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error);
}

/** The asyncapi-schema diagnostic on a 0-based line, if any. */
function schemaErrorOn(uri: vscode.Uri, line: number): vscode.Diagnostic | undefined {
  return ours(uri).find((diagnostic) => codeOf(diagnostic) === 'asyncapi-schema' && diagnostic.range.start.line === line);
}

function hasFullValidationMarker(uri: vscode.Uri): boolean {
  return ours(uri).some((diagnostic) => codeOf(diagnostic) === FULL_VALIDATION_MARKER);
}

function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(text)) return line;
  }
  throw new Error(`"${text}" not found in ${vscode.workspace.asRelativePath(document.uri)}`);
}

// ------------------------------------------------------------------------------------------------

describe('Event Design in a real VS Code', () => {
  let api: EventDesignApi;
  let root: vscode.Uri;
  let fixtureDir: string | undefined;

  const inWorkspace = (relative: string) => vscode.Uri.joinPath(root, ...relative.split('/'));

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite needs a workspace folder: a copy of examples/ (test/e2e/runInCodeServer.mjs makes one)');
    root = folder.uri;
    // The suite writes into the workspace: never into the repository's own examples.
    const examples = path.join(REPO_ROOT, 'examples');
    if (fs.existsSync(examples) && fs.realpathSync(root.fsPath) === fs.realpathSync(examples)) {
      throw new Error(`refusing to run on ${examples} itself: open a copy of it (test/e2e/runInCodeServer.mjs does)`);
    }
    for (const required of ['legacy/inventory-sync.yaml', 'orders/asyncapi.yaml', '.event-design.yaml']) {
      assert.ok(fs.existsSync(inWorkspace(required).fsPath), `the workspace ${root.fsPath} has no ${required}: is it a copy of examples/?`);
    }

    // The fixture: two copies of a valid document under a configuration that also turns on the
    // full-validation marker, otherwise the same as the workspace's.
    const dir = inWorkspace(FIXTURE_DIR).fsPath;
    fixtureDir = dir;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    // The configuration first: the server (already indexing) must never see the documents without it.
    const config = fs.readFileSync(inWorkspace('.event-design.yaml').fsPath, 'utf8');
    assert.match(config, /^rules:\s*$/m, 'examples/.event-design.yaml has no top-level `rules:` to extend');
    fs.writeFileSync(path.join(dir, '.event-design.yaml'), config.replace(/^rules:\s*$/m, `rules:\n  ${FULL_VALIDATION_MARKER}: hint`));
    const orders = fs.readFileSync(inWorkspace('orders/asyncapi.yaml').fsPath, 'utf8');
    fs.writeFileSync(path.join(dir, 'valid-copy.yaml'), orders);
    fs.writeFileSync(path.join(dir, 'edit-me.yaml'), orders);

    const extension = vscode.extensions.getExtension<EventDesignApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    api = await withDeadline(extension.activate(), 'the extension to activate');
    await withDeadline(api.ready, 'the language server to start (EventDesignApi.ready)');
    assert.ok(api.client()?.isRunning(), 'the language client is not running after ready');
  });

  after(async () => {
    // Nothing is left dirty by the tests; revert anyway, so closing never asks to save.
    await revertAndCloseEditors((document) => !!fixtureDir && document.uri.fsPath.startsWith(fixtureDir));
    if (fixtureDir) fs.rmSync(fixtureDir, { recursive: true, force: true });
  });

  it('reports the asyncapi-schema error of legacy/inventory-sync.yaml at line 48', async () => {
    const uri = inWorkspace('legacy/inventory-sync.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'yaml');
    assert.match(document.lineAt(47).text, /^\s*action: publish\b/, 'line 48 of the example is not `action: publish`');

    const diagnostic = await waitFor('the asyncapi-schema diagnostic on line 48', () => schemaErrorOn(uri, 47), { describe: () => describeDiagnostics(uri) });
    assert.equal(diagnostic.source, 'event-design');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(
      diagnostic.message.startsWith('"action" property must be equal to one of the allowed values'),
      `unexpected message: ${diagnostic.message}`,
    );
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [47, 12], 'the range starts at `publish` (48:13)');
    assert.equal(diagnostic.range.end.line, 47);
    const href = hrefOf(diagnostic);
    assert.ok(href?.endsWith('docs/rules/asyncapi-schema.md'), `codeDescription href ${href} does not end with docs/rules/asyncapi-schema.md`);
    // The one intended error of the examples: nothing else is an error there.
    assert.deepEqual(errorsOf(uri).map(codeOf), ['asyncapi-schema'], describeDiagnostics(uri));
  });

  it('reports no error on a valid service document once the full validation has run', async () => {
    // The original first, then the copy whose full validation is observable: the server opens,
    // checks and queues their full validations in this order (one worker, first come first
    // served), so when the copy's marker is there the original's validation has finished too.
    const original = inWorkspace('orders/asyncapi.yaml');
    const copy = inWorkspace(`${FIXTURE_DIR}/valid-copy.yaml`);
    await vscode.workspace.openTextDocument(original);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(copy));

    await waitFor(`the full validation of ${FIXTURE_DIR}/valid-copy.yaml (its ${FULL_VALIDATION_MARKER} hint)`, () => (hasFullValidationMarker(copy) ? true : undefined), {
      describe: () => describeDiagnostics(copy),
    });
    const marker = ours(copy).find((diagnostic) => codeOf(diagnostic) === FULL_VALIDATION_MARKER)!;
    assert.equal(marker.severity, vscode.DiagnosticSeverity.Hint);
    assert.deepEqual(errorsOf(copy), [], describeDiagnostics(copy));
    assert.deepEqual(errorsOf(original), [], describeDiagnostics(original));
  });

  it('lists the problems of a file nobody opened in Problems, as the CLI reports them', async () => {
    // The examples' usage-dependent finding: the schema's root object says nothing of other
    // properties, which matters because services send it (examples/README.md, gap 6).
    const uri = inWorkspace('schemas/stock-reserved.schema.json');
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), 'the schema must not be open for this test');
    const inProblems = () => vscode.languages.getDiagnostics().find(([target]) => target.toString() === uri.toString())?.[1] ?? [];
    const finding = await waitFor('content-model-explicit at 6:3 of the unopened schema in Problems', () => inProblems().find((diagnostic) => diagnostic.source === SOURCE && codeOf(diagnostic) === 'content-model-explicit' && diagnostic.range.start.line === 5), {
      describe: () => describeDiagnostics(uri),
    });
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(finding.range.start.character, 2);
  });

  it('validates an in-memory edit, and clears the error when the edit is undone', async () => {
    const uri = inWorkspace(`${FIXTURE_DIR}/edit-me.yaml`);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const original = document.getText();
    await waitFor('the first full validation of the untouched copy', () => (hasFullValidationMarker(uri) ? true : undefined), { describe: () => describeDiagnostics(uri) });
    assert.deepEqual(errorsOf(uri), [], describeDiagnostics(uri));

    const line = lineOf(document, 'action: send');
    const column = document.lineAt(line).text.indexOf('send');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(line, column, line, column + 'send'.length), 'sned');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the WorkspaceEdit was not applied');
    assert.ok(document.lineAt(line).text.includes('action: sned'));
    assert.ok(document.isDirty, 'the edit is in memory only');

    const diagnostic = await waitFor(`an asyncapi-schema diagnostic on the edited line ${line + 1}`, () => schemaErrorOn(uri, line), { describe: () => describeDiagnostics(uri) });
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /^"action" property must be equal to one of the allowed values/);
    assert.equal(diagnostic.range.start.character, column, 'the range starts at the value');

    // Undo in the editor, as a user would.
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the edited document is not the active editor');
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo to restore the text', () => (document.getText() === original ? true : undefined), { events: [vscode.workspace.onDidChangeTextDocument] });
    assert.equal(document.isDirty, false, 'undoing the only edit leaves the document clean');
    await waitFor(`the asyncapi-schema diagnostic on line ${line + 1} to clear`, () => (schemaErrorOn(uri, line) ? undefined : true), { describe: () => describeDiagnostics(uri) });
    assert.deepEqual(errorsOf(uri), [], describeDiagnostics(uri));
  });

  it('restarts the language server with "Event Design: Restart Language Server", and diagnostics come back', async () => {
    const uri = inWorkspace('legacy/inventory-sync.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor('the asyncapi-schema diagnostic before the restart', () => schemaErrorOn(uri, 47), { describe: () => describeDiagnostics(uri) });

    const previous = api.client();
    assert.ok(previous && previous.isRunning(), 'the language client is not running before the restart');
    // Stopping the client disposes its diagnostics: watch them go, then come back.
    let cleared = false;
    const watch = vscode.languages.onDidChangeDiagnostics(() => {
      if (!schemaErrorOn(uri, 47)) cleared = true;
    });
    try {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('eventDesign.restartServer'), 'eventDesign.restartServer is not registered');
      await withDeadline(vscode.commands.executeCommand('eventDesign.restartServer'), 'eventDesign.restartServer to finish');

      const next = api.client();
      assert.ok(next, 'no language client after the restart');
      assert.notEqual(next, previous, 'the restart did not create a new client');
      assert.equal(previous.isRunning(), false, 'the previous client is still running');
      assert.ok(next.isRunning(), 'the new client is not running');
      await waitFor(
        'the asyncapi-schema diagnostic from the restarted server',
        () => (cleared && schemaErrorOn(uri, 47) ? true : undefined),
        { describe: () => `cleared during the restart: ${cleared}; ${describeDiagnostics(uri)}` },
      );
    } finally {
      watch.dispose();
    }
  });
});
