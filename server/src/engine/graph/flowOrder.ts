import type { PlannedEdge, PlannedNode, ViewPlan } from './graphView';

/**
 * The order in which a plan's boxes read left to right, for the layout to keep: a producer
 * before its channel, a channel before its consumers. Only true cycles (a service that receives
 * from a channel it, or a service downstream of it, sends to) need an edge drawn backwards, and
 * then it is a receiving edge, never a sending one: every cycle passes a channel, and sending
 * edges alone cannot close one.
 *
 * How: strongly connected components in topological order, so an edge on no cycle always points
 * forward. Inside a component, services are ordered by the greedy feedback-arc heuristic of Eades,
 * Lin and Smyth on the service-to-service edges (a reply counts for nothing: answering a request
 * is the natural way back), and each channel comes right after the last of its senders there.
 */
function flowOrder(plan: ViewPlan): string[] {
  const ids = plan.nodes.map((node) => node.id);
  const known = new Set(ids);
  const successors = new Map<string, PlannedEdge[]>(ids.map((id) => [id, []]));
  for (const edge of plan.edges) if (known.has(edge.source) && known.has(edge.target)) successors.get(edge.source)!.push(edge);
  const kinds = new Map(plan.nodes.map((node) => [node.id, node.kind]));
  const order: string[] = [];
  for (const component of componentsInTopologicalOrder(ids, successors)) {
    if (component.length === 1) order.push(component[0]!);
    else order.push(...orderCycle(component, successors, kinds));
  }
  return order;
}

/** The plan's nodes sorted by `flowOrder`. */
export function nodesInFlowOrder(plan: ViewPlan): PlannedNode[] {
  const rank = new Map(flowOrder(plan).map((id, index) => [id, index]));
  return [...plan.nodes].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}

/** Tarjan's algorithm, iterative (a panel can hold hundreds of boxes); components come sources first. */
function componentsInTopologicalOrder(ids: string[], successors: Map<string, PlannedEdge[]>): string[][] {
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of ids) {
    if (indexOf.has(root)) continue;
    const work: { id: string; edge: number }[] = [{ id: root, edge: 0 }];
    indexOf.set(root, next);
    lowLink.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = successors.get(frame.id)!;
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++]!.target;
        if (!indexOf.has(target)) {
          indexOf.set(target, next);
          lowLink.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, edge: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id)!, indexOf.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.id, Math.min(lowLink.get(parent.id)!, lowLink.get(frame.id)!));
      if (lowLink.get(frame.id) === indexOf.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        // Tarjan finishes a component after every component it reaches.
        components.push(component.sort((a, b) => indexOf.get(a)! - indexOf.get(b)!));
      }
    }
  }
  return components.reverse();
}

/** One cycle-bearing component: its services by the greedy heuristic, each followed by the channels it sends to last. */
function orderCycle(component: string[], successors: Map<string, PlannedEdge[]>, kinds: Map<string, string>): string[] {
  const members = new Set(component);
  const services = component.filter((id) => kinds.get(id) === 'service');
  const carriers = component.filter((id) => kinds.get(id) !== 'service');
  const senders = new Map<string, string[]>(carriers.map((id) => [id, []]));
  for (const service of services) for (const edge of successors.get(service)!) if (senders.has(edge.target)) senders.get(edge.target)!.push(service);
  // Service → service weights through the component's channels.
  const weights = new Map<string, Map<string, number>>(services.map((id) => [id, new Map()]));
  for (const carrier of carriers) {
    for (const edge of successors.get(carrier)!) {
      if (!members.has(edge.target) || kinds.get(edge.target) !== 'service' || edge.kind === 'reply') continue;
      for (const sender of senders.get(carrier)!) {
        if (sender === edge.target) continue;
        const out = weights.get(sender)!;
        out.set(edge.target, (out.get(edge.target) ?? 0) + 1);
      }
    }
  }
  const serviceOrder = greedyFeedbackOrder(services, weights);
  const rank = new Map(serviceOrder.map((id, index) => [id, index]));
  const after = new Map<string, string[]>(serviceOrder.map((id) => [id, []]));
  const unsent: string[] = [];
  for (const carrier of carriers) {
    const last = senders.get(carrier)!.reduce<string | undefined>((best, sender) => (best === undefined || rank.get(sender)! > rank.get(best)! ? sender : best), undefined);
    if (last === undefined) unsent.push(carrier);
    else after.get(last)!.push(carrier);
  }
  return [...unsent, ...serviceOrder.flatMap((id) => [id, ...after.get(id)!])];
}

/**
 * Eades, Lin and Smyth (1993): sinks go to the end, sources to the front, and otherwise the node
 * that sends most more than it receives goes next. Ties keep the plan's order, so the picture is stable.
 */
function greedyFeedbackOrder(ids: string[], weights: Map<string, Map<string, number>>): string[] {
  const remaining = new Set(ids);
  const incoming = new Map<string, Map<string, number>>(ids.map((id) => [id, new Map()]));
  for (const [source, targets] of weights) for (const [target, weight] of targets) incoming.get(target)!.set(source, weight);
  const sum = (edges: Map<string, number>) => {
    let total = 0;
    for (const [other, weight] of edges) if (remaining.has(other)) total += weight;
    return total;
  };
  const front: string[] = [];
  const back: string[] = [];
  while (remaining.size > 0) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const id of remaining) {
        if (sum(weights.get(id)!) === 0) {
          back.unshift(id);
          remaining.delete(id);
          changed = true;
        } else if (sum(incoming.get(id)!) === 0) {
          front.push(id);
          remaining.delete(id);
          changed = true;
        }
      }
    }
    let best: string | undefined;
    let bestDelta = -Infinity;
    for (const id of remaining) {
      const delta = sum(weights.get(id)!) - sum(incoming.get(id)!);
      if (delta > bestDelta) {
        best = id;
        bestDelta = delta;
      }
    }
    if (best === undefined) break;
    front.push(best);
    remaining.delete(best);
  }
  return [...front, ...back];
}
