import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import { DEFAULT_SETTINGS, Engine } from '../../../server/src/engine/engine';
import type { BaselineSpec, BaselineVersion } from '../../../server/src/engine/host';
import { MemoryHost } from '../support/memoryHost';

const ROOT = 'file:///breaks';
const HEAD: BaselineSpec = { kind: 'ref', ref: 'HEAD' };

/** A workspace whose files also have a committed version (the baseline). */
class BaselineHost extends MemoryHost {
  readonly committed = new Map<string, string>();
  override baseline = async (uri: string, spec: BaselineSpec): Promise<BaselineVersion | undefined> => {
    const text = this.committed.get(uri);
    return text === undefined ? undefined : { text, label: spec.kind === 'ref' ? spec.ref : spec.kind };
  };
}

const SERVICE = (action: string) => `asyncapi: 3.0.0
info: { title: Billing, version: 1.2.0 }
channels:
  orders:
    address: orders.placed
    messages:
      placed: { $ref: '#/components/messages/OrderPlaced' }
operations:
  onOrderPlaced:
    action: ${action}
    channel: { $ref: '#/channels/orders' }
components:
  messages:
    OrderPlaced:
      payload: { $ref: './order-placed.schema.json' }
`;

const SCHEMA = (extra: Record<string, unknown> = {}, required: string[] = ['orderId']) =>
  JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required, properties: { orderId: { type: 'string' }, ...extra } }, null, 2) + '\n';

async function workspace(current: Record<string, string>, committed: Record<string, string>, config?: string) {
  const host = new BaselineHost();
  for (const [name, text] of Object.entries(current)) host.files.set(`${ROOT}/${name}`, text);
  for (const [name, text] of Object.entries(committed)) host.committed.set(`${ROOT}/${name}`, text);
  if (config) host.files.set(`${ROOT}/.event-design.yaml`, config);
  const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [ROOT] });
  for (const uri of host.files.keys()) await engine.indexFile(uri);
  return { engine, host };
}

async function breaksOf(engine: Engine, name: string) {
  const findings = [...(await engine.checkBreaks(`${ROOT}/${name}`, HEAD)).values()].flat();
  return findings.map((finding) => `${finding.uri.slice(ROOT.length + 1)}:${finding.range.start.line + 1} ${finding.severity} ${finding.ruleId} ${finding.message}`);
}

