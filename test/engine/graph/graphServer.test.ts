import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { GraphChangedNotification, GraphRequest, GraphSubscriptionNotification, isGraphResponse, type GraphResponse } from '../../../server/src/protocol';
import { findRepoRoot } from '../../grammar/repoRoot';
import { LspTestClient } from '../../lsp/lspClient';
import { syntheticServices } from './syntheticServices';

/**
 * `eventDesign/graph` on the bundled server, over JSON-RPC: the graph of a copy of examples/, an
 * unsaved edit announced by `eventDesign/graphChanged`, and `unchanged` when nothing changed.
 */
describe('the graph request of the language server', function () {
  let folder: string;
  let client: LspTestClient;

  before(async function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-graph-lsp-'));
    fs.cpSync(path.join(findRepoRoot(), 'examples'), folder, { recursive: true });
    client = new LspTestClient();
    await client.initialize(URI.file(folder).toString());
  });

  after(async function () {
    await client?.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const request = async (params: GraphRequest.Params): Promise<GraphResponse> => {
    const response: unknown = await client.connection.sendRequest(GraphRequest.method, params);
    assert.ok(isGraphResponse(response), JSON.stringify(response).slice(0, 300));
    return response;
  };

  /** Asks until the start-up indexing has reached every service (the index grows while it runs). */
  async function fullGraph() {
    for (;;) {
      const response = await request({ options: { collapse: 'auto', expandedServices: [] } });
      assert.equal(response.kind, 'graph');
      if (response.kind === 'graph' && response.graph.model.services.length === 7 && response.graph.model.channels.length === 17) return response.graph;
      await new Promise<void>((resolve) => {
        const subscription = client.connection.onNotification('eventDesign/status', (status: { state: string }) => {
          if (status.state !== 'indexing') {
            subscription.dispose();
            resolve();
          }
        });
      });
    }
  }

  it('answers with the laid-out graph, then with `unchanged` for the same generation', async function () {
    const graph = await fullGraph();
    assert.equal(graph.view.nodes.length, 24);
    assert.ok(graph.view.edges.every((edge) => edge.points.length >= 2));
    const again = await request({ options: { collapse: 'auto', expandedServices: [] }, knownGeneration: graph.model.generation });
    assert.deepEqual(again, { kind: 'unchanged', generation: graph.model.generation });
  });

  it('tells a subscribed client that an edit changed the graph, and the next answer has it', async function () {
    const before = await fullGraph();
    await client.connection.sendNotification(GraphSubscriptionNotification.method, { active: true });
    const changed = new Promise<GraphChangedNotification.Params>((resolve) => {
      const subscription = client.connection.onNotification(GraphChangedNotification.method, (params: GraphChangedNotification.Params) => {
        subscription.dispose();
        resolve(params);
      });
    });
    const file = path.join(folder, 'shipping', 'asyncapi.yaml');
    const uri = URI.file(file).toString();
    const text = fs.readFileSync(file, 'utf8');
    await client.open(uri, text);
    const edited = text.replace('title: Shipping Service', 'title: Shipping and Returns');
    assert.notEqual(edited, text);
    await client.change(uri, 2, [{ text: edited }]);
    const notice = await changed;
    assert.ok(notice.generation > before.model.generation);
    const after = await request({ options: { collapse: 'auto', expandedServices: [] }, knownGeneration: before.model.generation });
    assert.equal(after.kind, 'graph');
    if (after.kind === 'graph') assert.ok(after.graph.model.services.some((service) => service.title === 'Shipping and Returns'));
    await client.connection.sendNotification(GraphSubscriptionNotification.method, { active: false });
  });
});

/**
 * The layout runs in a worker thread: while the server lays out 1,000 densely connected channels
 * (grouped by service: about a second of elk), it answers a hover. The hover is sent once the
 * server says the layout went to the worker, and must be answered before the graph.
 */
describe('the graph layout off the request thread', function () {
  let folder: string;
  let client: LspTestClient;

  before(function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-graph-worker-'));
    for (const [name, text] of Object.entries(syntheticServices(1000, { spread: 39 }))) {
      fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      fs.writeFileSync(path.join(folder, name), text);
    }
    client = new LspTestClient();
    client.settings = { logLevel: 'debug', diagnostics: { workspace: 'openFiles' } };
  });

  after(async function () {
    await client?.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('answers a hover while a 1,000-channel layout is in progress', async function () {
    const documents = fs.readdirSync(folder).length;
    const indexed = new Promise<void>((resolve) => {
      const subscription = client.connection.onNotification('eventDesign/status', (status: { state: string; indexedFiles: number }) => {
        if (status.state !== 'indexing' && status.indexedFiles >= documents) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await client.initialize(URI.file(folder).toString());
    await indexed;
    const file = path.join(folder, 'service-01', 'asyncapi.yaml');
    const uri = URI.file(file).toString();
    // The request thread must be free of the opened document's checks and the contracts they start,
    // so that what could delay the hover is the layout alone: wait until the server says it is idle.
    const settled = new Promise<void>((resolve) => {
      const subscription = client.connection.onNotification('eventDesign/status', (status: { state: string; pending: number }) => {
        if (status.state === 'idle' && status.pending === 0) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await client.open(uri, fs.readFileSync(file, 'utf8'));
    await settled;

    const order: string[] = [];
    const graph = request(client, { options: { collapse: 'auto', expandedServices: [] } }).then((response) => {
      order.push('graph');
      return response;
    });
    await client.waitForLog(/graph layout in the worker: \d+ boxes, 1080 edges/);
    const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 4 } }).then(() => order.push('hover'));
    await Promise.all([graph, hover]);
    assert.deepEqual(order, ['hover', 'graph']);
    const response = await graph;
    assert.equal(response.kind, 'graph');
    if (response.kind === 'graph') assert.equal(response.graph.model.channels.length, 1000);
  });
});

async function request(client: LspTestClient, params: GraphRequest.Params): Promise<GraphResponse> {
  const response: unknown = await client.connection.sendRequest(GraphRequest.method, params);
  assert.ok(isGraphResponse(response), JSON.stringify(response).slice(0, 300));
  return response;
}
