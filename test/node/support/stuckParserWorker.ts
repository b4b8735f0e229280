import { parentPort } from 'node:worker_threads';

/**
 * A validation worker for the pool's tests that never looks at the cancellation flag: a document
 * named `stuck…` keeps it busy for good (as hostile input stuck in one call would), any other gets
 * no findings.
 */
parentPort?.on('message', (request: { id: number; snapshot: { rootUri: string } }) => {
  if (request.snapshot.rootUri.includes('stuck')) for (;;);
  parentPort?.postMessage({ id: request.id, diagnostics: [] });
});
