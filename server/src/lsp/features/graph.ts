import { LayoutSuperseded } from '../../engine/graph/graphLayout';
import { GraphLayoutWorkerPool } from '../../node/graphLayoutWorkerPool';
import { GraphChangedNotification, GraphRequest, GraphSubscriptionNotification, isGraphViewOptions, type GraphResponse } from '../../protocol';
import type { GraphViewOptions } from '../../engine/graph/graphModel';
import { describeError, runSafeNotification } from '../runSafe';
import type { FeatureContext, LanguageFeature } from './feature';

/** Edits are batched this long before the client is told the graph changed. */
const EDIT_DEBOUNCE_MS = 200;
/**
 * While a graph is open the server also looks at the index's generation this often: files
 * changed on disk and the start-up indexing change the index without an editor event.
 */
const WATCH_INTERVAL_MS = 1000;
/** The layout worker's heap: a layout that needs more (a full one of thousands of channels) fails alone, not the server. */
const LAYOUT_HEAP_MB = 1024;
/** Edits that land while the graph is laid out supersede the layout; past this many, the request gives up. */
const MAX_LAYOUT_ATTEMPTS = 4;

/**
 * `eventDesign/graph`: the workspace's event-flow graph, the engine's (shared with the contract
 * check), laid out in a worker thread so that other requests are answered meanwhile. While a client
 * says a graph view is open, the server sends `eventDesign/graphChanged` within about a second
 * of anything that changes the index; the client asks again (with the generation it has, so an
 * unchanged graph costs nothing).
 */
export const graphFeature: LanguageFeature = {
  name: 'graph',
  register(context: FeatureContext) {
    const { connection, documents, engine, logger } = context;
    const layouts = new GraphLayoutWorkerPool(logger, { maxHeapMb: LAYOUT_HEAP_MB });
    let subscribed = false;
    let notified = -1;
    let editTimer: NodeJS.Timeout | undefined;
    let watchTimer: NodeJS.Timeout | undefined;

    const check = () =>
      runSafeNotification(logger, 'graph change', () => {
        if (!subscribed) return;
        engine.indexOpenDocuments();
        const generation = engine.index.generation;
        if (generation === notified) return;
        notified = generation;
        void connection.sendNotification(GraphChangedNotification.method, { generation } satisfies GraphChangedNotification.Params);
      });
    const scheduleCheck = () => {
      if (!subscribed) return;
      clearTimeout(editTimer);
      editTimer = setTimeout(check, EDIT_DEBOUNCE_MS);
    };
    documents.onDidChangeContent(scheduleCheck);
    documents.onDidClose(scheduleCheck);

    connection.onNotification(GraphSubscriptionNotification.method, (params: GraphSubscriptionNotification.Params) =>
      runSafeNotification(logger, 'graph subscription', async () => {
        subscribed = params?.active === true;
        clearInterval(watchTimer);
        watchTimer = undefined;
        if (subscribed) {
          layouts.warmUp();
          watchTimer = setInterval(() => {
            if (engine.index.generation !== notified) check();
          }, WATCH_INTERVAL_MS);
          watchTimer.unref?.();
        }
      }),
    );
    context.onShutdown(() => {
      clearInterval(watchTimer);
      clearTimeout(editTimer);
      void layouts.dispose();
    });

    const graphOfLatestIndex = async (options: GraphViewOptions) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await engine.eventFlow.graph(options, layouts.compute);
        } catch (error) {
          if (!(error instanceof LayoutSuperseded) || attempt >= MAX_LAYOUT_ATTEMPTS) throw error;
          engine.indexOpenDocuments();
        }
      }
    };

    context.onRequest<GraphRequest.Params, GraphResponse>(
      GraphRequest.method,
      { kind: 'error', message: 'The graph could not be built; see the Event Design output.' },
      async (params) => {
        const options = isGraphViewOptions(params.options) ? params.options : { collapse: 'auto' as const, expandedServices: [] };
        engine.indexOpenDocuments();
        const generation = engine.index.generation;
        notified = Math.max(notified, generation);
        if (params.knownGeneration === generation) return { kind: 'unchanged', generation };
        try {
          const started = performance.now();
          const graph = await graphOfLatestIndex(options);
          logger.debug(`graph: ${graph.model.services.length} services, ${graph.model.channels.length} channels, ${graph.view.nodes.length} boxes in ${Math.round(performance.now() - started)} ms`);
          return { kind: 'graph', graph };
        } catch (error) {
          logger.error(`graph failed: ${describeError(error)}`);
          return { kind: 'error', message: `The graph could not be built: ${error instanceof Error ? error.message : String(error)}` };
        }
      },
      // Laying out the whole workspace is a check's worth of work, not a hover's.
      { budget: 'check' },
    );
  },
};
