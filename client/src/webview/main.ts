import './styles.css';
import { boundsOf } from '../../../server/src/engine/graph/geometry';
import type { GraphViewOptions, ViewNode } from '../../../server/src/engine/graph/graphModel';
import { METRICS } from '../../../server/src/engine/graph/graphView';
import { isHostToWebviewMessage, type GraphOverlay, type HostToWebviewMessage, type WebviewToHostMessage } from '../../../server/src/protocol';
import { clear, htmlElement, svgElement } from './dom';
import { exportPng, exportSvg } from './exportImage';
import { GraphIndex } from './graphIndex';
import { applyOverlays, fitLabels, renderGraph, rowKey, type RenderedGraph } from './graphRenderer';
import { HoverCard, type CardSubject } from './hoverCard';
import { directionOfKey, nearestInDirection, type NavigationTarget } from './keyboardNavigation';
import { menuButton } from './toolbarMenu';
import { measureView } from './viewMeasurement';
import { computeVisibility, filterChoices, focusNeighbourhood, NO_FILTERS, type ViewFilters, type Visibility } from './visibility';
import { Viewport, type Box, type ViewportState } from './viewport';

/**
 * The event-flow webview. It receives the laid-out graph from the extension host (which asks
 * the language server; the layout is computed there, off this thread) after it says `ready`, and
 * answers with `reveal`, `setOptions`, `export`, `copyMermaid`, `rendered` and `measured` messages.
 * Its own state (viewport, filters, selection) survives graph updates and the panel being hidden.
 */

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  viewport?: ViewportState;
  filters?: ViewFilters;
  selectedMessage?: string;
}

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as SavedState;

let index: GraphIndex | undefined;
let rendered: RenderedGraph | undefined;
let options: GraphViewOptions = { collapse: 'auto', expandedServices: [] };
let overlays: GraphOverlay[] = [];
let filters: ViewFilters = { ...NO_FILTERS, ...(saved.filters ?? {}) };
let visibility: Visibility | undefined;
let selectedMessage: string | undefined = saved.selectedMessage;
let selectedNode: string | undefined;
let current: SVGGElement | undefined;
let hasViewport = saved.viewport !== undefined;

/**
 * The first view never shrinks the drawing below this: the smallest text of the boxes (message
 * rows, sublabels) at 11 CSS px, as the stylesheet and METRICS size it. A drawing that does not
 * fit at that zoom is shown from its start, to pan. An explicit Fit may shrink further: the user
 * asked for the whole picture.
 */
const READABLE_SCALE = 11 / METRICS.smallFontSize;

// ------------------------------------------------------------------------------------------------
// The page

