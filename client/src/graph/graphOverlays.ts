import * as vscode from 'vscode';
import type { EventFlowModel, GraphLocation } from '../../../server/src/engine/graph/graphModel';
import type { GraphOverlay } from '../../../server/src/protocol';
import { contractOverlays, type OverlayDiagnostic } from './contractOverlays';

/**
 * Marks on the graph that do not change its shape: problems in a definition, and who a
 * compatibility break or a contract mismatch hurts. A provider turns the current model into
 * overlays and says when they changed; the panel sends them to the webview without a new layout.
 */
export interface GraphOverlayProvider extends vscode.Disposable {
  provide(model: EventFlowModel): GraphOverlay[];
  readonly onDidChange: vscode.Event<void>;
}

export function createOverlayProviders(): GraphOverlayProvider[] {
  return [new DiagnosticsOverlayProvider(), new ContractOverlayProvider()];
}

/** A range that meets every diagnostic of a file. */
const WHOLE_FILE = { start: { line: 0, character: 0 }, end: { line: Number.MAX_SAFE_INTEGER, character: 0 } };

/** How long diagnostics must be quiet before the badges are recomputed: they come in bursts. */
const DIAGNOSTICS_DEBOUNCE_MS = 300;

/** A provider that reads the editor's diagnostics, recomputed when they have settled. */
abstract class DiagnosticsBasedProvider implements GraphOverlayProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.emitter.fire(), DIAGNOSTICS_DEBOUNCE_MS);
    });
  }

  abstract provide(model: EventFlowModel): GraphOverlay[];

  dispose() {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/**
 * Problems from every source in the editor (ours and others'), on the definitions of services
 * (anywhere in their document), channels (their declarations) and messages (their definitions).
 */
export class DiagnosticsOverlayProvider extends DiagnosticsBasedProvider {
  provide(model: EventFlowModel): GraphOverlay[] {
    const byUri = new Map<string, vscode.Diagnostic[]>();
    const diagnosticsOf = (uri: string) => {
      let list = byUri.get(uri);
      if (!list) byUri.set(uri, (list = vscode.languages.getDiagnostics(vscode.Uri.parse(uri)).filter((diagnostic) => diagnostic.severity <= vscode.DiagnosticSeverity.Warning)));
      return list;
    };
    const overlays: GraphOverlay[] = [];
    const add = (targetId: string, locations: { uri: string; range: GraphLocation['extent'] }[]) => {
      const found = new Set<vscode.Diagnostic>();
      for (const location of locations) {
        const extent = toRange(location.range);
        for (const diagnostic of diagnosticsOf(location.uri)) if (extent.intersection(diagnostic.range)) found.add(diagnostic);
      }
      for (const severity of [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning]) {
        const matching = [...found].filter((diagnostic) => diagnostic.severity === severity);
        if (matching.length === 0) continue;
        const name = severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning';
        const first = matching[0]!.message.split('\n')[0]!;
        overlays.push({
          targetId,
          kind: 'diagnostics',
          severity: name,
          count: matching.length,
          label: `${matching.length} ${name}${matching.length === 1 ? '' : 's'}: ${first.length > 120 ? `${first.slice(0, 119)}…` : first}${matching.length > 1 ? ' …' : ''}`,
        });
      }
    };
    for (const service of model.services) add(service.id, [{ uri: service.uri, range: service.documentExtent }]);
    for (const channel of model.channels) add(channel.id, channel.declarations.map((declaration) => ({ uri: declaration.location.uri, range: declaration.location.extent })));
    for (const message of model.messages) {
      // Its definitions, and the whole of the schema files it uses.
      const schemaFiles = (message.schemaFiles ?? []).map((uri) => ({ uri, range: WHOLE_FILE }));
      add(message.id, [...message.definitions.map((definition) => ({ uri: definition.uri, range: definition.extent })), ...schemaFiles]);
    }
    return overlays;
  }
}

/**
 * Who a compatibility break or a contract mismatch hurts (`contractOverlays`), read from our
 * diagnostics of every file, open or not (the server publishes contracts for the whole
 * workspace), so that the graph shows what the Problems view shows.
 */
export class ContractOverlayProvider extends DiagnosticsBasedProvider {
  provide(model: EventFlowModel): GraphOverlay[] {
    const ours: OverlayDiagnostic[] = [];
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const diagnostic of diagnostics) {
        if (diagnostic.source !== 'event-design') continue;
        ours.push({
          uri: uri.toString(),
          rule: typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? ''),
          message: diagnostic.message,
          range: plainRange(diagnostic.range),
          related: (diagnostic.relatedInformation ?? []).map((information) => ({ uri: information.location.uri.toString(), range: plainRange(information.location.range), message: information.message })),
        });
      }
    }
    return contractOverlays(model, ours, (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
  }
}

function plainRange(range: vscode.Range) {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

function toRange(range: GraphLocation['extent']) {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
