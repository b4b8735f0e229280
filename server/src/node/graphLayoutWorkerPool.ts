import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { computeGeometry, LayoutSuperseded, type Geometry, type GeometryComputer } from '../engine/graph/graphLayout';
import type { ViewPlan } from '../engine/graph/graphView';
import type { PoolLogger } from './parserWorkerPool';

export interface GraphLayoutWorkerOptions {
  /** The worker module; it sits beside this file in the bundle and in the compiled tests. */
  workerPath?: string;
  /** Heap limit of the worker: a layout that needs more fails alone. */
  maxHeapMb: number;
}

/**
 * Layouts waiting at most. One graph request asks for the overview and one per expanded service,
 * all of one generation (older ones are dropped when a newer generation asks), so the queue is
 * short unless a client asks for far more panels than anyone reads.
 */
const MAX_QUEUED = 24;

interface Task {
  id: number;
  plan: ViewPlan;
  generation: number;
  resolve(geometry: Geometry): void;
  reject(error: Error): void;
}

/**
 * Runs the graph's layouts in one worker thread, one at a time, newest index generation first:
 * a layout asked for by a newer generation drops the older ones waiting and stops the one running
 * (the worker is terminated, elk cannot be interrupted otherwise, and a fresh one started). When
 * no worker can run (the module is missing), layouts run in this thread, as in the CLI and tests.
 */
export class GraphLayoutWorkerPool {
  private worker: Worker | undefined;
  /** The worker answered that it loaded: from then on its failures are the layouts'. */
  private ready = false;
  private unavailable = false;
  private nextId = 1;
  private running: Task | undefined;
  private readonly queue: Task[] = [];
  private newest = -1;
  private disposed = false;

  constructor(
    private readonly logger: PoolLogger,
    private readonly options: GraphLayoutWorkerOptions,
  ) {}

  /** What the engine's EventFlow calls for each plan. */
  readonly compute: GeometryComputer = (plan, generation) => this.enqueue(plan, generation);

  /** Starts the worker ahead of the first layout (a graph view opened). */
  warmUp() {
    if (!this.unavailable) this.ensureWorker();
  }

  private enqueue(plan: ViewPlan, generation: number): Promise<Geometry> {
    if (generation < this.newest || this.disposed) return Promise.reject(new LayoutSuperseded());
    if (generation > this.newest) this.supersede(generation);
    if (this.unavailable) return computeGeometry(plan);
    return new Promise<Geometry>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, plan, generation, resolve, reject });
      if (this.queue.length > MAX_QUEUED) this.queue.shift()!.reject(new Error(`more than ${MAX_QUEUED} layouts waiting`));
      this.pump();
    });
  }

  /** A newer generation asks: what older ones wait for or run is given up. */
  private supersede(generation: number) {
    this.newest = generation;
    for (const task of this.queue.splice(0)) {
      if (task.generation >= generation) this.queue.push(task);
      else task.reject(new LayoutSuperseded());
    }
    if (this.running && this.running.generation < generation) {
      const stale = this.running;
      this.running = undefined;
      this.restart('superseded by a newer edit');
      stale.reject(new LayoutSuperseded());
    }
  }

  private pump() {
    if (this.running || this.queue.length === 0 || this.disposed) return;
    const worker = this.ensureWorker();
    if (!worker) {
      // No worker can run: this thread does the work, as the CLI does.
      for (const task of this.queue.splice(0)) computeGeometry(task.plan).then(task.resolve, task.reject);
      return;
    }
    const task = this.queue.shift()!;
    this.running = task;
    this.logger.debug(`graph layout in the worker: ${task.plan.nodes.length} boxes, ${task.plan.edges.length} edges (index generation ${task.generation})`);
    worker.postMessage({ id: task.id, plan: task.plan });
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.unavailable || this.disposed) return this.worker;
    const workerPath = this.options.workerPath ?? path.join(__dirname, 'graphLayoutWorker.js');
    let worker: Worker;
    try {
      worker = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } });
    } catch (error) {
      this.giveUpWorkers(error instanceof Error ? error.message : String(error));
      return undefined;
    }
    worker.unref();
    this.ready = false;
    worker.on('message', (message: { ready?: boolean; id?: number; geometry?: Geometry; error?: string }) => {
      if (this.worker !== worker) return;
      if (message.ready) {
        this.ready = true;
        return;
      }
      const task = this.running;
      if (!task || task.id !== message.id) return;
      this.running = undefined;
      if (message.error !== undefined) task.reject(new Error(message.error));
      else task.resolve(message.geometry!);
      this.pump();
    });
    // A replaced worker's last words concern layouts that are already settled.
    worker.on('error', (error) => this.failed(worker, error));
    worker.on('exit', () => this.failed(worker, new Error('the layout worker stopped unexpectedly')));
    this.worker = worker;
    return worker;
  }

  private failed(worker: Worker, error: Error) {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const task = this.running;
    this.running = undefined;
    if (!this.ready) {
      // It never loaded: no worker will. The layout it had is done here instead.
      if (task) this.queue.unshift(task);
      this.giveUpWorkers(error.message);
    } else {
      this.logger.warn(`Graph layout worker failed: ${error.message}`);
      const outOfMemory = /memory/i.test(`${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}`);
      task?.reject(new Error(outOfMemory ? `the layout ran out of memory (limit ${this.options.maxHeapMb} MB)` : error.message));
    }
    this.pump();
  }

  private giveUpWorkers(reason: string) {
    this.unavailable = true;
    this.logger.warn(`The graph is laid out on the server's thread: its worker could not start (${reason}).`);
  }

  private restart(reason: string) {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      this.logger.debug(`Restarting the graph layout worker (${reason})`);
      void worker.terminate();
    }
    this.ensureWorker();
    this.pump();
  }

  async dispose() {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    for (const task of this.queue.splice(0)) task.reject(new LayoutSuperseded());
    this.running?.reject(new LayoutSuperseded());
    this.running = undefined;
    if (worker) await worker.terminate();
  }
}
