import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, Engine } from '../../../server/src/engine/engine';
import { EventFlow } from '../../../server/src/engine/graph/eventFlow';
import type { GraphView, ViewEdge, ViewNode } from '../../../server/src/engine/graph/graphModel';
import { findRepoRoot } from '../../grammar/repoRoot';
import { MemoryHost } from '../support/memoryHost';
import { loadWorkspace } from '../support/workspaceFixture';
import { syntheticServices } from './syntheticServices';

/**
 * The graph reads left to right by flow: a sender's box left of its channel, a channel left of
 * its receivers. Only an edge on a true cycle (its target leads back to its source) may point
 * back, and then it is a receiving edge: the way back to a service upstream.
 */

const FIXTURES = path.join(findRepoRoot(), 'test', 'engine', 'fixtures', 'graph-flow');

/** Whether the edge's source can be reached from its target: the edge closes a cycle. */
function onCycle(view: GraphView, edge: ViewEdge) {
  const successors = new Map<string, string[]>();
  for (const candidate of view.edges) successors.set(candidate.source, [...(successors.get(candidate.source) ?? []), candidate.target]);
  const seen = new Set([edge.target]);
  const queue = [edge.target];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === edge.source) return true;
    for (const next of successors.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

/** The edges drawn right to left, after checking that each may be. */
function backwardEdges(view: GraphView): ViewEdge[] {
  const nodes = new Map(view.nodes.map((node) => [node.id, node]));
  const backward: ViewEdge[] = [];
  for (const edge of view.edges) {
    const source = nodes.get(edge.source)!;
    const target = nodes.get(edge.target)!;
    if (source.x + source.width <= target.x) continue;
    backward.push(edge);
    assert.ok(onCycle(view, edge), `${source.label} → ${target.label} points back, but is on no cycle`);
    assert.equal(source.kind === 'service', false, `${source.label} → ${target.label}: a sender is left of its channel`);
  }
  return backward;
}

const byLabel = (view: GraphView, label: string): ViewNode => {
  const found = view.nodes.filter((node) => node.label === label);
  assert.equal(found.length, 1, `one box labelled ${label}`);
  return found[0]!;
};

async function graphOf(folder: string) {
  const workspace = await loadWorkspace(folder);
  return new EventFlow(workspace.engine).graph();
}

describe('event-flow graph: left to right by flow', function () {
  it('examples/: Orders Service, then orders.order-placed, then its three receivers; only the ways back to Orders point back', async function () {
    const { view } = await graphOf(path.join(findRepoRoot(), 'examples'));
    const orders = byLabel(view, 'Orders Service');
    const placed = byLabel(view, 'orders.order-placed');
    assert.ok(orders.x + orders.width <= placed.x, 'the producer is left of its channel');
    for (const receiver of ['Payments Service', 'Inventory Service', 'Notifications Service']) assert.ok(placed.x + placed.width <= byLabel(view, receiver).x, `${receiver} is right of orders.order-placed`);
    const nodes = new Map(view.nodes.map((node) => [node.id, node]));
    const backward = backwardEdges(view).map((edge) => `${nodes.get(edge.source)!.label} → ${nodes.get(edge.target)!.label}`);
    assert.deepEqual(backward.sort(), [
      'inventory.stock-reserved → Orders Service',
      'payments.authorization.replies → Orders Service',
      'payments.payment-captured → Orders Service',
      'payments.payment-failed → Orders Service',
      'shipping.shipment-dispatched → Orders Service',
    ]);
  });

  it('a pipeline without cycles points every edge right, in the order of its stages', async function () {
    const { view } = await graphOf(path.join(FIXTURES, 'pipeline'));
    assert.deepEqual(backwardEdges(view), []);
    const x = (label: string) => byLabel(view, label).x;
    assert.ok(x('Cart Service') < x('cart.checked-out') && x('cart.checked-out') < x('Pricing Service') && x('Pricing Service') < x('order.priced'));
    assert.ok(x('order.priced') < x('Fulfilment Service') && x('Fulfilment Service') < x('parcel.shipped') && x('parcel.shipped') < x('Tracking Service'));
  });

  it('a saga starts at the service that starts it: the confirmations and the reply run back to it, nothing else', async function () {
    const { view } = await graphOf(path.join(FIXTURES, 'saga'));
    const booking = byLabel(view, 'Booking Service');
    assert.equal(Math.min(...view.nodes.map((node) => node.x)), booking.x, 'Booking Service is in the first column');
    const nodes = new Map(view.nodes.map((node) => [node.id, node]));
    assert.deepEqual(backwardEdges(view).map((edge) => `${nodes.get(edge.source)!.label} → ${nodes.get(edge.target)!.label}`).sort(), ['flight.reserved → Booking Service', 'hotel.reserved → Booking Service', 'payment.replies → Booking Service']);
  });

  it('60 channels among services that all send to each other: senders left of their channels, back edges only on cycles', async function () {
    const host = new MemoryHost(Object.fromEntries(Object.entries(syntheticServices(60, { services: 6 })).map(([name, text]) => [`file:///workspace/${name}`, text])));
    const engine = new Engine(host, DEFAULT_SETTINGS);
    for (const uri of host.files.keys()) await engine.indexFile(uri);
    const flow = new EventFlow(engine);
    const { view } = await flow.graph({ collapse: 'never', expandedServices: [] });
    const backward = backwardEdges(view);
    assert.ok(backward.length < view.edges.length / 2, `${backward.length} of ${view.edges.length} edges point back`);
    // An expanded service's panel draws senders and receivers apart: no cycles, everything points right.
    const grouped = await flow.graph({ collapse: 'always', expandedServices: [view.nodes.find((node) => node.kind === 'service')!.refId] });
    assert.equal(grouped.view.panels.length, 1);
    const panelNodes = grouped.view.nodes.filter((node) => node.panelOf !== undefined);
    const panelIds = new Set(panelNodes.map((node) => node.id));
    const panel = { ...grouped.view, nodes: panelNodes, edges: grouped.view.edges.filter((edge) => panelIds.has(edge.source)) };
    assert.ok(panel.edges.length > 0);
    assert.deepEqual(backwardEdges(panel), []);
  });
});
