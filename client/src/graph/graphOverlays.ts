import * as vscode from 'vscode';
import type { EventFlowModel, GraphLocation } from '../../../server/src/engine/graph/graphModel';
import type { GraphOverlay } from '../../../server/src/protocol';

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
    for (const message of model.messages) add(message.id, message.definitions.map((definition) => ({ uri: definition.uri, range: definition.extent })));
    return overlays;
  }
}

/** The rule whose findings name the consumers a break hurts, in related information "Breaks <service>: …". */
const BREAK_RULE = 'compatibility-break';
const BROKEN_CONSUMER = /^Breaks (.+?): /;
/** The consumer-side finding of a producer and consumer that disagree. */
const CONTRACT_RULE = 'contract-incompatible';

/**
 * Who a break hurts, in the graph: for each compatibility break that names consumers of this
 * workspace, the producer's service and message and the consumers it breaks; for each consumer
 * that cannot read what its producer sends, both services, the message and the channel between
 * them. Read from our diagnostics (of every file, open or not: the server publishes contracts for
 * the whole workspace), so the graph shows what the Problems view shows.
 */
export class ContractOverlayProvider extends DiagnosticsBasedProvider {
  provide(model: EventFlowModel): GraphOverlay[] {
    const marks = new Map<string, string[]>();
    const mark = (targetId: string | undefined, label: string) => {
      if (!targetId) return;
      const labels = marks.get(targetId) ?? [];
      if (!labels.includes(label)) labels.push(label);
      marks.set(targetId, labels);
    };
    const servicesByUri = new Map(model.services.map((service) => [service.uri, service]));
    const serviceAt = (uri: string) => servicesByUri.get(uri);
    const messagesAt = (uri: string, range: vscode.Range) =>
      model.messages.filter((message) => message.definitions.some((definition) => definition.uri === uri && toRange(definition.extent).intersection(range)));
    const channelsOf = (serviceId: string, messageId: string) => new Set(model.flows.filter((flow) => flow.messageId === messageId && flow.serviceId === serviceId).map((flow) => flow.channelId));

    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      const key = uri.toString();
      for (const diagnostic of diagnostics) {
        if (diagnostic.source !== 'event-design') continue;
        const rule = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
        const summary = firstLine(diagnostic.message);
        const related = diagnostic.relatedInformation ?? [];
        if (rule === BREAK_RULE) {
          const victims = related.filter((information) => BROKEN_CONSUMER.test(information.message));
          if (victims.length === 0) continue;
          const names = victims.map((information) => BROKEN_CONSUMER.exec(information.message)![1]!);
          const producer = serviceAt(key);
          const label = `Breaks ${names.join(', ')}: ${summary}`;
          mark(producer?.id, label);
          for (const message of messagesAt(key, diagnostic.range)) mark(message.id, label);
          for (const information of victims) {
            const victim = serviceAt(information.location.uri.toString()) ?? model.services.find((service) => service.title === BROKEN_CONSUMER.exec(information.message)![1]);
            mark(victim?.id, `Broken by a change in ${producer?.title ?? vscode.workspace.asRelativePath(uri)}: ${summary}`);
          }
        } else if (rule === CONTRACT_RULE) {
          const consumer = serviceAt(key);
          const producers = related.map((information) => serviceAt(information.location.uri.toString())).filter((service) => service !== undefined && service !== consumer);
          const messages = messagesAt(key, diagnostic.range);
          const label = `${consumer?.title ?? vscode.workspace.asRelativePath(uri)}: ${summary}`;
          mark(consumer?.id, label);
          for (const producer of producers) mark(producer!.id, label);
          for (const message of messages) {
            mark(message.id, label);
            // The channel between them: where the consumer receives the message and a producer sends it.
            const received = consumer ? channelsOf(consumer.id, message.id) : new Set<string>();
            for (const producer of producers) for (const channelId of channelsOf(producer!.id, message.id)) if (received.has(channelId)) mark(channelId, label);
          }
        }
      }
    }
    return [...marks].map(([targetId, labels]) => ({ targetId, kind: 'compatibility', severity: 'error', count: labels.length, label: labels.join('\n') }));
  }
}

function firstLine(text: string) {
  const line = text.split('\n')[0]!;
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function toRange(range: GraphLocation['extent']) {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
