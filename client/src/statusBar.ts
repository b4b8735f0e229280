import * as vscode from 'vscode';
import type { ServerStatus } from '../../server/src/protocol';

export type ClientState = 'starting' | 'running' | 'stopped' | 'failed';

/** The status bar item: what the language server is doing, and a way to its log. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('eventDesign.status', vscode.StatusBarAlignment.Right, 100);
  private clientState: ClientState = 'starting';
  private serverStatus: ServerStatus | undefined;
  private baseline = 'HEAD';

  constructor() {
    this.item.name = 'Event Design';
    this.item.command = 'eventDesign.showOutput';
    this.render();
  }

  setClientState(state: ClientState) {
    this.clientState = state;
    this.render();
  }

  /** What compatibility breaks are judged against, shown in the tooltip and the text. */
  setBaseline(description: string) {
    this.baseline = description;
    this.render();
  }

  setServerStatus(status: ServerStatus) {
    this.serverStatus = status;
    this.render();
  }

  /** Shown only when a YAML, JSON or Avro file is in the active editor, as language extensions do. */
  updateVisibility(editor: vscode.TextEditor | undefined) {
    const language = editor?.document.languageId;
    if (language && ['yaml', 'json', 'jsonc', 'avro'].includes(language)) this.item.show();
    else this.item.hide();
  }

  private render() {
    const status = this.serverStatus;
    let text: string;
    let tooltip: string;
    this.item.backgroundColor = undefined;
    switch (this.clientState) {
      case 'starting':
        text = '$(loading~spin) Event Design';
        tooltip = 'The Event Design language server is starting';
        break;
      case 'stopped':
        text = '$(circle-slash) Event Design';
        tooltip = 'The Event Design language server is stopped. Click for its log; run "Event Design: Restart Language Server" to start it.';
        break;
      case 'failed':
        text = '$(error) Event Design';
        tooltip = 'The Event Design language server failed. Click for its log.';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      default:
        if (status?.state === 'indexing') {
          text = '$(sync~spin) Event Design: indexing';
          tooltip = `Indexing the workspace (${status.indexedFiles} files so far)`;
        } else if (status?.state === 'validating') {
          text = '$(sync~spin) Event Design';
          tooltip = `Validating ${status.pending} document${status.pending === 1 ? '' : 's'}`;
        } else {
          text = '$(check) Event Design';
          tooltip = `Ready: ${status?.indexedFiles ?? 0} files indexed`;
        }
        if (status?.message) tooltip += `\n${status.message}`;
    }
    this.item.text = this.clientState === 'running' ? `${text} · ${this.baseline}` : text;
    this.item.tooltip = `${tooltip}\nCompatibility breaks are judged against: ${this.baseline} (Event Design: Compare With… changes it)`;
  }

  dispose() {
    this.item.dispose();
  }
}
