import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DEFAULT_VIEW_OPTIONS, type EventFlowGraph, type GraphViewOptions } from '../../../server/src/engine/graph/graphModel';
import { toMermaid } from '../../../server/src/engine/graph/textExport';
import {
  GraphChangedNotification,
  GraphRequest,
  GraphSubscriptionNotification,
  isGraphResponse,
  isWebviewToHostMessage,
  type GraphOverlay,
  type HostToWebviewMessage,
  type ViewMeasurement,
  type WebviewToHostMessage,
} from '../../../server/src/protocol';
import { createOverlayProviders, type GraphOverlayProvider } from './graphOverlays';
import { webviewHtml, webviewRoot } from './webviewHtml';

export const EVENT_FLOW_VIEW_TYPE = 'eventDesign.eventFlow';
const TITLE = 'Event Flow';
const LOADING_TITLE = 'Event Flow (loading…)';
/** Largest export the host accepts from the webview (base64 PNG of a very large graph). */
const MAX_EXPORT_CHARS = 200 * 1024 * 1024;
/** While the panel is open, how often it checks whether the language server was restarted. */
const CLIENT_WATCH_MS = 2000;

/** What the webview reported after drawing a graph. */
export interface EventFlowRender {
  generation: number;
  services: number;
  channels: number;
  nodes: number;
  edges: number;
  /** Services and channels marked as hurt by a compatibility break or a contract mismatch. */
  highlighted: readonly string[];
}

/** What `eventDesign.showEventFlow` returns: the panel, and a way to wait for what it draws. */
export interface EventFlowHandle {
  readonly viewType: string;
  readonly panel: vscode.WebviewPanel;
  /** The last graph drawn, if any. */
  readonly lastRender: EventFlowRender | undefined;
  /** The graph last sent to the webview. */
  readonly currentGraph: EventFlowGraph | undefined;
  /** Resolves with the next graph the webview draws (or the current one, when it drew one). */
  whenRendered(): Promise<EventFlowRender>;
  readonly onDidRender: vscode.Event<EventFlowRender>;
  /** What the webview shows now, measured in it: its zoom, its smallest text, its toolbar's rows. */
  measure(): Promise<ViewMeasurement>;
}

export interface EventFlowDependencies {
  extensionUri: vscode.Uri;
  client(): LanguageClient | undefined;
  outputChannel: vscode.LogOutputChannel;
}

/**
 * The "Event Flow" panel: asks the language server for the laid-out graph, hands it to the
 * webview after the webview's `ready`, keeps it current while documents change, and does for the
 * webview what it may not do itself (open files, save exports, write the clipboard).
 */
export class EventFlowPanel implements EventFlowHandle {
  private static current: EventFlowPanel | undefined;

