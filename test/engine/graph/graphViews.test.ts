import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, Engine } from '../../../server/src/engine/engine';
import { EventFlow } from '../../../server/src/engine/graph/eventFlow';
import { COLLAPSE_THRESHOLD } from '../../../server/src/engine/graph/graphModel';
import { renderSvg } from '../../../server/src/engine/graph/svgExport';
import { dotString, mermaidText, toDot, toMermaid } from '../../../server/src/engine/graph/textExport';
import { findRepoRoot } from '../../grammar/repoRoot';
import { MemoryHost } from '../support/memoryHost';
import { loadWorkspace } from '../support/workspaceFixture';
import { syntheticServices } from './syntheticServices';

async function engineOf(files: Record<string, string>) {
  const host = new MemoryHost(Object.fromEntries(Object.entries(files).map(([name, text]) => [`file:///workspace/${name}`, text])));
  const engine = new Engine(host, DEFAULT_SETTINGS);
  for (const uri of host.files.keys()) await engine.indexFile(uri);
  return engine;
}

const XSS = '<img src=x onerror=alert(1)>';
const HOSTILE = [
  'asyncapi: 3.0.0',
  `info: { title: '${XSS} "quoted" #1', version: 1.0.0 }`,
  'channels:',
  `  evil: { address: 'a"b<c>d', messages: { evil: { name: '${XSS}' } } }`,
  'operations:',
  "  send: { action: send, channel: { $ref: '#/channels/evil' } }",
  '',
].join('\n');

describe('event-flow graph views and exports', function () {
  it(`opens grouped by service past ${COLLAPSE_THRESHOLD} channels, and expands one service on demand`, async function () {
    const engine = await engineOf(syntheticServices(300, { services: 12 }));
    const flow = new EventFlow(engine);
    const grouped = await flow.graph();
    assert.equal(grouped.model.channels.length, 300);
    assert.equal(grouped.view.collapsed, true);
    assert.match(grouped.view.note ?? '', /300 channels/);
    assert.equal(grouped.view.nodes.filter((node) => node.kind === 'channel').length, 0);
    const groups = grouped.view.nodes.filter((node) => node.kind === 'group');
    assert.equal(groups.length, 12, 'one group per owning service');
    assert.equal(groups.reduce((sum, group) => sum + (group.memberIds?.length ?? 0), 0), 300, 'every channel in exactly one group');
    assert.ok(grouped.view.edges.every((edge) => edge.id.startsWith('agg:')));
    assert.deepEqual(grouped.view.panels, []);

    const service = grouped.model.services[0]!;
    const expanded = await flow.graph({ collapse: 'auto', expandedServices: [service.id] });
    assert.deepEqual(expanded.view.expandedServices, [service.id]);
    // The overview stays where it was; the service's channels come in a panel beside it.
    const overview = expanded.view.nodes.filter((node) => node.panelOf === undefined);
    assert.deepEqual(overview, grouped.view.nodes);
    assert.equal(expanded.view.panels.length, 1);
    const panel = expanded.view.panels[0]!;
    assert.equal(panel.serviceId, service.id);
    assert.ok(panel.x >= grouped.view.width, 'beside the overview');
    const shown = expanded.view.nodes.filter((node) => node.kind === 'channel');
    assert.ok(shown.every((node) => node.panelOf === service.id && node.y >= panel.y && node.y + node.height <= panel.y + panel.height));
    const touched = grouped.model.channels.filter((channel) => channel.producers.includes(service.id) || channel.consumers.includes(service.id));
    assert.deepEqual(shown.map((node) => node.refId).sort(), touched.map((channel) => channel.id).sort(), 'exactly the channels the service uses, one by one');
    const counterparts = new Set(touched.flatMap((channel) => [...channel.producers, ...channel.consumers]));
    const proxies = expanded.view.nodes.filter((node) => node.kind === 'service' && node.panelOf);
    assert.deepEqual([...new Set(proxies.map((node) => node.refId))].sort(), [...counterparts].sort());
    // Senders on the left of the channels, receivers on their right: the panel reads left to right.
    const left = Math.min(...shown.map((node) => node.x));
    const right = Math.max(...shown.map((node) => node.x + node.width));
    for (const proxy of proxies) {
      if (proxy.sublabel === 'sends') assert.ok(proxy.x + proxy.width <= left, `${proxy.id} left of the channels`);
      else assert.ok(proxy.x >= right, `${proxy.id} right of the channels`);
    }
    assert.equal(new Set(expanded.view.nodes.map((node) => node.id)).size, expanded.view.nodes.length, 'ids stay unique');

    const never = await flow.graph({ collapse: 'never', expandedServices: [] });
    assert.equal(never.view.collapsed, false);
    assert.equal(never.view.nodes.filter((node) => node.kind === 'channel').length, 300);
  });

  it('groups a small workspace only when asked to', async function () {
    const workspace = await loadWorkspace(path.join(findRepoRoot(), 'examples'));
    const flow = new EventFlow(workspace.engine);
    assert.equal((await flow.graph()).view.collapsed, false);
    const always = await flow.graph({ collapse: 'always', expandedServices: [] });
    assert.equal(always.view.collapsed, true);
    assert.ok(always.view.nodes.some((node) => node.kind === 'group'));
  });

  it('keeps the picture when an edit leaves the boxes and edges as they were', async function () {
    const workspace = await loadWorkspace(path.join(findRepoRoot(), 'examples'));
    const flow = new EventFlow(workspace.engine);
    const before = await flow.graph();
    const uri = workspace.uriOf('orders/asyncapi.yaml');
    const text = workspace.host.files.get(uri)!;
    const edited = text.replace('Accepts orders from the storefront', 'Accepts orders from the web shop');
    assert.notEqual(edited, text);
    workspace.engine.setOpenDocument(uri, edited, 2);
    workspace.engine.indexOpenDocuments();
    const after = await flow.graph();
    assert.ok(after.model.generation > before.model.generation);
    assert.deepEqual(after.view, before.view, 'same boxes, same places');
  });

  it('exports Mermaid and DOT with every spec string escaped', async function () {
    const graph = await new EventFlow(await engineOf({ 'evil.yaml': HOSTILE })).graph();
    const mermaid = toMermaid(graph);
    assert.ok(mermaid.startsWith('flowchart LR\n'));
    assert.ok(!mermaid.includes('<img'), mermaid);
    assert.ok(mermaid.includes('#lt;img src=x onerror=alert(1)#gt;'));
    assert.equal(mermaidText('a"b#c'), 'a#quot;b#35;c');
    // Every label stays inside its quotes: no stray quote characters in a line.
    for (const line of mermaid.split('\n')) assert.equal((line.match(/"/g) ?? []).length % 2, 0, line);

    const dot = toDot(graph);
    assert.ok(dot.includes(dotString('a"b<c>d')));
    assert.equal(dotString('say "hi" \\ there'), '"say \\"hi\\" \\\\ there"');
  });

  it('exports an SVG of the same layout, with text escaped', async function () {
    const graph = await new EventFlow(await engineOf({ 'evil.yaml': HOSTILE })).graph();
    const svg = renderSvg(graph, 'dark');
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(!svg.includes('<img'), 'no markup from the spec');
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'));
    for (const node of graph.view.nodes) assert.ok(svg.includes(`transform="translate(${node.x} ${node.y})"`), `${node.id} where the layout put it`);
  });
});
