import * as assert from 'node:assert/strict';
import { runParser } from '../../../server/src/engine/asyncapi/parserValidation';
import { expressionsOf } from '../../../server/src/engine/rules/addressParameters';
import { applyFix, findingsOf, fixesOf, workspaceOf } from './ruleHarness';

const RULE = 'address-parameters';

const V3 = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orderStatusChanged:
    # Routing key on the order-status exchange.
    address: 'order.{region}.{orderId}.status-changed'
    messages:
      changed: { payload: { type: object } }
  regional:
    $ref: '#/components/channels/regional'
components:
  channels:
    regional:
      address: 'orders.{region}'
`;

/** The rule plus the parser's own findings (full validation), rule id first. */
async function fullCheck(files: Record<string, string>): Promise<string[]> {
  const workspace = await workspaceOf(files, `rules:\n  ${RULE}: warning\n`);
  const result = await workspace.engine.checkFile(workspace.uri(Object.keys(files)[0]!), runParser);
  return [...result.findings.values()]
    .flat()
    .filter((finding) => /parameters/.test(finding.ruleId))
    .map((finding) => `${finding.ruleId} ${finding.range.start.line + 1}:${finding.range.start.character + 1}`);
}

describe('rule address-parameters', function () {
  it('reads the parameters of an address', function () {
    assert.deepEqual(expressionsOf('order.{region}.{orderId}.{region}'), ['region', 'orderId']);
    assert.deepEqual(expressionsOf('orders'), []);
    assert.deepEqual(expressionsOf(undefined), []);
  });

  it('reports an address with parameters and no parameters object, each channel definition once', async function () {
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': V3 })).lines, [
      'orders.yaml:6:14 The address "order.{region}.{orderId}.status-changed" of channel "orderStatusChanged" has the parameters {region} and {orderId}, but the channel defines no parameters: consumers cannot tell what values they take, nor build the names to subscribe to. Define them under parameters.',
      'orders.yaml:14:16 The address "orders.{region}" of channel "regional" has the parameter {region}, but the channel defines no parameters: consumers cannot tell what values it takes, nor build the names to subscribe to. Define it under parameters.',
    ]);
  });

  it('leaves channels with a parameters object to the parser, and never reports twice', async function () {
    const partly = V3.replace("      changed: { payload: { type: object } }\n", "      changed: { payload: { type: object } }\n    parameters:\n      country: { description: Country. }\n");
    assert.deepEqual((await findingsOf(RULE, { 'orders.yaml': partly })).lines.map((line) => line.split(' ')[0]), ['orders.yaml:16:16'], 'only the component channel');
    const full = await fullCheck({ 'orders.yaml': partly });
    assert.deepEqual(full, ['asyncapi3-channel-parameters 9:5', 'asyncapi3-channel-parameters 10:7', 'address-parameters 16:16']);
  });

  it('defines the missing parameters with a description made from the name', async function () {
    const fixed = await applyFix(RULE, { 'orders.yaml': V3 }, /^Define parameters "region" and "orderId" of channel "orderStatusChanged"$/);
    assert.ok(
      fixed['orders.yaml']!.includes(`      changed: { payload: { type: object } }
    parameters:
      region:
        description: Region (the {region} part of the channel address).
      orderId:
        description: Order id (the {orderId} part of the channel address).
  regional:`),
      fixed['orders.yaml'],
    );
    const component = await applyFix(RULE, { 'orders.yaml': V3 }, /^Define parameter "region" of channel "regional"$/, 'orders.yaml', 1);
    assert.ok(component['orders.yaml']!.endsWith("      address: 'orders.{region}'\n      parameters:\n        region:\n          description: Region (the {region} part of the channel address).\n"), component['orders.yaml']);
  });

  it('in 2.x, defines parameters with a string schema, in JSON too', async function () {
    const document = JSON.stringify({ asyncapi: '2.6.0', info: { title: 'A', version: '1.0.0' }, channels: { 'users/{userId}/signedup': { subscribe: { message: { payload: { type: 'string' } } } } } }, null, 2);
    assert.deepEqual((await findingsOf(RULE, { 'a.json': document })).lines.map((line) => line.split(',')[0]), ['a.json:8:5 Channel "users/{userId}/signedup" has the parameter {userId}']);
    const fixed = await applyFix(RULE, { 'a.json': document }, /^Define parameter "userId"/);
    assert.deepEqual(JSON.parse(fixed['a.json']!).channels['users/{userId}/signedup'].parameters, { userId: { description: 'User id (the {userId} part of the channel address).', schema: { type: 'string' } } });
  });

  it('in 2.x, reports parameters of a channel whose name has none (the parser does not), and removes them all at once', async function () {
    const document = `asyncapi: 2.6.0
info: { title: A, version: 1.0.0 }
channels:
  orders/placed: # was orders/{orderId}/placed
    parameters:
      orderId:
        schema: { type: string }
      region:
        schema: { type: string }
    publish:
      message: { payload: { type: string } }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': document })).lines, [
      'a.yaml:6:7 Channel "orders/placed" defines the parameter "orderId", but its name has no {orderId}: no consumer can use it. It is often left over from a renamed channel; remove it, or put {orderId} in the channel name.',
      'a.yaml:8:7 Channel "orders/placed" defines the parameter "region", but its name has no {region}: no consumer can use it. It is often left over from a renamed channel; remove it, or put {region} in the channel name.',
    ]);
    const { fixes } = await fixesOf(RULE, { 'a.yaml': document });
    assert.deepEqual(fixes.map((fix) => [fix.title, fix.breaking, !!fix.preferred, fix.manualOnly]), [['Remove the unused parameters "orderId" and "region" from channel "orders/placed" (not breaking; check the name should not use them)', undefined, false, true]]);
    const fixed = await applyFix(RULE, { 'a.yaml': document }, /^Remove the unused parameters/, 'a.yaml', 1);
    assert.equal(fixed['a.yaml'], document.replace(/    parameters:\n(.*\n){4}/, ''));
    assert.deepEqual(await fullCheck({ 'a.yaml': document }), ['address-parameters 6:7', 'address-parameters 8:7'], 'the parser says nothing here');
  });

  it('accepts addresses whose parameters are all defined, and addresses without any', async function () {
    const good = `asyncapi: 3.0.0
info: { title: A, version: 1.0.0 }
channels:
  byRegion:
    address: 'orders.{region}'
    parameters:
      region: { $ref: '#/components/parameters/region' }
  plain: { address: orders }
  dynamic: { address: null }
components:
  parameters:
    region: { description: Region., enum: [eu, us] }
`;
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': good })).lines, []);
  });

  it('reports a channel defined in another file in that file, without a fix here', async function () {
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  shared:\n    $ref: './channels.yaml#/orders'\n";
    const shared = "orders:\n  address: 'orders.{orderId}'\n";
    assert.deepEqual((await findingsOf(RULE, { 'a.yaml': document, 'channels.yaml': shared })).lines.map((line) => line.split(' ')[0]), ['channels.yaml:2:12']);
    assert.deepEqual((await fixesOf(RULE, { 'a.yaml': document, 'channels.yaml': shared })).fixes, []);
  });
});
