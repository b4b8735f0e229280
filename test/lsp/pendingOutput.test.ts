import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { outputPending, outputWritten } from '../../server/src/lsp/pendingOutput';

/**
 * Long tasks (a forced collection, the workspace's contracts) wait until the diagnostics just
 * published are written out: a pipe takes a 4 MB message in pieces, written from the event loop.
 */
describe('pendingOutput: long tasks wait for the output to be written', () => {
  /** A pipe that takes 64 KB at a time, each piece accepted on a later turn of the event loop. */
  function slowPipe() {
    const written: number[] = [];
    const pipe = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.length);
        setImmediate(done);
      },
    });
    return { pipe, written };
  }

  it('resolves at once (after one turn) when nothing is pending', async () => {
    const { pipe } = slowPipe();
    assert.equal(outputPending(pipe), false);
    await outputWritten(pipe);
  });

  it('resolves only once a large message has gone out', async () => {
    const { pipe, written } = slowPipe();
    const message = Buffer.alloc(4 * 1024 * 1024, 120);
    // As the connection writes: from an immediate queued before the task that waits.
    setImmediate(() => pipe.write(message));
    await outputWritten(pipe);
    assert.equal(outputPending(pipe), false);
    assert.equal(written.reduce((sum, length) => sum + length, 0), message.length);
  });
});
