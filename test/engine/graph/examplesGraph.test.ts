import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventFlow } from '../../../server/src/engine/graph/eventFlow';
import type { EventFlowGraph, GraphChannel, GraphFlow } from '../../../server/src/engine/graph/graphModel';
import { findRepoRoot } from '../../grammar/repoRoot';
import { loadWorkspace } from '../support/workspaceFixture';

/**
 * The graph of examples/ against examples/README.md's table "Who sends and who receives what",
 * row by row: the channel, its transport, its message, the sender and its operation, the
 * receivers and their operations. Nothing more and nothing less.
 */
interface Row {
  address: string;
  protocol: string;
  message: string;
  /** `service operation` of the sender; `kind` says how. */
  sender: string;
  receivers: string[];
  kind: 'event' | 'request' | 'reply';
}

const TABLE: Row[] = [
  { address: 'orders.order-placed', protocol: 'kafka', message: 'OrderPlaced', sender: 'orders publishOrderPlaced', receivers: ['payments capturePaymentOnOrderPlaced', 'inventory reserveStock', 'notifications sendOrderConfirmation'], kind: 'event' },
  { address: 'orders.order-cancelled', protocol: 'kafka', message: 'OrderCancelled', sender: 'orders publishOrderCancelled', receivers: ['payments voidAuthorizationOnOrderCancelled', 'inventory releaseStock'], kind: 'event' },
  { address: 'order.{orderId}.status-changed', protocol: 'amqp', message: 'OrderStatusChanged', sender: 'orders publishOrderStatusChanged', receivers: ['notifications pushOrderStatus'], kind: 'event' },
  { address: 'payments.authorization.requests', protocol: 'kafka', message: 'PaymentAuthorizationRequest', sender: 'orders requestPaymentAuthorization', receivers: ['payments authorizePayment'], kind: 'request' },
  { address: 'payments.authorization.replies', protocol: 'kafka', message: 'PaymentAuthorizationResult', sender: 'payments authorizePayment', receivers: ['orders requestPaymentAuthorization'], kind: 'reply' },
  { address: 'payments.payment-captured', protocol: 'kafka', message: 'PaymentCaptured', sender: 'payments publishPaymentCaptured', receivers: ['orders onPaymentCaptured'], kind: 'event' },
  { address: 'payments.payment-failed', protocol: 'kafka', message: 'PaymentFailed', sender: 'payments publishPaymentFailed', receivers: ['orders onPaymentFailed', 'notifications notifyPaymentFailed'], kind: 'event' },
  { address: 'shipping.create-shipment', protocol: 'kafka', message: 'CreateShipment', sender: 'orders requestShipment', receivers: ['shipping createShipmentForOrder'], kind: 'event' },
  { address: 'shipping.shipment-dispatched', protocol: 'kafka', message: 'ShipmentDispatched', sender: 'shipping publishShipmentDispatched', receivers: ['orders onShipmentDispatched', 'notifications notifyShipmentDispatched'], kind: 'event' },
  { address: 'inventory.stock-reserved', protocol: 'kafka', message: 'StockReserved', sender: 'inventory publishStockReserved', receivers: ['orders onStockReserved', 'pricing repriceOnStockReserved'], kind: 'event' },
  // Protobuf payloads: a $ref to a .proto file, and inline proto source.
  { address: 'pricing.price-changed', protocol: 'kafka', message: 'PriceChanged', sender: 'pricing publishPriceChanged', receivers: [], kind: 'event' },
  { address: 'pricing.promotion-started', protocol: 'kafka', message: 'PromotionStarted', sender: 'pricing publishPromotionStarted', receivers: [], kind: 'event' },
  // An AMQP binding but no AMQP server: the channel is on the shipping document's Kafka servers.
  { address: 'warehouse.label-print', protocol: 'kafka', message: 'PrintShippingLabel', sender: 'shipping printShippingLabel', receivers: [], kind: 'event' },
  { address: 'notifications.email.outbound', protocol: 'amqp', message: 'SendEmail', sender: 'notifications sendEmail', receivers: [], kind: 'event' },
  { address: 'orders.payments.payment-captured.dlq', protocol: 'kafka', message: 'PaymentCaptured', sender: 'orders deadLetterPaymentCaptured', receivers: [], kind: 'event' },
  { address: 'inventory.orders.order-placed.dlq', protocol: 'kafka', message: 'OrderPlaced', sender: 'inventory deadLetterOrderPlaced', receivers: [], kind: 'event' },
];

