import type { GraphOverlay } from '../../../server/src/protocol';
import { clear, htmlElement } from './dom';
import type { GraphIndex } from './graphIndex';
import { describeEdge } from './graphRenderer';

/** What the card is about. */
export type CardSubject = { kind: 'node'; id: string } | { kind: 'message'; id: string; channelNodeId?: string } | { kind: 'edge'; id: string };

/**
 * The hover card: a service's documents and traffic, a channel's address and users, a message's
 * summary, payload fields, producers and consumers. Built with textContent only.
 */
export class HoverCard {
  readonly element: HTMLDivElement;

  constructor(parent: HTMLElement) {
    this.element = htmlElement('div', { class: 'hover-card', role: 'tooltip', id: 'hover-card', hidden: true });
    parent.append(this.element);
  }

  hide() {
    this.element.hidden = true;
  }

  /** Shows the card beside `anchor`, on the side that covers the least of `avoid` (the highlighted path). */
  show(index: GraphIndex, subject: CardSubject, overlays: readonly GraphOverlay[], anchor: DOMRect, avoid: readonly DOMRect[] = []) {
    const card = this.element;
    clear(card);
    const content = this.contentOf(index, subject, overlays);
    if (!content) {
      this.hide();
      return;
    }
    card.append(...content);
    card.hidden = false;
    const parent = card.parentElement!.getBoundingClientRect();
    const width = card.offsetWidth;
    const height = card.offsetHeight;
    const clampTop = (top: number) => Math.max(4, Math.min(top, parent.height - height - 4));
    const clampLeft = (left: number) => Math.max(4, Math.min(left, parent.width - width - 4));
    const x = anchor.left - parent.left;
    const y = anchor.top - parent.top;
    const candidates = [
      { left: x + anchor.width + 8, top: clampTop(y) },
      { left: x - width - 8, top: clampTop(y) },
      { left: clampLeft(x), top: y + anchor.height + 8 },
      { left: clampLeft(x), top: y - height - 8 },
    ];
    const fits = (candidate: { left: number; top: number }) => candidate.left >= 0 && candidate.top >= 0 && candidate.left + width <= parent.width && candidate.top + height <= parent.height;
    const covered = (candidate: { left: number; top: number }) => {
      let area = 0;
      for (const rect of avoid) {
        const w = Math.min(candidate.left + width, rect.right - parent.left) - Math.max(candidate.left, rect.left - parent.left);
        const h = Math.min(candidate.top + height, rect.bottom - parent.top) - Math.max(candidate.top, rect.top - parent.top);
        if (w > 0 && h > 0) area += w * h;
      }
      return area;
    };
    const fitting = candidates.filter(fits);
    const best = fitting.length > 0 ? fitting.reduce((a, b) => (covered(b) < covered(a) ? b : a)) : { left: clampLeft(candidates[0]!.left), top: clampTop(y) };
    card.style.left = `${Math.round(best.left)}px`;
    card.style.top = `${Math.round(best.top)}px`;
  }

