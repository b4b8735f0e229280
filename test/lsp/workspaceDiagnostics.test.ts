import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver';
import { findRepoRoot } from '../grammar/repoRoot';
import { LspTestClient } from './lspClient';

const LEGACY = 'legacy/inventory-sync.yaml';
const STOCK_RESERVED = 'schemas/stock-reserved.schema.json';

/** The examples' usage-dependent finding: the schema's root object (line 6) says nothing of other properties. */
const hasContentModelFinding = (list: Diagnostic[]) => list.some((item) => item.code === 'content-model-explicit' && item.range.start.line === 5);

describe('the workspace\'s problems without opening files, over JSON-RPC (the bundle)', function () {
  this.timeout(180_000);
  let folder: string;
  let client: LspTestClient;
  const uriOf = (relative: string) => URI.file(path.join(folder, relative)).toString();

  beforeEach(function () {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-workspace-')));
    fs.cpSync(path.join(findRepoRoot(), 'examples'), folder, { recursive: true });
    // A rule only the parser reports, on every 3.0.0 document: the sign that the full validation ran.
    const config = path.join(folder, '.event-design.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^rules:\s*$/m, 'rules:\n  asyncapi-latest-version: hint'));
    client = new LspTestClient();
  });

  afterEach(async function () {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('lists every file\'s problems, follows changes and deletions on disk, and never publishes the same set twice', async function () {
    await client.initialize(URI.file(folder).toString());
    const legacy = uriOf(LEGACY);
    const schema = uriOf(STOCK_RESERVED);
    await client.waitFor(legacy, (list) => list.some((item) => item.code === 'asyncapi-schema' && item.severity === 1 && item.range.start.line === 47), 'the unopened document\'s error');
    // A schema's finding that exists because services use it, with neither opened.
    await client.waitFor(schema, hasContentModelFinding, 'the unopened schema\'s usage-dependent finding');
    // The parser's findings come too, as from `event-design check`.
    await client.waitFor(uriOf('orders/asyncapi.yaml'), (list) => list.some((item) => item.code === 'asyncapi-latest-version'), 'the full validation of an unopened document');

    const file = path.join(folder, STOCK_RESERVED);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"type": "object",', '"type": "object",\n  "additionalProperties": true,'));
    await client.filesChanged([{ uri: schema, type: 2 }]);
    await client.waitFor(schema, (list) => !hasContentModelFinding(list), 'the finding to go once the schema says it');

    fs.rmSync(path.join(folder, LEGACY));
    await client.filesChanged([{ uri: legacy, type: 3 }]);
    await client.waitFor(legacy, (list) => list.length === 0, 'a deleted file\'s problems to be cleared');

    const last = new Map<string, string>();
    for (const { uri, diagnostics } of client.published) {
      const text = JSON.stringify(diagnostics);
      assert.notEqual(last.get(uri), text, `${uri} was published twice in a row with the same diagnostics`);
      last.set(uri, text);
    }
  });

  it('with "openFiles", publishes for open files only, and a schema opened alone gets what its users say of it', async function () {
    client.settings = { diagnostics: { workspace: 'openFiles' } };
    client.watchServerRequests();
    await client.initialize(URI.file(folder).toString());
    await client.waitForServer((status) => status?.state === 'idle' && status.indexedFiles > 0, 'the start-up indexing');
    const schema = uriOf(STOCK_RESERVED);
    await client.open(schema, fs.readFileSync(path.join(folder, STOCK_RESERVED), 'utf8'), 'json');
    await client.waitFor(schema, hasContentModelFinding, 'the usage-dependent finding of the schema opened alone');
    // The contracts between services are published everywhere, as before; nothing else is.
    const elsewhere = client.published.filter((params) => params.uri !== schema).flatMap((params) => params.diagnostics.filter((item) => !String(item.code).startsWith('contract-')));
    assert.deepEqual(elsewhere, [], 'nothing but contracts is published for files that are not open');
  });
});
