/**
 * Custom messages between the extension client and the language server, declared once and
 * imported by both sides. Only plain data crosses: no functions, no classes.
 */

/** What the server is doing, for the status bar. */
export interface ServerStatus {
  state: 'starting' | 'indexing' | 'validating' | 'idle';
  /** Documents waiting for or under validation. */
  pending: number;
  /** Files in the workspace index. */
  indexedFiles: number;
  /** A short human message, when there is something to say (index truncated, worker crashed…). */
  message?: string;
  /** Whether breaks can be judged against git here; absent until the server knows. */
  baselines?: BaselineAvailability;
}

/**
 * `git`: a workspace folder is in a git repository; `no-repository`: none is, so there is no
 * `HEAD` to compare with; `untrusted`: git never runs in an untrusted workspace.
 */
export type BaselineAvailability = 'git' | 'no-repository' | 'untrusted';

export namespace StatusNotification {
  export const method = 'eventDesign/status';
  export type Params = ServerStatus;
}

/** The client tells the server that the user trusted the workspace (it starts untrusted). */
export namespace WorkspaceTrustNotification {
  export const method = 'eventDesign/workspaceTrusted';
  export interface Params {
    trusted: boolean;
  }
}

/** What the client passes when it starts the server. */
export interface InitializationOptions {
  /** `vscode.workspace.isTrusted`: untrusted workspaces never reach the network or run processes. */
  trusted: boolean;
  /** Absolute URI of the extension package: rule docs are at `docs/rules/<id>.md` below it. */
  packageRootUri?: string;
}

export function isServerStatus(value: unknown): value is ServerStatus {
  if (!value || typeof value !== 'object') return false;
  const status = value as Partial<ServerStatus>;
  return typeof status.state === 'string' && typeof status.pending === 'number' && typeof status.indexedFiles === 'number';
}

// ------------------------------------------------------------------------------------------------
// The event-flow graph: the request the client sends the server, and the messages between the
// graph panel (in the extension host) and its webview. The webview imports this module too.

import type { Range as GraphRange } from 'vscode-languageserver-types';
import type { EventFlowGraph, GraphViewOptions } from './engine/graph/graphModel';

/** The workspace's event-flow graph, laid out by the server's engine. */
export namespace GraphRequest {
  export const method = 'eventDesign/graph';
  export interface Params {
    options: GraphViewOptions;
    /** The model generation the client already shows: the answer is `unchanged` when it still holds. */
    knownGeneration?: number;
  }
  export type Result = GraphResponse;
}

export type GraphResponse = { kind: 'graph'; graph: EventFlowGraph } | { kind: 'unchanged'; generation: number } | { kind: 'error'; message: string };

/** The server tells a subscribed client that the workspace's graph may have changed. */
export namespace GraphChangedNotification {
  export const method = 'eventDesign/graphChanged';
  export interface Params {
    generation: number;
  }
}

/** The client says whether a graph view is open: the server watches for changes only then. */
export namespace GraphSubscriptionNotification {
  export const method = 'eventDesign/graphSubscription';
  export interface Params {
    active: boolean;
  }
}

/**
 * A mark on a graph node or message row: problems in its definition (`diagnostics`) or, later,
 * compatibility breaks (`compatibility`). Overlays come from providers in the extension host
 * (client/src/graph/graphOverlays.ts), not from the model, so they update without a new layout.
 */
export interface GraphOverlay {
  /** A service, channel or message id of the model. */
  targetId: string;
  kind: 'diagnostics' | 'compatibility';
  severity: 'error' | 'warning' | 'info';
  count: number;
  /** Shown in the hover card, as text. */
  label: string;
}

export type GraphExportFormat = 'svg' | 'png';

/** The host → webview messages. */
export type HostToWebviewMessage =
  | { type: 'graph'; graph: EventFlowGraph; options: GraphViewOptions; overlays: GraphOverlay[] }
  | { type: 'overlays'; overlays: GraphOverlay[] }
  | { type: 'status'; state: 'loading' | 'error' | 'empty'; message: string }
  /** Start on the service of this document (the command was run from it). */
  | { type: 'select'; serviceUri: string }
  /** Asks what the webview shows now (answered by `measured`). */
  | { type: 'measure' };

/** What the webview shows, measured in it: tests check with it that the first view reads. */
export interface ViewMeasurement {
  /** The drawing's zoom. */
  scale: number;
  /** The smallest text of the boxes in view, in CSS px as drawn (0 when none is in view). */
  smallestTextPx: number;
  /** The drawing's area, in CSS px. */
  width: number;
  height: number;
  /** How many rows the toolbar's controls take. */
  toolbarRows: number;
  /** How far the toolbar's controls reach past its edge, in CSS px (0: they fit). */
  toolbarOverflow: number;
}

