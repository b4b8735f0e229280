import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphView, Point, ViewEdge, ViewNode, ViewPanel } from './graphModel';
import { nodesInFlowOrder } from './flowOrder';
import type { ViewPlan, ViewPlans } from './graphView';

/**
 * Lays a view out with elkjs (layered, left to right: producers, channels, consumers: the boxes
 * go to ELK in `flowOrder`, and ELK reverses only the edges that go against it). The
 * bundled build runs ELK in-process on a fake worker: no `web-worker`, no threads, no host, so it
 * is the same code in the language server, the CLI and the tests.
 */

const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '28',
  'elk.spacing.edgeNode': '16',
  'elk.spacing.edgeEdge': '8',
  'elk.spacing.componentComponent': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '64',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
  // Not `considerModelOrder`: it costs 25 s instead of 1 s at 300 channels. ELK is deterministic
  // for the same input (fixed random seed), and the model's order is stable, so the picture is too.
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.padding': '[top=24,left=24,bottom=24,right=24]',
};

/**
 * ELK's own cycle breaking (greedy) does not know senders from receivers: it put
 * orders.order-placed left of Orders Service. The model order is the flow order (flowOrder.ts).
 * Partitioned plans (the grouped overview) fix their columns already, and ELK 0.12 fails on
 * partitions with this strategy.
 */
const FLOW_ORDER_CYCLE_BREAKING = { 'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER' };

let sharedElk: InstanceType<typeof ELK> | undefined;

function elk() {
  sharedElk ??= new ELK();
  return sharedElk;
}

/** One plan laid out: positions relative to its own top-left corner. */
export interface LaidOutPlan {
  nodes: ViewNode[];
  edges: ViewEdge[];
  width: number;
  height: number;
}

/** What ELK decides: where boxes go and how edges run. Labels and colours are not its business. */
export interface Geometry {
  nodes: Map<string, Point>;
  routes: Map<string, Point[]>;
  width: number;
  height: number;
}

/**
 * What the geometry depends on: the boxes' ids, sizes and ports and the edges' ends. An edit that
 * keeps it (a description, a summary, a title of the same length…) keeps the layout, so the
 * picture does not move under the user, and costs no layout.
 */
export function geometryKey(plan: ViewPlan): string {
  const parts: string[] = [];
  for (const node of plan.nodes) parts.push(`${node.id}:${node.width}x${node.height}|${node.partition ?? ''}${node.ports?.map((port) => `,${port.id}@${port.side}${port.y}`).join('') ?? ''}`);
  for (const edge of plan.edges) parts.push(`${edge.id}:${edge.sourcePort ?? edge.source}>${edge.targetPort ?? edge.target}`);
  return parts.join('\n');
}

/**
 * Where a plan's geometry is computed: `computeGeometry`, in this thread, unless a host gives
 * another (the language server: a worker thread, so that requests are answered meanwhile). The
 * generation is the index's the plan was made from: a newer one may supersede the work.
 */
export type GeometryComputer = (plan: ViewPlan, generation: number) => Promise<Geometry>;

/** A layout given up because a newer index generation wants one: ask again with the current index. */
export class LayoutSuperseded extends Error {
  constructor() {
    super('layout superseded by a newer edit');
  }
}

export async function computeGeometry(plan: ViewPlan): Promise<Geometry> {
  const nodeIds = new Set(plan.nodes.map((node) => node.id));
  const partitioned = plan.nodes.some((node) => node.partition !== undefined);
  const children: ElkNode[] = nodesInFlowOrder(plan).map((node) => ({
    id: node.id,
    width: node.width,
    height: node.height,
    layoutOptions: {
      ...(node.ports ? { 'elk.portConstraints': 'FIXED_POS' } : {}),
      ...(node.partition !== undefined ? { 'elk.partitioning.partition': String(node.partition) } : {}),
    },
    ports: node.ports?.map((port) => ({
      id: port.id,
      x: port.side === 'WEST' ? 0 : node.width,
      y: port.y,
      width: 0,
      height: 0,
      layoutOptions: { 'elk.port.side': port.side },
    })),
  }));
  const edges: ElkExtendedEdge[] = plan.edges
    .filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target))
    .map((edge) => ({ id: edge.id, sources: [edge.sourcePort ?? edge.source], targets: [edge.targetPort ?? edge.target] }));
  const graph: ElkNode = { id: 'root', layoutOptions: { ...LAYOUT_OPTIONS, ...optionsForSize(edges.length), ...(partitioned ? { 'elk.partitioning.activate': 'true' } : FLOW_ORDER_CYCLE_BREAKING) }, children, edges };
  const result: ElkNode = await elk().layout(graph);
  return {
    nodes: new Map((result.children ?? []).map((child) => [child.id, { x: round(child.x ?? 0), y: round(child.y ?? 0) }])),
    routes: new Map((result.edges ?? []).map((edge) => [edge.id, routeOf(edge)])),
    width: round(result.width ?? 0),
    height: round(result.height ?? 0),
  };
}

