import type { Range } from 'vscode-languageserver-types';
import type { EventFlowModel } from '../../../server/src/engine/graph/graphModel';
import type { GraphOverlay } from '../../../server/src/protocol';

/** One of our diagnostics, as the overlays need it (plain data: this module runs without VS Code). */
export interface OverlayDiagnostic {
  uri: string;
  rule: string;
  message: string;
  range: Range;
  related: Array<{ uri: string; range: Range; message: string }>;
}

/** The rule whose findings name the consumers a break hurts, in related information "Breaks <service>: …". */
const BREAK_RULE = 'compatibility-break';
const BROKEN_CONSUMER = /^Breaks (.+?): /;
/** For a break in a schema file: the services that send it, in related information "Sent by <service>: <service> sends "<message>" here". */
const SENT_BY = /^Sent by (.+?): .* sends "(.+)" here$/;
/** The consumer-side finding of a producer and consumer that disagree. */
const CONTRACT_RULE = 'contract-incompatible';

/**
 * Who a break hurts, in the graph: for each compatibility break that names consumers of this
 * workspace, the producer's service and message and the consumers it breaks; for each consumer
 * that cannot read what its producer sends, both services, the message and the channel between
 * them. One overlay per marked service, channel or message, its label the reasons, one a line.
 */
export function contractOverlays(model: EventFlowModel, diagnostics: readonly OverlayDiagnostic[], displayPath: (uri: string) => string): GraphOverlay[] {
  const marks = new Map<string, string[]>();
  const mark = (targetId: string | undefined, label: string) => {
    if (!targetId) return;
    const labels = marks.get(targetId) ?? [];
    if (!labels.includes(label)) labels.push(label);
    marks.set(targetId, labels);
  };
  const servicesByUri = new Map(model.services.map((service) => [service.uri, service]));
  const messagesAt = (uri: string, range: Range) => model.messages.filter((message) => message.definitions.some((definition) => definition.uri === uri && intersects(definition.extent, range)));
  const channelsOf = (serviceId: string, messageId: string) => new Set(model.flows.filter((flow) => flow.messageId === messageId && flow.serviceId === serviceId).map((flow) => flow.channelId));

  for (const diagnostic of diagnostics) {
    const summary = firstLine(diagnostic.message);
    if (diagnostic.rule === BREAK_RULE) {
      const victims = diagnostic.related.flatMap((information) => {
        const name = BROKEN_CONSUMER.exec(information.message)?.[1];
        return name === undefined ? [] : [{ name, service: servicesByUri.get(information.uri) ?? model.services.find((service) => service.title === name) }];
      });
      if (victims.length === 0) continue;
      // In a document, the break is at the message it sends; in a schema file, related information says who sends it.
      const sites = servicesByUri.has(diagnostic.uri)
        ? [{ service: servicesByUri.get(diagnostic.uri), messages: messagesAt(diagnostic.uri, diagnostic.range) }]
        : diagnostic.related.flatMap((information) => {
            const sent = SENT_BY.exec(information.message);
            return sent ? [{ service: servicesByUri.get(information.uri), messages: model.messages.filter((message) => message.name === sent[2]) }] : [];
          });
      const label = `Breaks ${victims.map((victim) => victim.name).join(', ')}: ${summary}`;
      for (const site of sites) {
        mark(site.service?.id, label);
        for (const message of site.messages) mark(message.id, label);
      }
      const producers = [...new Set(sites.flatMap((site) => (site.service ? [site.service.title] : [])))];
      const changed = producers.length > 0 ? `${producers.join(', ')} (${displayPath(diagnostic.uri)})` : displayPath(diagnostic.uri);
      for (const victim of victims) mark(victim.service?.id, `Broken by a change in ${changed}: ${summary}`);
    } else if (diagnostic.rule === CONTRACT_RULE) {
      const consumer = servicesByUri.get(diagnostic.uri);
      const producers = [...new Set(diagnostic.related.map((information) => servicesByUri.get(information.uri)))].filter((service) => service !== undefined && service !== consumer);
      const label = `${consumer?.title ?? displayPath(diagnostic.uri)}: ${summary}`;
      mark(consumer?.id, label);
      for (const producer of producers) mark(producer!.id, label);
      for (const message of messagesAt(diagnostic.uri, diagnostic.range)) {
        mark(message.id, label);
        // The channel between them: where the consumer receives the message and a producer sends it.
        const received = consumer ? channelsOf(consumer.id, message.id) : new Set<string>();
        for (const producer of producers) for (const channelId of channelsOf(producer!.id, message.id)) if (received.has(channelId)) mark(channelId, label);
      }
    }
  }
  return [...marks].map(([targetId, labels]) => ({ targetId, kind: 'compatibility', severity: 'error', count: labels.length, label: labels.join('\n') }));
}

function intersects(a: Range, b: Range) {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function firstLine(text: string) {
  const line = text.split('\n')[0]!;
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
