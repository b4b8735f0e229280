import { edgePath } from '../../../server/src/engine/graph/geometry';
import type { ViewEdge, ViewNode } from '../../../server/src/engine/graph/graphModel';
import { METRICS } from '../../../server/src/engine/graph/graphView';
import type { GraphOverlay } from '../../../server/src/protocol';
import { clear, svgElement } from './dom';
import type { GraphIndex } from './graphIndex';

/** The SVG elements of one drawn graph, by model and view id. */
export interface RenderedGraph {
  nodes: Map<string, SVGGElement>;
  /** `${nodeId}|${messageId}` → the row of that message in that channel node. */
  rows: Map<string, SVGGElement>;
  edges: Map<string, SVGGElement>;
}

export function rowKey(nodeId: string, messageId: string) {
  return `${nodeId}|${messageId}`;
}

/**
 * Draws the laid-out view: the same shapes, class names and sizes as the engine's SVG export
 * (svgExport.ts), coloured by the stylesheet from the editor's theme. Every string from a spec
 * goes in as textContent or an attribute value.
 */
export function renderGraph(index: GraphIndex, edgeLayer: SVGGElement, nodeLayer: SVGGElement): RenderedGraph {
  clear(edgeLayer);
  clear(nodeLayer);
  const rendered: RenderedGraph = { nodes: new Map(), rows: new Map(), edges: new Map() };
  const edgeFragment = document.createDocumentFragment();
  for (const panel of index.graph.view.panels) {
    const group = svgElement('g', { class: 'panel', 'data-panel': panel.serviceId });
    group.append(svgElement('rect', { class: 'panel-box', x: panel.x, y: panel.y, width: panel.width, height: panel.height, rx: 6 }));
    group.append(svgElement('text', { class: 'panel-title', x: panel.x + 12, y: panel.y + 20 }, panel.label));
    const toggle = svgElement('g', { class: 'toggle', 'data-service': panel.serviceId, transform: `translate(${panel.x + panel.width - 26} ${panel.y + 7})`, role: 'button', 'aria-label': 'Close this panel' });
    toggle.append(svgElement('rect', { width: 16, height: 16, rx: 3 }));
    toggle.append(svgElement('text', { x: 8, y: 12.5, 'text-anchor': 'middle' }, '×'));
    toggle.append(svgElement('title', {}, 'Close this panel (group the channels again)'));
    group.append(toggle);
    edgeFragment.append(group);
  }
  for (const edge of index.graph.view.edges) {
    const element = edgeElement(index, edge);
    rendered.edges.set(edge.id, element);
    edgeFragment.append(element);
  }
  edgeLayer.append(edgeFragment);
  const nodeFragment = document.createDocumentFragment();
  for (const node of index.graph.view.nodes) {
    const element = nodeElement(index, node, rendered);
    rendered.nodes.set(node.id, element);
    nodeFragment.append(element);
  }
  nodeLayer.append(nodeFragment);
  return rendered;
}

function edgeElement(index: GraphIndex, edge: ViewEdge): SVGGElement {
  const names = edge.messageIds.map((id) => index.messages.get(id)?.name ?? id);
  const path = edgePath(edge.points);
  const group = svgElement('g', { class: `edge ${edge.kind} ${edge.direction}`, 'data-id': edge.id });
  group.append(svgElement('path', { class: 'edge-hit', d: path }));
  const line = svgElement('path', { class: 'edge-line', d: path, 'marker-end': edge.direction === 'unknown' ? undefined : `url(#arrow-${edge.kind})` });
  if (edge.weight > 1) line.setAttribute('stroke-width', String(Math.min(6, 1.5 + Math.log2(edge.weight))));
  group.append(line);
  group.append(svgElement('title', {}, `${describeEdge(edge)}: ${names.join(', ')}`));
  return group;
}

export function describeEdge(edge: ViewEdge) {
  const kind = edge.kind === 'request' ? 'request' : edge.kind === 'reply' ? 'reply' : edge.direction === 'unknown' ? 'operation without a valid action' : edge.direction;
  return edge.weight > 1 ? `${kind} (${edge.weight} channels)` : kind;
}

