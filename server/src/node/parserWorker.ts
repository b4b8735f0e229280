import { parentPort } from 'node:worker_threads';
import { runParser, type ParserSnapshot } from '../engine/asyncapi/parserValidation';

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
});
