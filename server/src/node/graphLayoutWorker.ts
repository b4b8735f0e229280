import { parentPort } from 'node:worker_threads';
import { computeGeometry } from '../engine/graph/graphLayout';
import type { ViewPlan } from '../engine/graph/graphView';
import { fullCollector } from './garbageCollector';

/** A layout of 1,000 channels leaves tens of megabytes behind; collected once the answer is sent. */
const collect = fullCollector();

/**
 * The worker thread that lays the event-flow graph out (elkjs: pure computation, seconds on large
 * graphs), so that the server's thread answers requests meanwhile. It gets a plan and answers
 * with the geometry (maps cross the thread boundary as they are).
 */
parentPort?.on('message', async (request: { id: number; plan: ViewPlan }) => {
  try {
    parentPort?.postMessage({ id: request.id, geometry: await computeGeometry(request.plan) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
  if (collect) setImmediate(collect);
});
// Loaded: from here on a failure is the layout's, not a worker that cannot run.
parentPort?.postMessage({ ready: true });