/** The webview → host messages; the host acts only on what passes `isWebviewToHostMessage`. */
export type WebviewToHostMessage =
  | { type: 'ready' }
  | { type: 'reveal'; uri: string; range: GraphRange }
  | { type: 'setOptions'; options: GraphViewOptions }
  | { type: 'export'; format: GraphExportFormat; data: string }
  | { type: 'copyMermaid' }
  /** What the webview drew; `highlighted`: the nodes it marks as hurt by a break or a contract mismatch. */
  | { type: 'rendered'; generation: number; services: number; channels: number; nodes: number; edges: number; highlighted: string[] }
  | { type: 'measured'; measurement: ViewMeasurement };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): boolean {
  return isRecord(value) && Number.isInteger(value.line) && Number.isInteger(value.character) && (value.line as number) >= 0 && (value.character as number) >= 0;
}

export function isGraphRange(value: unknown): value is GraphRange {
  return isRecord(value) && isPosition(value.start) && isPosition(value.end);
}

export function isGraphViewOptions(value: unknown): value is GraphViewOptions {
  return (
    isRecord(value) &&
    (value.collapse === 'auto' || value.collapse === 'always' || value.collapse === 'never') &&
    Array.isArray(value.expandedServices) &&
    value.expandedServices.every((id) => typeof id === 'string')
  );
}

function isEventFlowGraph(value: unknown): value is EventFlowGraph {
  if (!isRecord(value) || !isRecord(value.model) || !isRecord(value.view)) return false;
  const { model, view } = value;
  return (
    typeof model.generation === 'number' &&
    ['services', 'channels', 'messages', 'flows'].every((key) => Array.isArray(model[key])) &&
    Array.isArray(view.nodes) &&
    Array.isArray(view.edges) &&
    typeof view.width === 'number' &&
    typeof view.height === 'number'
  );
}

export function isGraphOverlay(value: unknown): value is GraphOverlay {
  return (
    isRecord(value) &&
    typeof value.targetId === 'string' &&
    (value.kind === 'diagnostics' || value.kind === 'compatibility') &&
    (value.severity === 'error' || value.severity === 'warning' || value.severity === 'info') &&
    typeof value.count === 'number' &&
    typeof value.label === 'string'
  );
}

export function isGraphResponse(value: unknown): value is GraphResponse {
  if (!isRecord(value)) return false;
  if (value.kind === 'graph') return isEventFlowGraph(value.graph);
  if (value.kind === 'unchanged') return typeof value.generation === 'number';
  return value.kind === 'error' && typeof value.message === 'string';
}

export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'graph':
      return isEventFlowGraph(value.graph) && isGraphViewOptions(value.options) && Array.isArray(value.overlays) && value.overlays.every(isGraphOverlay);
    case 'overlays':
      return Array.isArray(value.overlays) && value.overlays.every(isGraphOverlay);
    case 'status':
      return (value.state === 'loading' || value.state === 'error' || value.state === 'empty') && typeof value.message === 'string';
    case 'select':
      return typeof value.serviceUri === 'string';
    case 'measure':
      return true;
    default:
      return false;
  }
}

export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'copyMermaid':
      return true;
    case 'reveal':
      return typeof value.uri === 'string' && isGraphRange(value.range);
    case 'setOptions':
      return isGraphViewOptions(value.options);
    case 'export':
      return (value.format === 'svg' || value.format === 'png') && typeof value.data === 'string';
    case 'rendered':
      return ['generation', 'services', 'channels', 'nodes', 'edges'].every((key) => typeof value[key] === 'number') && Array.isArray(value.highlighted) && value.highlighted.every((id) => typeof id === 'string');
    case 'measured':
      return isRecord(value.measurement) && ['scale', 'smallestTextPx', 'width', 'height', 'toolbarRows', 'toolbarOverflow'].every((key) => typeof (value.measurement as Record<string, unknown>)[key] === 'number');
    default:
      return false;
  }
}

/**
 * The text of a baseline version (`event-design-baseline:` URIs, which the related information
 * of a compatibility break points at), for the client's read-only document.
 */
export namespace BaselineContentRequest {
  export const method = 'eventDesign/baselineContent';
  export interface Params {
    uri: string;
  }
  export type Result = { text: string; label: string } | null;
}

// ------------------------------------------------------------------------------------------------
// AsyncAPI 2.x → 3.0: the server converts the document and says, by meaning, what did not survive.

import type { ConversionResult } from './engine/convert/convertToAsyncApi3';

/** The client command (and the code action on `asyncapi: 2.x` that runs it with the document's URI). */
export const CONVERT_TO_ASYNCAPI3_COMMAND = 'eventDesign.convertToAsyncApi3';

/** Converts an open document to AsyncAPI 3.0; nothing is applied (the client previews, then edits). */
export namespace ConvertToAsyncApi3Request {
  export const method = 'eventDesign/convertToAsyncApi3';
  export interface Params {
    uri: string;
  }
  /** `version`: the document version converted; applying is safe only while it is current. */
  export type Result = ConversionResult & { version?: number };
}
