import { COLLAPSE_THRESHOLD, type EventFlowModel, type FlowDirection, type FlowKind, type GraphChannel, type GraphViewOptions, type ViewEdge, type ViewNode, type ViewRow } from './graphModel';

/**
 * Which boxes and arrows to draw, and how big: every channel, or, past COLLAPSE_THRESHOLD
 * channels, one box per service's channels with chosen services expanded. Sizes come from text
 * metrics estimated here (the engine has no fonts), and labels are shortened to fit here too, so
 * that the webview and the CLI's SVG draw the same picture.
 */

/** A node before layout; channels carry ports, one pair per message row. */
export interface PlannedNode extends Omit<ViewNode, 'x' | 'y'> {
  ports?: PlannedPort[];
  /** A column the layout must keep the box in (ELK partitions), left to right. */
  partition?: number;
}

export interface PlannedPort {
  id: string;
  side: 'WEST' | 'EAST';
  /** Relative to the node's top. */
  y: number;
}

export interface PlannedEdge extends Omit<ViewEdge, 'points'> {
  sourcePort?: string;
  targetPort?: string;
}

/** Boxes and arrows to lay out together. */
export interface ViewPlan {
  nodes: PlannedNode[];
  edges: PlannedEdge[];
}

/** A service's detail panel in a grouped view. */
export interface PanelPlan extends ViewPlan {
  serviceId: string;
  label: string;
}

/** What to draw: an overview (every channel, or grouped) and, when grouped, expanded services' panels. */
export interface ViewPlans {
  collapsed: boolean;
  expandedServices: string[];
  note?: string;
  overview: ViewPlan;
  panels: PanelPlan[];
}

/** Text metrics of the drawing (the webview's stylesheet uses the same sizes). */
export const METRICS = {
  titleFontSize: 13,
  titleCharWidth: 7.6,
  textFontSize: 12,
  textCharWidth: 6.9,
  smallFontSize: 11,
  smallCharWidth: 6.3,
  padding: 12,
  serviceHeight: 52,
  channelHeaderHeight: 42,
  rowHeight: 22,
  channelFooter: 6,
  groupHeight: 52,
  minWidth: 150,
  maxWidth: 300,
} as const;

export function portId(channelNodeId: string, side: 'in' | 'out', messageId: string) {
  return `${channelNodeId}::${side}::${messageId}`;
}

/** Shortens `text` with an ellipsis so that it fits `width` pixels at `charWidth` per character. */
export function fitText(text: string, width: number, charWidth: number): string {
  const singleLine = text.replace(/\s+/g, ' ');
  const fits = Math.max(1, Math.floor(width / charWidth));
  return singleLine.length <= fits ? singleLine : `${singleLine.slice(0, Math.max(1, fits - 1))}…`;
}

function widthFor(...lines: { text: string; charWidth: number }[]) {
  const widest = Math.max(...lines.map((line) => line.text.length * line.charWidth));
  return Math.round(Math.min(METRICS.maxWidth, Math.max(METRICS.minWidth, widest + 2 * METRICS.padding + 12)));
}

export function shouldCollapse(model: EventFlowModel, options: GraphViewOptions) {
  return options.collapse === 'always' || (options.collapse === 'auto' && model.channels.length > COLLAPSE_THRESHOLD);
}

export function planView(model: EventFlowModel, options: GraphViewOptions): ViewPlans {
  const collapsed = shouldCollapse(model, options);
  const knownServices = new Set(model.services.map((service) => service.id));
  const expanded = collapsed ? [...new Set(options.expandedServices)].filter((id) => knownServices.has(id)) : [];
  const note = collapsed
    ? options.collapse === 'always'
      ? 'Grouped by service. Expand a service to see its channels.'
      : `${model.channels.length.toLocaleString('en-US')} channels: grouped by service. Expand a service to see its channels.`
    : undefined;
  return {
    collapsed,
    expandedServices: expanded,
    note,
    overview: collapsed ? planGrouped(model) : planAll(model),
    panels: expanded.map((serviceId) => planPanel(model, serviceId)),
  };
}

