import * as assert from 'node:assert/strict';
import { buildEventFlowModel } from '../../server/src/engine/graph/buildGraph';
import { computeGeometry, LayoutSuperseded } from '../../server/src/engine/graph/graphLayout';
import { planView, type ViewPlan } from '../../server/src/engine/graph/graphView';
import { GraphLayoutWorkerPool } from '../../server/src/node/graphLayoutWorkerPool';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import { MemoryHost } from '../engine/support/memoryHost';
import { syntheticServices } from '../engine/graph/syntheticServices';

/** The layout worker of the language server: the same geometry as in-process, newest generation first. */
describe('the graph layout worker', function () {
  this.timeout(120_000);
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message), debug: () => undefined };

  async function planOf(channels: number): Promise<ViewPlan> {
    const host = new MemoryHost(Object.fromEntries(Object.entries(syntheticServices(channels)).map(([name, text]) => [`file:///w/${name}`, text])));
    const engine = new Engine(host, DEFAULT_SETTINGS);
    for (const uri of host.files.keys()) await engine.indexFile(uri);
    return planView(await buildEventFlowModel(engine), { collapse: 'never', expandedServices: [] }).overview;
  }

  it('lays out as the server thread would', async function () {
    const pool = new GraphLayoutWorkerPool(logger, { maxHeapMb: 512 });
    try {
      const plan = await planOf(40);
      assert.deepEqual(await pool.compute(plan, 1), await computeGeometry(plan));
    } finally {
      await pool.dispose();
    }
  });

  it('gives up a layout that a newer generation supersedes, running or waiting', async function () {
    const pool = new GraphLayoutWorkerPool(logger, { maxHeapMb: 512 });
    try {
      const [large, small] = await Promise.all([planOf(150), planOf(20)]);
      const running = pool.compute(large, 1);
      const waiting = pool.compute(large, 1);
      const newer = pool.compute(small, 2);
      await assert.rejects(running, LayoutSuperseded);
      await assert.rejects(waiting, LayoutSuperseded);
      assert.deepEqual(await newer, await computeGeometry(small));
      await assert.rejects(pool.compute(small, 1), LayoutSuperseded, 'an older generation is not laid out any more');
    } finally {
      await pool.dispose();
    }
  });

  it('lays out in this thread when no worker can start', async function () {
    warnings.length = 0;
    const pool = new GraphLayoutWorkerPool(logger, { maxHeapMb: 512, workerPath: '/nonexistent/graphLayoutWorker.js' });
    try {
      const plan = await planOf(20);
      assert.deepEqual(await pool.compute(plan, 1), await computeGeometry(plan));
      assert.ok(warnings.some((warning) => warning.includes("laid out on the server's thread")), warnings.join('\n'));
    } finally {
      await pool.dispose();
    }
  });
});