describe('compatibility breaks against the baseline', function () {
  it('judges a schema file by what the workspace does with it: received → BACKWARD', async function () {
    const { engine } = await workspace(
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': SCHEMA({ total: { type: 'number' } }, ['orderId', 'total']) },
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': SCHEMA() },
    );
    const lines = await breaksOf(engine, 'order-placed.schema.json');
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, /^order-placed\.schema\.json:\d+ error compatibility-break "total": .*Under BACKWARD: messages written with the old version/);
  });

  it('lets the same change pass when the schema is only sent (FORWARD, open content model)', async function () {
    const { engine } = await workspace(
      { 'service.yaml': SERVICE('send'), 'order-placed.schema.json': SCHEMA({ total: { type: 'number' } }, ['orderId', 'total']) },
      { 'service.yaml': SERVICE('send'), 'order-placed.schema.json': SCHEMA() },
    );
    assert.deepEqual(await breaksOf(engine, 'order-placed.schema.json'), []);
  });

  it('points at the old version, and offers to undo the change', async function () {
    const { engine, host } = await workspace(
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': SCHEMA({ total: { type: 'number' } }, ['orderId', 'total']) },
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': SCHEMA() },
    );
    const uri = `${ROOT}/order-placed.schema.json`;
    const [finding] = [...(await engine.checkBreaks(uri, HEAD)).values()].flat();
    assert.ok(finding?.related?.[0]?.uri.startsWith('event-design-baseline:/HEAD/breaks/order-placed.schema.json'), JSON.stringify(finding?.related));
    const fixes = await engine.fixesFor(uri, 'compatibility-break', finding!.path!, uri);
    assert.deepEqual(fixes.map((fix) => fix.title), ['Make "total" optional again', 'Accept this break (create .event-design.yaml)']);
    const file = (await engine.files.get(uri))!;
    host.files.set(uri, applyEdits(file.source, fixes[0]!.edits.get(uri)!));
    await engine.fileChanged(uri);
    // What is left is the STRICT verdict on an optional property added to an open model, and the
    // finding says so and what to do about it.
    const left = await breaksOf(engine, 'order-placed.schema.json');
    assert.equal(left.length, 1, left.join('\n'));
    assert.match(left[0]!, /An optional property added where the old schema allowed any undeclared property\..*use the LENIENT policy/);
  });

  it('undoes a property made required where it was optional', async function () {
    const base = JSON.stringify({ type: 'object', additionalProperties: false, required: ['orderId'], properties: { orderId: { type: 'string' }, total: { type: 'number' } } }, null, 2);
    const changed = base.replace('"orderId"\n  ],', '"orderId",\n    "total"\n  ],');
    assert.notEqual(changed, base);
    const { engine, host } = await workspace({ 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': changed }, { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': base });
    const uri = `${ROOT}/order-placed.schema.json`;
    const [finding] = [...(await engine.checkBreaks(uri, HEAD)).values()].flat();
    const fixes = await engine.fixesFor(uri, 'compatibility-break', finding!.path!, uri);
    assert.equal(fixes[0]?.title, 'Make "total" optional again');
    host.files.set(uri, applyEdits((await engine.files.get(uri))!.source, fixes[0]!.edits.get(uri)!));
    await engine.fileChanged(uri);
    assert.deepEqual(await breaksOf(engine, 'order-placed.schema.json'), []);
  });

  it('restores a property producers no longer send, as it was or deprecated', async function () {
    const before = SCHEMA({ total: { type: 'number', description: 'Order total.' } }, ['orderId', 'total']);
    const { engine, host } = await workspace({ 'service.yaml': SERVICE('send'), 'order-placed.schema.json': SCHEMA() }, { 'service.yaml': SERVICE('send'), 'order-placed.schema.json': before });
    const uri = `${ROOT}/order-placed.schema.json`;
    const breaks = [...(await engine.checkBreaks(uri, HEAD)).values()].flat().filter((finding) => finding.ruleId === 'compatibility-break');
    const removed = breaks.find((finding) => /"total"/.test(finding.message));
    assert.ok(removed, breaks.map((finding) => finding.message).join('\n'));
    const fixes = await engine.fixesFor(uri, 'compatibility-break', removed.path!, uri);
    assert.deepEqual(fixes.map((fix) => fix.title).slice(0, 2), ['Restore "total"', 'Restore "total" (marked deprecated)']);
    const restored = JSON.parse(applyEdits((await engine.files.get(uri))!.source, fixes[0]!.edits.get(uri)!));
    assert.deepEqual(restored.properties.total, { type: 'number', description: 'Order total.' });
    const deprecated = JSON.parse(applyEdits((await engine.files.get(uri))!.source, fixes[1]!.edits.get(uri)!));
    assert.equal(deprecated.properties.total.deprecated, true);
    host.files.set(uri, JSON.stringify(restored, null, 2));
    await engine.fileChanged(uri);
    assert.ok(!(await breaksOf(engine, 'order-placed.schema.json')).some((line) => /"total": .*removed/.test(line)));
  });

  it('re-adds an Avro enum symbol that readers of old data still meet', async function () {
    const service = SERVICE('receive').replace("payload: { $ref: './order-placed.schema.json' }", "payload: { schemaFormat: 'application/vnd.apache.avro;version=1.9.0', schema: { $ref: './status.avsc' } }");
    const status = (symbols: string[]) => JSON.stringify({ type: 'record', name: 'OrderStatus', namespace: 'com.example.orders.v1', fields: [{ name: 'status', type: { type: 'enum', name: 'Status', symbols } }] }, null, 2) + '\n';
    const { engine } = await workspace({ 'service.yaml': service, 'status.avsc': status(['PLACED', 'PAID']) }, { 'service.yaml': service, 'status.avsc': status(['PLACED', 'PAID', 'SHIPPED']) });
    const uri = `${ROOT}/status.avsc`;
    const [finding] = [...(await engine.checkBreaks(uri, HEAD)).values()].flat().filter((item) => item.ruleId === 'compatibility-break');
    assert.ok(finding, 'the removed symbol breaks new readers of old data');
    const fixes = await engine.fixesFor(uri, 'compatibility-break', finding.path!, uri);
    assert.equal(fixes[0]?.title, 'Re-add the symbol "SHIPPED"');
    const fixed = JSON.parse(applyEdits((await engine.files.get(uri))!.source, fixes[0]!.edits.get(uri)!));
    assert.deepEqual(fixed.fields[0].type.symbols, ['PLACED', 'PAID', 'SHIPPED']);
    // Or, intended: a new major version of the record's namespace.
    const bump = fixes.find((fix) => fix.title === "This break is intended: raise the schema's major version in namespace (v1 → v2)");
    assert.ok(bump, fixes.map((fix) => fix.title).join(' | '));
    assert.equal(JSON.parse(applyEdits((await engine.files.get(uri))!.source, bump.edits.get(uri)!)).namespace, 'com.example.orders.v2');
  });

  it('for an intended break in a schema, offers to raise the major version its $id names', async function () {
    const versioned = (extra: Record<string, unknown>, required: string[]) => SCHEMA(extra, required).replace('"$schema"', '"$id": "https://schemas.example.com/orders/v1/order-placed.json",\n  "$schema"');
    const { engine } = await workspace(
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': versioned({ total: { type: 'number' } }, ['orderId', 'total']) },
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': versioned({}, ['orderId']) },
    );
    const uri = `${ROOT}/order-placed.schema.json`;
    const [finding] = [...(await engine.checkBreaks(uri, HEAD)).values()].flat().filter((item) => item.ruleId === 'compatibility-break');
    const fixes = await engine.fixesFor(uri, 'compatibility-break', finding!.path!, uri);
    const bump = fixes.find((fix) => fix.title.startsWith('This break is intended'));
    assert.equal(bump?.title, "This break is intended: raise the schema's major version in $id (v1 → v2)");
    assert.ok(bump.manualOnly && bump.breaking, 'a person decides, and it says what it means');
    const raised = JSON.parse(applyEdits((await engine.files.get(uri))!.source, bump.edits.get(uri)!));
    assert.equal(raised.$id, 'https://schemas.example.com/orders/v2/order-placed.json');
  });

  it('compares AsyncAPI documents on their meaning', async function () {
    const { engine } = await workspace({ 'service.yaml': SERVICE('send').replace('address: orders.placed', 'address: orders.created'), 'order-placed.schema.json': SCHEMA() }, { 'service.yaml': SERVICE('send'), 'order-placed.schema.json': SCHEMA() });
    const lines = await breaksOf(engine, 'service.yaml');
    assert.ok(lines.some((line) => / error compatibility-break /.test(line)), lines.join('\n'));
  });

  it('says nothing without a baseline (a new file), and nothing for accepted breaks', async function () {
    const fresh = await workspace({ 'order-placed.schema.json': SCHEMA({ total: { type: 'number' } }, ['orderId', 'total']) }, {});
    assert.deepEqual(await breaksOf(fresh.engine, 'order-placed.schema.json'), []);
    const accepted = await workspace(
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': SCHEMA({ total: { type: 'number' } }, ['orderId', 'total']) },
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': SCHEMA() },
      'compatibility:\n  accepted:\n    - "order-placed.schema.json: required-property-added-to-open-content-model at /properties/total"\n',
    );
    assert.deepEqual(await breaksOf(accepted.engine, 'order-placed.schema.json'), []);
  });

  it('uses the configured mode for some files', async function () {
    const { engine } = await workspace(
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': SCHEMA({ total: { type: 'number' } }, ['orderId', 'total']) },
      { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': SCHEMA() },
      "compatibility:\n  modes:\n    - files: '*.schema.json'\n      mode: none\n",
    );
    assert.deepEqual(await breaksOf(engine, 'order-placed.schema.json'), []);
  });

  it('compares a document with every committed version under a transitive mode', async function () {
    // The refunds channel went two commits ago; HEAD already lacked it.
    const older = SERVICE('receive').replace('operations:\n', "  refunds:\n    address: orders.refunded\noperations:\n  onRefund:\n    action: receive\n    channel: { $ref: '#/channels/refunds' }\n");
    const files = { 'service.yaml': SERVICE('receive'), 'order-placed.schema.json': SCHEMA() };
    const transitive = await workspace(files, files, 'compatibility:\n  modes:\n    - files: service.yaml\n      mode: BACKWARD_TRANSITIVE\n');
    transitive.host.history = async (uri: string) => (uri.endsWith('/service.yaml') ? [{ text: SERVICE('receive'), label: 'HEAD' }, { text: older, label: 'abc1234' }] : []);
    const lines = await breaksOf(transitive.engine, 'service.yaml');
    assert.deepEqual(lines.map((line) => /compatibility-break "([^"]+)"/.exec(line)?.[1]), ['orders.refunded', 'onRefund'], lines.join('\n'));
    // Against HEAD alone (BACKWARD), nothing changed.
    const plain = await workspace(files, files);
    plain.host.history = transitive.host.history;
    assert.deepEqual(await breaksOf(plain.engine, 'service.yaml'), []);
  });

  describe('a .proto file against its baseline', function () {
    const V1 = 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  string id = 1;\n  string note = 2;\n  int32 qty = 3;\n}\n';
    const V2 = 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  string id = 1;\n  string qty = 3;\n}\n';
    const uri = `${ROOT}/order.proto`;

    it('a break at the changed type, a warning for the removed field, each with the old place as related information', async function () {
      const { engine } = await workspace({ 'order.proto': V2 }, { 'order.proto': V1 });
      const findings = [...(await engine.checkBreaks(uri, HEAD)).values()].flat();
      const lines = findings.map((finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.severity} ${finding.ruleId} ${finding.related?.[0]?.range.start.line}`);
      assert.deepEqual(lines.sort(), ['4:9 warning compatibility-warning 5', '6:3 error compatibility-break 6']);
      const retyped = findings.find((finding) => finding.ruleId === 'compatibility-break')!;
      assert.match(retyped.message, /"qty": A field's scalar type changed .*\(int32 → string\)\. Under BACKWARD: /);
    });

    it('fixes: restore the old type; reserve the removed field\'s number and name, or restore it', async function () {
      const { engine } = await workspace({ 'order.proto': V2 }, { 'order.proto': V1 });
      const findings = [...(await engine.checkBreaks(uri, HEAD)).values()].flat();
      const apply = async (ruleId: string, title: RegExp) => {
        const finding = findings.find((candidate) => candidate.ruleId === ruleId)!;
        const fixes = await engine.fixesFor(uri, ruleId, finding.path!, uri);
        const fix = fixes.find((candidate) => title.test(candidate.title));
        assert.ok(fix, `${ruleId}: ${fixes.map((candidate) => candidate.title).join(' | ')}`);
        const file = (await engine.files.get(uri))!;
        return applyEdits(file.source, fix.edits.get(uri)!);
      };
      assert.equal(await apply('compatibility-break', /^Restore the old type \(int32\)$/), V2.replace('string qty', 'int32 qty'));
      assert.equal(await apply('compatibility-warning', /^Reserve its number and name/), V2.replace('  string qty = 3;\n', '  string qty = 3;\n  reserved 2; reserved "note";\n'));
      assert.equal(await apply('compatibility-warning', /^Restore the field "note"$/), V2.replace('  string qty = 3;\n', '  string qty = 3;\n  string note = 2;\n'));
    });

    it('the number and name reserved: no warning left; a field added: nothing to say', async function () {
      const reserved = V1.replace('  string note = 2;\n', '  reserved 2;\n  reserved "note";\n');
      const added = V1.replace('}\n', '  string email = 4;\n}\n');
      for (const current of [reserved, added]) {
        const { engine } = await workspace({ 'order.proto': current }, { 'order.proto': V1 });
        assert.deepEqual([...(await engine.checkBreaks(uri, HEAD)).values()].flat(), []);
      }
    });

    it('under Buf\'s rules (compatibility.protobuf): the removed field is a FIELD_NO_DELETE break with the reserve fix; under WIRE the reservation clears it', async function () {
      const { engine } = await workspace({ 'order.proto': V2 }, { 'order.proto': V1 }, 'compatibility:\n  protobuf: { rules: buf }\n');
      const findings = [...(await engine.checkBreaks(uri, HEAD)).values()].flat();
      assert.deepEqual(findings.map((finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.ruleId}`).sort(), ['4:9 compatibility-break', '6:3 compatibility-break']);
      const removed = findings.find((finding) => finding.range.start.line === 3)!;
      assert.match(removed.message, /^"note": A field removed .*\. Breaks Buf's FIELD_NO_DELETE \(category FILE, which protects generated code, file by file, and the encodings\)\. Restore the field\./);
      const fixes = await engine.fixesFor(uri, 'compatibility-break', removed.path!, uri);
      assert.deepEqual(fixes.map((fix) => fix.title).slice(0, 2), ['Restore the field "note"', 'Reserve its number and name (reserved 2; reserved "note";)']);
      const reserved = V1.replace('  string note = 2;\n', '  reserved 2;\n');
      const wire = await workspace({ 'order.proto': reserved }, { 'order.proto': V1 }, 'compatibility:\n  protobuf: { rules: buf, bufCategory: WIRE }\n');
      assert.deepEqual([...(await wire.engine.checkBreaks(uri, HEAD)).values()].flat(), []);
      const wireJson = await workspace({ 'order.proto': reserved }, { 'order.proto': V1 }, 'compatibility:\n  protobuf: { rules: buf, bufCategory: WIRE_JSON }\n');
      const [nameFree] = [...(await wireJson.engine.checkBreaks(uri, HEAD)).values()].flat();
      assert.match(nameFree!.message, /Breaks Buf's FIELD_NO_DELETE_UNLESS_NAME_RESERVED \(category WIRE_JSON, .*\)\. Reserve its number and name \(a quick fix does\), or restore it\.$/);
    });

    it('the mode from .event-design.yaml: FORWARD makes a new message type a break, as the registry does', async function () {
      const withRefund = `${V1}message Refund {\n  string id = 1;\n}\n`;
      const { engine } = await workspace({ 'order.proto': withRefund }, { 'order.proto': V1 }, 'compatibility:\n  defaultMode: FORWARD\n');
      const findings = [...(await engine.checkBreaks(uri, HEAD)).values()].flat();
      assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.range.start.line + 1]), [['compatibility-break', 9]]);
      assert.match(findings[0]!.message, /^"Refund": A message type added\. Under FORWARD: existing consumers/);
    });
  });
});