  private contentOf(index: GraphIndex, subject: CardSubject, overlays: readonly GraphOverlay[]): HTMLElement[] | undefined {
    const problems = (ids: string[]) => overlays.filter((overlay) => ids.includes(overlay.targetId));
    if (subject.kind === 'message') {
      const message = index.messages.get(subject.id);
      if (!message) return undefined;
      const parts: HTMLElement[] = [heading('Message', message.name)];
      if (message.title && message.title !== message.name) parts.push(line(message.title, 'subtitle'));
      if (message.summary) parts.push(line(message.summary));
      if (message.contentType || message.schemaFormat) parts.push(line([message.contentType, message.schemaFormat].filter(Boolean).join(' · '), 'muted'));
      if (message.payloadFields.length > 0) {
        parts.push(line('Payload', 'section'));
        const list = htmlElement('ul', { class: 'fields' });
        for (const field of message.payloadFields) {
          const item = htmlElement('li');
          item.append(htmlElement('span', { class: 'field-name' }, field.name + (field.required ? '' : '?')));
          if (field.type) item.append(htmlElement('span', { class: 'field-type' }, field.type));
          list.append(item);
        }
        if (message.moreFields) list.append(htmlElement('li', { class: 'muted' }, '…'));
        parts.push(list);
      }
      parts.push(people('Producers', message.producers.map((id) => index.titleOf(id))));
      parts.push(people('Consumers', message.consumers.map((id) => index.titleOf(id))));
      if (message.unconsumed) parts.push(line('No service in the workspace receives this message.', 'warning'));
      parts.push(...overlayLines(problems([message.id])));
      parts.push(line('Click to follow its path · Enter opens its definition', 'hint'));
      return parts;
    }
    if (subject.kind === 'edge') {
      const edge = index.edges.get(subject.id);
      if (!edge) return undefined;
      const flows = edge.flowIds.map((id) => index.flows.get(id)).filter((flow) => flow !== undefined);
      const parts = [heading(capitalise(describeEdge(edge)), edge.messageIds.map((id) => index.messages.get(id)?.name ?? id).join(', '))];
      const operations = [...new Set(flows.map((flow) => `${index.titleOf(flow.serviceId)}: ${flow.operationKey}`))];
      parts.push(people('Operations', operations.slice(0, 12)));
      if (operations.length > 12) parts.push(line(`and ${operations.length - 12} more`, 'muted'));
      return parts;
    }
    const node = index.nodes.get(subject.id);
    if (!node) return undefined;
    if (node.kind === 'service') {
      const service = index.services.get(node.refId);
      if (!service) return undefined;
      const parts = [heading('Service', service.title)];
      parts.push(line([service.version ? `version ${service.version}` : undefined, `AsyncAPI ${service.asyncapiVersion}`].filter(Boolean).join(' · '), 'muted'));
      parts.push(line(shortPath(service.uri), 'path'));
      if (service.protocols.length > 0) parts.push(line(`Protocols: ${service.protocols.join(', ')}`));
      if (service.tags.length > 0) parts.push(line(`Tags: ${service.tags.join(', ')}`));
      const sends = new Set<string>();
      const receives = new Set<string>();
      for (const flow of index.graph.model.flows) {
        if (flow.serviceId !== service.id) continue;
        if (flow.direction === 'send') sends.add(index.messages.get(flow.messageId)?.name ?? flow.messageId);
        if (flow.direction === 'receive') receives.add(index.messages.get(flow.messageId)?.name ?? flow.messageId);
      }
      parts.push(people('Sends', [...sends].sort()));
      parts.push(people('Receives', [...receives].sort()));
      parts.push(...overlayLines(problems([service.id])));
      parts.push(line(index.graph.view.collapsed ? 'Click opens the document · E shows or groups its channels' : 'Click opens the document · F focuses on it', 'hint'));
      return parts;
    }
    const channels = index.channelsOf(node);
    if (node.kind === 'group') {
      const parts = [heading('Channels', node.label)];
      if (node.sublabel) parts.push(line(node.sublabel, 'muted'));
      const addresses = channels.map((channel) => channel.address);
      parts.push(people('Addresses', addresses.slice(0, 15)));
      if (addresses.length > 15) parts.push(line(`and ${addresses.length - 15} more`, 'muted'));
      parts.push(...overlayLines(problems(channels.map((channel) => channel.id))));
      parts.push(line('Click shows these channels one by one', 'hint'));
      return parts;
    }
    const channel = channels[0];
    if (!channel) return undefined;
    const parts = [heading('Channel', channel.address)];
    if (channel.dynamicAddress) parts.push(line(`Reply address taken from ${channel.dynamicAddress}`, 'muted'));
    parts.push(line([channel.protocols.join(', ') || 'no server', ...channel.hosts].join(' · '), 'muted'));
    const spellings = [...new Set(channel.declarations.map((declaration) => declaration.address).filter((address): address is string => address !== undefined && address !== channel.address))];
    if (spellings.length > 0) parts.push(line(`Also written ${spellings.join(', ')}`, 'muted'));
    parts.push(people('Declared by', [...new Set(channel.declarations.map((declaration) => index.titleOf(declaration.serviceId)))]));
    parts.push(people('Messages', channel.messages.map((entry) => index.messages.get(entry.messageId)?.name ?? entry.messageId)));
    parts.push(people('Producers', channel.producers.map((id) => index.titleOf(id))));
    parts.push(people('Consumers', channel.consumers.map((id) => index.titleOf(id))));
    if (channel.noProducer) parts.push(line('No service in the workspace sends to this channel.', 'warning'));
    if (channel.noConsumer) parts.push(line('No service in the workspace receives from this channel.', 'warning'));
    parts.push(...overlayLines(problems([channel.id])));
    parts.push(line('Click opens its definition · F focuses on it', 'hint'));
    return parts;
  }
}

function heading(kind: string, name: string) {
  const element = htmlElement('div', { class: 'card-heading' });
  element.append(htmlElement('span', { class: 'card-kind' }, kind), htmlElement('span', { class: 'card-name' }, name));
  return element;
}

function line(text: string, kind?: string) {
  return htmlElement('div', { class: `card-line${kind ? ` ${kind}` : ''}` }, text);
}

function people(label: string, names: string[]) {
  const element = htmlElement('div', { class: 'card-line' });
  element.append(htmlElement('span', { class: 'card-label' }, `${label}: `), document.createTextNode(names.length > 0 ? names.join(', ') : 'none'));
  return element;
}

function overlayLines(overlays: readonly GraphOverlay[]) {
  return overlays.map((overlay) => line(overlay.label, overlay.kind === 'compatibility' ? 'compatibility' : overlay.severity));
}

function shortPath(uri: string) {
  let path = uri;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    // not a URL: show it as it is
  }
  const parts = path.split('/').filter(Boolean);
  return parts.slice(-3).join('/');
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
