import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepoRoot } from '../../grammar/repoRoot';

/**
 * `event-design graph`, the bundled CLI as a process (so elkjs runs as it ships: bundled, with no
 * worker), on examples/.
 */
const REPO = findRepoRoot();
const CLI = path.join(REPO, 'dist', 'cli', 'event-design.js');

function run(args: string[], cwd = path.join(REPO, 'examples')) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('event-design graph (CLI)', function () {
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);
  });

  it('prints the model and its layout as JSON, with paths relative to the current folder', function () {
    const { code, stdout, stderr } = run(['graph']);
    assert.equal(code, 0, stderr);
    const output = JSON.parse(stdout) as { formatVersion: number; model: { services: { title: string; uri: string }[]; channels: unknown[] }; view: { nodes: unknown[]; edges: unknown[] } };
    assert.equal(output.formatVersion, 1);
    assert.equal(output.model.services.length, 7);
    assert.equal(output.model.channels.length, 17);
    assert.ok(output.model.services.some((service) => service.uri === 'orders/asyncapi.yaml'), JSON.stringify(output.model.services.map((service) => service.uri)));
    assert.equal(output.view.nodes.length, 24);
  });

  it('writes Mermaid, DOT and SVG from the same graph', function () {
    const mermaid = run(['graph', '--format', 'mermaid']);
    assert.equal(mermaid.code, 0, mermaid.stderr);
    assert.match(mermaid.stdout, /^flowchart LR\n/);
    assert.match(mermaid.stdout, /== "PaymentAuthorizationRequest" ==>/, 'the request drawn as a thick arrow');
    assert.match(mermaid.stdout, /-\. "PaymentAuthorizationResult" \.->/, 'the reply dashed');
    const dot = run(['graph', '--format=dot']);
    assert.equal(dot.code, 0, dot.stderr);
    assert.match(dot.stdout, /^digraph "event-flow" \{/);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-graph-'));
    try {
      const svgFile = path.join(folder, 'flow.svg');
      const svg = run(['graph', '.', '--format', 'svg', '--theme', 'dark', '--output', svgFile]);
      assert.equal(svg.code, 0, svg.stderr);
      assert.equal(svg.stdout, '');
      const text = fs.readFileSync(svgFile, 'utf8');
      assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.ok(text.includes('orders.order-placed'));
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('groups and expands on request', function () {
    const grouped = run(['graph', '--collapse', 'always', '--expand', 'Orders Service']);
    assert.equal(grouped.code, 0, grouped.stderr);
    const output = JSON.parse(grouped.stdout) as { view: { collapsed: boolean; expandedServices: string[]; nodes: { kind: string }[] } };
    assert.equal(output.view.collapsed, true);
    assert.equal(output.view.expandedServices.length, 1);
    assert.ok(output.view.nodes.some((node) => node.kind === 'channel') && output.view.nodes.some((node) => node.kind === 'group'));
  });

  it('exits 1 with --strict when channels are orphans or messages unconsumed', function () {
    const { code, stderr } = run(['graph', '--strict', '--format', 'mermaid']);
    assert.equal(code, 1);
    assert.match(stderr, /channel warehouse\.label-print: no service receives from it/);
    assert.match(stderr, /message SendEmail: sent by Notifications Service, received by no service/);
  });

  it('exits 2 on usage errors and where there is no AsyncAPI document', function () {
    assert.equal(run(['graph', '--format', 'png']).code, 2);
    assert.equal(run(['graph', '--bogus']).code, 2);
    assert.equal(run(['graph', 'no-such-folder']).code, 2);
    const schemas = run(['graph', 'schemas']);
    assert.equal(schemas.code, 2);
    assert.match(schemas.stderr, /No AsyncAPI document/);
    const expand = run(['graph', '--expand', 'Nobody']);
    assert.equal(expand.code, 2);
    assert.match(expand.stderr, /no service titled or stored at "Nobody"/);
  });

  it('documents itself', function () {
    const { code, stdout } = run(['graph', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /--format <json\|mermaid\|dot\|svg>/);
    assert.match(run(['--help']).stdout, /graph +export the event-flow graph/);
  });
});
