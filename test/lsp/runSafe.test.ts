import * as assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Cancellation } from '../../server/src/engine/cancellation';
import { runSafe, type Logger } from '../../server/src/lsp/runSafe';

const logger = (messages: string[]): Logger => ({ error: (message) => messages.push(message), warn: (message) => messages.push(message), info: () => undefined, debug: () => undefined });

/** Work that never finishes on its own: it resolves (with its token) only when the test says. */
function pendingWork() {
  let seen: Cancellation | undefined;
  let finish: (value: string) => void = () => undefined;
  const work = (token: Cancellation) => {
    seen = token;
    return new Promise<string>((resolve) => (finish = resolve));
  };
  return { work, token: () => seen, finish: (value: string) => finish(value) };
}

describe('runSafe: request deadlines and cancellation', function () {
  it('answers RequestFailed when the time limit passes, without waiting for the work; the work sees its token turn', async function () {
    const messages: string[] = [];
    const pending = pendingWork();
    const answer = await runSafe(logger(messages), 'textDocument/hover', null, undefined, pending.work, 1);
    assert.ok(answer instanceof ResponseError);
    assert.equal(answer.code, LSPErrorCodes.RequestFailed);
    assert.match(answer.message, /textDocument\/hover took longer than 1 ms \(eventDesign\.limits\.requestTimeout\)/);
    assert.equal(pending.token()?.isCancellationRequested, true, 'the work is told to stop at its next check');
    assert.equal(messages.length, 1);
    pending.finish('too late');
  });

  it('answers RequestCancelled as soon as the client cancels work in flight', async function () {
    const source = new CancellationTokenSource();
    const pending = pendingWork();
    const answered = runSafe(logger([]), 'textDocument/references', 'fallback', source.token, pending.work, 60_000);
    source.cancel();
    const answer = await answered;
    assert.ok(answer instanceof ResponseError);
    assert.equal(answer.code, LSPErrorCodes.RequestCancelled);
    assert.equal(pending.token()?.isCancellationRequested, true);
  });

  it('returns the result of work that finishes in time, and the fallback (logged) when it fails', async function () {
    const messages: string[] = [];
    assert.equal(await runSafe(logger(messages), 'a', 'fallback', undefined, () => 'result', 60_000), 'result');
    assert.equal(
      await runSafe(logger(messages), 'b', 'fallback', undefined, () => {
        throw new Error('broken');
      }),
      'fallback',
    );
    assert.match(messages.join('\n'), /b failed: Error: broken/);
  });
});
