import type { GraphSource } from './graphSource';
import { EventFlowModelBuilder } from './buildGraph';
import { DEFAULT_VIEW_OPTIONS, type EventFlowGraph, type EventFlowModel, type GraphView, type GraphViewOptions } from './graphModel';
import { applyGeometry, composeView, computeGeometry, geometryKey, type Geometry, type GeometryComputer } from './graphLayout';
import { planView, shouldCollapse, type ViewPlan } from './graphView';

/** Geometries kept: the overview (grouped or not) and recent services' panels, across edits. */
const MAX_CACHED_LAYOUTS = 12;

/**
 * The event-flow graph of one engine's workspace, built on demand and kept until the workspace
 * index changes: the model once per index generation (re-reading only the documents whose files
 * changed), each view's layout once per generation and options. Callers bring the index up to
 * date first (`engine.indexOpenDocuments()`).
 */
export class EventFlow {
  private model?: { generation: number; value: Promise<EventFlowModel> };
  private readonly layouts = new Map<string, Promise<Geometry>>();
  private readonly builder: EventFlowModelBuilder;

  constructor(private readonly engine: GraphSource) {
    this.builder = new EventFlowModelBuilder(engine);
  }

  /** The model for the index as it is now. */
  currentModel(): Promise<EventFlowModel> {
    const generation = this.engine.index.generation;
    if (this.model?.generation !== generation) {
      const value = this.builder.build();
      this.model = { generation, value };
      value.catch(() => {
        if (this.model?.value === value) this.model = undefined;
      });
    }
    return this.model.value;
  }

  /** The view laid out; `computeLayout` runs the layouts the cache does not have (the server's: a worker thread). */
  async graph(options: GraphViewOptions = DEFAULT_VIEW_OPTIONS, computeLayout: GeometryComputer = computeGeometry): Promise<EventFlowGraph> {
    const model = await this.currentModel();
    const plans = planView(model, { collapse: options.collapse, expandedServices: shouldCollapse(model, options) ? options.expandedServices : [] });
    // The overview's layout does not depend on what is expanded: expanding lays out one panel.
    const overview = await this.laidOut(plans.overview, model.generation, computeLayout);
    const panels = await Promise.all(plans.panels.map(async (panel) => ({ serviceId: panel.serviceId, label: panel.label, layout: await this.laidOut(panel, model.generation, computeLayout) })));
    const view: GraphView = composeView(plans, overview, panels);
    return { model, view };
  }

  /** A plan laid out, reusing the geometry of an earlier plan with the same boxes and edges. */
  private async laidOut(plan: ViewPlan, generation: number, computeLayout: GeometryComputer) {
    const key = geometryKey(plan);
    let geometry = this.layouts.get(key);
    if (!geometry) {
      const computing = computeLayout(plan, generation);
      geometry = computing;
      if (this.layouts.size >= MAX_CACHED_LAYOUTS) this.layouts.delete(this.layouts.keys().next().value!);
      this.layouts.set(key, computing);
      computing.catch(() => {
        if (this.layouts.get(key) === computing) this.layouts.delete(key);
      });
    } else {
      // Most recently used last: the first key is the one to evict.
      this.layouts.delete(key);
      this.layouts.set(key, geometry);
    }
    return applyGeometry(plan, await geometry);
  }
}
