import * as assert from 'node:assert/strict';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';
import { groupC } from './groupCFixtures';

const WHY = 'carries no unique id (no eventId or messageId header or payload property): brokers deliver at least once and events get replayed, and without an id receivers cannot tell a redelivery from a new event, so they process it twice. Declare it as a header, eventId: a UUID the producer sets once';

/** orders3.yaml: 3.0 messages with ids in every place an id can be, and four without one. */
const orders = () => ({ 'orders3.yaml': groupC('orders3.yaml'), 'headers.yaml': groupC('headers.yaml') });

describe('rule event-id', function () {
  it('reports each event without an id at its definition, and finds ids in headers, traits, payloads and CloudEvents envelopes', async function () {
    // Not reported: OrderPlaced (eventId in a headers schema of another file), OrderCancelled
    // (`event-id` from a trait in another file), OrderArchived (messageId in the payload),
    // OrderRestored (a structured CloudEvents envelope: id + specversion), CreateShipment
    // (x-event-kind: command), GetOrder (tag `query`), StockCheckRequest and StockCheckResult
    // (a request that expects a reply, and the reply).
    assert.deepEqual((await findingsOf('event-id', orders())).lines, [
      `orders3.yaml:48:5 Event "OrderShipped" ${WHY}`,
      `orders3.yaml:54:5 Event "PaymentFailed" ${WHY}`,
      `orders3.yaml:90:5 Event "OrderPaid" ${WHY}`,
      `orders3.yaml:95:5 Event "OrderRefunded" ${WHY}`,
    ]);
  });

  it('reads AsyncAPI 2.x in JSON: Avro payload fields, headers in components, command tags from traits', async function () {
    // PaymentCaptured has an eventId field in its Avro record; CapturePayment is tagged
    // `kind:command` by its trait.
    assert.deepEqual((await findingsOf('event-id', { 'payments2.json': groupC('payments2.json') })).lines, [`payments2.json:12:9 Event "PaymentFailed" ${WHY}`]);
  });

  it('takes the id names and the command naming convention from its options', async function () {
    const config = "rules:\n  event-id:\n    severity: warning\n    names: [dedupKey]\n    commandPatterns: ['^Order(Shipped|Paid)$']\n";
    const { lines } = await findingsOf('event-id', orders(), 'orders3.yaml', config);
    // eventId, event-id and messageId are no id names any more; OrderShipped and OrderPaid are commands now.
    assert.deepEqual(
      lines.map((line) => line.split(' ').slice(0, 3).join(' ')),
      ['orders3.yaml:43:5 Event "OrderPlaced"', 'orders3.yaml:54:5 Event "PaymentFailed"', 'orders3.yaml:62:5 Event "OrderCancelled"', 'orders3.yaml:76:5 Event "OrderArchived"', 'orders3.yaml:95:5 Event "OrderRefunded"'],
    );
    assert.match(lines[0]!, /\(no dedupKey header or payload property\).*Declare it as a header, dedupKey: a UUID/);
    const { fixes } = await fixesOf('event-id', orders(), 'orders3.yaml', 0, config);
    assert.match(fixes[0]!.title, /^Add an optional dedupKey header \(string, uuid\) to the shared headers schema "EventHeaders" in headers.yaml$/);
  });

  it('reports a message defined in another file in that file', async function () {
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  orders:\n    address: orders\n    messages:\n      placed: { $ref: './shared.yaml#/OrderPlaced' }\n";
    const shared = 'OrderPlaced:\n  name: OrderPlaced\n  payload: { type: object }\n';
    const files = { 'a.yaml': document, 'shared.yaml': shared };
    assert.deepEqual((await findingsOf('event-id', files, 'a.yaml')).lines.map((line) => line.split(' ')[0]), ['shared.yaml:1:1']);
    const fixed = await applyFix('event-id', files, /optional eventId header/, 'a.yaml');
    assert.equal(fixed['a.yaml'], document);
    assert.match(fixed['shared.yaml']!, /^OrderPlaced:\n  name: OrderPlaced\n  payload: \{ type: object \}\n  headers:\n    type: object\n    properties:\n      eventId:\n        type: string\n        format: uuid\n/);
  });

  it('offers an optional header first, and a required one labelled as breaking', async function () {
    const { fixes } = await fixesOf('event-id', orders(), 'orders3.yaml', 1);
    assert.deepEqual(
      fixes.map((fix) => [fix.title, !!fix.preferred, !!fix.breaking]),
      [
        ['Add an optional eventId header (string, uuid) to the headers of message "PaymentFailed"', true, false],
        ['Add a required eventId header (string, uuid) to the headers of message "PaymentFailed" (breaking: receivers reject messages sent without it)', false, true],
      ],
    );
    assert.match(fixes[1]!.breaking!, /already on the broker/);
  });

  it('creates headers on a message that has none', async function () {
    const fixed = await applyFix('event-id', orders(), /optional eventId header .* to message "OrderShipped"/, 'orders3.yaml', 0);
    assert.ok(
      fixed['orders3.yaml']!.includes(
        '    OrderShipped: # no headers at all\n      name: OrderShipped\n      payload:\n        type: object\n        properties:\n          orderId: { type: string }\n      headers:\n        type: object\n        properties:\n          eventId:\n            type: string\n            format: uuid\n            description: Unique id of this event, the same on every redelivery; receivers de-duplicate on it.\n        additionalProperties: true\n    PaymentFailed:\n',
      ),
      fixed['orders3.yaml'],
    );
  });

  it('adds to inline headers, and to required only in the breaking fix', async function () {
    const optional = await applyFix('event-id', orders(), /optional/, 'orders3.yaml', 1);
    assert.ok(optional['orders3.yaml']!.includes('          # the flow this failure belongs to\n          correlationId: { type: string }\n          eventId:\n            type: string\n            format: uuid\n'), optional['orders3.yaml']);
    assert.ok(!/required:/.test(optional['orders3.yaml']!));
    const required = await applyFix('event-id', orders(), /required/, 'orders3.yaml', 1);
    assert.ok(required['orders3.yaml']!.includes('            description: Unique id of this event, the same on every redelivery; receivers de-duplicate on it.\n        required:\n          - eventId\n      payload: { type: object }\n'), required['orders3.yaml']);
  });

  it('edits a headers schema referenced in another file, and the headers of a trait', async function () {
    const shared = await applyFix('event-id', orders(), /optional eventId header .* to the shared headers schema "PlainHeaders" in headers.yaml/, 'orders3.yaml', 2);
    assert.equal(shared['orders3.yaml'], groupC('orders3.yaml'));
    assert.ok(shared['headers.yaml']!.includes('    # set by the gateway\n    source: { type: string }\n    eventId:\n      type: string\n      format: uuid\n      description: Unique id of this event, the same on every redelivery; receivers de-duplicate on it.\nTraceHeaders:\n'), shared['headers.yaml']);
    const trait = await applyFix('event-id', orders(), /optional eventId header .* to the headers of trait "Traced"/, 'orders3.yaml', 3);
    assert.ok(trait['orders3.yaml']!.endsWith('          traceparent: { type: string }\n          eventId:\n            type: string\n            format: uuid\n            description: Unique id of this event, the same on every redelivery; receivers de-duplicate on it.\n'), trait['orders3.yaml']);
  });

  it('fixes JSON in place, in the components schema the headers reference', async function () {
    for (const title of [/optional eventId header .* to the shared headers schema "Headers"$/, /required eventId header/]) {
      const fixed = await applyFix('event-id', { 'payments2.json': groupC('payments2.json') }, title);
      const headers = JSON.parse(fixed['payments2.json']!).components.schemas.Headers;
      assert.deepEqual(headers.properties.eventId, { type: 'string', format: 'uuid', description: 'Unique id of this event, the same on every redelivery; receivers de-duplicate on it.' });
      assert.deepEqual(headers.required, /required/.test(String(title)) ? ['eventId'] : undefined);
    }
  });
});