/** The plan's boxes and edges at the places the geometry gives them. */
export function applyGeometry(plan: ViewPlan, geometry: Geometry): LaidOutPlan {
  const nodes: ViewNode[] = plan.nodes.map(({ ports: _ports, partition: _partition, ...node }) => {
    const placed = geometry.nodes.get(node.id);
    return { ...node, x: placed?.x ?? 0, y: placed?.y ?? 0 };
  });
  const edges: ViewEdge[] = [];
  for (const { sourcePort: _sourcePort, targetPort: _targetPort, ...edge } of plan.edges) {
    const points = geometry.routes.get(edge.id);
    if (points && points.length >= 2) edges.push({ ...edge, points });
  }
  return { nodes, edges, width: geometry.width, height: geometry.height };
}

export async function layoutPlan(plan: ViewPlan): Promise<LaidOutPlan> {
  return applyGeometry(plan, await computeGeometry(plan));
}

/** Space between the overview and a panel, and a panel's title bar. */
const PANEL_GAP = 48;
const PANEL_TITLE = 30;

/**
 * The overview, with the expanded services' panels beside it, left to right in the order they
 * were expanded (panels are tall: a column of channels between their senders and receivers).
 */
export function composeView(plans: Pick<ViewPlans, 'collapsed' | 'expandedServices' | 'note'>, overview: LaidOutPlan, panels: { serviceId: string; label: string; layout: LaidOutPlan }[]): GraphView {
  const nodes = [...overview.nodes];
  const edges = [...overview.edges];
  const viewPanels: ViewPanel[] = [];
  let x = overview.width;
  let height = overview.height;
  for (const panel of panels) {
    const left = x + PANEL_GAP;
    const top = 12;
    const dx = left + 12;
    const dy = top + PANEL_TITLE;
    for (const node of panel.layout.nodes) nodes.push({ ...node, x: round(node.x + dx), y: round(node.y + dy) });
    for (const edge of panel.layout.edges) edges.push({ ...edge, points: edge.points.map((point) => ({ x: round(point.x + dx), y: round(point.y + dy) })) });
    const width = panel.layout.width + 24;
    viewPanels.push({ serviceId: panel.serviceId, label: panel.label, x: round(left), y: top, width: round(width), height: round(panel.layout.height + PANEL_TITLE) });
    x = left + width;
    height = Math.max(height, top + PANEL_TITLE + panel.layout.height + 12);
  }
  return { collapsed: plans.collapsed, expandedServices: plans.expandedServices, note: plans.note, width: round(x + (panels.length > 0 ? 12 : 0)), height: round(height), nodes, edges, panels: viewPanels };
}

/**
 * Cheaper settings for larger graphs (measured here, warm): a grouped view of 1,000 densely
 * connected channels (80 boxes, 1,320 edges) takes 5.5 s with orthogonal routing and 0.9 s with
 * polyline; a service's panel there (138 boxes, 292 edges) 0.2 s at thoroughness 3 and 0.13 s
 * at 1. Small graphs, which are read closely, get ELK's defaults.
 */
function optionsForSize(edgeCount: number): Record<string, string> {
  if (edgeCount <= 150) return { 'elk.layered.thoroughness': '7' };
  if (edgeCount <= 600) return { 'elk.layered.thoroughness': '1' };
  return { 'elk.layered.thoroughness': '1', 'elk.edgeRouting': 'POLYLINE' };
}

function routeOf(edge: ElkExtendedEdge): Point[] {
  const points: Point[] = [];
  for (const section of edge.sections ?? []) {
    for (const point of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
      const last = points[points.length - 1];
      const rounded = { x: round(point.x), y: round(point.y) };
      if (!last || last.x !== rounded.x || last.y !== rounded.y) points.push(rounded);
    }
  }
  return points;
}

function round(value: number) {
  return Math.round(value * 10) / 10;
}
