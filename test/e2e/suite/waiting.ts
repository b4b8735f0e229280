import * as vscode from 'vscode';

/** How long one wait may take; below mocha's 120 s so the failure says what it waited for. */
export const WAIT_MS = 90_000;

/**
 * Resolves with the first value of `check` that is not undefined, evaluated now and after each of
 * `events`; rejects at the deadline with what it waited for and `describe()` of the last state.
 */
export function waitFor<T>(
  what: string,
  check: () => T | undefined,
  options: { events?: Array<vscode.Event<unknown>>; timeoutMs?: number; describe?: () => string } = {},
): Promise<T> {
  const events = options.events ?? [vscode.languages.onDidChangeDiagnostics];
  const timeoutMs = options.timeoutMs ?? WAIT_MS;
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (settle: () => void) => {
      done = true;
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      settle();
    };
    const test = () => {
      if (done) return true;
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        finish(() => reject(error));
        return true;
      }
      if (value === undefined) return false;
      finish(() => resolve(value));
      return true;
    };
    if (test()) return;
    for (const event of events) subscriptions.push(event(() => void test()));
    timer = setTimeout(() => {
      const state = options.describe ? `; last state: ${options.describe()}` : '';
      finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`)));
    }, timeoutMs);
  });
}

/** A promise, or an error naming it when it has not settled by the deadline. */
export async function withDeadline<T>(promise: Thenable<T>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve(promise), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