  static show(dependencies: EventFlowDependencies, focusUri?: vscode.Uri): EventFlowPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    if (EventFlowPanel.current) {
      EventFlowPanel.current.panel.reveal(column);
    } else {
      const panel = vscode.window.createWebviewPanel(EVENT_FLOW_VIEW_TYPE, LOADING_TITLE, column, {
        enableScripts: true,
        localResourceRoots: [webviewRoot(dependencies.extensionUri)],
      });
      EventFlowPanel.current = new EventFlowPanel(panel, dependencies);
    }
    if (focusUri) EventFlowPanel.current.startOn(focusUri.toString());
    return EventFlowPanel.current;
  }

  readonly viewType = EVENT_FLOW_VIEW_TYPE;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderEmitter = new vscode.EventEmitter<EventFlowRender>();
  readonly onDidRender = this.renderEmitter.event;
  private readonly measurementEmitter = new vscode.EventEmitter<ViewMeasurement>();
  private readonly overlayProviders: GraphOverlayProvider[];
  private graph: EventFlowGraph | undefined;
  private options: GraphViewOptions = DEFAULT_VIEW_OPTIONS;
  private webviewReady = false;
  private requestNumber = 0;
  private refreshTimer: NodeJS.Timeout | undefined;
  private subscribedClient: LanguageClient | undefined;
  private clientSubscription: vscode.Disposable | undefined;
  private lastRenderValue: EventFlowRender | undefined;
  private focusUri: string | undefined;
  private disposed = false;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly dependencies: EventFlowDependencies,
  ) {
    this.overlayProviders = createOverlayProviders();
    panel.webview.html = webviewHtml(panel.webview, dependencies.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewToHostMessage(message)) void this.onMessage(message).catch((error) => this.log(`Event flow: ${describe(error)}`));
      }),
      // A hidden webview is torn down (no retainContextWhenHidden); it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.webviewReady = false;
      }),
      ...this.overlayProviders,
      ...this.overlayProviders.map((provider) => provider.onDidChange(() => this.sendOverlays())),
      this.renderEmitter,
      this.measurementEmitter,
    );
    const watch = setInterval(() => {
      const client = this.dependencies.client();
      if (client && client !== this.subscribedClient && client.state === State.Running) this.scheduleRefresh(0);
    }, CLIENT_WATCH_MS);
    this.disposables.push({ dispose: () => clearInterval(watch) });
    void this.refresh();
  }

  /** Starts on a document's service: now, when the graph is drawn, or once it is. */
  private startOn(uri: string) {
    if (this.webviewReady && this.lastRenderValue) this.post({ type: 'select', serviceUri: uri });
    else this.focusUri = uri;
  }

  get lastRender() {
    return this.lastRenderValue;
  }

  get currentGraph() {
    return this.graph;
  }

  whenRendered(): Promise<EventFlowRender> {
    if (this.lastRenderValue && this.graph && this.lastRenderValue.generation === this.graph.model.generation) return Promise.resolve(this.lastRenderValue);
    return new Promise((resolve) => {
      const subscription = this.onDidRender((render) => {
        subscription.dispose();
        resolve(render);
      });
    });
  }

  measure(): Promise<ViewMeasurement> {
    return new Promise((resolve) => {
      const subscription = this.measurementEmitter.event((measurement) => {
        subscription.dispose();
        resolve(measurement);
      });
      this.post({ type: 'measure' });
    });
  }

  private log(message: string) {
    this.dependencies.outputChannel.warn(message);
  }

  private post(message: HostToWebviewMessage) {
    if (this.webviewReady && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private overlays(): GraphOverlay[] {
    if (!this.graph) return [];
    return this.overlayProviders.flatMap((provider) => {
      try {
        return provider.provide(this.graph!.model);
      } catch (error) {
        this.log(`Event flow overlays: ${describe(error)}`);
        return [];
      }
    });
  }

  private sendOverlays() {
    if (this.graph) this.post({ type: 'overlays', overlays: this.overlays() });
  }

  private sendGraph() {
    if (!this.graph) return;
    this.post({ type: 'graph', graph: this.graph, options: this.options, overlays: this.overlays() });
  }

  private scheduleRefresh(delay = 50) {
    if (this.disposed) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), delay);
  }

  /**
   * Subscribes to the running server's change notifications (again after a restart). True when
   * the client is a new one: generations count per server process, so the next answer must not be
   * compared with what the previous server said.
   */
  private subscribe(client: LanguageClient): boolean {
    if (client === this.subscribedClient) return false;
    this.clientSubscription?.dispose();
    this.subscribedClient = client;
    this.clientSubscription = client.onNotification(GraphChangedNotification.method, () => this.scheduleRefresh());
    void client.sendNotification(GraphSubscriptionNotification.method, { active: true } satisfies GraphSubscriptionNotification.Params);
    return true;
  }

  /** Asks the server for the graph; `force` also when the model generation is the one shown. */
  private async refresh(force = false) {
    if (this.disposed) return;
    const client = this.dependencies.client();
    if (!client || client.state !== State.Running) {
      this.post({ type: 'status', state: 'loading', message: 'Waiting for the Event Design language server…' });
      this.scheduleRefresh(500);
      return;
    }
    if (this.subscribe(client)) force = true;
    const number = ++this.requestNumber;
    const params: GraphRequest.Params = { options: this.options, knownGeneration: force ? undefined : this.graph?.model.generation };
    let response: unknown;
    try {
      response = await client.sendRequest(GraphRequest.method, params);
    } catch (error) {
      if (number === this.requestNumber) this.post({ type: 'status', state: 'error', message: `The graph could not be loaded: ${describe(error)}` });
      return;
    }
    if (number !== this.requestNumber || this.disposed) return;
    if (!isGraphResponse(response)) {
      this.log('Event flow: the server sent a graph response of an unexpected shape');
      return;
    }
    if (response.kind === 'error') {
      if (!this.graph) this.post({ type: 'status', state: 'error', message: response.message });
      else this.log(response.message);
      return;
    }
    if (response.kind === 'unchanged') return;
    this.graph = response.graph;
    this.options = { collapse: this.options.collapse, expandedServices: response.graph.view.expandedServices };
    this.sendGraph();
  }

  private async onMessage(message: WebviewToHostMessage) {
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        // A rebuilt webview (it was hidden) draws again: say so until it has.
        this.panel.title = LOADING_TITLE;
        if (this.graph) this.sendGraph();
        else this.post({ type: 'status', state: 'loading', message: 'Loading the event flow…' });
        this.scheduleRefresh(0);
        break;
      case 'rendered':
        this.lastRenderValue = { generation: message.generation, services: message.services, channels: message.channels, nodes: message.nodes, edges: message.edges, highlighted: message.highlighted };
        this.panel.title = TITLE;
        this.renderEmitter.fire(this.lastRenderValue);
        if (this.focusUri) {
          // Opened from a document: start on that document's service.
          this.post({ type: 'select', serviceUri: this.focusUri });
          this.focusUri = undefined;
        }
        break;
      case 'measured':
        this.measurementEmitter.fire(message.measurement);
        break;
      case 'setOptions':
        this.options = message.options;
        this.panel.title = LOADING_TITLE;
        await this.refresh(true);
        break;
      case 'reveal':
        await this.reveal(message.uri, message.range);
        break;
      case 'export':
        await this.saveExport(message.format, message.data);
        break;
      case 'copyMermaid':
        if (!this.graph) return;
        await vscode.env.clipboard.writeText(toMermaid(this.graph));
        void vscode.window.showInformationMessage('Event Design: the event flow was copied as a Mermaid flowchart.');
        break;
    }
  }

  /** Opens a definition beside the graph. Only files the graph itself points into. */
  private async reveal(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) {
    if (!this.graph || !knownUris(this.graph).has(uri)) {
      this.log(`Event flow: ignored a request to open ${uri}, which the graph does not show`);
      return;
    }
    const target = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const other = vscode.window.visibleTextEditors.find((editor) => editor.viewColumn !== undefined && editor.viewColumn !== this.panel.viewColumn);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), {
      viewColumn: other?.viewColumn ?? vscode.ViewColumn.Beside,
      preserveFocus: true,
      selection: target,
    });
    editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async saveExport(format: 'svg' | 'png', data: string) {
    if (data.length > MAX_EXPORT_CHARS || (format === 'png' && !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) || (format === 'svg' && !data.includes('<svg'))) {
      void vscode.window.showErrorMessage('Event Design: the export could not be made.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `event-flow.${format}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      saveLabel: 'Export',
      title: `Export the event flow as ${format.toUpperCase()}`,
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64'));
    void vscode.window.showInformationMessage(`Event Design: the event flow was saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    EventFlowPanel.current = undefined;
    clearTimeout(this.refreshTimer);
    const client = this.subscribedClient;
    if (client?.state === State.Running) void client.sendNotification(GraphSubscriptionNotification.method, { active: false } satisfies GraphSubscriptionNotification.Params);
    this.clientSubscription?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}

function knownUris(graph: EventFlowGraph): Set<string> {
  const uris = new Set<string>();
  for (const service of graph.model.services) uris.add(service.uri);
  for (const channel of graph.model.channels) for (const declaration of channel.declarations) uris.add(declaration.location.uri);
  for (const message of graph.model.messages) for (const definition of message.definitions) uris.add(definition.uri);
  for (const flow of graph.model.flows) uris.add(flow.location.uri);
  return uris;
}

function describe(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}
