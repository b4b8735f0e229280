import { execFileSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LspTestClient } from './lspClient';

const INVALID = ['asyncapi: 3.0.0', 'info:', '  title: Orders', '  version: 1.0.0', 'channels:', '  placed:', '    address: orders.placed', 'operations:', '  announce:', '    action: publish', '    channel:', "      $ref: '#/channels/placed'", ''].join('\n');

describe('language server over JSON-RPC (the bundle)', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  let folder: string;
  const uriOf = (name: string) => URI.file(path.join(folder, name)).toString();

  beforeEach(async function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-lsp-'));
    // These tests are about the protocol: the discipline rules (tested in test/engine/rules) stay
    // out of the exact diagnostics, except the one whose quick fix is tested here.
    fs.writeFileSync(path.join(folder, '.event-design.yaml'), 'categories:\n  discipline: off\nrules:\n  info-version-semver: warning\n');
    client = new LspTestClient();
    const result = (await client.initialize(URI.file(folder).toString())) as { capabilities: { textDocumentSync: { change: number } } };
    assert.equal(result.capabilities.textDocumentSync.change, 2, 'incremental sync');
  });

  afterEach(async function () {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reports an error at its exact range, with rule id, source and documentation link', async function () {
    const uri = uriOf('orders.yaml');
    await client.open(uri, INVALID);
    const [diagnostic] = await client.waitFor(uri, (list) => list.length > 0, 'the action error');
    assert.deepEqual(diagnostic!.range, { start: { line: 9, character: 12 }, end: { line: 9, character: 19 } });
    assert.equal(diagnostic!.code, 'asyncapi-schema');
    assert.equal(diagnostic!.source, 'event-design');
    assert.equal(diagnostic!.severity, 1);
    assert.match(diagnostic!.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/asyncapi-schema\.md$/);
  });

  it('follows incremental edits: an error appears on the edited line and goes when it is undone', async function () {
    const uri = uriOf('orders.yaml');
    const valid = INVALID.replace('action: publish', 'action: send');
    await client.open(uri, valid);
    await client.waitFor(uri, (list) => list.length === 0, 'a clean document');
    await client.change(uri, 2, [{ range: { start: { line: 9, character: 12 }, end: { line: 9, character: 16 } }, text: 'sned' }]);
    const after = await client.waitFor(uri, (list) => list.some((diagnostic) => diagnostic.code === 'asyncapi-schema'), 'the error of the edit');
    assert.equal(after[0]!.range.start.line, 9);
    assert.match(String(after[0]!.message), /Did you mean "send"\?/);
    await client.change(uri, 3, [{ range: { start: { line: 9, character: 12 }, end: { line: 9, character: 16 } }, text: 'send' }]);
    await client.waitFor(uri, (list) => list.length === 0, 'the error to go');
  });

  it('adds the full validation findings after the fast ones', async function () {
    const uri = uriOf('parameters.yaml');
    const text = ['asyncapi: 3.0.0', 'info: { title: P, version: 1.0.0 }', 'channels:', '  updates:', "    address: 'orders.{orderId}'", '    parameters:', '      customerId: {}', ''].join('\n');
    await client.open(uri, text);
    const list = await client.waitFor(uri, (current) => current.some((diagnostic) => diagnostic.code === 'asyncapi3-channel-parameters'), 'the parser finding');
    assert.ok(list.some((diagnostic) => diagnostic.range.start.line === 6 && /redundant defined "customerId"/.test(String(diagnostic.message))));
  });

  it('clears a document\'s diagnostics when it is closed', async function () {
    const uri = uriOf('orders.yaml');
    await client.open(uri, INVALID);
    await client.waitFor(uri, (list) => list.length > 0, 'the error');
    await client.close(uri);
    await client.waitFor(uri, (list) => list.length === 0, 'no diagnostics after close');
  });

  it('checks a referring document again when the schema it references changes, open or on disk', async function () {
    const schemaPath = path.join(folder, 'order.schema.json');
    const schemaUri = uriOf('order.schema.json');
    fs.writeFileSync(schemaPath, JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { total: { type: 'string' } } }, null, 2));
    const uri = uriOf('service.yaml');
    const document = ['asyncapi: 3.0.0', 'info: { title: S, version: 1.0.0 }', 'components:', '  messages:', '    OrderPlaced:', "      payload: { $ref: './order.schema.json' }", '      examples:', '        - payload: { total: 10 }', ''].join('\n');
    await client.open(uri, document);
    await client.waitFor(uri, (list) => list.some((diagnostic) => diagnostic.code === 'message-example-invalid'), 'the example mismatch');
    // Through the editor: the schema is opened and edited without saving.
    const numberSchema = JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { total: { type: 'number' } } }, null, 2);
    await client.open(schemaUri, fs.readFileSync(schemaPath, 'utf8'), 'json');
    await client.change(schemaUri, 2, [{ text: numberSchema }]);
    const noMismatch = (list: Array<{ code?: unknown }>) => !list.some((diagnostic) => diagnostic.code === 'message-example-invalid');
    await client.waitFor(uri, noMismatch, 'the mismatch to go after the unsaved schema edit');
    // On disk: the editor closes it (back to the disk text), then the file changes on disk.
    await client.close(schemaUri);
    await client.waitFor(uri, (list) => list.some((diagnostic) => diagnostic.code === 'message-example-invalid'), 'the mismatch again with the disk text');
    fs.writeFileSync(schemaPath, numberSchema);
    await client.filesChanged([{ uri: schemaUri, type: 2 }]);
    await client.waitFor(uri, noMismatch, 'the mismatch to go after the disk change');
  });

  it('reports problems inside a referenced file in that file, and summarises them at the $ref', async function () {
    fs.writeFileSync(path.join(folder, 'shared.yaml'), 'Placed:\n  contentType: 7\n  payload: { type: object }\n');
    const uri = uriOf('service.yaml');
    await client.open(uri, ['asyncapi: 3.0.0', 'info: { title: S, version: 1.0.0 }', 'channels:', '  placed:', '    address: orders.placed', '    messages:', "      placed: { $ref: './shared.yaml#/Placed' }", ''].join('\n'));
    const inShared = await client.waitFor(uriOf('shared.yaml'), (list) => list.some((diagnostic) => diagnostic.code === 'asyncapi-schema'), 'the problem in the shared file');
    assert.equal(inShared.find((diagnostic) => diagnostic.code === 'asyncapi-schema')!.range.start.line, 1);
    const summary = await client.waitFor(uri, (list) => list.some((diagnostic) => diagnostic.code === 'ref-target-invalid'), 'the summary at the $ref');
    const diagnostic = summary.find((item) => item.code === 'ref-target-invalid')!;
    assert.equal(diagnostic.range.start.line, 6);
    assert.equal(diagnostic.relatedInformation?.[0]?.location.uri, uriOf('shared.yaml'));
  });

  it('offers the quick fixes of a rule, and "fix all" applies the ones that break nobody', async function () {
    const uri = uriOf('versioned.yaml');
    const text = ['asyncapi: 3.0.0', 'info:', '  title: Versioned', "  version: '2024-03' # release train", ''].join('\n');
    await client.open(uri, text);
    const diagnostics = await client.waitFor(uri, (list) => list.some((diagnostic) => diagnostic.code === 'info-version-semver'), 'the version finding');
    const finding = diagnostics.find((diagnostic) => diagnostic.code === 'info-version-semver')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as Array<{ title: string; kind: string; isPreferred?: boolean; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
    assert.deepEqual(actions.map((action) => [action.title, action.kind, action.isPreferred]), [['Set info.version to "2024.3.0"', 'quickfix', true]]);
    assert.equal(actions[0]!.edit.changes[uri]![0]!.newText, "'2024.3.0'");
    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: finding.range, context: { diagnostics: [], only: ['source.fixAll'] } })) as Array<{ title: string; kind: string; edit: { changes: Record<string, unknown[]> } }>;
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0]!.kind, 'source.fixAll.eventDesign');
    assert.equal(fixAll[0]!.edit.changes[uri]!.length, 1);
  });

  it('survives hostile input and keeps answering, with bounded memory', async function () {
    const bomb = ['asyncapi: 3.0.0', 'info: { title: Bomb, version: 1.0.0 }', 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 12; level++) bomb.push(`x-a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
    const inputs: Array<[string, string]> = [
      ['bomb.yaml', bomb.join('\n') + '\n'],
      ['binary.yaml', 'asyncapi: 3.0.0\n\u0000\u0001PNG'],
      ['broken.json', '{ "asyncapi": "3.0.0", "info": '],
      ['cycle.yaml', "asyncapi: 3.0.0\ninfo: { title: C, version: 1.0.0 }\ncomponents:\n  schemas:\n    A: { $ref: '#/components/schemas/B' }\n    B: { $ref: '#/components/schemas/A' }\n"],
      ['empty.yaml', ''],
      ['invalid.yaml', 'asyncapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: : :\n\t- tab\n'],
      ['chain.yaml', `asyncapi: 3.0.0\ninfo: { title: Chain, version: 1.0.0 }\ncomponents:\n  schemas:\n${Array.from({ length: 1000 }, (_, index) => `    S${index}:\n      $ref: '#/components/schemas/S${index + 1}'`).join('\n')}\n    S1000:\n      type: string\n`],
      ['huge.yaml', 'asyncapi: 3.0.0\ninfo: { title: H, version: 1.0.0 }\ncomponents:\n' + Array.from({ length: 220_000 }, (_, index) => `  x-f${index}: ${'z'.repeat(90)}`).join('\n') + '\n'],
    ];
    for (const [name, text] of inputs) await client.open(uriOf(name), text);
    await client.waitFor(uriOf('bomb.yaml'), (list) => list.some((diagnostic) => /Aliases expand/.test(String(diagnostic.message))), 'the alias bomb finding');
    await client.waitFor(uriOf('binary.yaml'), (list) => list.some((diagnostic) => /not text/.test(String(diagnostic.message))), 'the binary finding');
    await client.waitFor(uriOf('broken.json'), (list) => list.some((diagnostic) => diagnostic.code === 'syntax'), 'the JSON syntax error');
    await client.waitFor(uriOf('cycle.yaml'), (list) => list.filter((diagnostic) => diagnostic.code === 'ref-cycle').length === 2, 'both cycle findings');
    await client.waitFor(uriOf('huge.yaml'), (list) => list.some((diagnostic) => diagnostic.code === 'file-too-large'), 'the size finding');
    await client.waitFor(uriOf('empty.yaml'), (list) => list.length === 0, 'nothing for the empty file');
    await client.waitFor(uriOf('invalid.yaml'), (list) => list.some((diagnostic) => diagnostic.code === 'syntax'), 'the YAML syntax errors');
    await client.waitFor(uriOf('chain.yaml'), (list) => !list.some((diagnostic) => diagnostic.severity === 1), 'the 1,000-deep $ref chain checked without an error');
    // Still answering: a normal document gets its diagnostics.
    await client.open(uriOf('after.yaml'), INVALID);
    await client.waitFor(uriOf('after.yaml'), (list) => list.some((diagnostic) => diagnostic.code === 'asyncapi-schema'), 'a normal document after the hostile ones');
    assert.ok(client.alive);
    const status = fs.readFileSync(`/proc/${client.pid}/status`, 'utf8');
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    assert.ok(peakKb > 0 && peakKb < 3 * 1024 * 1024, `peak memory ${Math.round(peakKb / 1024)} MB`);
  });
});

describe('compatibility breaks over JSON-RPC (a real git repository)', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  let folder: string;

  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: folder });
  const SERVICE = ['asyncapi: 3.0.0', 'info: { title: Billing, version: 1.0.0 }', 'channels:', '  orders:', '    address: orders.placed', "    messages: { placed: { $ref: '#/components/messages/OrderPlaced' } }", 'operations:', '  onOrderPlaced:', '    action: receive', "    channel: { $ref: '#/channels/orders' }", 'components:', '  messages:', "    OrderPlaced: { payload: { $ref: './order.schema.json' } }", ''].join('\n');
  const schema = (required: string[], extra: Record<string, unknown> = {}) => JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, required, properties: { orderId: { type: 'string' }, ...extra } }, null, 2) + '\n';

  before(async function () {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-breaks-')));
    fs.writeFileSync(path.join(folder, '.event-design.yaml'), 'categories:\n  discipline: off\n');
    fs.writeFileSync(path.join(folder, 'service.yaml'), SERVICE);
    fs.writeFileSync(path.join(folder, 'order.schema.json'), schema(['orderId']));
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    client = new LspTestClient();
    await client.initialize(URI.file(folder).toString());
  });

  after(async function () {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reports a break at the changed line with the old version one click away, and the quick fix clears it', async function () {
    const uri = URI.file(path.join(folder, 'order.schema.json')).toString();
    const changed = schema(['orderId', 'total'], { total: { type: 'number' } });
    await client.open(uri, changed, 'json');
    const diagnostics = await client.waitFor(uri, (list) => list.some((diagnostic) => diagnostic.code === 'compatibility-break'), 'the break');
    const diagnostic = diagnostics.find((item) => item.code === 'compatibility-break')!;
    assert.match(String(diagnostic.message), /Under BACKWARD/);
    assert.equal(changed.split('\n')[diagnostic.range.start.line]!.trim().startsWith('"total"'), true, `the break is on the "total" line, not ${diagnostic.range.start.line + 1}`);
    const before = diagnostic.relatedInformation?.[0];
    assert.ok(before?.location.uri.startsWith('event-design-baseline:/HEAD/'), JSON.stringify(before));
    const baseline = (await client.connection.sendRequest('eventDesign/baselineContent', { uri: before!.location.uri })) as { text: string; label: string };
    assert.equal(baseline.text, schema(['orderId']));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as Array<{ title: string; edit: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> } }>;
    const undo = actions.find((action) => action.title === 'Make "total" optional again');
    assert.ok(undo, actions.map((action) => action.title).join(' | '));
    const edit = undo.edit.changes[uri]![0]!;
    await client.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
    await client.waitFor(uri, (list) => !list.some((item) => item.code === 'compatibility-break' && /required/i.test(String(item.message))), 'the break to go after the fix');
  });
  it('a .proto edit against git: a break at the changed type, and "restore the old type" clears it', async function () {
    const uri = URI.file(path.join(folder, 'order.proto')).toString();
    const committed = 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  string id = 1;\n  int32 qty = 2;\n}\n';
    fs.writeFileSync(path.join(folder, 'order.proto'), committed);
    git('add', 'order.proto');
    git('commit', '-q', '-m', 'a proto');
    const changed = committed.replace('int32 qty', 'string qty');
    await client.open(uri, changed, 'proto3');
    const diagnostics = await client.waitFor(uri, (list) => list.some((diagnostic) => diagnostic.code === 'compatibility-break'), 'the .proto break');
    const diagnostic = diagnostics.find((item) => item.code === 'compatibility-break')!;
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [5, 2, 8]);
    assert.ok(diagnostic.relatedInformation?.[0]?.location.uri.startsWith('event-design-baseline:/HEAD/'), JSON.stringify(diagnostic.relatedInformation));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as Array<{ title: string; edit: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> } }>;
    const restore = actions.find((action) => action.title === 'Restore the old type (int32)');
    assert.ok(restore, actions.map((action) => action.title).join(' | '));
    const edit = restore.edit.changes[uri]![0]!;
    await client.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
    await client.waitFor(uri, (list) => !list.some((item) => item.code === 'compatibility-break'), 'the .proto break to go after the fix');
  });
});
