import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { findRepoRoot } from '../grammar/repoRoot';
import { LspTestClient } from './lspClient';

/** A workspace where the shipping service requires a "total" that orders does not send. */
const FIXTURE = path.join(findRepoRoot(), 'test', 'engine', 'contracts', 'fixtures', 'field-dropped');

interface CodeAction {
  title: string;
  edit?: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> };
}

describe('cross-service contracts over JSON-RPC (the bundle)', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  let folder: string;
  const uriOf = (name: string) => URI.file(path.join(folder, name)).toString();

  before(async function () {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-contracts-')));
    fs.cpSync(FIXTURE, folder, { recursive: true });
    fs.rmSync(path.join(folder, 'expected.txt'));
    fs.writeFileSync(path.join(folder, '.event-design.yaml'), 'categories:\n  discipline: off\n');
    client = new LspTestClient();
    await client.initialize(URI.file(folder).toString());
  });

  after(async function () {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reports the mismatch in both documents without opening either, and the consumer\'s quick fix clears both', async function () {
    const shipping = uriOf('shipping/asyncapi.yaml');
    const orders = uriOf('orders/asyncapi.yaml');
    // Published once the start-up indexing is done: neither document is open.
    const [consumer] = (await client.waitFor(shipping, (list) => list.some((item) => item.code === 'contract-incompatible'), 'the consumer\'s error')).filter((item) => item.code === 'contract-incompatible');
    assert.equal(consumer!.severity, 1);
    assert.equal(consumer!.range.start.line, 12, 'at the message shipping receives (line 13)');
    assert.match(String(consumer!.message), /^Orders Service \(orders\/asyncapi\.yaml\) sends "OrderPlaced" in a form this service cannot read\. .*"total"/);
    assert.deepEqual(
      consumer!.relatedInformation?.map((related) => related.location.uri),
      [orders, uriOf('orders/schemas/order-placed.schema.json'), shipping],
    );
    await client.waitFor(orders, (list) => list.some((item) => item.code === 'contract-consumer-incompatible' && item.severity === 3), 'the producer\'s information');

    const text = fs.readFileSync(path.join(folder, 'shipping', 'asyncapi.yaml'), 'utf8');
    await client.open(shipping, text);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: shipping }, range: consumer!.range, context: { diagnostics: [consumer] } });
    const relax = actions.find((action) => action.title === 'Make "total" optional here');
    assert.ok(relax?.edit, actions.map((action) => action.title).join(' | '));
    assert.ok(actions.some((action) => action.title.startsWith("Use Orders Service's payload schema")));
    const [edit] = relax.edit.changes[shipping]!;
    await client.change(shipping, 2, [{ range: edit!.range, text: edit!.newText }]);
    await client.waitFor(shipping, (list) => !list.some((item) => item.code === 'contract-incompatible'), 'the consumer\'s error to go');
    await client.waitFor(orders, (list) => !list.some((item) => item.code === 'contract-consumer-incompatible'), 'the producer\'s information to go');
  });

  it('follows a consumer written to disk, and forgets it when its folder is deleted', async function () {
    const orders = uriOf('orders/asyncapi.yaml');
    const billing = path.join(folder, 'billing');
    fs.mkdirSync(billing);
    const text = fs.readFileSync(path.join(FIXTURE, 'shipping', 'asyncapi.yaml'), 'utf8').replace('title: Shipping Service', 'title: Billing Service');
    fs.writeFileSync(path.join(billing, 'asyncapi.yaml'), text);
    await client.filesChanged([{ uri: uriOf('billing/asyncapi.yaml'), type: 1 }]);
    const billingDisagrees = (list: Array<{ code?: unknown; message: unknown }>) => list.some((item) => item.code === 'contract-consumer-incompatible' && /^Billing Service/.test(String(item.message)));
    await client.waitFor(orders, billingDisagrees, 'the producer to be told that billing disagrees');
    // A watcher reports the folder's deletion, not each file in it.
    fs.rmSync(billing, { recursive: true });
    await client.filesChanged([{ uri: URI.file(billing).toString(), type: 3 }]);
    await client.waitFor(orders, (list) => !billingDisagrees(list), 'the deleted consumer to be forgotten');
  });
});
