import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConvertToAsyncApi3Request } from '../../../server/src/protocol';
import type { CommandContext } from '../commands/commandContext';
import { summarizeConversion } from './conversionSummary';

/** The scheme of conversion previews: read-only documents the diff editor shows beside the file. */
export const CONVERSION_PREVIEW_SCHEME = 'event-design-converted';

const previews = new Map<string, string>();

/** Serves the converted texts the command put there, for `vscode.diff`. */
export function registerConversionPreviews(): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = { onDidChange: changed.event, provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '' };
  return vscode.Disposable.from(vscode.workspace.registerTextDocumentContentProvider(CONVERSION_PREVIEW_SCHEME, provider), changed, {
    dispose: () => previews.clear(),
  });
}

function targetOf(resource: unknown): vscode.Uri | undefined {
  if (resource instanceof vscode.Uri) return resource;
  if (typeof resource === 'string') return vscode.Uri.parse(resource);
  return vscode.window.activeTextEditor?.document.uri;
}

/**
 * "Event Design: Convert to AsyncAPI 3.0": the server converts the document and says what did not
 * survive; the editor shows the file against the result in a diff, lists the differences in
 * the output channel, and replaces the whole text (one undoable edit) only when asked to.
 */
export async function convertToAsyncApi3(context: CommandContext, resource?: unknown): Promise<void> {
  const uri = targetOf(resource);
  if (!uri) {
    void vscode.window.showInformationMessage('Open an AsyncAPI 2.x document to convert it to AsyncAPI 3.0.');
    return;
  }
  const client = context.client();
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('The Event Design language server is not running.');
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const fileName = path.basename(uri.path);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Converting ${fileName} to AsyncAPI 3.0…` }, () =>
    client.sendRequest(ConvertToAsyncApi3Request.method, { uri: document.uri.toString() } satisfies ConvertToAsyncApi3Request.Params) as Promise<ConvertToAsyncApi3Request.Result>,
  );
  const summary = summarizeConversion(result, fileName);
  if (summary.details.length > 0) {
    context.outputChannel.info(`Converting ${uri.toString(true)} to AsyncAPI 3.0:`);
    for (const line of summary.details) context.outputChannel.info(`  ${line}`);
  }
  if (!summary.canApply || result.text === undefined) {
    void vscode.window.showInformationMessage(summary.message);
    return;
  }
  const preview = vscode.Uri.from({ scheme: CONVERSION_PREVIEW_SCHEME, path: uri.path.replace(/(\.[^./]+)?$/, (extension) => `.asyncapi-3.0${extension}`), query: uri.toString() });
  previews.set(preview.toString(), result.text);
  await vscode.commands.executeCommand('vscode.diff', uri, preview, `${fileName} ↔ AsyncAPI 3.0 (preview)`);
  const show = summary.lossy ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(summary.message, 'Apply', ...(summary.details.length > 0 ? ['Show Details'] : []), 'Cancel');
  if (choice === 'Show Details') context.outputChannel.show(true);
  if (choice !== 'Apply') return;
  if (document.version !== result.version) {
    void vscode.window.showWarningMessage(`${fileName} changed since it was converted: run "Convert to AsyncAPI 3.0" again.`);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), result.text);
  if (!(await vscode.workspace.applyEdit(edit))) void vscode.window.showErrorMessage(`${fileName} could not be changed.`);
  previews.delete(preview.toString());
}