function nodeElement(index: GraphIndex, node: ViewNode, rendered: RenderedGraph): SVGGElement {
  const channel = node.kind === 'channel' ? index.channels.get(node.refId) : undefined;
  const orphan = channel !== undefined && (channel.noProducer || channel.noConsumer);
  const group = svgElement('g', {
    class: `node ${node.kind}${orphan ? ' orphan' : ''}${node.panelOf !== undefined ? ' in-panel' : ''}${node.panelOf === node.refId ? ' panel-subject' : ''}`,
    'data-id': node.id,
    transform: `translate(${node.x} ${node.y})`,
    role: 'button',
    tabindex: -1,
    'aria-label': ariaLabel(index, node),
  });
  if (node.kind === 'group') group.append(svgElement('rect', { class: 'box stack', x: 5, y: -5, width: node.width, height: node.height, rx: 6 }));
  group.append(svgElement('rect', { class: 'box', width: node.width, height: node.height, rx: node.kind === 'service' ? 8 : 6 }));
  const pad = METRICS.padding;
  const collapsedService = node.kind === 'service' && index.graph.view.collapsed && node.panelOf === undefined;
  const textWidth = node.width - 2 * pad - (collapsedService ? 18 : 0);
  group.append(svgElement('text', { class: 'title', x: pad, y: node.kind === 'channel' ? 18 : 22, 'data-fit': textWidth }, node.label));
  if (node.sublabel) group.append(svgElement('text', { class: 'sub', x: pad, y: node.kind === 'channel' ? 34 : 40, 'data-fit': textWidth }, node.sublabel));
  if (orphan) {
    const text = channel.noProducer && channel.noConsumer ? 'no producer, no consumer' : channel.noProducer ? 'no producer' : 'no consumer';
    group.append(svgElement('text', { class: 'tag', x: 0, y: -5 }, text));
  }
  if (collapsedService) {
    const expanded = index.graph.view.expandedServices.includes(node.refId);
    const toggle = svgElement('g', { class: 'toggle', 'data-service': node.refId, transform: `translate(${node.width - 24} 8)`, role: 'button', 'aria-label': expanded ? 'Group channels again' : 'Show channels' });
    toggle.append(svgElement('rect', { width: 16, height: 16, rx: 3 }));
    toggle.append(svgElement('text', { x: 8, y: 12.5, 'text-anchor': 'middle' }, expanded ? '−' : '+'));
    toggle.append(svgElement('title', {}, expanded ? 'Group this service’s channels again' : 'Show this service’s channels'));
    group.append(toggle);
  }
  if (node.rows?.length) group.append(svgElement('line', { class: 'divider', x1: 0, y1: METRICS.channelHeaderHeight - 2, x2: node.width, y2: METRICS.channelHeaderHeight - 2 }));
  for (const row of node.rows ?? []) {
    const entry = channel?.messages.find((message) => message.messageId === row.messageId);
    const unconsumed = entry !== undefined && entry.producers.length > 0 && entry.consumers.length === 0;
    const name = index.messages.get(row.messageId)?.name ?? row.messageId;
    const element = svgElement('g', {
      class: `row${unconsumed ? ' unconsumed' : ''}`,
      'data-message': row.messageId,
      'data-node': node.id,
      role: 'button',
      tabindex: -1,
      'aria-label': `Message ${name}${unconsumed ? ', not received by anyone on this channel' : ''}`,
    });
    const middle = row.y + row.height / 2;
    element.append(svgElement('rect', { class: 'row-hit', x: 1, y: row.y, width: node.width - 2, height: row.height }));
    element.append(svgElement('circle', { class: 'port', cx: 0, cy: middle, r: 2.5 }));
    element.append(svgElement('circle', { class: 'port', cx: node.width, cy: middle, r: 2.5 }));
    element.append(svgElement('text', { x: pad + 4, y: middle + 4, 'data-fit': node.width - 2 * pad - 8 }, row.label));
    group.append(element);
    rendered.rows.set(rowKey(node.id, row.messageId), element);
  }
  return group;
}

