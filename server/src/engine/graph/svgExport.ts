import { edgePath } from './geometry';
import type { EventFlowGraph, GraphChannel, ViewEdge, ViewNode } from './graphModel';
import { METRICS } from './graphView';

/**
 * The laid-out graph as a standalone SVG document, for `event-design graph --format svg`. It
 * draws the same layout with the same shapes and class names as the webview; only the colours
 * are fixed (a light and a dark palette) instead of following the editor's theme.
 */

export type SvgTheme = 'light' | 'dark';

interface Palette {
  background: string;
  foreground: string;
  muted: string;
  surface: string;
  border: string;
  service: string;
  channel: string;
  group: string;
  edge: string;
  request: string;
  reply: string;
  warning: string;
}

const PALETTES: Record<SvgTheme, Palette> = {
  light: {
    background: '#ffffff',
    foreground: '#1f2328',
    muted: '#59636e',
    surface: '#f6f8fa',
    border: '#d0d7de',
    service: '#0969da',
    channel: '#8250df',
    group: '#57606a',
    edge: '#6e7781',
    request: '#bc4c00',
    reply: '#1a7f37',
    warning: '#9a6700',
  },
  dark: {
    background: '#1e1e1e',
    foreground: '#cccccc',
    muted: '#9d9d9d',
    surface: '#252526',
    border: '#454545',
    service: '#3794ff',
    channel: '#b180d7',
    group: '#8b949e',
    edge: '#8b949e',
    request: '#d18616',
    reply: '#89d185',
    warning: '#cca700',
  },
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);
}

