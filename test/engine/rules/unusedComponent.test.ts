import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkWorkspace, disposeParserPool, loadWorkspace } from '../support/workspaceFixture';
import { applyFix, findingsOf, fixesOf } from './ruleHarness';
import { groupC } from './groupCFixtures';

const WHY = 'is never referenced in this document or the files it reaches: readers still have to understand it and keep it compatible, and an unused component is often a leftover that consumers believe is still in use. Remove it, or reference it where it belongs';
const library = () => ({ 'inventory.yaml': groupC('library3.yaml') });

const PAYMENTS_2 = {
  asyncapi: '2.6.0',
  info: { title: 'Payments', version: '1.0.0' },
  servers: { production: { url: 'kafka:9092', protocol: 'kafka', security: [{ sasl: [] }] } },
  channels: { payments: { subscribe: { message: { $ref: '#/components/messages/PaymentCaptured' } } } },
  components: {
    messages: { PaymentCaptured: { payload: { $ref: '#/components/schemas/Payment' } } },
    schemas: { Payment: { type: 'object' }, Refund: { type: 'object' } },
    securitySchemes: { sasl: { type: 'scramSha512' }, unused: { type: 'userPassword' } },
  },
};

describe('rule unused-component', function () {
  after(disposeParserPool);

  it('reports components nothing references, faded, in AsyncAPI 3.x', async function () {
    // Used: a channel through the root channel's $ref, a parameter and a message through that
    // channel, a trait, a schema inside another schema, a security scheme. The extension
    // `x-internal` is not a kind of component. A recursive schema that only references itself
    // is unused.
    const { lines, findings } = await findingsOf('unused-component', library());
    assert.deepEqual(lines, [
      `inventory.yaml:27:5 The parameter "warehouse" (components.parameters) ${WHY}`,
      `inventory.yaml:34:5 The message "StockReservedV1" (components.messages) ${WHY}`,
      `inventory.yaml:46:5 The schema "Tree" (components.schemas) ${WHY}`,
      `inventory.yaml:52:5 The schema "Money" (components.schemas) ${WHY}`,
      `inventory.yaml:55:5 The security scheme "apiKey" (components.securitySchemes) ${WHY}`,
    ]);
    assert.ok(findings.every((finding) => finding.tags?.includes('unnecessary')));
  });

  it('counts references from the files a document reaches and from other documents of the workspace', async function () {
    // orders.yaml uses Money as a payload (the index knows it) and warehouse as a parameter (it
    // does not): warehouse is still reported, with the file that may use it, and cannot be removed.
    const orders = "asyncapi: 3.0.0\ninfo: { title: Orders, version: 1.0.0 }\nchannels:\n  orders:\n    address: 'orders.{warehouse}'\n    parameters:\n      warehouse: { $ref: './inventory.yaml#/components/parameters/warehouse' }\n    messages:\n      placed:\n        payload: { $ref: './inventory.yaml#/components/schemas/Money' }\n";
    const files = { ...library(), 'orders.yaml': orders };
    const { lines } = await findingsOf('unused-component', files, 'inventory.yaml');
    assert.deepEqual(lines.map((line) => line.split(' (')[0]), ['inventory.yaml:27:5 The parameter "warehouse"', 'inventory.yaml:34:5 The message "StockReservedV1"', 'inventory.yaml:46:5 The schema "Tree"', 'inventory.yaml:55:5 The security scheme "apiKey"']);
    assert.match(lines[0]!, /never referenced in this document or the files it reaches; orders.yaml references this document and may use it:/);
    assert.deepEqual((await fixesOf('unused-component', files, 'inventory.yaml', 0)).fixes, []);
    assert.equal((await fixesOf('unused-component', files, 'inventory.yaml', 1)).fixes.length, 1);
    // A file this document reaches that points back into it.
    const document = "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  a:\n    messages:\n      placed: { $ref: '#/components/messages/Placed' }\ncomponents:\n  messages:\n    Placed:\n      payload: { $ref: './shared.yaml#/Placed' }\n  schemas:\n    Money: { type: object }\n";
    const shared = "Placed:\n  type: object\n  properties:\n    total: { $ref: './a.yaml#/components/schemas/Money' }\n";
    assert.deepEqual((await findingsOf('unused-component', { 'a.yaml': document, 'shared.yaml': shared })).lines, []);
  });

  it('removes a component, or its kind with its last entry, keeping the comments around it', async function () {
    const { fixes } = await fixesOf('unused-component', library(), 'inventory.yaml', 1);
    assert.deepEqual(fixes.map((fix) => [fix.title, !!fix.preferred, !!fix.breaking]), [['Remove the unused message "StockReservedV1" (no file in the workspace references it)', true, false]]);
    const message = await applyFix('unused-component', library(), /Remove the unused message "StockReservedV1"/, 'inventory.yaml', 1);
    assert.ok(message['inventory.yaml']!.includes("        - $ref: '#/components/messageTraits/Traced'\n    # The event of the previous version, kept for the migration.\n  messageTraits:\n"), message['inventory.yaml']);
    const parameter = await applyFix('unused-component', library(), /Remove the unused parameter "warehouse"/, 'inventory.yaml', 0);
    assert.ok(parameter['inventory.yaml']!.includes('  parameters:\n    sku: { description: The stock keeping unit. }\n  messages:\n'), parameter['inventory.yaml']);
    const last = { 'a.yaml': "asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\nchannels:\n  a:\n    messages:\n      placed: { $ref: '#/components/messages/Placed' }\ncomponents:\n  schemas:\n    Money: { type: object }\n  messages:\n    Placed: { payload: { type: object } }\n" };
    const fixed = await applyFix('unused-component', last, /Remove the unused schema "Money"/);
    assert.equal(fixed['a.yaml'], last['a.yaml'].replace('  schemas:\n    Money: { type: object }\n', ''));
  });

  it('in AsyncAPI 2.x, leaves security schemes to asyncapi2-unused-securityScheme, and fixes JSON', async function () {
    const files = { 'payments.json': JSON.stringify(PAYMENTS_2, null, 2) + '\n' };
    const { lines } = await findingsOf('unused-component', files);
    assert.deepEqual(lines, [`payments.json:39:7 The schema "Refund" (components.schemas) ${WHY}`]);
    const fixed = await applyFix('unused-component', files, /Remove the unused schema "Refund"/);
    assert.deepEqual(JSON.parse(fixed['payments.json']!).components.schemas, { Payment: { type: 'object' } });
  });

  it('replaces the parser\'s finding of the same component in the full check', async function () {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unused-component-'));
    try {
      fs.writeFileSync(path.join(folder, 'payments.json'), JSON.stringify(PAYMENTS_2, null, 2) + '\n');
      const workspace = await loadWorkspace(folder);
      const findings = (await checkWorkspace(workspace)).filter((finding) => finding.ruleId === 'unused-component' || finding.ruleId === 'asyncapi2-unused-securityScheme');
      assert.deepEqual(
        findings.map((finding) => `${finding.ruleId} ${finding.range.start.line + 1} ${finding.message.slice(0, 40)}`),
        ['unused-component 39 The schema "Refund" (components.schemas)', 'asyncapi2-unused-securityScheme 47 Potentially unused security scheme has b'],
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
