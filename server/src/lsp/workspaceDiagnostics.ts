import { CancelledError, type CheckResult, type Engine } from '../engine/engine';
import { internalErrorFinding } from '../engine/rules/internalError';
import type { ParserWorkerPool } from '../node/parserWorkerPool';
import { diagnosticsByFile } from './diagnostics';
import type { DiagnosticsCollector } from './diagnosticsCollector';
import type { Logger } from './runSafe';
import type { ServerSettings } from './settings';
import type { ValidationScheduler } from './validationScheduler';

/**
 * The problems of files nobody opened, as `event-design check` reports them, in the editor's
 * Problems. After the start-up indexing every indexed file is checked in the background, one at a
 * time: first the fast checks of all (the list fills quickly), then the full validation (the
 * parser), each file's findings published as its own check's, as if it were open (a document's
 * findings in the schemas it uses included: they depend on that use). A file is checked again
 * when it or a file it reaches changes, on disk or in an editor; a deleted file's are cleared. Open
 * documents belong to the `ValidationScheduler`, and come first: the background waits while any
 * of them waits for its checks.
 *
 * With `eventDesign.diagnostics.workspace: "openFiles"`, only the files that reach an open file
 * are checked here, and only what they say in open files is published: a schema opened alone still
 * gets the findings its users give it.
 */
export class WorkspaceDiagnostics {
  /** Files waiting for their fast checks, then for their full validation; in the order they came. */
  private readonly fastQueue = new Set<string>();
  private readonly fullQueue = new Set<string>();
  /** Grows when a file is queued again: a check of an older generation is not published. */
  private readonly generations = new Map<string, number>();
  /** The files whose findings this class published (the scheduler publishes the open documents'). */
  private readonly producers = new Set<string>();
  private started = false;
  private running = false;

  constructor(
    private readonly engine: Engine,
    private readonly collector: DiagnosticsCollector,
    private readonly pool: ParserWorkerPool,
    private readonly scheduler: ValidationScheduler,
    private readonly settings: () => ServerSettings,
    private readonly packageRootUri: () => string,
    private readonly logger: Logger,
    private readonly onActivity: () => void,
  ) {}

  /** Files waiting for a background check. */
  get pending(): number {
    return new Set([...this.fastQueue, ...this.fullQueue]).size;
  }

  /** After the start-up indexing: every file, from now on. */
  start() {
    this.started = true;
    this.recheckAll();
  }

  /** Settings, trust or a configuration file changed: everything may say something else. */
  recheckAll() {
    if (!this.started) return;
    const uris = new Set(this.settings().workspaceDiagnostics === 'all' ? [...this.engine.index.all()].map((file) => file.uri) : [...this.openFiles()].flatMap((uri) => this.engine.index.dependentsOf(uri)));
    // What is no longer checked here must not stay in Problems (the setting went to "openFiles").
    for (const uri of this.producers) if (!uris.has(uri)) this.forget(uri);
    this.enqueue(uris);
  }

  /** A file changed (on disk, or its text in an editor): it and every file that reaches it. */
  changed(uri: string) {
    if (!this.started) return;
    this.enqueue([...(this.settings().workspaceDiagnostics === 'all' ? [uri] : []), ...this.engine.index.dependentsOf(uri)]);
  }

  /**
   * A file is gone: what its check said goes with it, and the files that reached it are checked
   * again (the index still knows them: their references to it are theirs).
   */
  deleted(uri: string) {
    this.forget(uri);
    if (this.started) this.enqueue(this.engine.index.dependentsOf(uri));
  }

  /**
   * A document was opened or closed in an editor. Opened, it is the scheduler's (what was said of
   * it here stays until the scheduler says more); closed, it is checked here again. In "openFiles"
   * mode the files that reach it say what they say of it, or no longer.
   */
  openedOrClosed(uri: string) {
    if (!this.started) return;
    const open = this.scheduler.isOpen(uri);
    if (open) {
      this.fastQueue.delete(uri);
      this.fullQueue.delete(uri);
      this.producers.delete(uri);
    }
    if (this.settings().workspaceDiagnostics === 'all') {
      if (!open) this.enqueue([uri]);
    } else {
      this.enqueue(this.engine.index.dependentsOf(uri));
    }
  }

  private forget(uri: string) {
    this.fastQueue.delete(uri);
    this.fullQueue.delete(uri);
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
    if (this.producers.delete(uri) && !this.scheduler.isOpen(uri)) this.collector.remove(uri);
  }

  private *openFiles() {
    for (const file of this.engine.files.openFiles()) yield file.uri;
  }

  private enqueue(uris: Iterable<string>) {
    for (const uri of uris) {
      if (this.scheduler.isOpen(uri)) continue;
      this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
      this.fullQueue.delete(uri);
      this.fastQueue.add(uri);
    }
    this.onActivity();
    void this.drain();
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        // Open documents first, whatever they are waiting for.
        await this.scheduler.whenIdle(false);
        const [uri, full] = this.next();
        if (uri === undefined) break;
        await this.check(uri, full);
        this.onActivity();
        // Messages from the editor (an opened document) are read between two files.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = false;
    }
  }

  private next(): [string | undefined, boolean] {
    for (const uri of this.fastQueue) {
      this.fastQueue.delete(uri);
      return [uri, false];
    }
    for (const uri of this.fullQueue) {
      this.fullQueue.delete(uri);
      return [uri, true];
    }
    return [undefined, false];
  }

  private async check(uri: string, full: boolean) {
    const generation = this.generations.get(uri);
    const current = () => this.generations.get(uri) === generation && !this.scheduler.isOpen(uri);
    let result: CheckResult;
    try {
      if (!(await this.engine.isRelevant(uri))) {
        if (this.producers.has(uri)) this.forget(uri);
        return;
      }
      const limits = { timeoutMs: this.settings().checkTimeout };
      result = full
        ? await this.engine.checkFile(uri, (snapshot, remainingMs) => this.pool.run(snapshot, remainingMs === undefined ? undefined : AbortSignal.timeout(remainingMs)), limits)
        : await this.engine.checkFast(uri, { get isCancellationRequested() { return !current(); } }, limits);
    } catch (error) {
      if (error instanceof CancelledError || !current()) return;
      this.logger.error(`Checking ${uri} in the background failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      result = { uri, version: 0, findings: new Map([[uri, [internalErrorFinding(uri, error)]]]), dependencies: [uri], wantsFullValidation: false };
    } finally {
      // What an open document's scheduler keeps for its own full check is not this check's to drop.
      if (!this.scheduler.isOpen(uri)) this.engine.forget(uri);
    }
    if (!current()) return;
    const shown = this.settings().workspaceDiagnostics === 'all' ? () => true : (target: string) => this.scheduler.isOpen(target);
    this.producers.add(uri);
    this.collector.set(uri, diagnosticsByFile(uri, result.findings.values(), this.packageRootUri(), shown));
    if (!full && result.wantsFullValidation && !result.timedOut) this.fullQueue.add(uri);
  }
}
