import * as v8 from 'node:v8';
import { parentPort, resourceLimits, workerData } from 'node:worker_threads';
import { NativeCheckSession } from '../engine/asyncapi/nativeParserChecks/checkSession';
import type { ParserSnapshot } from '../engine/asyncapi/parserValidation';
import { fullCollector } from './garbageCollector';

/**
 * A full validation leaves the previous run's values and copies of edited entries as garbage, which
 * V8 would otherwise keep until the heap limit nears: collected once the answer is sent, the
 * server's memory stays near what it uses.
 */
const collect = fullCollector();

/**
 * What the session keeps is dropped when, after a collection, the heap still holds more than this
 * share of the worker's limit: the next run starts afresh, and the worker does not fail on
 * a larger document for want of room.
 */
const KEPT_HEAP_SHARE = 0.5;

/** The pool's word that a run should stop: the id of the run it no longer wants (see ParserWorkerPool). */
const cancelled = workerData?.cancelled instanceof SharedArrayBuffer ? new Int32Array(workerData.cancelled) : undefined;

class RunCancelled extends Error {}

/**
 * The worker thread of the full validation: @asyncapi/parser's checks, made natively
 * (`nativeParserChecks`, proven equal to the parser's by `test/engine/nativeParserParity.test.ts`;
 * the parser itself took seconds and about 140 times a file's size in memory on large documents).
 * It keeps a session between runs, so that an edit re-checks what it touched, and stops a run
 * between steps when the pool says so; it runs off the server's event loop, where a document that
 * needs too much memory fails alone.
 */
const session = new NativeCheckSession();

parentPort?.on('message', (request: { id: number; snapshot: ParserSnapshot }) => {
  const checkpoint = () => {
    if (cancelled && Atomics.load(cancelled, 0) === request.id) throw new RunCancelled();
  };
  try {
    const diagnostics = session.run(request.snapshot, checkpoint);
    parentPort?.postMessage({ id: request.id, diagnostics });
  } catch (error) {
    if (error instanceof RunCancelled) parentPort?.postMessage({ id: request.id, cancelled: true });
    else parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
  if (collect) setImmediate(collectAndBound, collect);
});

function collectAndBound(collectNow: () => void) {
  collectNow();
  const limitMb = resourceLimits.maxOldGenerationSizeMb;
  if (limitMb && v8.getHeapStatistics().used_heap_size > KEPT_HEAP_SHARE * limitMb * 2 ** 20) {
    session.clear();
    collectNow();
  }
}
