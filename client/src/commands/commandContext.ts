import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What commands may use of the extension. */
export interface CommandContext {
  client(): LanguageClient | undefined;
  restart(): Promise<void>;
  outputChannel: vscode.LogOutputChannel;
  /** The extension's folder (the webview loads from its dist/webview). */
  extensionUri: vscode.Uri;
}
