import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParserDiagnostic, ParserSnapshot } from '../engine/asyncapi/parserValidation';

/** Where the pool says what happened to its worker. */
export interface PoolLogger {
  warn(message: string): void;
  debug(message: string): void;
}

export interface ParserWorkerOptions {
  /** The worker module; it sits beside this file in the bundle and in the compiled tests. */
  workerPath?: string;
  /** Heap limit of the worker; a document that needs more fails alone. */
  maxHeapMb: number;
  /** A run that takes longer is stopped. */
  timeoutMs: number;
}

/** Snapshots larger than this are followed by a fresh worker. */
const RECYCLE_AFTER_BYTES = 1024 * 1024;

export class ValidationCancelled extends Error {
  constructor() {
    super('validation cancelled');
  }
}

/**
 * Runs full validations in one worker thread, one at a time. Cancelling the run in progress
 * terminates the worker (the parser cannot be interrupted otherwise) and a fresh one is started
 * in the background, so the next run does not pay the start-up.
 */
export class ParserWorkerPool {
  private worker: Worker | undefined;
  private nextId = 1;
  private running: { id: number; size: number; resolve(value: ParserDiagnostic[]): void; reject(error: Error): void; timer: NodeJS.Timeout } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly logger: PoolLogger,
    private readonly options: ParserWorkerOptions,
  ) {}

  /** Starts the worker ahead of the first run. */
  warmUp() {
    this.ensureWorker();
  }

  run(snapshot: ParserSnapshot, signal?: AbortSignal): Promise<ParserDiagnostic[]> {
    const task = this.queue.then(() => this.runNow(snapshot, signal));
    this.queue = task.catch(() => undefined);
    return task;
  }

  private runNow(snapshot: ParserSnapshot, signal?: AbortSignal): Promise<ParserDiagnostic[]> {
    if (signal?.aborted) return Promise.reject(new ValidationCancelled());
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<ParserDiagnostic[]>((resolve, reject) => {
      const onAbort = () => {
        if (this.running?.id !== id) return;
        this.finish();
        this.restart('cancelled by a newer edit');
        reject(new ValidationCancelled());
      };
      const timer = setTimeout(() => {
        if (this.running?.id !== id) return;
        this.finish();
        this.restart('timed out');
        reject(new Error(`took longer than ${Math.round(this.options.timeoutMs / 1000)} s and was stopped`));
      }, this.options.timeoutMs);
      this.running = {
        id,
        size: Object.values(snapshot.files).reduce((total, text) => total + text.length, 0),
        timer,
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ id, snapshot });
    });
  }

  private finish() {
    if (this.running) clearTimeout(this.running.timer);
    const running = this.running;
    this.running = undefined;
    return running;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const workerPath = this.options.workerPath ?? path.join(__dirname, 'parserWorker.js');
    const worker = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } });
    worker.unref();
    worker.on('message', (message: { id: number; diagnostics?: ParserDiagnostic[]; error?: string }) => {
      if (this.running?.id !== message.id) return;
      const running = this.finish()!;
      // A large document leaves the worker's heap at the size the parser needed (V8 gives back
      // memory late): a fresh worker returns it to the system.
      if (running.size > RECYCLE_AFTER_BYTES) this.restart('recycled after a large document');
      if (message.error !== undefined) running.reject(new Error(message.error));
      else running.resolve(message.diagnostics ?? []);
    });
    // A replaced worker's last words concern runs that are already settled.
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.logger.warn(`Validation worker failed: ${error.message}`);
      const running = this.finish();
      const outOfMemory = /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}`);
      running?.reject(new Error(outOfMemory ? `ran out of memory (limit ${this.options.maxHeapMb} MB); the document is too large to validate fully` : error.message));
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.finish()?.reject(new Error('the validation worker stopped unexpectedly'));
    });
    this.worker = worker;
    return worker;
  }

  private restart(reason: string) {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      this.logger.debug(`Restarting the validation worker (${reason})`);
      void worker.terminate();
    }
    if (!this.disposed) this.ensureWorker();
  }

  async dispose() {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.finish()?.reject(new ValidationCancelled());
    if (worker) await worker.terminate();
  }
}
