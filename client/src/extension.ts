import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerBaselineDocuments } from './compatibility/baselineDocuments';
import { BASELINE_SETTING } from './compatibility/baselineSetting';
import { trackAsyncApiEditors } from './graph/asyncApiEditorContext';
import { createLanguageClient, notifyWorkspaceTrusted } from './languageClient';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** The public API, for tests and other extensions. */
export interface EventDesignApi {
  /** Resolves when the language server is running. */
  ready: Promise<void>;
  client(): LanguageClient | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<EventDesignApi> {
  const outputChannel = vscode.window.createOutputChannel('Event Design', { log: true });
  const statusBar = new StatusBar();
  context.subscriptions.push(outputChannel, statusBar);
  statusBar.updateVisibility(vscode.window.activeTextEditor);
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor((editor) => statusBar.updateVisibility(editor)));

  const fileWatcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,jsonc,avsc,proto}');
  // Deleting a folder is reported for the folder alone: the server forgets what it indexed under it.
  const deletionWatcher = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  context.subscriptions.push(fileWatcher, deletionWatcher, vscode.workspace.onDidGrantWorkspaceTrust(() => notifyWorkspaceTrusted(client)));

  const start = async () => {
    statusBar.setClientState('starting');
    client = createLanguageClient(context, outputChannel, [fileWatcher, deletionWatcher], (status) => statusBar.setServerStatus(status));
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) statusBar.setClientState('running');
      else if (newState === State.Stopped) statusBar.setClientState('stopped');
    });
    try {
      await client.start();
    } catch (error) {
      statusBar.setClientState('failed');
      outputChannel.error(`The language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  };

  const restart = async () => {
    const previous = client;
    client = undefined;
    // dispose() stops the server and releases the client's listeners; stop() alone keeps them.
    if (previous) await previous.dispose().catch((error) => outputChannel.warn(`Stopping the server: ${String(error)}`));
    await start();
  };

  registerCommands(context, { client: () => client, restart, outputChannel, extensionUri: context.extensionUri });
  context.subscriptions.push(trackAsyncApiEditors(), registerBaselineDocuments(() => client));
  const showBaseline = () => statusBar.setBaseline(vscode.workspace.getConfiguration('eventDesign').get<string>(BASELINE_SETTING, 'HEAD'));
  showBaseline();
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(`eventDesign.${BASELINE_SETTING}`) && showBaseline()));
  const ready = start();
  ready.catch(() => undefined);
  return { ready, client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
