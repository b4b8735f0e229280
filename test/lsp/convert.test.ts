import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { parse as parseYaml } from 'yaml';
import { ConvertToAsyncApi3Request } from '../../server/src/protocol';
import { LspTestClient } from './lspClient';

/** A 2.6 service whose message lives in another file, and whose channel parameter has a `pattern` (3.0 parameters have none). */
const SERVICE = `asyncapi: 2.6.0
info:
  title: Orders # the service
  version: 1.0.0
channels:
  orders.{region}:
    parameters:
      region:
        schema:
          type: string
          pattern: ^[a-z]{2}$
    subscribe:
      operationId: sendOrder
      message:
        $ref: './messages.yaml#/OrderPlaced'
`;

describe('language server over JSON-RPC: converting to AsyncAPI 3.0', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  let folder: string;
  const uriOf = (name: string) => URI.file(path.join(folder, name)).toString();

  beforeEach(async function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-convert-'));
    fs.writeFileSync(path.join(folder, 'messages.yaml'), 'OrderPlaced:\n  name: OrderPlaced\n  payload:\n    type: object\n');
    client = new LspTestClient();
    await client.initialize(URI.file(folder).toString());
  });
  afterEach(async function () {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const convert = (uri: string) => client.connection.sendRequest(ConvertToAsyncApi3Request.method, { uri } satisfies ConvertToAsyncApi3Request.Params) as Promise<ConvertToAsyncApi3Request.Result>;
  const actionsAt = (uri: string, line: number) => client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: [] } }) as Promise<CodeAction[]>;

  it('answers the converted text of the open document, its version, and what did not survive', async function () {
    const uri = uriOf('orders.yaml');
    await client.open(uri, SERVICE, 'yaml', 7);
    const result = await convert(uri);
    assert.equal(result.status, 'converted', JSON.stringify(result.errors));
    assert.equal(result.version, 7);
    const converted = parseYaml(result.text!);
    assert.equal(converted.operations.sendOrder.action, 'send');
    // The message in the other file was read for the comparison: only the parameter's pattern is lost.
    assert.deepEqual(result.differences.map((difference) => difference.kind), ['pattern-removed']);
    assert.equal(result.differences[0]!.old.range!.start.line, 10);
    assert.match(result.text!, /title: Orders # the service/);
  });

  it('offers "Convert to AsyncAPI 3.0…" (refactor.rewrite) on the asyncapi line of a 2.x document only', async function () {
    const uri = uriOf('orders.yaml');
    await client.open(uri, SERVICE);
    await client.waitFor(uri, () => true, 'the first diagnostics');
    const actions = await actionsAt(uri, 0);
    const action = actions.find((candidate) => candidate.kind === 'refactor.rewrite');
    assert.deepEqual(action && { title: action.title, command: action.command?.command, arguments: action.command?.arguments }, { title: 'Convert to AsyncAPI 3.0…', command: 'eventDesign.convertToAsyncApi3', arguments: [uri] });
    assert.equal((await actionsAt(uri, 3)).filter((candidate) => candidate.kind === 'refactor.rewrite').length, 0, 'not on another line');

    const v3 = uriOf('v3.yaml');
    await client.open(v3, 'asyncapi: 3.0.0\ninfo: { title: x, version: "1" }\n');
    await client.waitFor(v3, () => true, 'the first diagnostics');
    assert.equal((await actionsAt(v3, 0)).filter((candidate) => candidate.kind === 'refactor.rewrite').length, 0, 'not on 3.x');
    const result = await convert(v3);
    assert.equal(result.status, 'up-to-date');
  });

  it('says why it cannot convert, without failing the request: broken YAML, a document not open', async function () {
    const uri = uriOf('broken.yaml');
    await client.open(uri, 'asyncapi: 2.6.0\ninfo: [\n');
    const broken = await convert(uri);
    assert.equal(broken.status, 'refused');
    assert.match(broken.errors[0]!, /does not parse/);
    const closed = await convert(uriOf('messages.yaml'));
    assert.deepEqual(closed.errors, ['The document is not open in the editor.']);
    assert.ok(client.alive);
  });
});
