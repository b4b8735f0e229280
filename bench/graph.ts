/**
 * `node out/bench/run.js graph` (or `npm run bench:graph`): the event-flow graph's cost, in this
 * process, on generated workspaces. Not a test: it prints medians next to the targets of the
 * graph issue and exits 0 whatever they say.
 *
 * - model: building the graph model from the workspace index (`buildEventFlowModel`);
 * - full layout: every channel laid out with elkjs (what opens up to 200 channels);
 * - grouped layout: the overview grouped by service (what opens past 200 channels), target ≤ 1 s
 *   at 1,000 channels;
 * - expand: one service's panel in the grouped view, target ≤ 300 ms (the overview's layout is
 *   kept, so this is the panel's layout plus composing the view).
 * - contracts: every consumer against every producer of the workspace after one document
 *   changed (the model rebuilt, then the contract check), as the server recomputes them once an
 *   edit settles; target ≤ 500 ms, the pause before the full validation, so that contracts come
 *   about as late as the parser's findings.
 *
 * Workspaces: one document (test/support/syntheticAsyncApi.ts: every channel sent and received by
 * the same application), and services sharing channels (test/engine/graph/syntheticServices.ts)
 * in two shapes: "typical", where a service's channels reach 3 other services, and "dense", where
 * they reach every other service (the worst case for a grouped view: nearly every service talks
 * to every group).
 */
import { DEFAULT_SETTINGS, Engine } from '../server/src/engine/engine';
import { buildEventFlowModel } from '../server/src/engine/graph/buildGraph';
import { EventFlow } from '../server/src/engine/graph/eventFlow';
import { layoutPlan, type GeometryComputer } from '../server/src/engine/graph/graphLayout';
import { GraphLayoutWorkerPool } from '../server/src/node/graphLayoutWorkerPool';
import { planView } from '../server/src/engine/graph/graphView';
import { MemoryHost } from '../test/engine/support/memoryHost';
import { syntheticServices } from '../test/engine/graph/syntheticServices';
import { syntheticAsyncApi } from '../test/support/syntheticAsyncApi';
import * as os from 'node:os';
import { collectGarbage, ms, summarise, type Summary } from './stats';

const TARGET_GROUPED_MS = 1000;
const TARGET_EXPAND_MS = 300;
const TARGET_CONTRACTS_MS = 500;
const TARGET_AFTER_EDIT_MS = 200;

interface Workspace {
  name: string;
  channels: number;
  files: Record<string, string>;
}

interface Row {
  workspace: string;
  what: string;
  boxes?: number;
  edges?: number;
  /** Wall clock. */
  summary?: Summary;
  /** CPU time of this process (user + system): what the work costs when the machine is busy. */
  cpu?: Summary;
  target?: number;
}

/** Wall-clock and CPU samples of one measurement. */
interface Samples {
  wall: number[];
  cpu: number[];
}

function sample(samples: Samples, started: number, cpuStarted: NodeJS.CpuUsage) {
  samples.wall.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  samples.cpu.push((cpu.user + cpu.system) / 1000);
}

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

async function engineFor(files: Record<string, string>) {
  const host = new MemoryHost(Object.fromEntries(Object.entries(files).map(([name, text]) => [`file:///bench/${name}`, text])));
  const engine = new Engine(host, DEFAULT_SETTINGS);
  for (const uri of host.files.keys()) await engine.indexFile(uri);
  return engine;
}

async function time(runs: number, work: () => Promise<unknown>): Promise<{ summary?: Summary; cpu?: Summary }> {
  const samples: Samples = { wall: [], cpu: [] };
  for (let run = 0; run < runs; run++) {
    collectGarbage();
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await work();
    sample(samples, started, cpuStarted);
  }
  return { summary: summarise(samples.wall), cpu: summarise(samples.cpu) };
}

