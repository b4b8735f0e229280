import { Deadline } from '../engine/cancellation';
import { CancelledError, type CheckResult, type Engine } from '../engine/engine';
import type { Finding } from '../engine/findings/finding';
import { internalErrorFinding } from '../engine/rules/internalError';
import { diagnosticsByFile } from './diagnostics';
import type { DiagnosticsCollector } from './diagnosticsCollector';
import { ValidationCancelled, type ParserWorkerPool } from '../node/parserWorkerPool';
import type { Logger } from './runSafe';
import type { ServerSettings } from './settings';

interface DocumentState {
  /** Grows with every request to validate; a run whose generation is old stops or is ignored. */
  generation: number;
  fastTimer?: NodeJS.Timeout;
  fullTimer?: NodeJS.Timeout;
  abort?: AbortController;
  /** Files the last check read. */
  dependencies: string[];
  /** The last full validation's own findings, kept (re-placed by path) until the next one. */
  fullOnly: Finding[];
  busy: boolean;
  /** The fast checks are running (`busy` covers the full validation too). */
  fastRunning: boolean;
  /** How long the document's last fast checks took, in ms: the pause before the next waits about as long. */
  lastFastMs?: number;
}

/** The shortest pause before the fast checks: a burst of keys typed at once is checked once. */
const MIN_FAST_DELAY_MS = 20;

/** The pause before the fast checks of a document whose last ones took `lastFastMs` (see `fastDelayOf`). */
export function fastDelayAfter(lastFastMs: number | undefined, ceiling: number) {
  if (lastFastMs === undefined) return ceiling;
  return Math.min(ceiling, Math.max(MIN_FAST_DELAY_MS, Math.round(lastFastMs)));
}

/**
 * Decides when each open document is checked: the fast checks shortly after an edit, the full
 * AsyncAPI validation after a longer pause, in a worker, cancelled by the next edit. Documents
 * that reference a changed file are checked again.
 */
export class ValidationScheduler {
  private readonly documents = new Map<string, DocumentState>();
  private idleWaiters: Array<{ fastOnly: boolean; resolve: () => void }> = [];

  constructor(
    private readonly engine: Engine,
    private readonly collector: DiagnosticsCollector,
    private readonly pool: ParserWorkerPool,
    private readonly settings: () => ServerSettings,
    private readonly packageRootUri: () => string,
    private readonly logger: Logger,
    private readonly onActivity: () => void,
  ) {}

  get pending(): number {
    let count = 0;
    for (const state of this.documents.values()) if (state.busy || state.fastTimer || state.fullTimer) count++;
    return count;
  }

  /**
   * Resolves once no open document waits for its checks: only the fast ones with `fastOnly`
   * (start-up work goes after them), the full validation too otherwise (the workspace's
   * background checks go after both).
   */
  whenIdle(fastOnly: boolean): Promise<void> {
    if (this.isIdle(fastOnly)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push({ fastOnly, resolve }));
  }

  private isIdle(fastOnly: boolean) {
    for (const state of this.documents.values()) {
      if (state.fastTimer || state.fastRunning) return false;
      if (!fastOnly && (state.busy || state.fullTimer)) return false;
    }
    return true;
  }