function ariaLabel(index: GraphIndex, node: ViewNode): string {
  if (node.kind === 'service') {
    const service = index.services.get(node.refId);
    const sends = new Set<string>();
    const receives = new Set<string>();
    for (const flow of index.graph.model.flows) {
      if (flow.serviceId !== node.refId) continue;
      if (flow.direction === 'send') sends.add(flow.messageId);
      if (flow.direction === 'receive') receives.add(flow.messageId);
    }
    return `Service ${service?.title ?? node.label}: sends ${sends.size} message${sends.size === 1 ? '' : 's'}, receives ${receives.size}`;
  }
  if (node.kind === 'group') return `${node.label}: ${node.sublabel ?? ''}`;
  const channel = index.channels.get(node.refId);
  const notes = [channel?.noProducer ? 'no producer' : undefined, channel?.noConsumer ? 'no consumer' : undefined].filter(Boolean).join(', ');
  return `Channel ${channel?.address ?? node.label}${notes ? ` (${notes})` : ''}`;
}

/**
 * Shortens labels that the engine's estimate let through but the editor's font draws wider than
 * their box (the engine has no fonts). Binary search on the length, one measurement per step.
 */
export function fitLabels(root: SVGElement) {
  for (const text of root.querySelectorAll<SVGTextElement>('text[data-fit]')) {
    const max = Number(text.getAttribute('data-fit'));
    const full = text.textContent ?? '';
    if (!(max > 0) || full.length < 4 || text.getComputedTextLength() <= max) continue;
    let low = 1;
    let high = full.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      text.textContent = `${full.slice(0, middle)}…`;
      if (text.getComputedTextLength() <= max) low = middle;
      else high = middle - 1;
    }
    text.textContent = `${full.slice(0, low).replace(/…$/, '')}…`;
  }
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const BADGE_HEIGHT = 18;

/** Draws the overlay badges (problems; who a break or a contract mismatch hurts) on nodes and rows. */
export function applyOverlays(index: GraphIndex, rendered: RenderedGraph, overlays: readonly GraphOverlay[]) {
  for (const badge of [...rendered.nodes.values()].flatMap((element) => [...element.querySelectorAll('.badge')])) badge.remove();
  for (const element of [...rendered.nodes.values(), ...rendered.rows.values()]) element.classList.remove('has-error', 'has-warning', 'has-info', 'has-compatibility');
  const byTarget = new Map<string, GraphOverlay[]>();
  for (const overlay of overlays) {
    let list = byTarget.get(overlay.targetId);
    if (!list) byTarget.set(overlay.targetId, (list = []));
    list.push(overlay);
  }
  const mark = (element: SVGGElement, list: GraphOverlay[], x: number, y: number) => {
    if (list.length === 0) return;
    const worst = [...list].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0]!;
    for (const overlay of list) element.classList.add(overlay.kind === 'compatibility' ? 'has-compatibility' : `has-${overlay.severity}`);
    const count = list.reduce((sum, overlay) => sum + overlay.count, 0);
    const badge = svgElement('g', { class: `badge ${worst.kind} ${worst.severity}`, transform: `translate(${x} ${y})` });
    const text = count > 99 ? '99+' : String(count);
    // A pill 18 px high that widens with the digits: its text is drawn at the labels' smallest size (11 px), readable at the opening zoom.
    const width = Math.max(BADGE_HEIGHT, text.length * 7 + 8);
    badge.append(svgElement('rect', { x: -width / 2, y: -BADGE_HEIGHT / 2, width, height: BADGE_HEIGHT, rx: BADGE_HEIGHT / 2 }));
    badge.append(svgElement('text', { y: 4, 'text-anchor': 'middle' }, text));
    badge.append(svgElement('title', {}, list.map((overlay) => overlay.label).join('\n')));
    element.append(badge);
  };
  for (const node of index.graph.view.nodes) {
    const element = rendered.nodes.get(node.id);
    if (!element) continue;
    const targets = node.kind === 'group' ? (node.memberIds ?? []) : [node.refId];
    mark(element, targets.flatMap((id) => byTarget.get(id) ?? []), node.width, 0);
    for (const row of node.rows ?? []) {
      const rowElement = rendered.rows.get(rowKey(node.id, row.messageId));
      if (rowElement) mark(rowElement, byTarget.get(row.messageId) ?? [], node.width - 12, row.y + row.height / 2);
    }
  }
}
