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
  /**
   * How long a cancelled run may take to stop on its own before its worker is terminated. The
   * longest steps it cannot leave are a document's first whole validation (about 0.5 s at 1,000
   * channels) and the parse of a large text that came without its value (1–4 s at 3.4 MB), whose
   * results the next run needs anyway.
   */
  cancelGraceMs?: number;
}

const DEFAULT_CANCEL_GRACE_MS = 5_000;

export class ValidationCancelled extends Error {
  constructor() {
    super('validation cancelled');
  }
}

interface RunningValidation {
  id: number;
  /** Settles the caller's promise; only the first call counts. */
  settle(outcome: { diagnostics: ParserDiagnostic[] } | { error: Error }): void;
  /** Lets the next run start: the worker is free (or gone). */
  freed(): void;
  timer: NodeJS.Timeout;
  graceTimer?: NodeJS.Timeout;
}

/**
 * Runs full validations in one worker thread, one at a time. The worker keeps what it made of the
 * documents between runs (`NativeCheckSession`), so the same worker serves every run: cancelling
 * the run in progress sets a flag (shared memory) that the worker reads between steps, and it
 * answers that it stopped. A run that does not stop within a grace period, or passes its time-out,
 * is stopped by terminating the worker, and a fresh one starts in the background.
 */
export class ParserWorkerPool {
  private worker: Worker | undefined;
  /** The id of the run the pool no longer wants, shared with the current worker. */
  private cancelled = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  private running: RunningValidation | undefined;
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

  /**
   * Validates a snapshot after the runs before it. Aborting `signal` rejects at once with
   * `ValidationCancelled`; the next run starts when the worker has stopped.
   */
  run(snapshot: ParserSnapshot, signal?: AbortSignal): Promise<ParserDiagnostic[]> {
    const turn = this.queue.then(() => this.start(snapshot, signal));
    this.queue = turn.then((started) => started.idle);
    return turn.then((started) => started.result);
  }

  private start(snapshot: ParserSnapshot, signal?: AbortSignal): { result: Promise<ParserDiagnostic[]>; idle: Promise<void> } {
    let freed!: () => void;
    const idle = new Promise<void>((resolve) => (freed = resolve));
    const result = new Promise<ParserDiagnostic[]>((resolve, reject) => {
      if (signal?.aborted) {
        freed();
        reject(new ValidationCancelled());
        return;
      }
      let worker: Worker;
      try {
        worker = this.ensureWorker();
      } catch (error) {
        freed();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const id = this.nextId++;
      let settled = false;
      const settle: RunningValidation['settle'] = (outcome) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.diagnostics);
      };
      const onAbort = () => {
        const running = this.running;
        if (running?.id !== id) return;
        settle({ error: new ValidationCancelled() });
        Atomics.store(this.cancelled, 0, id);
        running.graceTimer = setTimeout(() => {
          if (this.running?.id !== id) return;
          this.finish();
          this.restart('did not stop when cancelled');
        }, this.options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS);
      };
      const timer = setTimeout(() => {
        if (this.running?.id !== id) return;
        this.finish();
        this.restart('timed out');
        settle({ error: new Error(`took longer than ${Math.round(this.options.timeoutMs / 1000)} s and was stopped`) });
      }, this.options.timeoutMs);
      this.running = { id, settle, freed, timer };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.logger.debug(`Validating ${snapshot.rootUri} (run ${id})`);
      // Aborted while the line above was written: the worker stops at its first step.
      try {
        worker.postMessage({ id, snapshot });
      } catch {
        // A value the structured clone cannot take (nested deeper than its stack allows): the
        // worker parses the texts instead.
        worker.postMessage({ id, snapshot: { rootUri: snapshot.rootUri, files: snapshot.files } });
      }
    });
    return { result, idle };
  }

  private finish() {
    const running = this.running;
    this.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      clearTimeout(running.graceTimer);
      running.freed();
    }
    return running;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const workerPath = this.options.workerPath ?? path.join(__dirname, 'parserWorker.js');
    const cancelled = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb }, workerData: { cancelled: cancelled.buffer } });
    worker.unref();
    worker.on('message', (message: { id: number; diagnostics?: ParserDiagnostic[]; error?: string; cancelled?: boolean }) => {
      if (this.running?.id !== message.id) return;
      const running = this.finish()!;
      if (message.cancelled) {
        this.logger.debug(`The validation worker stopped run ${running.id} when cancelled`);
        running.settle({ error: new ValidationCancelled() });
      } else if (message.error !== undefined) running.settle({ error: new Error(message.error) });
      else running.settle({ diagnostics: message.diagnostics ?? [] });
    });
    // A replaced worker's last words concern runs that are already settled.
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.logger.warn(`Validation worker failed: ${error.message}`);
      const running = this.finish();
      const outOfMemory = /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}`);
      running?.settle({ error: new Error(outOfMemory ? `ran out of memory (limit ${this.options.maxHeapMb} MB); the document is too large to validate fully` : error.message) });
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.finish()?.settle({ error: new Error('the validation worker stopped unexpectedly') });
    });
    this.worker = worker;
    this.cancelled = cancelled;
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
    this.finish()?.settle({ error: new ValidationCancelled() });
    if (worker) await worker.terminate();
  }
}