function serviceNode(service: EventFlowModel['services'][number], withToggle: boolean, idPrefix = '', panelOf?: string): PlannedNode {
  const sublabel = [service.version ? `v${service.version}` : undefined, service.protocols.join(', ') || undefined].filter(Boolean).join(' · ');
  const width = widthFor({ text: service.title, charWidth: METRICS.titleCharWidth }, { text: sublabel, charWidth: METRICS.smallCharWidth });
  const inner = width - 2 * METRICS.padding - (withToggle ? 18 : 0);
  return {
    id: idPrefix + service.id,
    kind: 'service',
    refId: service.id,
    label: fitText(service.title, inner, METRICS.titleCharWidth),
    sublabel: sublabel ? fitText(sublabel, inner, METRICS.smallCharWidth) : undefined,
    width,
    height: METRICS.serviceHeight,
    panelOf,
  };
}

/**
 * Every service and every channel, one edge per flow, from producer to message row to consumer.
 * In a panel (`split`), a service that sends is drawn on the left and one that receives on the
 * right (both when it does both): the panel reads left to right without cycles, and lays out
 * three times faster than with one box per service.
 */
function planAll(model: EventFlowModel, channels = model.channels, idPrefix = '', panelOf?: string): ViewPlan {
  const messageNames = new Map(model.messages.map((message) => [message.id, message.name]));
  const shown = new Set(channels.map((channel) => channel.id));
  const split = panelOf !== undefined;
  const roles = new Map<string, Set<'send' | 'receive'>>();
  const edges: PlannedEdge[] = [];
  for (const flow of model.flows) {
    if (!shown.has(flow.channelId)) continue;
    const outgoing = flow.direction !== 'receive';
    const role = outgoing ? 'send' : 'receive';
    let serviceRoles = roles.get(flow.serviceId);
    if (!serviceRoles) roles.set(flow.serviceId, (serviceRoles = new Set()));
    serviceRoles.add(role);
    const channelNodeId = idPrefix + flow.channelId;
    const serviceNodeId = idPrefix + (split ? `${role}:` : '') + flow.serviceId;
    const port = portId(channelNodeId, outgoing ? 'in' : 'out', flow.messageId);
    edges.push({
      id: `${idPrefix}edge:${flow.id}`,
      source: outgoing ? serviceNodeId : channelNodeId,
      target: outgoing ? channelNodeId : serviceNodeId,
      sourcePort: outgoing ? undefined : port,
      targetPort: outgoing ? port : undefined,
      direction: flow.direction,
      kind: flow.kind,
      messageIds: [flow.messageId],
      flowIds: [flow.id],
      weight: 1,
    });
  }
  const nodes: PlannedNode[] = [];
  if (!split) {
    for (const service of model.services) nodes.push(serviceNode(service, false));
  } else {
    if (!roles.has(panelOf)) roles.set(panelOf, new Set(['send']));
    for (const service of model.services) {
      for (const role of ['send', 'receive'] as const) {
        if (!roles.get(service.id)?.has(role)) continue;
        const node = serviceNode(service, false, `${idPrefix}${role}:`, panelOf);
        node.sublabel = role === 'send' ? 'sends' : 'receives';
        nodes.push(node);
      }
    }
  }
  for (const channel of channels) nodes.push({ ...channelNode(channel, messageNames, idPrefix), panelOf });
  return { nodes, edges };
}

/**
 * Services, and per service one box for the channels it owns (sends to first), with one edge per
 * service, box and direction: the number of channels behind it is the edge's weight.
 */
