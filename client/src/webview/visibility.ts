import type { GraphChannel, GraphService, ViewNode } from '../../../server/src/engine/graph/graphModel';
import type { GraphIndex } from './graphIndex';

/** What the user narrowed the view to. Kept in the webview's state across graph updates. */
export interface ViewFilters {
  search: string;
  service: string;
  protocol: string;
  tag: string;
  /** A node shown with its neighbours only. */
  focus?: string;
}

export const NO_FILTERS: ViewFilters = { search: '', service: '', protocol: '', tag: '' };

export interface Visibility {
  /** View nodes drawn. */
  nodes: Set<string>;
  /** Drawn only because a drawn channel connects to them: dimmed. */
  context: Set<string>;
  edges: Set<string>;
  /** Nodes that match the search text (when there is one). */
  matches: Set<string>;
}

function includes(haystack: string, needle: string) {
  return haystack.toLowerCase().includes(needle);
}

/**
 * Which nodes pass the filters. A service passes on its own title, tags and protocols; a channel
 * on its address, its messages' names, its protocols, its tags and those of the services that
 * declare it, and on the chosen service taking part in it. The services at the ends of a passing
 * channel are drawn too, dimmed, so that a channel is never shown without who uses it.
 */
export function computeVisibility(index: GraphIndex, filters: ViewFilters): Visibility {
  const search = filters.search.trim().toLowerCase();
  const passing = new Set<string>();
  const matches = new Set<string>();
  for (const node of index.graph.view.nodes) {
    if (node.kind === 'service') {
      const service = index.services.get(node.refId);
      if (!service) continue;
      const matched = search !== '' && includes(service.title, search);
      if (matched) matches.add(node.id);
      if (servicePasses(service, filters) && (search === '' || matched)) passing.add(node.id);
      continue;
    }
    const channels = index.channelsOf(node);
    const matched = search !== '' && (channels.some((channel) => channelMatches(index, channel, search)) || (node.kind === 'group' && includes(node.label, search)));
    if (matched) matches.add(node.id);
    if (channels.some((channel) => channelPasses(index, channel, filters)) && (search === '' || matched)) passing.add(node.id);
  }
  const nodes = new Set(passing);
  const context = new Set<string>();
  for (const id of passing) {
    const node = index.nodes.get(id)!;
    if (node.kind === 'service') continue;
    for (const neighbour of index.neighbours(id)) {
      if (nodes.has(neighbour)) continue;
      nodes.add(neighbour);
      context.add(neighbour);
    }
  }
  if (filters.focus && index.nodes.has(filters.focus)) {
    const focusSet = focusNeighbourhood(index, filters.focus);
    for (const id of [...nodes]) {
      if (!focusSet.has(id)) {
        nodes.delete(id);
        context.delete(id);
      }
    }
  }
  const edges = new Set<string>();
  for (const edge of index.graph.view.edges) if (nodes.has(edge.source) && nodes.has(edge.target)) edges.add(edge.id);
  return { nodes, context, edges, matches };
}

function servicePasses(service: GraphService, filters: ViewFilters) {
  if (filters.service && service.id !== filters.service) return false;
  if (filters.protocol && !service.protocols.includes(filters.protocol)) return false;
  if (filters.tag && !service.tags.includes(filters.tag)) return false;
  return true;
}

function channelPasses(index: GraphIndex, channel: GraphChannel, filters: ViewFilters) {
  if (filters.service && ![...channel.producers, ...channel.consumers, ...channel.declarations.map((declaration) => declaration.serviceId)].includes(filters.service)) return false;
  if (filters.protocol && !channel.protocols.includes(filters.protocol)) return false;
  if (filters.tag) {
    const tags = new Set(channel.tags);
    for (const declaration of channel.declarations) for (const tag of index.services.get(declaration.serviceId)?.tags ?? []) tags.add(tag);
    if (!tags.has(filters.tag)) return false;
  }
  return true;
}

function channelMatches(index: GraphIndex, channel: GraphChannel, search: string) {
  return includes(channel.address, search) || channel.messages.some((entry) => includes(index.messages.get(entry.messageId)?.name ?? '', search));
}

/** A node, its neighbours, and for a service the services on the other side of its channels. */
export function focusNeighbourhood(index: GraphIndex, nodeId: string): Set<string> {
  const result = new Set<string>([nodeId]);
  const node: ViewNode | undefined = index.nodes.get(nodeId);
  for (const neighbour of index.neighbours(nodeId)) {
    result.add(neighbour);
    if (node?.kind === 'service') for (const further of index.neighbours(neighbour)) result.add(further);
  }
  return result;
}

/** The options of the filter menus, from the model. */
export function filterChoices(index: GraphIndex) {
  const protocols = new Set<string>();
  const tags = new Set<string>();
  for (const service of index.services.values()) {
    for (const protocol of service.protocols) protocols.add(protocol);
    for (const tag of service.tags) tags.add(tag);
  }
  for (const channel of index.channels.values()) {
    for (const protocol of channel.protocols) protocols.add(protocol);
    for (const tag of channel.tags) tags.add(tag);
  }
  return {
    services: [...index.services.values()].map((service) => ({ value: service.id, label: service.title })).sort((a, b) => a.label.localeCompare(b.label)),
    protocols: [...protocols].sort(),
    tags: [...tags].sort(),
  };
}
