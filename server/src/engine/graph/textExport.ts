import type { EventFlowGraph, FlowDirection, FlowKind, ViewNode } from './graphModel';

/**
 * The graph as Mermaid flowchart text and as Graphviz DOT, from the same view as the picture
 * (grouped channels stay grouped). Parallel edges of one kind between two boxes are merged, their
 * message names listed on the label. Every name from a spec is escaped for the target syntax.
 */

interface MergedEdge {
  source: string;
  target: string;
  kind: FlowKind;
  direction: FlowDirection;
  names: string[];
}

function mergedEdges(graph: EventFlowGraph): MergedEdge[] {
  const names = new Map(graph.model.messages.map((message) => [message.id, message.name]));
  const merged = new Map<string, MergedEdge>();
  for (const edge of graph.view.edges) {
    const key = `${edge.source}\n${edge.target}\n${edge.kind}\n${edge.direction}`;
    let entry = merged.get(key);
    if (!entry) merged.set(key, (entry = { source: edge.source, target: edge.target, kind: edge.kind, direction: edge.direction, names: [] }));
    for (const id of edge.messageIds) {
      const name = names.get(id) ?? id;
      if (!entry.names.includes(name)) entry.names.push(name);
    }
  }
  return [...merged.values()];
}

function edgeLabel(names: string[]) {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} +${names.length - 2}`;
}

function orphanIds(graph: EventFlowGraph) {
  return new Set(graph.model.channels.filter((channel) => channel.noProducer || channel.noConsumer).map((channel) => channel.id));
}

/** Mermaid's entity codes: a label can never close its quotes or become markup. */
export function mermaidText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;');
}

export function toMermaid(graph: EventFlowGraph): string {
  const ids = new Map<string, string>();
  const idOf = (node: ViewNode) => {
    let id = ids.get(node.id);
    if (!id) ids.set(node.id, (id = `${node.kind === 'service' ? 's' : node.kind === 'channel' ? 'c' : 'g'}${ids.size}`));
    return id;
  };
  const fullLabels = fullLabelsOf(graph);
  const lines = ['flowchart LR'];
  lines.push(`  %% ${graph.model.services.length} services, ${graph.model.channels.length} channels, ${graph.model.messages.length} messages (event-design)`);
  const orphans = orphanIds(graph);
  for (const node of graph.view.nodes) {
    const label = mermaidText(fullLabels.get(node.id) ?? node.label);
    const id = idOf(node);
    if (node.kind === 'service') lines.push(`  ${id}("${label}")`);
    else if (node.kind === 'channel') lines.push(`  ${id}[/"${label}"/]`);
    else lines.push(`  ${id}[["${label}"]]`);
  }
  const byId = new Map(graph.view.nodes.map((node) => [node.id, node]));
  for (const edge of mergedEdges(graph)) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    const label = mermaidText(edgeLabel(edge.names));
    const arrow = edge.direction === 'unknown' ? `-- "${label}" ---` : edge.kind === 'request' ? `== "${label}" ==>` : edge.kind === 'reply' ? `-. "${label}" .->` : `-- "${label}" -->`;
    lines.push(`  ${idOf(source)} ${arrow} ${idOf(target)}`);
  }
  const classes: Record<string, string[]> = { service: [], channel: [], group: [], orphan: [] };
  for (const node of graph.view.nodes) {
    classes[node.kind]!.push(idOf(node));
    if (orphans.has(node.id)) classes.orphan!.push(idOf(node));
  }
  lines.push('  classDef service stroke:#0969da,stroke-width:2px');
  lines.push('  classDef channel stroke:#8250df');
  lines.push('  classDef group stroke:#57606a,stroke-dasharray:6 3');
  lines.push('  classDef orphan stroke:#9a6700,stroke-dasharray:5 3');
  for (const [name, members] of Object.entries(classes)) if (members.length > 0) lines.push(`  class ${members.join(',')} ${name}`);
  return lines.join('\n') + '\n';
}

/** A DOT quoted string. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

export function toDot(graph: EventFlowGraph): string {
  const fullLabels = fullLabelsOf(graph);
  const orphans = orphanIds(graph);
  const lines = ['digraph "event-flow" {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const node of graph.view.nodes) {
    const label = fullLabels.get(node.id) ?? node.label;
    const attributes =
      node.kind === 'service'
        ? 'shape=box, style="rounded,bold", color="#0969da"'
        : node.kind === 'channel'
          ? `shape=box, color="${orphans.has(node.id) ? '#9a6700' : '#8250df'}"${orphans.has(node.id) ? ', style=dashed' : ''}`
          : 'shape=box3d, color="#57606a"';
    lines.push(`  ${dotString(node.id)} [label=${dotString(label)}, ${attributes}];`);
  }
  for (const edge of mergedEdges(graph)) {
    const style = edge.direction === 'unknown' ? ', style=dotted, arrowhead=none' : edge.kind === 'request' ? ', style=bold, color="#bc4c00"' : edge.kind === 'reply' ? ', style=dashed, color="#1a7f37"' : '';
    lines.push(`  ${dotString(edge.source)} -> ${dotString(edge.target)} [label=${dotString(edgeLabel(edge.names))}${style}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Text exports have room for the whole name: services by title, channels by address. */
function fullLabelsOf(graph: EventFlowGraph) {
  const labels = new Map<string, string>();
  for (const service of graph.model.services) labels.set(service.id, service.title);
  for (const channel of graph.model.channels) labels.set(channel.id, channel.address);
  for (const node of graph.view.nodes) if (node.kind === 'group') labels.set(node.id, `${node.label} (${node.sublabel ?? ''})`);
  return labels;
}
