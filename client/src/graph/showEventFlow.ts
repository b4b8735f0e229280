import * as vscode from 'vscode';
import { isAsyncApiDocument } from './asyncApiEditorContext';
import { EventFlowPanel, type EventFlowDependencies, type EventFlowHandle } from './eventFlowPanel';

/**
 * `eventDesign.showEventFlow`: opens (or reveals) the event-flow panel. Run on an AsyncAPI
 * document (its editor title button, the explorer, or the palette while it is the active editor),
 * the graph starts on that document's service. Returns the panel's handle, which tests use to wait
 * for what the webview drew.
 */
export function showEventFlow(dependencies: EventFlowDependencies, resource?: unknown): EventFlowHandle {
  let uri = resource instanceof vscode.Uri && /\.(ya?ml|json)$/i.test(resource.path) ? resource : undefined;
  const active = vscode.window.activeTextEditor?.document;
  if (!uri && resource === undefined && active && isAsyncApiDocument(active)) uri = active.uri;
  return EventFlowPanel.show(dependencies, uri);
}
