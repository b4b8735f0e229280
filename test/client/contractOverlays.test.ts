import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { contractOverlays, type OverlayDiagnostic } from '../../client/src/graph/contractOverlays';
import type { Finding } from '../../server/src/engine/findings/finding';
import type { BaselineSpec, BaselineVersion } from '../../server/src/engine/host';
import { findRepoRoot } from '../grammar/repoRoot';
import { loadWorkspace, type LoadedWorkspace } from '../engine/support/workspaceFixture';

/**
 * What the graph marks for contract mismatches and compatibility breaks, from the engine's real
 * findings on the contracts fixture (the client turns the published diagnostics into the same
 * plain data): the consumer that cannot read "total", its producer and the channel between them;
 * and the consumers a break in the producer's schema hurts.
 */
const FIXTURE = path.join(findRepoRoot(), 'test', 'engine', 'contracts', 'fixtures', 'field-dropped');

function asDiagnostics(findings: Iterable<Finding>): OverlayDiagnostic[] {
  return [...findings].map((finding) => ({ uri: finding.uri, rule: finding.ruleId, message: finding.message, range: finding.range, related: (finding.related ?? []).map(({ uri, range, message }) => ({ uri, range, message })) }));
}

async function contractDiagnostics(workspace: LoadedWorkspace) {
  const findings: Finding[] = [];
  for (const byFile of (await workspace.engine.checkContracts()).values()) for (const list of byFile.values()) findings.push(...list);
  return asDiagnostics(findings);
}

describe('graph overlays of contracts and breaks', function () {
  it('marks the consumer, its producer, the message and the channel between them', async function () {
    const workspace = await loadWorkspace(FIXTURE, {}, (relative) => relative === 'expected.txt');
    const model = await workspace.engine.eventFlow.currentModel();
    const overlays = contractOverlays(model, await contractDiagnostics(workspace), (uri) => uri);
    const titleOf = (id: string) => model.services.find((service) => service.id === id)?.title ?? model.channels.find((channel) => channel.id === id)?.address ?? model.messages.find((message) => message.id === id)?.name;
    assert.deepEqual(overlays.map((overlay) => titleOf(overlay.targetId)).sort(), ['OrderPlaced', 'Orders Service', 'Shipping Service', 'orders.placed']);
    for (const overlay of overlays) {
      assert.equal(overlay.kind, 'compatibility');
      assert.match(overlay.label, /^Shipping Service: Orders Service \(orders\/asyncapi\.yaml\) sends "OrderPlaced" in a form this service cannot read\./);
    }
  });

  it('marks the consumers a break in the producer\'s schema file breaks', async function () {
    const workspace = await loadWorkspace(FIXTURE, {}, (relative) => relative === 'expected.txt');
    const schema = workspace.uriOf('orders/schemas/order-placed.schema.json');
    const committed = workspace.host.files.get(schema)!;
    workspace.host.baseline = async (uri: string, spec: BaselineSpec): Promise<BaselineVersion | undefined> => (uri === schema ? { text: committed, label: spec.kind === 'ref' ? spec.ref : spec.kind } : undefined);
    workspace.host.files.set(schema, committed.replace('"required": ["orderId"],', '"required": [],').replace('"orderId": { "type": "string" },\n', ''));
    await workspace.engine.fileChanged(schema);
    const breaks = [...(await workspace.engine.checkBreaks(schema, { kind: 'ref', ref: 'HEAD' })).values()].flat();
    const model = await workspace.engine.eventFlow.currentModel();
    const overlays = contractOverlays(model, asDiagnostics(breaks), (uri) => uri.slice(workspace.rootUri.length + 1));
    const marked = new Map(overlays.map((overlay) => [model.services.find((service) => service.id === overlay.targetId)?.title, overlay.label]));
    assert.ok(marked.has('Shipping Service') && marked.has('Notifications Service'), JSON.stringify([...marked.keys()]));
    assert.match(marked.get('Shipping Service')!, /^Broken by a change in Orders Service \(orders\/schemas\/order-placed\.schema\.json\): /);
    // The schema file is not a service: the producer is known from the "Sent by" related information.
    assert.match(marked.get('Orders Service')!, /^Breaks Notifications Service, Shipping Service: /);
    const orderPlaced = model.messages.find((message) => message.name === 'OrderPlaced')!;
    assert.ok(overlays.some((overlay) => overlay.targetId === orderPlaced.id), 'and the message it sends');
  });

  it('marks nothing for other findings, or a break that names no consumer', function () {
    const model = { generation: 1, services: [], channels: [], messages: [], flows: [] };
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    assert.deepEqual(contractOverlays(model, [{ uri: 'file:///a.yaml', rule: 'compatibility-break', message: 'A required property added.', range, related: [{ uri: 'file:///old', range, message: 'Before (HEAD)' }] }, { uri: 'file:///a.yaml', rule: 'event-id-header', message: 'No event id.', range, related: [] }], (uri) => uri), []);
  });
});
