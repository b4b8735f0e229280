import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runNativeParserChecks } from '../../server/src/engine/asyncapi/nativeParserChecks';
import type { ParserSnapshot } from '../../server/src/engine/asyncapi/parserValidation';
import { ParserWorkerPool, ValidationCancelled } from '../../server/src/node/parserWorkerPool';
import { syntheticAsyncApi } from '../support/syntheticAsyncApi';

/**
 * The full validation's worker pool: a cancelled run stops cooperatively and the worker, with what
 * it keeps, serves the next run; a run that ignores the cancellation is stopped by terminating it.
 */
describe('the validation worker pool', function () {
  this.timeout(120_000);

  /** A logger that records what the pool says, and aborts `abortOn` as soon as its run is handed to the worker. */
  function recordingLogger() {
    const lines: string[] = [];
    let abortOn: { rootUri: string; controller: AbortController } | undefined;
    return {
      lines,
      abortWhenPosted(rootUri: string, controller: AbortController) {
        abortOn = { rootUri, controller };
      },
      logger: {
        warn: (message: string) => lines.push(message),
        debug: (message: string) => {
          lines.push(message);
          if (abortOn && message.startsWith(`Validating ${abortOn.rootUri} `)) abortOn.controller.abort();
        },
      },
    };
  }

  const uri = 'file:///pool/asyncapi.yaml';
  const snapshotOf = (text: string): ParserSnapshot => ({ rootUri: uri, files: { [uri]: text } });

  it('keeps its worker when a run is cancelled, and the next runs are correct', async function () {
    const recorded = recordingLogger();
    const pool = new ParserWorkerPool(recorded.logger, { maxHeapMb: 1024, timeoutMs: 60_000 });
    try {
      const text = syntheticAsyncApi(40);
      const first = snapshotOf(text);
      assert.deepEqual(await pool.run(first), runNativeParserChecks(first));

      // An edit that breaks an operation, cancelled once the worker has it.
      const broken = snapshotOf(text.replace('action: send', 'action: sned'));
      const controller = new AbortController();
      recorded.abortWhenPosted(uri, controller);
      await assert.rejects(pool.run(broken, controller.signal), ValidationCancelled);
      recorded.abortWhenPosted('none', new AbortController());

      const expected = runNativeParserChecks(broken);
      assert.ok(expected.some((diagnostic) => diagnostic.code === 'asyncapi-document-resolved'), 'the edit is an error the checks find');
      assert.deepEqual(await pool.run(broken), expected);
      assert.ok(recorded.lines.some((line) => /stopped run \d+ when cancelled/.test(line)), 'the worker itself stopped the cancelled run before the next one started');
      assert.deepEqual(await pool.run(first), runNativeParserChecks(first));
      assert.deepEqual(
        recorded.lines.filter((line) => /Restarting|failed/.test(line)),
        [],
        'the worker was never restarted',
      );
    } finally {
      await pool.dispose();
    }
  });

  it('terminates a run that ignores the cancellation after the grace period, and the next run gets a fresh worker', async function () {
    const recorded = recordingLogger();
    const workerPath = path.join(__dirname, 'support', 'stuckParserWorker.js');
    const pool = new ParserWorkerPool(recorded.logger, { workerPath, maxHeapMb: 256, timeoutMs: 60_000, cancelGraceMs: 200 });
    try {
      const controller = new AbortController();
      recorded.abortWhenPosted('file:///pool/stuck.yaml', controller);
      await assert.rejects(pool.run({ rootUri: 'file:///pool/stuck.yaml', files: {} }, controller.signal), ValidationCancelled);
      assert.deepEqual(await pool.run(snapshotOf('asyncapi: 3.0.0\n')), []);
      assert.ok(recorded.lines.includes('Restarting the validation worker (did not stop when cancelled)'), recorded.lines.join('\n'));
    } finally {
      await pool.dispose();
    }
  });
});
