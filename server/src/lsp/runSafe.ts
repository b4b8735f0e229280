import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { BudgetedCancellation, CancelledError, Deadline, formatBudget, type Cancellation } from '../engine/cancellation';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/**
 * Runs a handler so that no input can take the server down: errors are logged and the fallback
 * is returned; cancellation becomes the protocol's RequestCancelled. With a time limit, the
 * request is answered when it runs out (RequestFailed, naming the setting) or when the client
 * cancels, without waiting for the work: the work sees the same through the token it is given
 * and stops at its next check, so no request queues behind one that cannot finish in time.
 */
export async function runSafe<T>(
  logger: Logger,
  name: string,
  fallback: T,
  token: CancellationToken | undefined,
  work: (token: Cancellation) => Promise<T> | T,
  timeoutMs?: number,
): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  const deadline = timeoutMs !== undefined ? new Deadline(() => performance.now(), timeoutMs) : undefined;
  const budget = new BudgetedCancellation(token, deadline);
  let timer: NodeJS.Timeout | undefined;
  let listener: { dispose(): void } | undefined;
  const stopped = new Promise<'cancelled' | 'timed out'>((resolve) => {
    listener = token?.onCancellationRequested(() => resolve('cancelled'));
    if (timeoutMs !== undefined)
      timer = setTimeout(() => {
        deadline!.expire();
        resolve('timed out');
      }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(() => work(budget)).then((value) => ({ value })), stopped]);
    if (token?.isCancellationRequested || outcome === 'cancelled') return cancelled();
    if (outcome === 'timed out') return timedOut(logger, name, timeoutMs!);
    return outcome.value;
  } catch (error) {
    // The work's own checks may see the deadline a moment before the timer fires.
    if (error instanceof CancelledError) return !token?.isCancellationRequested && deadline?.passed ? timedOut(logger, name, timeoutMs!) : cancelled();
    logger.error(`${name} failed: ${describeError(error)}`);
    return fallback;
  } finally {
    clearTimeout(timer);
    listener?.dispose();
  }
}

function timedOut(logger: Logger, name: string, timeoutMs: number) {
  logger.warn(`${name} took longer than ${formatBudget(timeoutMs)} and was answered without a result (eventDesign.limits.requestTimeout)`);
  return new ResponseError<void>(LSPErrorCodes.RequestFailed, `event-design: ${name} took longer than ${formatBudget(timeoutMs)} (eventDesign.limits.requestTimeout)`);
}

/** The same for notifications, which have no answer. */
export function runSafeNotification(logger: Logger, name: string, work: () => Promise<unknown> | unknown): void {
  Promise.resolve()
    .then(work)
    .catch((error) => {
      if (!(error instanceof CancelledError)) logger.error(`${name} failed: ${describeError(error)}`);
    });
}

function cancelled() {
  return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export function describeError(error: unknown) {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