export function renderSvg(graph: EventFlowGraph, theme: SvgTheme = 'light'): string {
  const palette = PALETTES[theme];
  const { view, model } = graph;
  const channels = new Map(model.channels.map((channel) => [channel.id, channel]));
  const messages = new Map(model.messages.map((message) => [message.id, message]));
  const width = Math.max(view.width, 1);
  const height = Math.max(view.height, 1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Helvetica, Arial, sans-serif">`);
  out.push(`<title>Event flow: ${model.services.length} services, ${model.channels.length} channels, ${model.messages.length} messages</title>`);
  out.push(`<style>${stylesheet(palette)}</style>`);
  out.push('<defs>');
  for (const [kind, colour] of [['event', palette.edge], ['request', palette.request], ['reply', palette.reply]] as const) {
    out.push(`<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${colour}"/></marker>`);
  }
  out.push('</defs>');
  out.push(`<rect class="background" x="0" y="0" width="${width}" height="${height}"/>`);
  for (const panel of view.panels) {
    out.push(`<g class="panel"><rect class="panel-box" x="${panel.x}" y="${panel.y}" width="${panel.width}" height="${panel.height}" rx="6"/><text class="panel-title" x="${panel.x + 12}" y="${panel.y + 20}">${escapeXml(panel.label)}</text></g>`);
  }
  out.push('<g class="edges">');
  for (const edge of view.edges) out.push(edgeSvg(edge, messages));
  out.push('</g>');
  out.push('<g class="nodes">');
  for (const node of view.nodes) out.push(nodeSvg(node, channels, messages));
  out.push('</g>');
  if (view.note) out.push(`<text class="note" x="12" y="${height - 6}">${escapeXml(view.note)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function stylesheet(p: Palette) {
  return [
    `.background{fill:${p.background}}`,
    `text{fill:${p.foreground};font-size:${METRICS.textFontSize}px}`,
    `.box{fill:${p.surface};stroke:${p.border};stroke-width:1.5}`,
    `.service .box{stroke:${p.service};stroke-width:2}`,
    `.service .title{font-size:${METRICS.titleFontSize}px;font-weight:600}`,
    `.channel .box{stroke:${p.channel}}`,
    `.group .box{stroke:${p.group};stroke-dasharray:6 3}`,
    `.sub,.row text{font-size:${METRICS.smallFontSize}px}`,
    `.sub,.note{fill:${p.muted}}`,
    `.divider{stroke:${p.border}}`,
    `.port{fill:${p.channel}}`,
    `.orphan .box{stroke:${p.warning};stroke-dasharray:5 3}`,
    `.tag{fill:${p.warning};font-size:${METRICS.smallFontSize}px}`,
    `.row.unconsumed text{fill:${p.warning};font-style:italic}`,
    `.edge{fill:none;stroke:${p.edge};stroke-width:1.5}`,
    `.edge.request{stroke:${p.request};stroke-width:2}`,
    `.edge.reply{stroke:${p.reply};stroke-dasharray:6 4}`,
    `.edge.unknown{stroke-dasharray:2 3}`,
    `.panel-box{fill:none;stroke:${p.border};stroke-dasharray:4 4}`,
    `.panel-title{font-weight:600;fill:${p.muted}}`,
  ].join('');
}

function edgeSvg(edge: ViewEdge, messages: Map<string, { name: string }>) {
  const marker = edge.direction === 'unknown' ? '' : ` marker-end="url(#arrow-${edge.kind})"`;
  const names = edge.messageIds.map((id) => messages.get(id)?.name ?? id).join(', ');
  const width = edge.weight > 1 ? ` style="stroke-width:${Math.min(6, 1.5 + Math.log2(edge.weight))}"` : '';
  return `<path class="edge ${edge.kind} ${edge.direction}" d="${edgePath(edge.points)}"${marker}${width}><title>${escapeXml(names)}</title></path>`;
}

function nodeSvg(node: ViewNode, channels: Map<string, GraphChannel>, messages: Map<string, { name: string }>) {
  const channel = node.kind === 'channel' ? channels.get(node.refId) : undefined;
  const orphan = channel && (channel.noProducer || channel.noConsumer);
  const parts: string[] = [];
  parts.push(`<g class="node ${node.kind}${orphan ? ' orphan' : ''}" transform="translate(${node.x} ${node.y})">`);
  if (node.kind === 'group') parts.push(`<rect class="box" x="5" y="-5" width="${node.width}" height="${node.height}" rx="6"/>`);
  parts.push(`<rect class="box" width="${node.width}" height="${node.height}" rx="${node.kind === 'service' ? 8 : 6}"/>`);
  const pad = METRICS.padding;
  parts.push(`<text class="title" x="${pad}" y="${node.kind === 'channel' ? 18 : 22}">${escapeXml(node.label)}</text>`);
  if (node.sublabel) parts.push(`<text class="sub" x="${pad}" y="${node.kind === 'channel' ? 34 : 40}">${escapeXml(node.sublabel)}</text>`);
  if (orphan) parts.push(`<text class="tag" x="0" y="-5">${channel.noProducer && channel.noConsumer ? 'no producer, no consumer' : channel.noProducer ? 'no producer' : 'no consumer'}</text>`);
  if (node.rows?.length) parts.push(`<line class="divider" x1="0" y1="${METRICS.channelHeaderHeight - 2}" x2="${node.width}" y2="${METRICS.channelHeaderHeight - 2}"/>`);
  for (const row of node.rows ?? []) {
    const entry = channel?.messages.find((message) => message.messageId === row.messageId);
    const unconsumed = entry && entry.producers.length > 0 && entry.consumers.length === 0;
    const middle = row.y + row.height / 2;
    parts.push(`<g class="row${unconsumed ? ' unconsumed' : ''}"><title>${escapeXml(messages.get(row.messageId)?.name ?? row.messageId)}</title>`);
    parts.push(`<circle class="port" cx="0" cy="${middle}" r="2.5"/><circle class="port" cx="${node.width}" cy="${middle}" r="2.5"/>`);
    parts.push(`<text x="${pad + 4}" y="${middle + 4}">${escapeXml(row.label)}</text></g>`);
  }
  parts.push('</g>');
  return parts.join('');
}
