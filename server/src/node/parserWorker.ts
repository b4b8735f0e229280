import { parentPort } from 'node:worker_threads';
import { runNativeParserChecks } from '../engine/asyncapi/nativeParserChecks';
import type { ParserSnapshot } from '../engine/asyncapi/parserValidation';
import { fullCollector } from './garbageCollector';

/**
 * A full validation leaves the document's resolved copy as garbage, which V8 would otherwise keep
 * until the heap limit nears: collected once the answer is sent, the server's memory stays near
 * what it uses.
 */
const collect = fullCollector();

/**
 * The worker thread of the full validation: @asyncapi/parser's checks, made natively
 * (`nativeParserChecks`, proven equal to the parser's by `test/engine/nativeParserParity.test.ts`;
 * the parser itself took seconds and about 140 times a file's size in memory on large documents).
 * It still runs off the server's event loop, where a new edit can stop it by terminating the thread
 * and where a document that needs too much memory fails alone.
 */
parentPort?.on('message', (request: { id: number; snapshot: ParserSnapshot }) => {
  try {
    const diagnostics = runNativeParserChecks(request.snapshot);
    parentPort?.postMessage({ id: request.id, diagnostics });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
  if (collect) setImmediate(collect);
});
