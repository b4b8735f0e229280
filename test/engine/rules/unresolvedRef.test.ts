import * as assert from 'node:assert/strict';
import type { FixContext, RuleFinding } from '../../../server/src/engine/discipline/documentRule';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import type { SchemaSource } from '../../../server/src/engine/schemas/bundle';
import { addressFromName, componentSkeleton, unresolvedRef } from '../../../server/src/engine/rules/unresolvedRef';
import { closestName } from '../../../server/src/engine/text/editDistance';
import type { RuleWorkspace } from './ruleHarness';
import { applyFix, findingsOf } from './ruleHarness';

const ORDERS = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      # a typo
      placed:
        $ref: '#/components/messages/OrderPlace'
operations:
  publish:
    action: send
    channel: { $ref: '#/channels/orders' }
components:
  messages:
    OrderPlaced:
      name: OrderPlaced
      payload: { type: object }
`;

/**
 * The fixes of the finding at `index`, asked of the rule directly, with the context the engine
 * gives document rules (built by its `ruleContext`), as the engine's fixesFor would.
 */
async function fixesFor(files: Record<string, string>, index = 0, entry = Object.keys(files)[0]!) {
  const { findings, workspace } = await findingsOf('unresolved-ref', files, entry);
  const located = findings[index]!;
  const context = await contextFor(workspace, workspace.uri(entry));
  const finding: RuleFinding = { ruleId: located.ruleId, message: located.message, path: located.path!, uri: located.uri === workspace.uri(entry) ? undefined : located.uri };
  return { fixes: await unresolvedRef.fixes!(finding, context), workspace, finding: located };
}

async function contextFor(workspace: RuleWorkspace, uri: string): Promise<FixContext> {
  const { engine } = workspace;
  const file = (await engine.files.get(uri))!;
  const kind = engine.kindOf(file);
  assert.equal(kind.kind, 'asyncapi');
  const values = new Map<string, unknown>();
  for (const candidate of workspace.host.files.keys()) values.set(candidate, (await engine.files.get(candidate))!.tree.value());
  const read: SchemaSource = (target) => (values.has(target) ? { value: values.get(target) } : undefined);
  const context = await engine.ruleContext(file, kind as Extract<typeof kind, { kind: 'asyncapi' }>, file.tree.value(), read);
  return { ...context!, options: {}, fileAt: (target) => engine.files.get(target) };
}

describe('rule unresolved-ref: fixes', function () {
  it('offers the existing component with a close name first, then to create the missing one', async function () {
    const { fixes, finding } = await fixesFor({ 'orders.yaml': ORDERS });
    assert.equal(finding.message, "'#/components/messages/OrderPlace' does not exist in this file");
    assert.deepEqual(
      fixes.map((fix) => [fix.title, !!fix.preferred, !!fix.breaking]),
      [
        ['Change the reference to \'#/components/messages/OrderPlaced\' (the existing message "OrderPlaced")', true, false],
        ['Create the missing message "OrderPlace" under components.messages', false, false],
      ],
    );
  });

  it('corrects the reference, keeping its quotes and the comment', async function () {
    // Applied here rather than with applyFix: the harness takes every "#…" for a comment, and the
    // pointer of the corrected $ref is one.
    const { fixes, workspace } = await fixesFor({ 'orders.yaml': ORDERS });
    const file = (await workspace.engine.files.get(workspace.uri('orders.yaml')))!;
    const fixed = applyEdits(file.source, fixes[0]!.edits.get(workspace.uri('orders.yaml'))!);
    assert.equal(fixed, ORDERS.replace("'#/components/messages/OrderPlace'", "'#/components/messages/OrderPlaced'"));
    assert.deepEqual((await findingsOf('unresolved-ref', { 'orders.yaml': fixed })).lines, []);
  });

  it('creates an empty but valid component of the kind the pointer names', async function () {
    const message = await applyFix('unresolved-ref', { 'orders.yaml': ORDERS }, /Create the missing message "OrderPlace"/);
    assert.ok(message['orders.yaml']!.endsWith('      payload: { type: object }\n    OrderPlace:\n      name: OrderPlace\n      payload:\n        type: object\n'), message['orders.yaml']);
    const document = 'asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    Placed:\n      payload:\n        $ref: "#/components/schemas/Order"\n';
    const schema = await applyFix('unresolved-ref', { 'a.yaml': document }, /^Create the missing schema "Order" under components.schemas$/);
    assert.equal(schema['a.yaml'], document + '  schemas:\n    Order:\n      type: object\n');
  });

  it('creates components where there are none, and channels with an address', async function () {
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  placed: { $ref: '#/components/channels/orderPlaced' }\n";
    const fixed = await applyFix('unresolved-ref', { 'a.yaml': document }, /Create the missing channel "orderPlaced"/);
    assert.equal(fixed['a.yaml'], document + 'components:\n  channels:\n    orderPlaced:\n      address: order-placed\n');
  });

  it('fixes AsyncAPI 2.x JSON, with the 2.x shape of a parameter', async function () {
    const document = {
      asyncapi: '2.6.0',
      info: { title: 'A', version: '1.0.0' },
      channels: { 'orders/{orderId}': { parameters: { orderId: { $ref: '#/components/parameters/orderId' } }, subscribe: { message: { payload: { type: 'object' } } } } },
      components: { schemas: { Order: { type: 'object' } } },
    };
    const files = { 'a.json': JSON.stringify(document, null, 2) + '\n' };
    const fixed = await applyFix('unresolved-ref', files, /Create the missing parameter "orderId"/);
    assert.deepEqual(JSON.parse(fixed['a.json']!).components, { schemas: { Order: { type: 'object' } }, parameters: { orderId: { schema: { type: 'string' } } } });
  });

  it('creates the component in the file the reference points into', async function () {
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\ncomponents:\n  messages:\n    Placed:\n      payload: { $ref: './shared.yaml#/components/schemas/Money' }\n";
    const shared = '# Shared schemas.\ncomponents:\n  schemas:\n    Address: { type: object }\n';
    const { fixes } = await fixesFor({ 'a.yaml': document, 'shared.yaml': shared });
    assert.deepEqual(fixes.map((fix) => fix.title), ['Create the missing schema "Money" under components.schemas in shared.yaml']);
    const fixed = await applyFix('unresolved-ref', { 'a.yaml': document, 'shared.yaml': shared }, /Create the missing schema "Money"/);
    assert.equal(fixed['a.yaml'], document);
    assert.equal(fixed['shared.yaml'], shared + '    Money:\n      type: object\n');
  });

  it('offers nothing for a missing file, a pointer below a component, or kinds whose content cannot be guessed', async function () {
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nservers:\n  production: { $ref: '#/components/servers/kafka' }\nchannels:\n  placed: { $ref: '#/channels/orderPlaced' }\ncomponents:\n  messages:\n    Placed:\n      payload: { $ref: './missing.yaml' }\n    Shipped:\n      payload: { $ref: '#/components/messages/Placed/headers' }\n";
    const { findings } = await findingsOf('unresolved-ref', { 'a.yaml': document });
    assert.deepEqual(findings.map((finding) => finding.message), [
      "'#/components/servers/kafka' does not exist in this file",
      "'#/channels/orderPlaced' does not exist in this file",
      'File not found: ./missing.yaml',
      "'#/components/messages/Placed/headers' does not exist in this file",
    ]);
    for (let index = 0; index < findings.length; index++) assert.deepEqual((await fixesFor({ 'a.yaml': document }, index)).fixes, [], findings[index]!.message);
  });

  it('knows the shapes, addresses and close names', function () {
    assert.deepEqual(componentSkeleton('messages', 'OrderPlaced', 3), { name: 'OrderPlaced', payload: { type: 'object' } });
    assert.deepEqual(componentSkeleton('channels', 'orderPlaced', 2), {});
    assert.equal(componentSkeleton('servers', 'kafka', 3), undefined);
    assert.equal(componentSkeleton('operations', 'publish', 3), undefined);
    assert.equal(addressFromName('orderPlaced'), 'order-placed');
    assert.equal(addressFromName('HTTPRequestReceived'), 'http-request-received');
    assert.equal(addressFromName('orders.placed'), 'orders.placed');
    assert.equal(closestName('OrderPlace', ['OrderShipped', 'OrderPlaced']), 'OrderPlaced');
    assert.equal(closestName('orderplaced', ['OrderPlaced']), 'OrderPlaced');
    assert.equal(closestName('Invoice', ['OrderPlaced']), undefined);
  });
});
