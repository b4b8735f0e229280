import * as vscode from 'vscode';
import type { ServerStatus } from '../../server/src/protocol';
import { describeStatus, type ClientState } from './statusText';

/** The status bar item: what the language server is doing, and a way to its log. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('eventDesign.status', vscode.StatusBarAlignment.Right, 100);
  private clientState: ClientState = 'starting';
  private serverStatus: ServerStatus | undefined;
  private baselineSetting = 'HEAD';

  constructor() {
    this.item.name = 'Event Design';
    this.item.command = 'eventDesign.showOutput';
    this.render();
  }

  setClientState(state: ClientState) {
    this.clientState = state;
    this.render();
  }

  /** The `eventDesign.compatibility.baseline` setting: what compatibility breaks are judged against. */
  setBaseline(setting: string) {
    this.baselineSetting = setting;
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
    const { text, tooltip, failed } = describeStatus(this.clientState, this.serverStatus, this.baselineSetting);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = failed ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose() {
    this.item.dispose();
  }
}
