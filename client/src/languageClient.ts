import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusNotification, WorkspaceTrustNotification, isServerStatus, type InitializationOptions, type ServerStatus } from '../../server/src/protocol';

/** The documents the server looks at: YAML, JSON and Avro files on disk or unsaved. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'avro' },
  { scheme: 'file', language: 'proto3' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'untitled', language: 'json' },
];

/**
 * Creates (does not start) the client for the bundled server, which runs over IPC. The file
 * watcher belongs to the extension, not to one client, so that restarts do not pile them up.
 */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, fileWatchers: vscode.FileSystemWatcher[], onStatus: (status: ServerStatus) => void): LanguageClient {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: InitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    packageRootUri: context.extensionUri.toString(),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    initializationOptions,
    // The server reads referenced files from disk; tell it when they change.
    synchronize: { fileEvents: fileWatchers },
    diagnosticCollectionName: 'event-design',
  };
  const client = new LanguageClient('eventDesign', 'Event Design', serverOptions, clientOptions);
  client.onNotification(StatusNotification.method, (params: unknown) => {
    if (isServerStatus(params)) onStatus(params);
  });
  return client;
}

/** Tells the running server that the user trusted the workspace: git and remote refs may now run. */
export function notifyWorkspaceTrusted(client: LanguageClient | undefined) {
  if (client?.isRunning()) void client.sendNotification(WorkspaceTrustNotification.method, { trusted: true } satisfies WorkspaceTrustNotification.Params);
}