const app = htmlElement('div', { class: 'app' });
const toolbar = htmlElement('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Event flow tools' });
const search = htmlElement('input', { type: 'search', class: 'search', placeholder: 'Search', 'aria-label': 'Search services, channels and messages', spellcheck: 'false' });
const serviceFilter = htmlElement('select', { 'aria-label': 'Filter by service', title: 'Filter by service' });
const protocolFilter = htmlElement('select', { 'aria-label': 'Filter by protocol', title: 'Filter by protocol' });
const tagFilter = htmlElement('select', { 'aria-label': 'Filter by tag', title: 'Filter by tag' });
const grouping = htmlElement('select', { 'aria-label': 'Group channels by service', title: 'Group channels by service' });
for (const [value, label] of [['auto', 'Group: when large'], ['always', 'Group: always'], ['never', 'Group: never']] as const) grouping.append(htmlElement('option', { value }, label));
const button = (label: string, title: string, action: () => void, name: string) => {
  const element = htmlElement('button', { type: 'button', title, 'aria-label': title, 'data-action': name }, label);
  element.addEventListener('click', action);
  return element;
};
const clearButton = button('Clear', 'Clear search, filters, focus and selection (Escape)', () => resetFilters(), 'clear');
// One row down to 640 px (the panel beside an editor): filters shrink, exports go into a menu.
toolbar.append(
  search,
  serviceFilter,
  protocolFilter,
  tagFilter,
  grouping,
  clearButton,
  htmlElement('span', { class: 'spacer' }),
  button('−', 'Zoom out (-)', () => viewport.zoomBy(1 / 1.25), 'zoom-out'),
  button('+', 'Zoom in (+)', () => viewport.zoomBy(1.25), 'zoom-in'),
  button('Fit', 'Fit what is shown in the view (0)', () => fitVisible(), 'fit'),
  menuButton('⋯', 'Export and copy', [
    { label: 'Export as SVG…', name: 'export-svg', action: () => void exportAs('svg') },
    { label: 'Export as PNG…', name: 'export-png', action: () => void exportAs('png') },
    { label: 'Copy as a Mermaid flowchart', name: 'copy-mermaid', action: () => post({ type: 'copyMermaid' }) },
  ]),
);
const notice = htmlElement('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
const canvas = htmlElement('div', {
  class: 'canvas',
  role: 'group',
  'aria-label': 'Event flow graph. Arrow keys move between boxes, Enter opens the definition, Space selects, F focuses, Escape clears.',
});
const svg = svgElement('svg', { class: 'graph', 'aria-hidden': 'false' });
const defs = svgElement('defs');
for (const kind of ['event', 'request', 'reply'] as const) {
  const marker = svgElement('marker', { id: `arrow-${kind}`, class: `arrow ${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(svgElement('path', { d: 'M0 0 L10 5 L0 10 z' }));
  defs.append(marker);
}
const viewportGroup = svgElement('g', { 'data-viewport': 'true' });
const edgeLayer = svgElement('g', { class: 'edges' });
const nodeLayer = svgElement('g', { class: 'nodes' });
viewportGroup.append(edgeLayer, nodeLayer);
svg.append(defs, viewportGroup);
const status = htmlElement('div', { class: 'status', role: 'status' }, 'Loading the event flow…');
canvas.append(svg, status);
const legend = htmlElement('div', { class: 'legend', 'aria-hidden': 'true' });
for (const [kind, label] of [['event', 'event'], ['request', 'request'], ['reply', 'reply'], ['orphan', 'orphan channel'], ['unconsumed', 'not received'], ['problem', 'has problems']] as const) {
  const item = htmlElement('span', { class: `legend-item ${kind}` });
  item.append(htmlElement('span', { class: 'swatch' }), document.createTextNode(label));
  legend.append(item);
}
app.append(toolbar, notice, canvas, legend);
document.body.append(app);
const card = new HoverCard(canvas);

let saveTimer = 0;
const viewport = new Viewport(canvas, viewportGroup, () => {
  hasViewport = true;
  window.clearTimeout(saveTimer);
  saveTimer = window.setTimeout(saveState, 200);
});
if (saved.viewport) viewport.set(saved.viewport);

function saveState() {
  vscode.setState({ viewport: viewport.current, filters, selectedMessage } satisfies SavedState);
}

function post(message: WebviewToHostMessage) {
  vscode.postMessage(message);
}

// ------------------------------------------------------------------------------------------------
// Messages from the host

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Only the extension host posts into a webview; the guard keeps the shapes honest all the same.
  if (!isHostToWebviewMessage(event.data)) return;
  handle(event.data);
});

function handle(message: HostToWebviewMessage) {
  switch (message.type) {
    case 'status':
      status.textContent = message.message;
      status.hidden = false;
      status.className = `status ${message.state}`;
      if (message.state !== 'loading') {
        clear(edgeLayer);
        clear(nodeLayer);
        index = undefined;
        rendered = undefined;
      }
      break;
    case 'overlays':
      overlays = message.overlays;
      if (index && rendered) {
        applyOverlays(index, rendered, overlays);
        reportRendered();
      }
      break;
    case 'graph':
      showGraph(message);
      break;
    case 'select': {
      const service = index?.graph.model.services.find((candidate) => candidate.uri === message.serviceUri);
      const element = service ? rendered?.nodes.get(service.id) : undefined;
      const node = service ? index?.nodes.get(service.id) : undefined;
      if (element && node) {
        // Start there: the box is the keyboard's current one, marked, and in view; nothing dims.
        setCurrent(element);
        for (const other of nodeLayer.querySelectorAll('.node.focused')) other.classList.remove('focused');
        element.classList.add('focused');
        // Still chosen for the user afterwards when it was: a resized panel should choose again.
        const wasAutomatic = isAutomatic();
        viewport.reveal(node);
        if (wasAutomatic && automatic) automatic.state = viewport.current;
      }
      break;
    }
    case 'measure':
      // After the frame that applies the viewport's last change.
      requestAnimationFrame(() => post({ type: 'measured', measurement: measureView(canvas, toolbar, viewport.current.scale) }));
      break;
  }
}

function showGraph(message: Extract<HostToWebviewMessage, { type: 'graph' }>) {
  const previousPanels = new Set(index?.graph.view.panels.map((panel) => panel.serviceId) ?? []);
  const previousFocus = current?.getAttribute('data-id') ?? undefined;
  const previousRow = current?.classList.contains('row') ? rowKey(current.getAttribute('data-node') ?? '', current.getAttribute('data-message') ?? '') : undefined;
  index = new GraphIndex(message.graph);
  options = message.options;
  overlays = message.overlays;
  grouping.value = options.collapse;
  rendered = renderGraph(index, edgeLayer, nodeLayer);
  applyOverlays(index, rendered, overlays);
  fitLabels(nodeLayer);
  fillFilterMenus();
  if (filters.focus && !index.nodes.has(filters.focus)) filters.focus = undefined;
  if (selectedMessage && !index.messages.has(selectedMessage)) selectedMessage = undefined;
  if (selectedNode && !index.nodes.has(selectedNode)) selectedNode = undefined;
  status.hidden = index.graph.view.nodes.length > 0;
  if (index.graph.view.nodes.length === 0) {
    status.textContent = 'No AsyncAPI documents in this workspace yet.';
    status.className = 'status empty';
  }
  notice.textContent = index.graph.view.note ?? '';
  notice.hidden = !index.graph.view.note;
  updateVisibility();
  const opened = index.graph.view.panels.find((panel) => !previousPanels.has(panel.serviceId));
  if (!hasViewport) showOpening();
  // A service was just expanded: bring its panel into view, keeping the zoom when it fits.
  else if (opened) viewport.fit(opened, viewport.current.scale);
  current = (previousRow ? rendered.rows.get(previousRow) : undefined) ?? (previousFocus ? rendered.nodes.get(previousFocus) : undefined);
  resetRovingTabIndex();
  reportRendered();
}

/** Tells the host what is drawn now: after a graph, and after its overlays change. */
function reportRendered() {
  if (!index) return;
  post({
    type: 'rendered',
    generation: index.graph.model.generation,
    services: index.graph.view.nodes.filter((node) => node.kind === 'service').length,
    channels: index.graph.view.nodes.filter((node) => node.kind === 'channel').length,
    nodes: nodeLayer.querySelectorAll('.node').length,
    edges: edgeLayer.querySelectorAll('.edge').length,
    highlighted: [...nodeLayer.querySelectorAll('.node.has-compatibility')].map((element) => element.getAttribute('data-id') ?? ''),
  });
}

function fillFilterMenus() {
  if (!index) return;
  const choices = filterChoices(index);
  const fill = (select: HTMLSelectElement, all: string, entries: { value: string; label: string }[], value: string) => {
    clear(select);
    select.append(htmlElement('option', { value: '' }, all));
    for (const entry of entries) select.append(htmlElement('option', { value: entry.value }, entry.label));
    select.value = entries.some((entry) => entry.value === value) ? value : '';
    select.hidden = entries.length === 0;
    return select.value;
  };
  filters.service = fill(serviceFilter, 'All services', choices.services, filters.service);
  filters.protocol = fill(protocolFilter, 'All protocols', choices.protocols.map((protocol) => ({ value: protocol, label: protocol })), filters.protocol);
  filters.tag = fill(tagFilter, 'All tags', choices.tags.map((tag) => ({ value: tag, label: tag })), filters.tag);
  search.value = filters.search;
}

// ------------------------------------------------------------------------------------------------
// Visibility, selection, focus

function updateVisibility() {
  if (!index || !rendered) return;
  visibility = computeVisibility(index, filters);
  const searching = filters.search.trim() !== '';
  for (const [id, element] of rendered.nodes) {
    element.classList.toggle('hidden', !visibility.nodes.has(id));
    element.classList.toggle('context', visibility.context.has(id));
    element.classList.toggle('match', searching && visibility.matches.has(id));
  }
  for (const [id, element] of rendered.edges) element.classList.toggle('hidden', !visibility.edges.has(id));
  updateSelection();
  clearButton.disabled = !filters.search && !filters.service && !filters.protocol && !filters.tag && !filters.focus && !selectedMessage && !selectedNode;
  saveState();
}

function updateSelection() {
  if (!index || !rendered) return;
  const highlighted = new Set<SVGGElement>();
  if (selectedMessage) {
    for (const edge of index.graph.view.edges) {
      if (!edge.messageIds.includes(selectedMessage)) continue;
      const element = rendered.edges.get(edge.id);
      if (element) highlighted.add(element);
      for (const end of [edge.source, edge.target]) {
        const node = rendered.nodes.get(end);
        if (node) highlighted.add(node);
        const row = rendered.rows.get(rowKey(end, selectedMessage));
        if (row) highlighted.add(row);
      }
    }
    for (const [key, row] of rendered.rows) if (key.endsWith(`|${selectedMessage}`)) highlighted.add(row);
  } else if (selectedNode) {
    const node = rendered.nodes.get(selectedNode);
    if (node) highlighted.add(node);
    for (const edge of index.edgesOf.get(selectedNode) ?? []) {
      const element = rendered.edges.get(edge.id);
      if (element) highlighted.add(element);
      const other = rendered.nodes.get(edge.source === selectedNode ? edge.target : edge.source);
      if (other) highlighted.add(other);
    }
  }
  for (const element of svg.querySelectorAll('.highlight')) if (!highlighted.has(element as SVGGElement)) element.classList.remove('highlight');
  for (const element of highlighted) element.classList.add('highlight');
  svg.classList.toggle('has-selection', highlighted.size > 0);
}

function selectMessage(messageId: string | undefined) {
  selectedMessage = selectedMessage === messageId ? undefined : messageId;
  selectedNode = undefined;
  updateVisibility();
  // The card moves off the path it now highlights.
  if (current && !card.element.hidden) showCardFor(current);
}

function selectNode(nodeId: string | undefined) {
  selectedNode = nodeId;
  selectedMessage = undefined;
  updateVisibility();
}

function toggleFocus(nodeId: string | undefined) {
  filters.focus = nodeId && filters.focus !== nodeId ? nodeId : undefined;
  updateVisibility();
  if (filters.focus && index) fitNodes([...focusNeighbourhood(index, filters.focus)].filter((id) => visibility?.nodes.has(id)));
  else fitVisible();
}

function resetFilters() {
  if (selectedMessage || selectedNode) {
    selectedMessage = undefined;
    selectedNode = undefined;
  } else if (filters.focus) {
    filters.focus = undefined;
  } else {
    filters = { ...NO_FILTERS };
    fillFilterMenus();
  }
  updateVisibility();
}

/** The drawing's box around nodes, with room for their tags above and badges beside. */
function boxAround(nodes: ViewNode[]): Box | undefined {
  const box = boundsOf(nodes);
  return box && { x: box.x - 16, y: box.y - 24, width: box.width + 32, height: box.height + 40 };
}

function fitNodes(ids: string[]) {
  if (!index) return;
  const box = boxAround(ids.map((id) => index!.nodes.get(id)).filter((node): node is ViewNode => node !== undefined));
  if (box) viewport.fit(box);
}

/** The nodes the search, filters and focus leave drawn. */
function visibleNodes(): ViewNode[] {
  if (!index) return [];
  return index.graph.view.nodes.filter((node) => !visibility || visibility.nodes.has(node.id));
}

/**
 * The last view chosen for the user (the opening one, or a Fit), and how to choose it again:
 * while the viewport is unchanged, a resized panel chooses again.
 */
let automatic: { state: ViewportState; choose: () => void } | undefined;

function fitVisible() {
  const nodes = visibleNodes();
  if (nodes.length > 0) fitNodes(nodes.map((node) => node.id));
  automatic = { state: viewport.current, choose: fitVisible };
}

/**
 * The first view of a graph: all that is shown when it fits at a readable zoom; otherwise that
 * zoom, from the start of the flow (the left edge, level with the busiest service of the first
 * column), to pan from there rather than shrink the labels to dots.
 */
function showOpening() {
  const nodes = visibleNodes();
  const drawing = boxAround(nodes);
  if (!index || !drawing) return;
  if (viewport.scaleToFit(drawing) >= READABLE_SCALE) {
    viewport.fit(drawing);
  } else {
    const services = nodes.filter((node) => node.kind === 'service');
    const firstColumn = Math.min(...services.map((node) => node.x));
    const edgeCount = (node: ViewNode) => index!.edgesOf.get(node.id)?.length ?? 0;
    const start = services.filter((node) => node.x <= firstColumn).sort((a, b) => edgeCount(b) - edgeCount(a))[0] ?? nodes[0]!;
    viewport.showFrom(drawing, start, READABLE_SCALE);
  }
  automatic = { state: viewport.current, choose: showOpening };
}

function isAutomatic() {
  const now = viewport.current;
  return automatic !== undefined && now.x === automatic.state.x && now.y === automatic.state.y && now.scale === automatic.state.scale;
}

new ResizeObserver(() => {
  if (isAutomatic()) automatic!.choose();
}).observe(canvas);

// ------------------------------------------------------------------------------------------------
// Pointer

function targetOf(event: Event): { node?: SVGGElement; row?: SVGGElement; edge?: SVGGElement; toggle?: SVGGElement } {
  const element = event.target instanceof Element ? event.target : undefined;
  return {
    toggle: (element?.closest('.toggle') as SVGGElement | null) ?? undefined,
    row: (element?.closest('.row') as SVGGElement | null) ?? undefined,
    node: (element?.closest('.node') as SVGGElement | null) ?? undefined,
    edge: (element?.closest('.edge') as SVGGElement | null) ?? undefined,
  };
}

canvas.addEventListener('click', (event) => {
  if (viewport.dragged || !index) return;
  const { toggle, row, node, edge } = targetOf(event);
  if (toggle) {
    toggleService(toggle.getAttribute('data-service') ?? '');
    return;
  }
  if (row) {
    setCurrent(row);
    selectMessage(row.getAttribute('data-message') ?? undefined);
    return;
  }
  if (node) {
    setCurrent(node);
    activateNode(node.getAttribute('data-id') ?? '');
    return;
  }
  if (edge) {
    const viewEdge = index.edges.get(edge.getAttribute('data-id') ?? '');
    if (viewEdge?.messageIds.length) selectMessage(viewEdge.messageIds[0]);
    return;
  }
  if (selectedMessage || selectedNode) selectNode(undefined);
});

canvas.addEventListener('dblclick', (event) => {
  const { row, node } = targetOf(event);
  if (row) revealMessage(row.getAttribute('data-message') ?? '', row.getAttribute('data-node') ?? undefined);
  else if (node) toggleFocus(node.getAttribute('data-id') ?? undefined);
});

let hovered: Element | undefined;
canvas.addEventListener('pointerover', (event) => {
  if (!index) return;
  const { row, node, edge } = targetOf(event);
  const element = row ?? node ?? edge;
  if (element === hovered) return;
  hovered = element;
  if (!element) {
    card.hide();
    return;
  }
  showCardFor(element);
});
canvas.addEventListener('pointerleave', () => {
  hovered = undefined;
  card.hide();
});

function subjectOf(element: Element): CardSubject | undefined {
  if (element.classList.contains('row')) return { kind: 'message', id: element.getAttribute('data-message') ?? '', channelNodeId: element.getAttribute('data-node') ?? undefined };
  if (element.classList.contains('node')) return { kind: 'node', id: element.getAttribute('data-id') ?? '' };
  if (element.classList.contains('edge')) return { kind: 'edge', id: element.getAttribute('data-id') ?? '' };
  return undefined;
}

function showCardFor(element: Element) {
  const subject = subjectOf(element);
  if (!index || !subject) return;
  const box = (element.classList.contains('edge') ? element.querySelector('.edge-line') ?? element : element.classList.contains('row') ? element : element.querySelector('.box:not(.stack)') ?? element).getBoundingClientRect();
  const avoid = [...svg.querySelectorAll('.node.highlight > .box:not(.stack), .node.match > .box:not(.stack)')].map((element) => element.getBoundingClientRect());
  card.show(index, subject, overlays, box, avoid);
}

/** Clicking a box: services and channels open their definition; a group shows its channels. */
function activateNode(nodeId: string) {
  if (!index) return;
  const node = index.nodes.get(nodeId);
  if (!node) return;
  if (node.kind === 'group') {
    toggleService(node.refId);
    return;
  }
  selectNode(nodeId);
  revealNode(node);
}

function revealNode(node: ViewNode) {
  const location = index?.locationOf(node);
  if (location) post({ type: 'reveal', uri: location.uri, range: location.range });
}

function revealMessage(messageId: string, channelNodeId?: string) {
  const message = index?.messages.get(messageId);
  if (!index || !message) return;
  // Prefer the definition in a document that uses the channel the row belongs to.
  const channel = channelNodeId ? index.channels.get(index.nodes.get(channelNodeId)?.refId ?? '') : undefined;
  const uris = new Set([...(channel?.producers ?? []), ...(channel?.declarations.map((declaration) => declaration.serviceId) ?? [])].map((id) => index!.services.get(id)?.uri));
  const definition = message.definitions.find((candidate) => uris.has(candidate.uri)) ?? message.definitions[0];
  if (definition) post({ type: 'reveal', uri: definition.uri, range: definition.range });
}

function toggleService(serviceId: string) {
  if (!serviceId) return;
  const expanded = new Set(options.expandedServices);
  if (expanded.has(serviceId)) expanded.delete(serviceId);
  else expanded.add(serviceId);
  options = { ...options, expandedServices: [...expanded] };
  post({ type: 'setOptions', options });
}

// ------------------------------------------------------------------------------------------------
// Keyboard

function focusables(): NavigationTarget[] {
  if (!index || !rendered || !visibility) return [];
  const targets: NavigationTarget[] = [];
  for (const node of index.graph.view.nodes) {
    if (!visibility.nodes.has(node.id)) continue;
    const element = rendered.nodes.get(node.id);
    if (!element) continue;
    const headerHeight = node.rows?.length ? node.rows[0]!.y : node.height;
    targets.push({ element, x: node.x, y: node.y, width: node.width, height: headerHeight });
    for (const row of node.rows ?? []) {
      const rowElement = rendered.rows.get(rowKey(node.id, row.messageId));
      if (rowElement) targets.push({ element: rowElement, x: node.x, y: node.y + row.y, width: node.width, height: row.height });
    }
  }
  return targets;
}

function setCurrent(element: SVGGElement | undefined) {
  if (current && current !== element) {
    current.setAttribute('tabindex', '-1');
    current.classList.remove('focused');
  }
  current = element;
  if (element) element.setAttribute('tabindex', '0');
}

/** One box is in the tab order at a time (a roving tab index); arrows move between them. */
function resetRovingTabIndex() {
  if (!rendered) return;
  for (const element of [...rendered.nodes.values(), ...rendered.rows.values()]) element.setAttribute('tabindex', '-1');
  const visibleCurrent = current && current.isConnected && !current.closest('.hidden') ? current : undefined;
  setCurrent(visibleCurrent ?? focusables()[0]?.element);
}

function moveTo(target: NavigationTarget) {
  setCurrent(target.element);
  target.element.focus({ preventScroll: true });
  viewport.reveal(target);
  showCardFor(target.element);
}

canvas.addEventListener('focusin', (event) => {
  const element = event.target instanceof Element ? (event.target.closest('.row, .node') as SVGGElement | null) : null;
  if (element) {
    setCurrent(element);
    showCardFor(element);
  }
});
canvas.addEventListener('focusout', (event) => {
  if (!(event.relatedTarget instanceof Node) || !canvas.contains(event.relatedTarget)) card.hide();
});

canvas.addEventListener('keydown', (event) => {
  if (!index || event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
  const element = event.target instanceof Element ? (event.target.closest('.row, .node') as SVGGElement | null) : null;
  const direction = directionOfKey(event.key);
  if (direction && event.shiftKey) {
    const step = 60;
    viewport.panBy(direction === 'left' ? step : direction === 'right' ? -step : 0, direction === 'up' ? step : direction === 'down' ? -step : 0);
    event.preventDefault();
    return;
  }
  if (direction) {
    const targets = focusables();
    const here = targets.find((target) => target.element === element) ?? targets.find((target) => target.element === current);
    const next = here ? nearestInDirection(here, targets, direction) : targets[0];
    if (next) moveTo(next);
    event.preventDefault();
    return;
  }
  const nodeId = element?.classList.contains('row') ? element.getAttribute('data-node') : element?.getAttribute('data-id');
  switch (event.key) {
    case 'Enter':
      if (element?.classList.contains('row')) revealMessage(element.getAttribute('data-message') ?? '', element.getAttribute('data-node') ?? undefined);
      else if (nodeId) activateNode(nodeId);
      break;
    case ' ':
      if (element?.classList.contains('row')) selectMessage(element.getAttribute('data-message') ?? undefined);
      else if (nodeId) selectNode(selectedNode === nodeId ? undefined : nodeId);
      break;
    case 'f':
    case 'F':
      if (nodeId) toggleFocus(nodeId);
      break;
    case 'e':
    case 'E': {
      const node = nodeId ? index.nodes.get(nodeId) : undefined;
      if (node && index.graph.view.collapsed && (node.kind === 'service' || node.kind === 'group')) toggleService(node.refId);
      break;
    }
    case 'Escape':
      resetFilters();
      break;
    default:
      return;
  }
  event.preventDefault();
});

document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
  if ((event.key === 'f' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
    search.focus();
    search.select();
    event.preventDefault();
    return;
  }
  if (typing) return;
  if (event.key === '+' || event.key === '=') viewport.zoomBy(1.25);
  else if (event.key === '-' || event.key === '_') viewport.zoomBy(1 / 1.25);
  else if (event.key === '0') fitVisible();
  else if (event.key === 'Escape' && !canvas.contains(event.target as Node)) resetFilters();
  else return;
  event.preventDefault();
});

// ------------------------------------------------------------------------------------------------
// Toolbar

let searchTimer = 0;
search.addEventListener('input', () => {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => {
    filters.search = search.value;
    updateVisibility();
  }, 80);
});
search.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    window.clearTimeout(searchTimer);
    filters.search = search.value;
    updateVisibility();
    const first = focusables().find((target) => target.element.classList.contains('match'));
    if (first) moveTo(first);
    event.preventDefault();
  } else if (event.key === 'Escape') {
    search.value = '';
    filters.search = '';
    updateVisibility();
  }
});
const onFilter = () => {
  filters.service = serviceFilter.value;
  filters.protocol = protocolFilter.value;
  filters.tag = tagFilter.value;
  updateVisibility();
};
serviceFilter.addEventListener('change', onFilter);
protocolFilter.addEventListener('change', onFilter);
tagFilter.addEventListener('change', onFilter);
grouping.addEventListener('change', () => {
  const collapse = grouping.value === 'always' || grouping.value === 'never' ? grouping.value : 'auto';
  options = { collapse, expandedServices: options.expandedServices };
  post({ type: 'setOptions', options });
});

async function exportAs(format: 'svg' | 'png') {
  if (!index) return;
  card.hide();
  const text = exportSvg(svg, { width: index.graph.view.width, height: index.graph.view.height });
  try {
    post({ type: 'export', format, data: format === 'svg' ? text : await exportPng(text, { width: index.graph.view.width, height: index.graph.view.height }) });
  } catch (error) {
    notice.textContent = `Export failed: ${error instanceof Error ? error.message : String(error)}`;
    notice.hidden = false;
  }
}

post({ type: 'ready' });