  private activity() {
    this.onActivity();
    if (this.idleWaiters.length === 0) return;
    const waiting = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiting) {
      if (this.isIdle(waiter.fastOnly)) waiter.resolve();
      else this.idleWaiters.push(waiter);
    }
  }

  /** An open document changed (or was opened); `immediately` skips the typing delay. */
  schedule(uri: string, immediately = false) {
    const state = this.stateOf(uri);
    state.generation++;
    state.abort?.abort();
    state.abort = undefined;
    clearTimeout(state.fastTimer);
    clearTimeout(state.fullTimer);
    state.fullTimer = undefined;
    const generation = state.generation;
    state.fastTimer = setTimeout(() => {
      state.fastTimer = undefined;
      void this.runFast(uri, generation);
    }, immediately ? 0 : this.fastDelayOf(state));
    this.activity();
  }

  /**
   * The pause after a key before the fast checks: about what they cost, within the configured
   * delay. Checks that cost little run soon after each key (a 100-channel document's take about
   * 25 ms); a costly check waits for the typist's pause, since the next key would throw it away.
   */
  private fastDelayOf(state: DocumentState) {
    return fastDelayAfter(state.lastFastMs, this.settings().fastDelay);
  }

  /** A file changed on disk or in an editor: check again every open document that reads it. */
  dependencyChanged(uri: string) {
    for (const [documentUri, state] of this.documents) {
      if (documentUri !== uri && state.dependencies.includes(uri)) this.schedule(documentUri);
    }
  }

  scheduleAll() {
    for (const uri of this.documents.keys()) this.schedule(uri, true);
  }

  isOpen(uri: string) {
    return this.documents.has(uri);
  }

  close(uri: string) {
    const state = this.documents.get(uri);
    if (!state) return;
    state.generation++;
    state.abort?.abort();
    clearTimeout(state.fastTimer);
    clearTimeout(state.fullTimer);
    this.documents.delete(uri);
    this.engine.forget(uri);
    this.collector.remove(uri);
    this.activity();
  }

  private stateOf(uri: string): DocumentState {
    let state = this.documents.get(uri);
    if (!state) {
      state = { generation: 0, dependencies: [uri], fullOnly: [], busy: false, fastRunning: false };
      this.documents.set(uri, state);
    }
    return state;
  }

  private async runFast(uri: string, generation: number) {
    const state = this.documents.get(uri);
    if (!state || state.generation !== generation) return;
    state.busy = true;
    state.fastRunning = true;
    try {
      const token = { get isCancellationRequested() {
        return state.generation !== generation;
      } };
      const started = performance.now();
      const result = await this.engine.checkFast(uri, token, { timeoutMs: this.settings().checkTimeout });
      if (state.generation !== generation) return;
      state.lastFastMs = performance.now() - started;
      state.dependencies = result.dependencies;
      const stale = this.engine.relocate(state.fullOnly);
      this.publish(uri, result, stale);
      // A check that ran out of time says so; the slower stage would only run out of it again.
      if (result.timedOut) return;
      // The slower stage: the parser (AsyncAPI documents) and the comparison with the baseline
      // (documents and schema files), after a longer pause.
      state.fullTimer = setTimeout(() => {
        state.fullTimer = undefined;
        void this.runFull(uri, generation, result);
      }, Math.max(0, this.settings().fullDelay - this.settings().fastDelay));
    } catch (error) {
      if (error instanceof CancelledError) return;
      this.logger.error(`Checking ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      // The user sees that the file went unchecked, in the file, rather than nothing at all.
      if (state.generation === generation) this.publish(uri, { uri, version: 0, findings: new Map(), dependencies: [uri], wantsFullValidation: false }, [internalErrorFinding(uri, error)]);
    } finally {
      state.busy = false;
      state.fastRunning = false;
      this.activity();
    }
  }

  private async runFull(uri: string, generation: number, fast: CheckResult) {
    const state = this.documents.get(uri);
    if (!state || state.generation !== generation) return;
    state.busy = true;
    const abort = new AbortController();
    state.abort = abort;
    this.activity();
    const started = performance.now();
    // The full validation and the comparison with the baseline share one budget; running out of
    // it stops the worker and says so on the file.
    const timeoutMs = this.settings().checkTimeout;
    const deadline = new Deadline(() => performance.now(), timeoutMs);
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let phase = 'the full validation';
    try {
      let full: CheckResult = fast;
      const snapshot = fast.wantsFullValidation ? await this.engine.prepareFullCheck(uri) : undefined;
      if (state.generation !== generation) return;
      if (snapshot) {
        let diagnostics;
        try {
          diagnostics = await this.pool.run(snapshot, abort.signal);
        } catch (error) {
          if (error instanceof ValidationCancelled && state.generation === generation && deadline.passed) {
            this.publish(uri, await this.engine.timedOut(uri, phase, timeoutMs, fast), []);
            return;
          }
          if (error instanceof ValidationCancelled) return;
          diagnostics = [{ uri, path: [], code: 'uncaught-error', message: `Full validation failed: ${error instanceof Error ? error.message : String(error)}`, severity: 1 }];
        }
        if (state.generation !== generation) return;
        full = (await this.engine.completeFullCheck(uri, fast.version, diagnostics)) ?? fast;
        if (state.generation !== generation) return;
      }
      phase = 'the comparison with the baseline';
      const breaks = await this.engine.checkBreaks(uri, this.settings().baseline).catch((error: unknown) => {
        this.logger.warn(`Comparing ${uri} with its baseline failed: ${error instanceof Error ? error.message : String(error)}`);
        return new Map<string, Finding[]>();
      });
      if (state.generation !== generation) return;
      let merged: CheckResult = { ...full, findings: new Map(full.findings) };
      for (const [fileUri, findings] of breaks) merged.findings.set(fileUri, [...(merged.findings.get(fileUri) ?? []), ...findings]);
      if (deadline.passed) merged = await this.engine.timedOut(uri, phase, timeoutMs, merged);
      state.fullOnly = onlyIn(merged, fast);
      this.publish(uri, merged, []);
      this.logger.debug(`Full validation of ${uri} took ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      this.logger.error(`Full validation of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (state.generation === generation) this.publish(uri, fast, [internalErrorFinding(uri, error)]);
    } finally {
      clearTimeout(timer);
      if (state.abort === abort) state.abort = undefined;
      state.busy = false;
      this.activity();
    }
  }

  private publish(uri: string, result: CheckResult, extra: Finding[]) {
    const seen = new Set<string>();
    for (const findings of result.findings.values()) for (const finding of findings) seen.add(keyOf(finding));
    this.collector.set(uri, diagnosticsByFile(uri, [...result.findings.values(), extra.filter((finding) => !seen.has(keyOf(finding)))], this.packageRootUri()));
  }
}

function keyOf(finding: Finding) {
  return `${finding.uri}|${finding.ruleId}|${(finding.path ?? []).join('/')}|${finding.message}`;
}

/** Findings of the full result that the fast one did not have: the parser's own. */
function onlyIn(full: CheckResult, fast: CheckResult): Finding[] {
  const fastKeys = new Set<string>();
  for (const findings of fast.findings.values()) for (const finding of findings) fastKeys.add(keyOf(finding));
  const result: Finding[] = [];
  for (const findings of full.findings.values()) for (const finding of findings) if (!fastKeys.has(keyOf(finding))) result.push(finding);
  return result;
}
