import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { CancelledError } from '../engine/engine';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/**
 * Runs a handler so that no input can take the server down: errors are logged and the fallback
 * is returned; cancellation becomes the protocol's RequestCancelled.
 */
export async function runSafe<T>(logger: Logger, name: string, fallback: T, token: CancellationToken | undefined, work: () => Promise<T> | T): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await work();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (error) {
    if (error instanceof CancelledError) return cancelled();
    logger.error(`${name} failed: ${describeError(error)}`);
    return fallback;
  }
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