/** `orders/asyncapi.yaml` → `orders`; the legacy document is `legacy`. */
function folderOf(uri: string) {
  const parts = uri.split('/');
  return parts[parts.length - 2]!;
}

describe('event-flow graph of examples/', function () {
  let graph: EventFlowGraph;
  let serviceFolder: Map<string, string>;

  before(async function () {
    const workspace = await loadWorkspace(path.join(findRepoRoot(), 'examples'));
    graph = await new EventFlow(workspace.engine).graph();
    serviceFolder = new Map(graph.model.services.map((service) => [service.id, folderOf(service.uri)]));
  });

  const describeFlow = (flow: GraphFlow) => `${serviceFolder.get(flow.serviceId)} ${flow.operationKey}`;
  const channelAt = (address: string): GraphChannel => {
    const found = graph.model.channels.filter((channel) => channel.address === address);
    assert.equal(found.length, 1, `exactly one channel ${address}`);
    return found[0]!;
  };

  it('has every service of the workspace, by title', function () {
    assert.deepEqual(graph.model.services.map((service) => `${service.title} (${folderOf(service.uri)})`), [
      'ERP Inventory Sync (legacy) (legacy)',
      'Inventory Service (inventory)',
      'Notifications Service (notifications)',
      'Orders Service (orders)',
      'Payments Service (payments)',
      'Pricing Service (pricing)',
      'Shipping Service (shipping)',
    ]);
  });

  it('has exactly the channels of the README table, plus the legacy document’s own', function () {
    assert.deepEqual(graph.model.channels.map((channel) => channel.address).sort(), [...TABLE.map((row) => row.address), 'erp.stock-snapshot'].sort());
  });

  for (const row of TABLE) {
    it(`${row.address}: ${row.message} from ${row.sender} to ${row.receivers.join(', ') || 'nobody'}`, function () {
      const channel = channelAt(row.address);
      assert.deepEqual(channel.protocols, [row.protocol]);
      assert.deepEqual(
        channel.messages.map((entry) => graph.model.messages.find((message) => message.id === entry.messageId)?.name),
        [row.message],
        'the channel carries exactly its message',
      );
      const flows = graph.model.flows.filter((flow) => flow.channelId === channel.id);
      const senders = flows.filter((flow) => flow.direction === 'send');
      const receivers = flows.filter((flow) => flow.direction === 'receive');
      assert.deepEqual(senders.map(describeFlow), [row.sender]);
      assert.deepEqual(receivers.map(describeFlow).sort(), [...row.receivers].sort());
      for (const flow of flows) assert.equal(flow.kind, row.kind, `${describeFlow(flow)} is a ${row.kind}`);
      assert.equal(channel.noProducer, false);
      assert.equal(channel.noConsumer, row.receivers.length === 0, 'a channel nobody receives from is an orphan');
    });
  }

  it('merges the parameterised address that orders and notifications both declare', function () {
    const channel = channelAt('order.{orderId}.status-changed');
    assert.deepEqual(channel.declarations.map((declaration) => folderOf(declaration.location.uri)).sort(), ['notifications', 'orders']);
    assert.deepEqual(channel.hosts, ['rabbitmq.internal.example.com:5672']);
  });

  it('marks the legacy channel (an operation without a valid action) as having neither producer nor consumer', function () {
    const channel = channelAt('erp.stock-snapshot');
    assert.equal(channel.noProducer, true);
    assert.equal(channel.noConsumer, true);
    const flows = graph.model.flows.filter((flow) => flow.channelId === channel.id);
    assert.deepEqual(flows.map((flow) => [describeFlow(flow), flow.direction]), [['legacy publishStockSnapshot', 'unknown']]);
  });

  it('marks the messages nobody receives anywhere', function () {
    assert.deepEqual(graph.model.messages.filter((message) => message.unconsumed).map((message) => message.name), ['PriceChanged', 'PrintShippingLabel', 'PromotionStarted', 'SendEmail']);
    // PaymentCaptured reaches a dead-letter topic nobody reads, but orders receives it elsewhere.
    const captured = graph.model.messages.find((message) => message.name === 'PaymentCaptured')!;
    assert.equal(captured.unconsumed, false);
    assert.deepEqual(captured.channels.length, 2);
  });

  it('describes each message: summary, payload fields, producers and consumers', function () {
    const placed = graph.model.messages.find((message) => message.name === 'OrderPlaced')!;
    assert.equal(placed.summary, 'A customer placed an order.');
    assert.deepEqual(
      placed.payloadFields.filter((field) => field.required).map((field) => field.name),
      ['orderId', 'customerId', 'placedAt', 'lines', 'total', 'shippingAddress'],
    );
    assert.deepEqual(placed.producers.map((id) => serviceFolder.get(id)).sort(), ['inventory', 'orders']);
    assert.deepEqual(placed.consumers.map((id) => serviceFolder.get(id)).sort(), ['inventory', 'notifications', 'payments']);
    // The Avro payload of ShipmentDispatched (a multi-format schema) lists the record's fields.
    const dispatched = graph.model.messages.find((message) => message.name === 'ShipmentDispatched')!;
    assert.ok(dispatched.payloadFields.some((field) => field.name === 'trackingUrl' && !field.required), JSON.stringify(dispatched.payloadFields));
    assert.match(dispatched.schemaFormat ?? '', /avro/);
    // The schema files they use: a problem there is a problem of the message (the graph badges it).
    assert.deepEqual(placed.schemaFiles?.map((uri) => uri.slice(uri.lastIndexOf('/') + 1)), ['headers.yaml', 'order-placed.schema.json']);
    assert.deepEqual(dispatched.schemaFiles?.map((uri) => uri.slice(uri.lastIndexOf('/') + 1)), ['headers.yaml', 'shipment-dispatched.avsc']);
  });

  it('locates every node, flow and message definition in its file', function () {
    for (const service of graph.model.services) assert.ok(service.location.range.start.line >= 0);
    const orders = graph.model.services.find((service) => service.title === 'Orders Service')!;
    assert.equal(orders.location.range.start.line, 7, 'info.title of orders/asyncapi.yaml is on line 8');
    const placed = channelAt('orders.order-placed');
    const inOrders = placed.declarations.find((declaration) => declaration.serviceId === orders.id)!;
    assert.equal(inOrders.location.range.start.line, 57, 'channels.orderPlaced is on line 58');
    assert.ok(inOrders.location.extent.end.line > inOrders.location.range.start.line, 'the extent covers the whole definition');
    for (const flow of graph.model.flows) assert.ok(fs.existsSync(new URL(flow.location.uri)), flow.location.uri);
  });

  it('lays the view out: every box placed apart, every edge routed from its producer to its consumer', function () {
    const { view } = graph;
    assert.equal(view.collapsed, false);
    assert.equal(view.nodes.length, graph.model.services.length + graph.model.channels.length);
    assert.equal(view.edges.length, graph.model.flows.length, 'one edge per flow');
    for (const [index, a] of view.nodes.entries()) {
      assert.ok(Number.isFinite(a.x) && Number.isFinite(a.y) && a.width > 0 && a.height > 0, a.id);
      for (const b of view.nodes.slice(index + 1)) {
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        assert.ok(!overlap, `${a.id} overlaps ${b.id}`);
      }
    }
    const nodes = new Map(view.nodes.map((node) => [node.id, node]));
    for (const edge of view.edges) {
      assert.ok(edge.points.length >= 2, edge.id);
      const source = nodes.get(edge.source)!;
      const target = nodes.get(edge.target)!;
      const start = edge.points[0]!;
      const end = edge.points[edge.points.length - 1]!;
      assert.ok(near(start, source), `${edge.id} starts at its source`);
      assert.ok(near(end, target), `${edge.id} ends at its target`);
    }
    // Producers to the left of what they produce into, mostly: a layered, left-to-right layout.
    const forward = view.edges.filter((edge) => nodes.get(edge.source)!.x < nodes.get(edge.target)!.x).length;
    assert.ok(forward / view.edges.length > 0.7, `${forward} of ${view.edges.length} edges run left to right`);
  });

  it('is the same graph every time', async function () {
    const workspace = await loadWorkspace(path.join(findRepoRoot(), 'examples'));
    const again = await new EventFlow(workspace.engine).graph();
    assert.equal(JSON.stringify(again), JSON.stringify(graph));
  });
});

function near(point: { x: number; y: number }, box: { x: number; y: number; width: number; height: number }) {
  const slack = 2;
  return point.x >= box.x - slack && point.x <= box.x + box.width + slack && point.y >= box.y - slack && point.y <= box.y + box.height + slack;
}