async function measure(workspace: Workspace, rows: Row[], options: { full: boolean; grouped: boolean; contracts?: boolean }) {
  const engine = await engineFor(workspace.files);
  const runs = workspace.channels >= 1000 ? 3 : 5;
  log(`${workspace.name}: ${Object.keys(workspace.files).length} documents, ${workspace.channels} channels`);
  const model = await buildEventFlowModel(engine);
  rows.push({ workspace: workspace.name, what: 'model', ...(await time(runs, () => buildEventFlowModel(engine))) });
  if (options.contracts) {
    // Re-reading one document moves the index on, as an edit does: nothing cached survives.
    const changed = engine.index.applications()[0]!.uri;
    const report = await engine.checkContracts();
    const findings = [...report.values()].reduce((sum, byFile) => sum + [...byFile.values()].reduce((count, list) => count + list.length, 0), 0);
    const pairs = model.channels.reduce((sum, channel) => sum + channel.producers.length * channel.consumers.length, 0);
    log(`  contracts: ${pairs} producer/consumer pairs, ${findings} findings`);
    rows.push({
      workspace: workspace.name,
      what: `contracts after an edit (${pairs} pairs)`,
      ...(await time(runs, async () => {
        await engine.fileChanged(changed);
        await engine.checkContracts();
      })),
      target: TARGET_CONTRACTS_MS,
    });
  }
  // Grouped first: the full layouts of 1,000 channels leave a large heap behind them.
  if (options.grouped) {
    const plans = planView(model, { collapse: 'always', expandedServices: [] });
    await warmUp();
    rows.push({ workspace: workspace.name, what: 'grouped layout', boxes: plans.overview.nodes.length, edges: plans.overview.edges.length, ...(await time(5, () => layoutPlan(plans.overview))), target: TARGET_GROUPED_MS });
    // Expanding: a fresh EventFlow per sample, its overview laid out beforehand (as it is when
    // the user clicks), then the time from the request to the composed view. Measured warm (right
    // after the overview, as when the user expands a service of the graph just opened) and after
    // a forced full garbage collection, which also drops the compiled code V8 deems cold: elkjs's
    // included, so that is the worst case of a server that sat idle for a long time.
    const busiest = [...model.services].sort((a, b) => countChannels(model, b.id) - countChannels(model, a.id))[0]!;
    const panelPlan = planView(model, { collapse: 'always', expandedServices: [busiest.id] }).panels[0]!;
    for (const afterGc of [false, true]) {
      const samples: Samples = { wall: [], cpu: [] };
      for (let run = 0; run < 5; run++) {
        const flow = new EventFlow(engine);
        await flow.graph({ collapse: 'always', expandedServices: [] });
        if (afterGc) collectGarbage();
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        await flow.graph({ collapse: 'always', expandedServices: [busiest.id] });
        sample(samples, started, cpuStarted);
      }
      rows.push({
        workspace: workspace.name,
        what: `expand ${busiest.title} (${countChannels(model, busiest.id)} ch.)${afterGc ? ' after GC' : ''}`,
        boxes: panelPlan.nodes.length,
        edges: panelPlan.edges.length,
        summary: summarise(samples.wall),
        cpu: summarise(samples.cpu),
        target: TARGET_EXPAND_MS,
      });
    }
  }
  if (options.full) {
    const plan = planView(model, { collapse: 'never', expandedServices: [] }).overview;
    await warmUp();
    // A full layout of 1,000 channels takes many seconds: it is what grouping avoids, measured once.
    rows.push({ workspace: workspace.name, what: 'full layout', boxes: plan.nodes.length, edges: plan.edges.length, ...(await time(workspace.channels >= 1000 ? 1 : runs, () => layoutPlan(plan))) });
  }
}

/**
 * After an edit: the time from an editor's change of one service's document to the new graph
 * (the index brought up to date, the model, the view laid out), as the server answers the
 * `eventDesign/graph` request that follows the change. Two edits: a description (the boxes and
 * edges stay: the previous layout is reused) and a new flow (the service receives a channel of a
 * group it did not receive from before: one more edge, so a new layout). "Request thread" is the
 * event loop's busy time (`eventLoopUtilization`): with the layout in a worker, the rest of the
 * wall clock is time the server answers other requests in.
 */
async function measureAfterEdit(workspace: Workspace, rows: Row[], layouts?: GraphLayoutWorkerPool) {
  const computeLayout: GeometryComputer | undefined = layouts?.compute;
  const engine = await engineFor(workspace.files);
  const flow = new EventFlow(engine);
  await warmUp();
  const first = await flow.graph(undefined, computeLayout);
  const uri = engine.index.applications()[0]!.uri;
  const serviceId = `service:${uri}`;
  const original = workspace.files[uri.slice('file:///bench/'.length)]!;
  const connectedGroups = new Set(first.model.flows.filter((flow) => flow.serviceId === serviceId).map((flow) => first.model.channels.find((channel) => channel.id === flow.channelId)!.ownerId));
  const unconnected = first.model.channels.filter((channel) => !connectedGroups.has(channel.ownerId));
  const strangers = [...new Map(unconnected.map((channel) => [channel.ownerId, channel])).values()];
  const edits: { what: string; text: (run: number) => string }[] = [
    { what: 'after an edit: description', text: (run) => original.replace('info:\n', `info:\n  description: Edited ${run}.\n`) },
    {
      what: 'after an edit: a new flow',
      text: (run) => {
        const channel = strangers[run % strangers.length]!;
        const name = first.model.messages.find((message) => message.id === channel.messages[0]!.messageId)!.name;
        return original
          .replace('channels:\n', `channels:\n  extraReceive:\n    address: '${channel.address}'\n    messages:\n      ${name}:\n        name: ${name}\n        payload: { type: object }\n`)
          .replace('operations:\n', `operations:\n  receiveExtra:\n    action: receive\n    channel:\n      $ref: '#/channels/extraReceive'\n`);
      },
    },
  ];
  let version = 1;
  for (const edit of edits) {
    const wall: number[] = [];
    const cpu: number[] = [];
    const busy: number[] = [];
    let boxes = 0;
    let edges = 0;
    for (let run = 0; run < 5; run++) {
      collectGarbage();
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const loopStarted = performance.eventLoopUtilization();
      engine.setOpenDocument(uri, edit.text(run), ++version);
      engine.indexOpenDocuments();
      const graph = await flow.graph(undefined, computeLayout);
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
      busy.push(performance.eventLoopUtilization(loopStarted).active);
      boxes = graph.view.nodes.length;
      edges = graph.view.edges.length;
    }
    rows.push({ workspace: workspace.name, what: `${edit.what}${layouts ? ' (worker)' : ''}`, boxes, edges, summary: summarise(wall), cpu: summarise(cpu), target: TARGET_AFTER_EDIT_MS });
    rows.push({ workspace: workspace.name, what: '  request thread busy', cpu: summarise(busy), target: TARGET_AFTER_EDIT_MS });
  }
}

