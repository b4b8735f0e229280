import * as assert from 'node:assert/strict';
import { TRACEPARENT_PATTERN } from '../../../server/src/engine/rules/traceContext';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';
import { groupC } from './groupCFixtures';

const WHY = 'has no traceparent header: the W3C trace context does not cross the broker, so every receiver starts a new trace and a request cannot be followed from producer to consumers. Declare traceparent (and tracestate) headers';
const shipping = () => ({ 'traces3.yaml': groupC('traces3.yaml'), 'headers.yaml': groupC('headers.yaml') });
const TRACEPARENT = `traceparent:\n            type: string\n            pattern: ${TRACEPARENT_PATTERN}\n            description: W3C Trace Context traceparent of the operation that produced this message.\n`;

describe('rule trace-context', function () {
  it('reports messages whose headers carry no traceparent', async function () {
    // Fine: ShipmentCreated (headers in another file), ShipmentDelivered (a trait's headers),
    // ShipmentReturned (the CloudEvents binary-mode ce_traceparent), ShipmentLost (a
    // structured-mode CloudEvents envelope with the tracing extension).
    assert.deepEqual((await findingsOf('trace-context', shipping())).lines, [
      `traces3.yaml:9:5 Message "ShipmentDispatched" ${WHY}`,
      `traces3.yaml:11:5 Message "ShipmentDelayed" ${WHY}`,
      `traces3.yaml:31:5 Message "LabelPrinted" ${WHY}`,
    ]);
  });

  it('asks for tracestate too when the option says so', async function () {
    const config = 'rules:\n  trace-context:\n    severity: warning\n    requireTracestate: true\n';
    const { lines } = await findingsOf('trace-context', shipping(), 'traces3.yaml', config);
    assert.deepEqual(lines.map((line) => line.split(': ')[0]), [
      'traces3.yaml:9:5 Message "ShipmentDispatched" has no traceparent or tracestate header',
      'traces3.yaml:11:5 Message "ShipmentDelayed" has no traceparent or tracestate header',
      'traces3.yaml:16:5 Message "ShipmentDelivered" has no tracestate header',
      'traces3.yaml:19:5 Message "ShipmentReturned" has no tracestate header',
      'traces3.yaml:24:5 Message "ShipmentLost" has no tracestate header',
      'traces3.yaml:31:5 Message "LabelPrinted" has no traceparent or tracestate header',
    ]);
    assert.match(lines[2]!, /vendor-specific trace data is dropped at the broker. Declare a tracestate header next to traceparent$/);
    const fixed = await applyFix('trace-context', shipping(), /^Add an optional tracestate header \(W3C Trace Context\) to the headers of trait "Traced"$/, 'traces3.yaml', 2, config);
    assert.ok(fixed['traces3.yaml']!.endsWith('          traceparent: { type: string }\n          tracestate:\n            type: string\n            description: W3C Trace Context tracestate, vendor-specific trace data passed on unchanged.\n'), fixed['traces3.yaml']);
  });

  it('adds both headers, optional, creating headers where there are none', async function () {
    const { fixes } = await fixesOf('trace-context', shipping());
    assert.deepEqual(fixes.map((fix) => [fix.title, !!fix.preferred, !!fix.breaking]), [['Add optional traceparent and tracestate headers (W3C Trace Context) to message "ShipmentDispatched"', true, false]]);
    const fixed = await applyFix('trace-context', shipping(), /traceparent and tracestate/);
    assert.ok(fixed['traces3.yaml']!.includes(`    ShipmentDispatched: # nothing but a payload\n      payload: { type: object }\n      headers:\n        type: object\n        properties:\n          ${TRACEPARENT}          tracestate:\n`), fixed['traces3.yaml']);
    assert.ok(!fixed['traces3.yaml']!.includes('required'));
  });

  it('adds to existing inline headers, keeping comments', async function () {
    const fixed = await applyFix('trace-context', shipping(), /to the headers of message "ShipmentDelayed"/, 'traces3.yaml', 1);
    assert.ok(fixed['traces3.yaml']!.includes(`          eventId: { type: string } # de-duplication\n          ${TRACEPARENT}`), fixed['traces3.yaml']);
  });

  it('offers no fix for headers in another schema format', async function () {
    assert.deepEqual((await fixesOf('trace-context', shipping(), 'traces3.yaml', 2)).fixes, []);
  });

  it('fixes AsyncAPI 2.x JSON in the components schema the headers reference', async function () {
    const document = {
      asyncapi: '2.6.0',
      info: { title: 'Lights', version: '1.0.0' },
      channels: { 'light.measured': { subscribe: { message: { name: 'LightMeasured', headers: { $ref: '#/components/schemas/Headers' }, payload: { type: 'object' } } } } },
      components: { schemas: { Headers: { type: 'object', properties: { eventId: { type: 'string' } } } } },
    };
    const files = { 'lights.json': JSON.stringify(document, null, 2) + '\n' };
    assert.deepEqual((await findingsOf('trace-context', files)).lines.map((line) => line.split(' ').slice(0, 3).join(' ')), ['lights.json:10:9 Message "LightMeasured"']);
    const fixed = await applyFix('trace-context', files, /to the shared headers schema "Headers"$/);
    assert.deepEqual(Object.keys(JSON.parse(fixed['lights.json']!).components.schemas.Headers.properties), ['eventId', 'traceparent', 'tracestate']);
    assert.equal(JSON.parse(fixed['lights.json']!).components.schemas.Headers.properties.traceparent.pattern, TRACEPARENT_PATTERN);
  });
});
