import type { EventFlowGraph, GraphChannel, GraphFlow, GraphLocation, GraphMessage, GraphService, ViewEdge, ViewNode } from '../../../server/src/engine/graph/graphModel';

/** Look-ups over one graph, built once per graph the host sends. */
export class GraphIndex {
  readonly services = new Map<string, GraphService>();
  readonly channels = new Map<string, GraphChannel>();
  readonly messages = new Map<string, GraphMessage>();
  readonly flows = new Map<string, GraphFlow>();
  readonly nodes = new Map<string, ViewNode>();
  readonly edges = new Map<string, ViewEdge>();
  /** View node id → ids of the edges that touch it. */
  readonly edgesOf = new Map<string, ViewEdge[]>();
  /** Channel id → the view node drawing it (itself, or its group). */
  readonly nodeOfChannel = new Map<string, string>();
  /** Every file the graph points into: the only ones the webview may ask to reveal. */
  readonly uris = new Set<string>();

  constructor(readonly graph: EventFlowGraph) {
    const { model, view } = graph;
    for (const service of model.services) {
      this.services.set(service.id, service);
      this.uris.add(service.uri);
    }
    for (const channel of model.channels) this.channels.set(channel.id, channel);
    for (const message of model.messages) this.messages.set(message.id, message);
    for (const flow of model.flows) this.flows.set(flow.id, flow);
    for (const node of view.nodes) {
      this.nodes.set(node.id, node);
      if (node.kind === 'channel') this.nodeOfChannel.set(node.refId, node.id);
      for (const member of node.memberIds ?? []) this.nodeOfChannel.set(member, node.id);
    }
    for (const edge of view.edges) {
      this.edges.set(edge.id, edge);
      for (const end of [edge.source, edge.target]) {
        let list = this.edgesOf.get(end);
        if (!list) this.edgesOf.set(end, (list = []));
        list.push(edge);
      }
    }
  }

  /** The view nodes joined to `nodeId` by an edge. */
  neighbours(nodeId: string): string[] {
    const result = new Set<string>();
    for (const edge of this.edgesOf.get(nodeId) ?? []) result.add(edge.source === nodeId ? edge.target : edge.source);
    return [...result];
  }

  /** The channels a node stands for: itself, or a group's members. */
  channelsOf(node: ViewNode): GraphChannel[] {
    if (node.kind === 'channel') return [this.channels.get(node.refId)].filter((channel): channel is GraphChannel => channel !== undefined);
    if (node.kind === 'group') return (node.memberIds ?? []).map((id) => this.channels.get(id)).filter((channel): channel is GraphChannel => channel !== undefined);
    return [];
  }

  /** Where clicking a node takes the editor. */
  locationOf(node: ViewNode): GraphLocation | undefined {
    if (node.kind === 'service' || node.kind === 'group') return this.services.get(node.refId)?.location;
    const channel = this.channels.get(node.refId);
    if (!channel) return undefined;
    const producer = channel.producers[0];
    return (channel.declarations.find((declaration) => declaration.serviceId === producer) ?? channel.declarations[0])?.location;
  }

  titleOf(serviceId: string) {
    return this.services.get(serviceId)?.title ?? serviceId;
  }
}
