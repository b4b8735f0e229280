/** A way to ask whether the caller still wants the answer. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * A time budget on the host's clock (`EngineHost.now`). Work looks at it between steps; nothing
 * waits on it, so a test with a fake clock decides exactly when it runs out.
 */
export class Deadline {
  private readonly end: number;
  private expired = false;

  constructor(
    private readonly now: () => number,
    /** The budget, in milliseconds, as the user configured it (for messages). */
    readonly budgetMs: number,
  ) {
    this.end = now() + budgetMs;
  }

  get passed(): boolean {
    return this.expired || this.now() >= this.end;
  }

  /**
   * Says the deadline has passed whatever the clock reads: a timer set for the budget may fire a
   * fraction of a millisecond before `now()` reaches the end (timers count whole milliseconds), and
   * the work must then see what the caller was told.
   */
  expire() {
    this.expired = true;
  }

  /** Whole milliseconds, as timers take them. */
  get remainingMs(): number {
    return Math.max(0, Math.ceil(this.end - this.now()));
  }
}

/** The work stopped because its deadline passed (not because the caller lost interest). */
export class DeadlineExceededError extends CancelledError {
  constructor(readonly deadline: Deadline) {
    super();
    this.message = `took longer than ${formatBudget(deadline.budgetMs)}`;
  }
}

/**
 * The caller's cancellation and a deadline as one token, so the long loops check one thing;
 * `throwIfStopped` says which of the two stopped them.
 */
export class BudgetedCancellation implements Cancellation {
  constructor(
    private readonly token: Cancellation | undefined,
    readonly deadline: Deadline | undefined,
  ) {}

  get isCancellationRequested(): boolean {
    return this.token?.isCancellationRequested === true || this.deadline?.passed === true;
  }

  throwIfStopped() {
    if (this.token?.isCancellationRequested) throw new CancelledError();
    if (this.deadline?.passed) throw new DeadlineExceededError(this.deadline);
  }
}

/** Stops the work when the caller cancelled (CancelledError) or its deadline passed (DeadlineExceededError). */
export function throwIfStopped(token: Cancellation | undefined) {
  if (token instanceof BudgetedCancellation) token.throwIfStopped();
  else if (token?.isCancellationRequested) throw new CancelledError();
}

/** "20 s", "1.5 s", "250 ms": a budget as settings and options write it. */
export function formatBudget(milliseconds: number): string {
  return milliseconds >= 1000 ? `${Number((milliseconds / 1000).toFixed(1))} s` : `${milliseconds} ms`;
}
