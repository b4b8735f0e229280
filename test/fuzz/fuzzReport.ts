import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type FailureKind =
  | 'server-exit'
  | 'deadline'
  | 'error-response'
  | 'not-idle'
  | 'memory'
  | 'final-hover'
  | 'read-outside-workspace'
  | 'cli-exit-code'
  | 'cli-json'
  | 'cli-stack-trace'
  | 'cli-timeout';

export interface Failure {
  kind: FailureKind;
  seed: number;
  /** The operation (LSP phase) or batch (CLI phase) that showed it. */
  opIndex: number;
  method?: string;
  message: string;
  /** Where its inputs were written, when they were. */
  savedTo?: string;
}

/** One operation, as replayed: only what the seed decides, never what the server answered. */
export interface OperationRecord {
  index: number;
  kind: string;
  file?: string;
  detail?: unknown;
}

const RECENT_OPERATIONS = 300;
/** Inputs are written for the first few failures of each kind and method; the rest are counted. */
const SAVED_PER_SIGNATURE = 2;

/**
 * What a run found and measured: figures for the summary, failures with where their inputs went,
 * and a digest of the operation sequence (equal digests: the same operations, replayed).
 */
export class FuzzReport {
  operations = 0;
  readonly requestsByMethod = new Map<string, { count: number; totalMs: number }>();
  slowest: { method: string; ms: number; opIndex: number } = { method: '-', ms: 0, opIndex: -1 };
  peakMemoryKb = 0;
  cliBatches = 0;
  slowestCliMs = 0;
  serverRestarts = 0;
  readonly mutatorsUsed = new Map<string, number>();
  readonly failures: Failure[] = [];
  private readonly savedBySignature = new Map<string, number>();
  private readonly recent: OperationRecord[] = [];
  private readonly digest = createHash('sha256');
  /** Temporary folders, whose names differ between runs: the digest leaves them out. */
  readonly varyingPaths: string[] = [];

  constructor(
    readonly seed: number,
    private readonly findingsDir: string,
  ) {}

  /** An operation of the language server phase. */
  record(operation: OperationRecord) {
    this.operations++;
    this.note(operation);
  }

  /** Something the seed decided that is not a language server operation (a CLI batch). */
  note(operation: OperationRecord) {
    let serialised = JSON.stringify(operation);
    for (const varying of this.varyingPaths) serialised = serialised.split(varying).join('<tmp>');
    this.digest.update(serialised);
    this.recent.push(operation);
    if (this.recent.length > RECENT_OPERATIONS) this.recent.shift();
  }

  countRequest(method: string, ms: number, opIndex: number) {
    const figures = this.requestsByMethod.get(method) ?? { count: 0, totalMs: 0 };
    this.requestsByMethod.set(method, { count: figures.count + 1, totalMs: figures.totalMs + ms });
    if (ms > this.slowest.ms) this.slowest = { method, ms, opIndex };
  }

  /** Wall-clock time spent per kind of operation, waiting included: where a run's time goes. */
  readonly timeByOperation = new Map<string, number>();

  timeOperation(kind: string, ms: number) {
    this.timeByOperation.set(kind, (this.timeByOperation.get(kind) ?? 0) + ms);
  }

  countMutators(names: string[]) {
    for (const name of names) this.mutatorsUsed.set(name, (this.mutatorsUsed.get(name) ?? 0) + 1);
  }

  sequenceDigest(): string {
    return this.digest.copy().digest('hex').slice(0, 16);
  }

  /**
   * Records a failure; `inputs` (workspace-relative path → text or bytes) are written with the
   * recent operations to a folder of their own, so that they can be replayed and minimised.
   */
  fail(failure: Omit<Failure, 'seed' | 'savedTo'>, inputs: () => Map<string, string | Buffer>, request?: unknown): Failure {
    const recorded: Failure = { ...failure, seed: this.seed };
    const signature = `${failure.kind}:${failure.method ?? ''}`;
    const saved = this.savedBySignature.get(signature) ?? 0;
    if (saved < SAVED_PER_SIGNATURE) {
      this.savedBySignature.set(signature, saved + 1);
      const folder = path.join(this.findingsDir, `seed-${this.seed}-op-${failure.opIndex}-${failure.kind}${failure.method ? `-${failure.method.replace(/[^\w]+/g, '_')}` : ''}`);
      fs.mkdirSync(folder, { recursive: true });
      for (const [relative, content] of inputs()) {
        const target = path.join(folder, 'inputs', relative);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
      fs.writeFileSync(path.join(folder, 'failure.json'), JSON.stringify({ ...recorded, request: truncateStrings(request) }, null, 2) + '\n');
      fs.writeFileSync(path.join(folder, 'operations.jsonl'), this.recent.map((operation) => JSON.stringify(truncateStrings(operation))).join('\n') + '\n');
      recorded.savedTo = folder;
    }
    this.failures.push(recorded);
    return recorded;
  }
}

/** Long strings (10 MB mutants) would make the logs unreadable: they are cut, saying so. */
function truncateStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 2000 ? `${value.slice(0, 2000)}… (${value.length} characters)` : value;
  if (Array.isArray(value)) return value.map(truncateStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, truncateStrings(item)]));
  return value;
}