function planGrouped(model: EventFlowModel): ViewPlan {
  // Two columns, services and their channels' boxes: every edge spans one column, so the layout
  // needs no long-edge dummies (1,000 densely connected channels: 0.3 s instead of 2 s).
  const nodes: PlannedNode[] = model.services.map((service) => ({ ...serviceNode(service, true), partition: 0 }));
  const groups = new Map<string, GraphChannel[]>();
  const groupOf = new Map<string, string>();
  for (const channel of model.channels) {
    const groupId = `group:${channel.ownerId}`;
    groupOf.set(channel.id, groupId);
    let members = groups.get(groupId);
    if (!members) groups.set(groupId, (members = []));
    members.push(channel);
  }
  const titles = new Map(model.services.map((service) => [service.id, service.title]));
  for (const [groupId, members] of groups) {
    const ownerId = groupId.slice('group:'.length);
    const messageCount = new Set(members.flatMap((channel) => channel.messages.map((message) => message.messageId))).size;
    const label = `${titles.get(ownerId) ?? 'Service'} channels`;
    const sublabel = `${members.length} channel${members.length === 1 ? '' : 's'} · ${messageCount} message${messageCount === 1 ? '' : 's'}`;
    const width = widthFor({ text: label, charWidth: METRICS.textCharWidth }, { text: sublabel, charWidth: METRICS.smallCharWidth });
    nodes.push({
      id: groupId,
      kind: 'group',
      refId: ownerId,
      label: fitText(label, width - 2 * METRICS.padding, METRICS.textCharWidth),
      sublabel,
      width,
      height: METRICS.groupHeight,
      memberIds: members.map((channel) => channel.id),
      partition: 1,
    });
  }
  const aggregated = new Map<string, PlannedEdge & { channels: Set<string> }>();
  for (const flow of model.flows) {
    const groupId = groupOf.get(flow.channelId)!;
    const outgoing = flow.direction !== 'receive';
    const source = outgoing ? flow.serviceId : groupId;
    const target = outgoing ? groupId : flow.serviceId;
    // One edge per pair and direction: kinds are told apart in the panels, not in the overview.
    const key = `${source}>${target}`;
    let edge = aggregated.get(key);
    if (!edge) {
      edge = { id: `agg:${key}`, source, target, direction: flow.direction as FlowDirection, kind: flow.kind as FlowKind, messageIds: [], flowIds: [], weight: 0, channels: new Set() };
      aggregated.set(key, edge);
    }
    if (edge.kind !== flow.kind) edge.kind = 'event';
    if (edge.direction !== flow.direction) edge.direction = outgoing ? 'send' : 'receive';
    if (!edge.messageIds.includes(flow.messageId)) edge.messageIds.push(flow.messageId);
    edge.flowIds.push(flow.id);
    edge.channels.add(flow.channelId);
    edge.weight = edge.channels.size;
  }
  const edges: PlannedEdge[] = [];
  for (const { channels: _channels, ...edge } of aggregated.values()) edges.push(edge);
  return { nodes, edges };
}

/** One expanded service: its channels and the services at their other ends, ids prefixed by the panel. */
function planPanel(model: EventFlowModel, serviceId: string): PanelPlan {
  const channels = model.channels.filter(
    (channel) => channel.producers.includes(serviceId) || channel.consumers.includes(serviceId) || channel.declarations.some((declaration) => declaration.serviceId === serviceId),
  );
  const title = model.services.find((service) => service.id === serviceId)?.title ?? 'Service';
  const plan = planAll(model, channels, panelPrefix(serviceId), serviceId);
  return { ...plan, serviceId, label: `${title}: ${channels.length} channel${channels.length === 1 ? '' : 's'}` };
}

export function panelPrefix(serviceId: string) {
  return `panel:${serviceId}|`;
}

function channelNode(channel: GraphChannel, messageNames: Map<string, string>, idPrefix = ''): PlannedNode {
  const nodeId = idPrefix + channel.id;
  const sublabel = channel.dynamicAddress !== undefined ? `address from ${channel.dynamicAddress}` : [channel.protocols.join(', ') || 'no server', channel.hosts.length > 1 ? `${channel.hosts.length} hosts` : channel.hosts[0]].filter(Boolean).join(' · ');
  const names = channel.messages.map((message) => messageNames.get(message.messageId) ?? message.messageId);
  const width = widthFor({ text: channel.address, charWidth: METRICS.textCharWidth }, { text: sublabel, charWidth: METRICS.smallCharWidth }, ...names.map((name) => ({ text: `${name}  `, charWidth: METRICS.smallCharWidth })));
  const inner = width - 2 * METRICS.padding;
  const rows: ViewRow[] = [];
  const ports: PlannedPort[] = [];
  channel.messages.forEach((message, index) => {
    const y = METRICS.channelHeaderHeight + index * METRICS.rowHeight;
    rows.push({ messageId: message.messageId, label: fitText(names[index]!, inner - 8, METRICS.smallCharWidth), y, height: METRICS.rowHeight });
    ports.push({ id: portId(nodeId, 'in', message.messageId), side: 'WEST', y: y + METRICS.rowHeight / 2 });
    ports.push({ id: portId(nodeId, 'out', message.messageId), side: 'EAST', y: y + METRICS.rowHeight / 2 });
  });
  return {
    id: nodeId,
    kind: 'channel',
    refId: channel.id,
    label: fitText(channel.address, inner, METRICS.textCharWidth),
    sublabel: fitText(sublabel, inner, METRICS.smallCharWidth),
    width,
    height: METRICS.channelHeaderHeight + rows.length * METRICS.rowHeight + METRICS.channelFooter,
    rows,
    ports,
  };
}
