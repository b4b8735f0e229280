import { parentPort } from 'node:worker_threads';
import { runParser, type ParserSnapshot } from '../engine/asyncapi/parserValidation';
import { fullCollector } from './garbageCollector';

/**
 * A parse leaves about 140 times the document's size as garbage, which V8 would otherwise keep
 * until the heap limit nears: collected once the answer is sent, the server's memory stays near
 * what it uses.
 */
const collect = fullCollector();

/**
 * The worker thread that runs @asyncapi/parser. It costs seconds on large documents and about
 * 140 times a file's size in memory, so it must neither block the server's event loop nor be
 * able to take the server down with it.
 */
parentPort?.on('message', async (request: { id: number; snapshot: ParserSnapshot }) => {
  try {
    const diagnostics = await runParser(request.snapshot);
    parentPort?.postMessage({ id: request.id, diagnostics });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
  if (collect) setImmediate(collect);
});
