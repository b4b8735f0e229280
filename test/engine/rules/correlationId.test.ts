import * as assert from 'node:assert/strict';
import { parseRuntimeExpression, repairRuntimeExpression } from '../../../server/src/engine/rules/correlationId';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';
import { groupC } from './groupCFixtures';

const MISSING = "has no correlationId: receivers, logs and traces cannot tie it to the request or business flow it belongs to. Say where its correlation id travels, for example a correlationId header with correlationId.location '$message.header#/correlationId'";

/** flows3.yaml: 3.0 messages with a correlationId that is right, missing, invalid or pointing at nothing. */
const flows = () => ({ 'flows3.yaml': groupC('flows3.yaml'), 'traits.yaml': groupC('traits.yaml') });
const streetlights = () => ({ 'flows2.json': groupC('flows2.json') });

describe('rule correlation-id', function () {
  it('reports missing, invalid and dangling correlation ids where they are written', async function () {
    // Fine: OrderPlaced (a shared Correlation ID Object whose header exists), RefundIssued (a
    // payload pointer through a $ref'd schema), CartAbandoned (correlationId and headers from a
    // trait in another file).
    assert.deepEqual((await findingsOf('correlation-id', flows())).lines, [
      `flows3.yaml:23:5 Message "OrderShipped" ${MISSING}`,
      `flows3.yaml:28:5 Message "OrderPacked" ${MISSING}`,
      'flows3.yaml:31:7 The correlationId of message "OrderCancelled" points at $message.header#/correlationId, but its headers schema declares no correlationId: the correlation id cannot be read from the message',
      'flows3.yaml:45:7 The correlationId of message "RefundDenied" points at $message.payload#/refund/reason, but its payload schema declares no refund/reason: the correlation id cannot be read from the message',
    ]);
  });

  it('follows pointers into Avro records in AsyncAPI 2.x JSON', async function () {
    // LightMeasured points into meta.correlationId of its Avro record: fine.
    assert.deepEqual((await findingsOf('correlation-id', streetlights())).lines, [
      `flows2.json:31:9 Message "DimLight" ${MISSING}`,
      'flows2.json:42:11 The correlationId of message "TurnOn" points at $message.header#/MQMD/CorrelId, but the message has no headers: the correlation id cannot be read from the message',
    ]);
  });

  it('parses runtime expressions and mends common slips', function () {
    assert.deepEqual(parseRuntimeExpression('$message.header#/correlationId'), { source: 'header', segments: ['correlationId'] });
    assert.deepEqual(parseRuntimeExpression('$message.payload#/meta/a~1b'), { source: 'payload', segments: ['meta', 'a/b'] });
    for (const [text, reason] of [
      ['$message.payload', /whole payload/],
      ['$message.header#', /whole header/],
      ['$message.header.correlationId', /separated by "#"/],
      ['$message.payload#correlationId', /must start with "\/"/],
      ['$message.header#/a~2', /"~" must be written ~0/],
      ['$request.header#/id', /must start with \$message/],
    ] as const) {
      const parsed = parseRuntimeExpression(text);
      assert.ok('error' in parsed && reason.test(parsed.error), `${text}: ${JSON.stringify(parsed)}`);
    }
    assert.equal(repairRuntimeExpression('$message.headers#/correlationId'), '$message.header#/correlationId');
    assert.equal(repairRuntimeExpression('$message.header.correlationId'), '$message.header#/correlationId');
    assert.equal(repairRuntimeExpression('message.payload#meta/id'), '$message.payload#/meta/id');
    assert.equal(repairRuntimeExpression('$message.header#/correlationId'), undefined);
  });

  it('reuses a Correlation ID Object of the components that fits, or the correlation header the message has', async function () {
    const { fixes } = await fixesOf('correlation-id', flows(), 'flows3.yaml', 0);
    assert.deepEqual(
      fixes.map((fix) => [fix.title, !!fix.preferred, !!fix.breaking]),
      [
        ['Reference the correlation id "checkoutFlow" ($message.header#/correlationId) from message "OrderShipped"', true, false],
        ['Add correlationId with location \'$message.header#/correlationId\' to message "OrderShipped"', false, false],
      ],
    );
    const referenced = await applyFix('correlation-id', flows(), /Reference the correlation id "checkoutFlow"/, 'flows3.yaml', 0);
    assert.ok(referenced['flows3.yaml']!.includes('          correlationId: { type: string }\n      correlationId:\n        $ref: \'#/components/correlationIds/checkoutFlow\'\n    OrderPacked: # no headers, no correlation\n'), referenced['flows3.yaml']);
    const inline = await applyFix('correlation-id', flows(), /Add correlationId with location/, 'flows3.yaml', 0);
    assert.ok(inline['flows3.yaml']!.includes('          correlationId: { type: string }\n      correlationId:\n        location: $message.header#/correlationId\n    OrderPacked:'), inline['flows3.yaml']);
  });

  it('adds the header and the correlationId together when the message has neither', async function () {
    const fixed = await applyFix('correlation-id', flows(), /^Add an optional correlationId header \(string\) to message "OrderPacked" and correlationId with location '\$message.header#\/correlationId'$/, 'flows3.yaml', 1);
    assert.ok(
      fixed['flows3.yaml']!.includes(
        '    OrderPacked: # no headers, no correlation\n      payload: { type: object }\n      headers:\n        type: object\n        properties:\n          correlationId:\n            type: string\n            description: Id shared by every message of one request or business flow.\n        additionalProperties: true\n      correlationId:\n        location: $message.header#/correlationId\n    OrderCancelled:\n',
      ),
      fixed['flows3.yaml'],
    );
  });

  it('reports an invalid expression where it is written, and mends it in place', async function () {
    // The AsyncAPI schema's pattern reports the same place as a structure error; this rule says
    // what is wrong in words and offers the repair.
    const yaml = { 'a.yaml': "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    PaymentFailed:\n      correlationId:\n        location: $message.headers#/correlationId # a typo\n      headers:\n        type: object\n        properties:\n          correlationId: { type: string }\n" };
    assert.deepEqual((await findingsOf('correlation-id', yaml)).lines, [
      'a.yaml:7:19 correlationId.location "$message.headers#/correlationId" is not a valid runtime expression ("headers" is not a part of a message, which has a header and a payload): tools cannot find the correlation id of message "PaymentFailed". Write $message.header#/<name> or $message.payload#/<path>',
    ]);
    const fixed = await applyFix('correlation-id', yaml, /^Point correlationId at '\$message.header#\/correlationId'$/);
    assert.equal(fixed['a.yaml'], yaml['a.yaml'].replace('$message.headers#', '$message.header#'));
    const json = { 'b.json': '{\n  "asyncapi": "2.6.0",\n  "info": { "title": "B", "version": "1.0.0" },\n  "channels": {},\n  "components": {\n    "correlationIds": { "flow": { "location": "$message.payload.meta.flowId" } },\n    "messages": {\n      "Shipped": {\n        "correlationId": { "$ref": "#/components/correlationIds/flow" },\n        "payload": { "type": "object", "properties": { "meta": { "type": "object", "properties": { "flowId": { "type": "string" } } } } }\n      }\n    }\n  }\n}\n' };
    assert.deepEqual((await findingsOf('correlation-id', json)).lines.map((line) => line.split(' ').slice(0, 2).join(' ')), ['b.json:6:47 correlationId.location']);
    const { fixes } = await fixesOf('correlation-id', json);
    assert.deepEqual(fixes.map((fix) => fix.title), ["Point correlationId at '$message.payload#/meta/flowId' (in the shared flow)"]);
    const mended = await applyFix('correlation-id', json, /Point correlationId/);
    assert.equal(mended['b.json'], json['b.json'].replace('$message.payload.meta.flowId', '$message.payload#/meta/flowId'));
  });

  it('leaves a shared Correlation ID Object alone: the message gets its own, or the header it lacks', async function () {
    const { fixes } = await fixesOf('correlation-id', flows(), 'flows3.yaml', 2);
    assert.deepEqual(fixes.map((fix) => fix.title), [
      'Point correlationId at \'$message.header#/x-correlation-id\' for message "OrderCancelled" only',
      'Add the optional correlationId header (string) that correlationId points at, to the headers of message "OrderCancelled"',
    ]);
    const own = await applyFix('correlation-id', flows(), /for message "OrderCancelled" only/, 'flows3.yaml', 2);
    assert.ok(own['flows3.yaml']!.includes('    OrderCancelled:\n      headers:\n        type: object\n        properties:\n          x-correlation-id: { type: string }\n      correlationId:\n        location: $message.header#/x-correlation-id\n    RefundIssued:'), own['flows3.yaml']);
    assert.ok(own['flows3.yaml']!.includes('  correlationIds:\n    checkoutFlow:\n      description: The checkout session, through every message of an order.\n      location: $message.header#/correlationId\n'));
    const header = await applyFix('correlation-id', flows(), /Add the optional correlationId header/, 'flows3.yaml', 2);
    assert.ok(header['flows3.yaml']!.includes('          x-correlation-id: { type: string }\n          correlationId:\n            type: string\n'), header['flows3.yaml']);
  });

  it('offers nothing it cannot do well: a payload pointer without a correlation-like property', async function () {
    assert.deepEqual((await fixesOf('correlation-id', flows(), 'flows3.yaml', 3)).fixes, []);
    assert.deepEqual((await fixesOf('correlation-id', streetlights(), 'flows2.json', 1)).fixes, []);
  });

  it('fixes JSON, pointing at the correlation header under its own name', async function () {
    const fixed = await applyFix('correlation-id', streetlights(), /^Add correlationId with location '\$message.header#\/correlation_id' to message "DimLight"$/);
    assert.deepEqual(JSON.parse(fixed['flows2.json']!).channels['light.dim'].publish.message.correlationId, { location: '$message.header#/correlation_id' });
  });

  it('takes the names of correlation properties from its options', async function () {
    const config = 'rules:\n  correlation-id:\n    severity: warning\n    names: [traceId]\n';
    const files = { 'a.yaml': 'asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    Placed:\n      headers:\n        type: object\n        properties:\n          traceId: { type: string }\n' };
    const { fixes } = await fixesOf('correlation-id', files, 'a.yaml', 0, config);
    assert.equal(fixes[0]!.title, 'Add correlationId with location \'$message.header#/traceId\' to message "Placed"');
    const none = { 'a.yaml': 'asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    Placed:\n      payload: { type: object }\n' };
    assert.match((await fixesOf('correlation-id', none, 'a.yaml', 0, config)).fixes[0]!.title, /^Add an optional traceId header \(string\) to message "Placed" and correlationId with location '\$message.header#\/traceId'$/);
  });
});
