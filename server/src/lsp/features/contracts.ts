import type { Diagnostic } from 'vscode-languageserver';
import { toDiagnostic } from '../diagnostics';
import { outputWritten } from '../pendingOutput';
import { describeError, runSafeNotification } from '../runSafe';
import type { FeatureContext, LanguageFeature } from './feature';

/** What the diagnostics collector files the contract findings under: no document's own check. */
export const CONTRACTS_PRODUCER = 'event-design:contracts';

/**
 * How often the index is looked at for changes no editor event announces (files changed on disk,
 * the start-up indexing). A changing index is left alone until it has been still for one look, so
 * that indexing a large workspace does not recompute the contracts at every step.
 */
const WATCH_INTERVAL_MS = 1000;

/**
 * The pause after an edit before the contracts are checked again: about what the last check cost,
 * as for the fast checks (a cheap check follows a pause in typing, a costly one waits for a longer
 * one, so that it does not hold up the fast checks of the next keys), this at least, and the full
 * validation's pause (`eventDesign.validation.delay`) at most.
 */
const MIN_EDIT_DELAY_MS = 80;

/**
 * Cross-service contracts as diagnostics, in every document of the workspace, open or not: a
 * consumer that cannot read what its producer sends is an error in the consumer, an information in
 * the producer. They depend on the whole workspace, not on one document, so they are published on
 * their own — once an edit has been re-indexed by its fast checks, after a pause that follows their
 * cost, and whenever the index changes — and merged with each file's own diagnostics by the
 * collector.
 */
export const contractsFeature: LanguageFeature = {
  name: 'contracts',
  register(context: FeatureContext) {
    const { documents, engine, logger, diagnostics } = context;
    let published = -1;
    let lastSeen = -1;
    let running = false;
    let again = false;
    let editTimer: NodeJS.Timeout | undefined;
    let editPending = false;
    let lastCostMs = 0;
    let edits = 0;

    const refresh = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const { generation } = engine.index;
        if (generation === published) return;
        const started = performance.now();
        const byDocument = await engine.checkContracts();
        const byFile = new Map<string, Diagnostic[]>();
        for (const [producer, findings] of byDocument) {
          for (const [uri, list] of findings) byFile.set(uri, [...(byFile.get(uri) ?? []), ...list.map((finding) => toDiagnostic(finding, context.packageRootUri(), producer))]);
        }
        published = generation;
        diagnostics.set(CONTRACTS_PRODUCER, byFile);
        lastCostMs = performance.now() - started;
        logger.debug(`contracts: ${[...byFile.values()].reduce((sum, list) => sum + list.length, 0)} findings in ${byFile.size} files, ${Math.round(lastCostMs)} ms`);
      } catch (error) {
        logger.error(`Checking the contracts between services failed: ${describeError(error)}`);
      } finally {
        running = false;
        if (again) {
          again = false;
          void refresh();
        }
      }
    };
    const run = () => runSafeNotification(logger, 'contracts', refresh);

    const scheduleAfterEdit = () => {
      clearTimeout(editTimer);
      editPending = true;
      const edit = ++edits;
      editTimer = setTimeout(
        () => {
          // The edited document is re-indexed by its fast checks: the contracts read the index.
          // The diagnostics those checks published go out before this long task starts.
          void context
            .fastChecksDone()
            .then(() => outputWritten())
            .then(() => {
              // A later edit has its own pause.
              if (edit !== edits) return;
              editPending = false;
              run();
            });
        },
        Math.min(context.settings().fullDelay, Math.max(MIN_EDIT_DELAY_MS, lastCostMs)),
      );
    };
    documents.onDidChangeContent(scheduleAfterEdit);
    documents.onDidClose(scheduleAfterEdit);

    const watchTimer = setInterval(() => {
      const { generation } = engine.index;
      const still = generation === lastSeen;
      lastSeen = generation;
      if (still && generation !== published && !editPending) run();
    }, WATCH_INTERVAL_MS);
    watchTimer.unref?.();
    context.onShutdown(() => {
      clearInterval(watchTimer);
      clearTimeout(editTimer);
    });
  },
};
