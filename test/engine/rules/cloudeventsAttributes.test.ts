import * as assert from 'node:assert/strict';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';
import { groupC } from './groupCFixtures';

const CLOUDEVENTS = 'extends: cloudevents\n';
const events = () => ({ 'cloudevents3.yaml': groupC('cloudevents3.yaml') });
const REJECT = 'CloudEvents SDKs and routers reject or misroute events without them';

describe('rule cloudevents-attributes', function () {
  it('is off unless the configuration extends the cloudevents preset', async function () {
    assert.deepEqual((await findingsOf('cloudevents-attributes', events(), 'cloudevents3.yaml', 'extends: recommended\n')).lines, []);
    assert.deepEqual((await findingsOf('cloudevents-attributes', events(), 'cloudevents3.yaml', 'extends: strict\n')).lines, []);
    const { findings } = await findingsOf('cloudevents-attributes', events(), 'cloudevents3.yaml', CLOUDEVENTS);
    assert.deepEqual([...new Set(findings.map((finding) => finding.severity))], ['warning']);
  });

  it('asks each binding for its own header prefix in binary mode, and the envelope in structured mode', async function () {
    // OrderPlaced has all four ce_ headers on Kafka.
    assert.deepEqual((await findingsOf('cloudevents-attributes', events(), 'cloudevents3.yaml', CLOUDEVENTS)).lines, [
      `cloudevents3.yaml:54:5 Message "OrderShipped" lacks the required CloudEvents attributes specversion and type: in binary mode on kafka they travel as headers (ce_specversion and ce_type). ${REJECT}`,
      `cloudevents3.yaml:60:5 Message "OrderPaid" lacks the required CloudEvents attributes source, specversion and type: in binary mode on https they travel as headers (ce-source, ce-specversion and ce-type). ${REJECT}`,
      `cloudevents3.yaml:65:5 Message "OrderCancelled" lacks the required CloudEvents attributes id, source, specversion and type: in binary mode on amqp they travel as headers (cloudEvents:id, cloudEvents:source, cloudEvents:specversion and cloudEvents:type). ${REJECT}`,
      `cloudevents3.yaml:67:5 Message "OrderTracked" lacks the required CloudEvents attributes source, specversion and type: in structured mode they are top-level properties of the payload. ${REJECT}`,
    ]);
  });

  it('adds the missing attributes, optional first, required as a breaking alternative', async function () {
    const { fixes } = await fixesOf('cloudevents-attributes', events(), 'cloudevents3.yaml', 0, CLOUDEVENTS);
    assert.deepEqual(
      fixes.map((fix) => [fix.title, !!fix.preferred, !!fix.breaking]),
      [
        ['Add the CloudEvents headers ce_specversion and ce_type (optional) to the headers of message "OrderShipped"', true, false],
        ['Add the CloudEvents headers ce_specversion and ce_type as required to the headers of message "OrderShipped" (breaking: receivers reject messages sent without them)', false, true],
      ],
    );
    const optional = await applyFix('cloudevents-attributes', events(), /\(optional\)/, 'cloudevents3.yaml', 0, CLOUDEVENTS);
    assert.ok(optional['cloudevents3.yaml']!.includes("          ce_source: { type: string }\n          ce_specversion:\n            type: string\n            const: '1.0'\n            description: CloudEvents specversion.\n          ce_type:\n            type: string\n"), optional['cloudevents3.yaml']);
    const required = await applyFix('cloudevents-attributes', events(), /as required/, 'cloudevents3.yaml', 0, CLOUDEVENTS);
    assert.ok(required['cloudevents3.yaml']!.includes('        required:\n          - ce_specversion\n          - ce_type\n    OrderPaid:'), required['cloudevents3.yaml']);
  });

  it('writes AMQP application properties with the cloudEvents: prefix as valid YAML keys', async function () {
    const fixed = await applyFix('cloudevents-attributes', events(), /\(optional\) to message "OrderCancelled"/, 'cloudevents3.yaml', 2, CLOUDEVENTS);
    assert.ok(fixed['cloudevents3.yaml']!.includes('    OrderCancelled: # binary mode on AMQP, no headers yet\n      payload: { type: object }\n      headers:\n        type: object\n        properties:\n          cloudEvents:id:\n            type: string\n'), fixed['cloudevents3.yaml']);
  });

  it('adds to the envelope in structured mode, in the payload schema file when there is one', async function () {
    const inline = await applyFix('cloudevents-attributes', events(), /payload properties source, specversion and type \(optional\) to the payload of message "OrderTracked"/, 'cloudevents3.yaml', 3, CLOUDEVENTS);
    assert.ok(inline['cloudevents3.yaml']!.endsWith('          data: { type: object }\n          source:\n            type: string\n            format: uri-reference\n            description: CloudEvents source, the context in which the event happened.\n          specversion:\n            type: string\n            const: \'1.0\'\n            description: CloudEvents specversion.\n          type:\n            type: string\n            description: CloudEvents type, for example com.example.order.placed.\n'), inline['cloudevents3.yaml']);
    const document = {
      asyncapi: '2.6.0',
      info: { title: 'Tracking', version: '1.0.0' },
      servers: { production: { url: 'kafka:9092', protocol: 'kafka' } },
      channels: { 'orders.tracked': { subscribe: { message: { name: 'OrderTracked', contentType: 'application/cloudevents+json', payload: { $ref: './order-tracked.schema.json' } } } } },
    };
    const files = { 'tracking.json': JSON.stringify(document, null, 2) + '\n', 'order-tracked.schema.json': groupC('order-tracked.schema.json') };
    assert.deepEqual((await findingsOf('cloudevents-attributes', files, 'tracking.json', CLOUDEVENTS)).lines.map((line) => line.split(':').slice(0, 3).join(':')), ['tracking.json:16:9 Message "OrderTracked" lacks the required CloudEvents attributes source and type']);
    const fixed = await applyFix('cloudevents-attributes', files, /^Add the CloudEvents payload properties source and type \(optional\) to the shared payload schema order-tracked.schema.json$/, 'tracking.json', 0, CLOUDEVENTS);
    assert.equal(fixed['tracking.json'], files['tracking.json']);
    assert.deepEqual(Object.keys(JSON.parse(fixed['order-tracked.schema.json']!).properties), ['id', 'specversion', 'data', 'source', 'type']);
  });

  it('reads Kafka headers of AsyncAPI 2.x in JSON, with the ce_ prefix', async function () {
    const document = {
      asyncapi: '2.6.0',
      info: { title: 'Orders', version: '1.0.0' },
      servers: { production: { url: 'kafka:9092', protocol: 'kafka' } },
      channels: { orders: { subscribe: { message: { name: 'OrderPlaced', headers: { type: 'object', properties: { ce_id: { type: 'string' }, ce_source: { type: 'string' }, ce_specversion: { type: 'string' } } } } } } },
    };
    const files = { 'orders.json': JSON.stringify(document, null, 2) + '\n' };
    assert.match((await findingsOf('cloudevents-attributes', files, 'orders.json', CLOUDEVENTS)).lines[0]!, /attribute type: in binary mode on kafka they travel as headers \(ce_type\)/);
    const fixed = await applyFix('cloudevents-attributes', files, /\(optional\)/, 'orders.json', 0, CLOUDEVENTS);
    assert.deepEqual(Object.keys(JSON.parse(fixed['orders.json']!).channels.orders.subscribe.message.headers.properties), ['ce_id', 'ce_source', 'ce_specversion', 'ce_type']);
  });
});