let warm = false;

/** elkjs's first layout in a process pays for its own start-up (about 0.2 s): not measured. */
async function warmUp() {
  if (warm) return;
  warm = true;
  const engine = await engineFor(syntheticServices(60, { services: 4 }));
  const model = await buildEventFlowModel(engine);
  for (let run = 0; run < 3; run++) await layoutPlan(planView(model, { collapse: 'never', expandedServices: [] }).overview);
}

function countChannels(model: Awaited<ReturnType<typeof buildEventFlowModel>>, serviceId: string) {
  return model.channels.filter((channel) => channel.producers.includes(serviceId) || channel.consumers.includes(serviceId)).length;
}

export async function runGraphBench(args: readonly string[]): Promise<void> {
  const sizes = args.includes('--quick') ? [100] : [100, 1000];
  const rows: Row[] = [];
  if (args.includes('--after-edit')) {
    await measureAllAfterEdit(rows);
    printRows(rows);
    return;
  }
  for (const channels of sizes) {
    await measure({ name: `one document, ${channels} channels`, channels, files: { 'synthetic.yaml': syntheticAsyncApi(channels) } }, rows, { full: true, grouped: false });
    await measure({ name: `services (typical), ${channels} channels`, channels, files: syntheticServices(channels) }, rows, { full: true, grouped: channels >= 1000, contracts: true });
    if (channels >= 1000) await measure({ name: `services (dense), ${channels} channels`, channels, files: syntheticServices(channels, { spread: 39 }) }, rows, { full: false, grouped: true, contracts: true });
  }
  await measureAllAfterEdit(rows);
  printRows(rows);
}

/** After an edit at 1,000 channels, the layout in this thread and then in the server's worker. */
async function measureAllAfterEdit(rows: Row[]) {
  for (const dense of [false, true]) {
    const workspace = { name: `services (${dense ? 'dense' : 'typical'}), 1000 channels`, channels: 1000, files: syntheticServices(1000, dense ? { spread: 39 } : {}) };
    await measureAfterEdit(workspace, rows);
    // One pool per engine, as in the server: generations are one index's.
    const layouts = new GraphLayoutWorkerPool({ warn: log, debug: () => undefined }, { maxHeapMb: 1024 });
    await measureAfterEdit(workspace, rows, layouts);
    await layouts.dispose();
  }
}

function printRows(rows: Row[]) {
  const widths = [36, 34, 6, 6, 9, 21, 9, 9, 9];
  const line = (cells: string[]) => cells.map((cell, index) => (index >= 2 ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!))).join('  ');
  const load = os.loadavg().map((value) => value.toFixed(2)).join(' ');
  console.log(`\nEvent-flow graph (node ${process.version}, ${os.cpus().length} cpus, load average ${load}; medians, [min–max] n)`);
  console.log(line(['workspace', 'what', 'boxes', 'edges', 'wall', 'wall range', 'CPU', 'target', 'met']));
  const verdict = (value: number | undefined, target: number | undefined) => (target === undefined || value === undefined ? '' : value <= target ? 'yes' : 'NO');
  for (const row of rows) {
    const { summary, cpu } = row;
    console.log(
      line([
        row.workspace,
        row.what,
        row.boxes === undefined ? '' : String(row.boxes),
        row.edges === undefined ? '' : String(row.edges),
        ms(summary?.median),
        summary ? `[${ms(summary.min)}–${ms(summary.max)}] ${summary.n}` : '',
        ms(cpu?.median),
        row.target === undefined ? '' : `≤ ${ms(row.target)}`,
        row.target === undefined ? '' : `${verdict(summary?.median, row.target)}/${verdict(cpu?.median, row.target)}`,
      ]),
    );
  }
  console.log('met: wall clock / CPU time within the target. CPU time is the user + system time: on a busy machine (load above the CPU count) the wall clock mostly measures waiting.');
}
