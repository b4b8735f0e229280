import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import type { Finding } from '../../../server/src/engine/findings/finding';
import type { BaselineSpec, BaselineVersion } from '../../../server/src/engine/host';
import { findRepoRoot } from '../../grammar/repoRoot';
import { describeFinding, loadWorkspace, type LoadedWorkspace } from '../support/workspaceFixture';

/**
 * Cross-service contracts, data-driven: each folder under fixtures/ is a workspace of services;
 * its expected.txt lists every contract finding (`file:line:column severity rule-id message-prefix`,
 * as the engine fixtures). `UPDATE_FIXTURES=1` rewrites them.
 */
const fixturesRoot = path.join(findRepoRoot(), 'test', 'engine', 'contracts', 'fixtures');

async function contractFindings(workspace: LoadedWorkspace): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const byFile of (await workspace.engine.checkContracts()).values()) for (const list of byFile.values()) findings.push(...list);
  return findings;
}

async function contractLines(workspace: LoadedWorkspace): Promise<string[]> {
  return (await contractFindings(workspace)).map((finding) => describeFinding(finding, workspace.rootUri)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function load(name: string) {
  return loadWorkspace(path.join(fixturesRoot, name), {}, (relative) => relative === 'expected.txt');
}

describe('cross-service contracts', function () {
  describe('fixture workspaces', function () {
    for (const name of fs.readdirSync(fixturesRoot).sort()) {
      it(name, async function () {
        const lines = await contractLines(await load(name));
        const expectedFile = path.join(fixturesRoot, name, 'expected.txt');
        if (process.env.UPDATE_FIXTURES === '1') {
          fs.writeFileSync(expectedFile, lines.join('\n') + (lines.length > 0 ? '\n' : ''));
          return;
        }
        const expected = fs.readFileSync(expectedFile, 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
        const unexpected = [...lines];
        const missing: string[] = [];
        for (const line of expected) {
          const [location, severity, rule, ...message] = line.split(' ');
          const index = unexpected.findIndex((actual) => actual.startsWith(`${location} ${severity} ${rule} ${message.join(' ')}`));
          if (index < 0) missing.push(line);
          else unexpected.splice(index, 1);
        }
        assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] }, `contract findings of ${name} differ from expected.txt`);
      });
    }
  });

  it('points the consumer at what the producer sends, and the producer at the consumer', async function () {
    const workspace = await load('field-dropped');
    const [consumer] = (await contractFindings(workspace)).filter((finding) => finding.ruleId === 'contract-incompatible');
    assert.ok(consumer);
    assert.deepEqual(
      consumer.related?.map((related) => `${related.uri.slice(workspace.rootUri.length + 1)}:${related.range.start.line + 1} ${related.message}`),
      ['orders/asyncapi.yaml:22 Orders Service defines "OrderPlaced" here', 'orders/schemas/order-placed.schema.json:6 What Orders Service sends', 'shipping/asyncapi.yaml:23 What this service reads'],
    );
  });

  it('fixes the consumer: relax it, or take the producer\'s schema, and the mismatch is gone', async function () {
    for (const [title, expectedText] of [
      ['Make "total" optional here', /required:\n\s+- orderId\n\s+properties:/],
      ["Use Orders Service's payload schema ($ref: ../orders/schemas/order-placed.schema.json)", /payload:\n\s+\$ref: \.\.\/orders\/schemas\/order-placed\.schema\.json\n/],
      ["Copy Orders Service's payload schema here", /additionalProperties: false/],
    ] as const) {
      const workspace = await load('field-dropped');
      const shipping = workspace.uriOf('shipping/asyncapi.yaml');
      const [finding] = (await workspace.engine.checkContracts()).get(shipping)?.get(shipping) ?? [];
      assert.equal(finding?.ruleId, 'contract-incompatible');
      const fixes = await workspace.engine.fixesFor(shipping, 'contract-incompatible', finding.path!, shipping);
      const fix = fixes.find((candidate) => candidate.title === title);
      assert.ok(fix, `"${title}" among: ${fixes.map((candidate) => candidate.title).join(' | ')}`);
      assert.ok(fix.manualOnly, 'changing a consumer\'s contract is a person\'s decision');
      const text = applyEdits((await workspace.engine.files.get(shipping))!.source, fix.edits.get(shipping)!);
      assert.match(text, expectedText);
      workspace.host.files.set(shipping, text);
      await workspace.engine.fileChanged(shipping);
      assert.deepEqual(await contractLines(workspace), [], `after "${title}"`);
    }
  });

  it('compares Protobuf payloads with the Protobuf differ: related locations in the .proto file, no JSON edit offered, and a fixed .proto file clears it', async function () {
    const workspace = await load('protobuf-payloads');
    const storefront = workspace.uriOf('storefront/asyncapi.yaml');
    const [finding] = ((await workspace.engine.checkContracts()).get(storefront)?.get(storefront) ?? []).filter((candidate) => candidate.message.includes('"PriceChanged"'));
    assert.ok(finding);
    assert.deepEqual(
      finding.related?.map((related) => `${related.uri.slice(workspace.rootUri.length + 1)}:${related.range.start.line + 1}:${related.range.start.character + 1} ${related.message}`),
      ['pricing/asyncapi.yaml:36:5 Pricing defines "PriceChanged" here', 'pricing/proto/price_changed.proto:9:3 What Pricing sends', 'storefront/asyncapi.yaml:12:9 What this service reads'],
    );
    assert.deepEqual(await workspace.engine.fixesFor(storefront, 'contract-incompatible', finding.path!, storefront), []);
    // The producer's field becomes what the consumer reads: the same wire group.
    const proto = workspace.uriOf('pricing/proto/price_changed.proto');
    workspace.host.files.set(proto, workspace.host.files.get(proto)!.replace('string sku = 1;', 'int64 sku = 1;'));
    await workspace.engine.fileChanged(proto);
    assert.deepEqual((await contractLines(workspace)).filter((line) => line.includes('"PriceChanged"')), []);
  });

  it('sees unsaved edits of another service at once (the report follows the index)', async function () {
    const workspace = await load('field-dropped');
    const schema = workspace.uriOf('orders/schemas/order-placed.schema.json');
    const text = workspace.host.files.get(schema)!.replace('"orderId": { "type": "string" },', '"orderId": { "type": "string" },\n    "total": { "type": "number" },').replace('["orderId"]', '["orderId", "total"]');
    workspace.engine.setOpenDocument(schema, text, 2);
    assert.deepEqual(await contractLines(workspace), []);
  });

  it('names the consumers a compatibility break in a producer\'s schema breaks', async function () {
    const workspace = await load('field-dropped');
    const schema = workspace.uriOf('orders/schemas/order-placed.schema.json');
    const committed = workspace.host.files.get(schema)!;
    workspace.host.baseline = async (uri: string, spec: BaselineSpec): Promise<BaselineVersion | undefined> => (uri === schema ? { text: committed, label: spec.kind === 'ref' ? spec.ref : spec.kind } : undefined);
    // The producer stops sending orderId, which both consumers require.
    workspace.host.files.set(schema, committed.replace('"required": ["orderId"],', '"required": [],').replace('"orderId": { "type": "string" },\n', ''));
    await workspace.engine.fileChanged(schema);
    const breaks = [...(await workspace.engine.checkBreaks(schema, { kind: 'ref', ref: 'HEAD' })).values()].flat().filter((finding) => finding.ruleId === 'compatibility-break');
    assert.ok(breaks.length > 0);
    for (const finding of breaks) {
      assert.match(finding.message, /It breaks 2 consumers in this workspace: Notifications Service, Shipping Service\./);
      assert.deepEqual(
        finding.related?.filter((related) => related.message.startsWith('Breaks ')).map((related) => related.uri.slice(workspace.rootUri.length + 1)),
        ['notifications/asyncapi.yaml', 'shipping/asyncapi.yaml'],
      );
      // The schema file does not say who sends it: the related information does.
      assert.deepEqual(
        finding.related?.filter((related) => related.message.startsWith('Sent by ')).map((related) => [related.uri.slice(workspace.rootUri.length + 1), related.message]),
        [['orders/asyncapi.yaml', 'Sent by Orders Service: Orders Service sends "OrderPlaced" here']],
      );
    }
  });

  it('says nothing about a workspace of one service', async function () {
    const workspace = await loadWorkspace(path.join(fixturesRoot, 'orphans-and-names', 'crm'));
    assert.deepEqual(await contractLines(workspace), []);
  });
});
