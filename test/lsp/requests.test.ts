import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LspTestClient } from './lspClient';

const INVALID_PARAMS = -32602;
const REQUEST_CANCELLED = -32800;

/** Every request the server registers (server/src/lsp/requestParams.ts declares their shapes). */
const METHODS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/prepareRename',
  'textDocument/rename',
  'textDocument/documentSymbol',
  'textDocument/codeLens',
  'codeLens/resolve',
  'textDocument/codeAction',
  'textDocument/semanticTokens/full',
  'textDocument/semanticTokens/range',
  'workspace/symbol',
  'eventDesign/graph',
  'eventDesign/baselineContent',
  'eventDesign/convertToAsyncApi3',
];

const DOCUMENT = ['asyncapi: 3.0.0', 'info:', '  title: Orders', '  version: 1.0.0', 'channels:', '  placed:', '    address: orders.placed', ''].join('\n');

describe('language server over JSON-RPC: requests, limits and file access', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  let base: string;
  let folder: string;
  const uriOf = (name: string) => URI.file(path.join(folder, name)).toString();

  async function start(trusted: boolean, settings: Record<string, unknown> = {}) {
    client = new LspTestClient();
    client.settings = settings;
    await client.initialize(URI.file(folder).toString(), { trusted });
  }

  beforeEach(function () {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-requests-'));
    folder = path.join(base, 'workspace');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '.event-design.yaml'), 'categories:\n  discipline: off\n');
    fs.writeFileSync(path.join(base, 'outside.yaml'), 'Secret:\n  description: the text of a file outside the workspace\n  payload: { type: object }\nOtherSecretKey: {}\n');
  });

  afterEach(async function () {
    await client.shutdown();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('completes right after a leading line feed (the document "\\n") and keeps answering', async function () {
    await start(true);
    const uri = uriOf('empty.yaml');
    await client.open(uri, '\n');
    assert.deepEqual((await client.completion(uri, { line: 1, character: 0 })).items, []);
    await client.open(uriOf('orders.yaml'), DOCUMENT);
    const symbols = await client.documentSymbols(uriOf('orders.yaml'));
    assert.ok(symbols.length > 0);
  });

  it('answers malformed parameters of every request with InvalidParams (-32602), before any handler runs', async function () {
    await start(true);
    const uri = uriOf('orders.yaml');
    await client.open(uri, DOCUMENT);
    for (const method of METHODS) {
      const response = await client.requestRaw(method, null);
      assert.equal(response.error?.code, INVALID_PARAMS, `${method} with null params: ${JSON.stringify(response)}`);
    }
    const malformed: Array<[string, unknown, RegExp]> = [
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }, /params\.position\.line/],
      ['textDocument/hover', { textDocument: {}, position: { line: 0, character: 0 } }, /params\.textDocument\.uri must be a string/],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 1.5 } }, /params\.position\.character/],
      ['textDocument/definition', { textDocument: { uri: 7 }, position: { line: 0, character: 0 } }, /params\.textDocument\.uri/],
      ['textDocument/references', { textDocument: { uri }, position: { line: 0, character: 0 } }, /params\.context must be an object/],
      ['textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 0 } }, /params\.newName/],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [null] } }, /params\.context\.diagnostics\[0\]/],
      ['textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 0, character: 0 } } }, /params\.range\.end/],
      ['workspace/symbol', {}, /params\.query/],
      ['eventDesign/baselineContent', { uri: null }, /params\.uri/],
      ['eventDesign/convertToAsyncApi3', {}, /params\.uri must be a string/],
      ['textDocument/hover', [{ textDocument: { uri }, position: { line: 0, character: 0 } }], /.+/],
    ];
    for (const [method, params, message] of malformed) {
      const response = await client.requestRaw(method, params);
      assert.equal(response.error?.code, INVALID_PARAMS, `${method} ${JSON.stringify(params)}: ${JSON.stringify(response)}`);
      assert.match(response.error!.message, message);
    }
    // Well-formed requests are still served.
    assert.ok((await client.documentSymbols(uri)).length > 0);
    assert.ok(client.alive);
  });

  it('honours $/cancelRequest: a cancelled request answers RequestCancelled, and the next one is served', async function () {
    await start(true);
    const uri = uriOf('orders.yaml');
    await client.open(uri, DOCUMENT);
    const response = await client.requestRaw('textDocument/documentSymbol', { textDocument: { uri } }, { cancel: true });
    assert.equal(response.error?.code, REQUEST_CANCELLED, JSON.stringify(response));
    assert.ok((await client.documentSymbols(uri)).length > 0);
  });

  it('untrusted: a $ref out of the workspace is not followed (information finding); hover and completion show nothing of the file', async function () {
    await start(false);
    const uri = uriOf('orders.yaml');
    const text = ['asyncapi: 3.0.0', 'info: { title: Orders, version: 1.0.0 }', 'channels:', '  placed:', '    address: orders.placed', '    messages:', "      placed: { $ref: '../outside.yaml#/Secret' }", ''].join('\n');
    await client.open(uri, text);
    const diagnostics = await client.waitFor(uri, (list) => list.some((diagnostic) => diagnostic.code === 'ref-outside-workspace'), 'the reference finding');
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range.start.line]), [['ref-outside-workspace', 3, 6]]);
    const line = text.split('\n')[6]!;
    const hover = await client.hover(uri, { line: 6, character: line.indexOf('#/Secret') + 3 });
    assert.ok(!JSON.stringify(hover).includes('outside the workspace'), JSON.stringify(hover));
    await client.change(uri, 2, [{ text: text.replace('#/Secret', '#/') }]);
    const completion = await client.completion(uri, { line: 6, character: line.indexOf('#/Secret') + 2 });
    assert.deepEqual(completion.items.map((item) => item.label), []);
  });

  for (const trusted of [false, true]) {
    it(`eventDesign/baselineContent serves files of the workspace folders only (${trusted ? 'trusted' : 'untrusted'})`, async function () {
      await start(trusted);
      const outside = URI.file(path.join(base, 'outside.yaml')).path;
      for (const uri of [`event-design-baseline:/saved${outside}`, 'event-design-baseline:/saved/etc/passwd', `event-design-baseline:/saved${URI.file(folder).path}/../outside.yaml`]) {
        assert.equal(await client.request('eventDesign/baselineContent', { uri }), null, uri);
      }
      const inside = (await client.request('eventDesign/baselineContent', { uri: `event-design-baseline:/saved${URI.file(folder).path}/.event-design.yaml` })) as { text: string; label: string } | null;
      assert.equal(inside?.text, 'categories:\n  discipline: off\n');
    });
  }

  it('a check that runs out of eventDesign.limits.checkTimeout gives check-timeout, an error on the file', async function () {
    await start(true, { limits: { checkTimeout: 1 } });
    const uri = uriOf('large.yaml');
    // Parsing and checking hundreds of channels alone takes far more than 1 ms.
    const channels = Array.from({ length: 400 }, (_, index) => `  c${index}:\n    address: orders.c${index}\n    messages:\n      m: { $ref: '#/components/messages/M' }`);
    await client.open(uri, ['asyncapi: 3.0.0', 'info: { title: Large, version: 1.0.0 }', 'channels:', ...channels, 'components:', '  messages:', '    M: { payload: { type: object } }', ''].join('\n'));
    const diagnostics = await client.waitFor(uri, (list) => list.some((diagnostic) => diagnostic.code === 'check-timeout'), 'check-timeout');
    const finding = diagnostics.find((diagnostic) => diagnostic.code === 'check-timeout')!;
    assert.equal(finding.severity, 1);
    assert.match(String(finding.message), /took longer than 1 ms/);
    assert.match(finding.codeDescription!.href, /docs\/rules\/check-timeout\.md$/);
  });
});
