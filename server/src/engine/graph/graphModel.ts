import type { Range } from 'vscode-languageserver-types';

/**
 * The event-flow graph of a workspace: which application sends which message to which channel,
 * and who receives it. Built from the workspace index (`buildGraph.ts`), laid out in the engine
 * (`graphLayout.ts`), and drawn by the webview and by the CLI's exporters alike. Plain data only:
 * it crosses the LSP connection and the webview's postMessage as it is.
 */
export interface EventFlowModel {
  /** The index generation the model was built from. */
  generation: number;
  services: GraphService[];
  channels: GraphChannel[];
  messages: GraphMessage[];
  /** One per operation, channel and message: what the service does with that message there. */
  flows: GraphFlow[];
}

/** A place in a file: `range` is what the editor reveals, `extent` the whole definition. */
export interface GraphLocation {
  uri: string;
  range: Range;
  extent: Range;
}

/** One AsyncAPI document: one application. */
export interface GraphService {
  /** `service:` + the document's URI (two documents may share a title). */
  id: string;
  title: string;
  version?: string;
  asyncapiVersion: string;
  uri: string;
  protocols: string[];
  /** `info.tags` names. */
  tags: string[];
  /** The document's `info.title` (or its first line). */
  location: GraphLocation;
  /** The whole document: problems anywhere in it concern the service. */
  documentExtent: Range;
}

/** One channel as one document declares it. */
export interface ChannelDeclaration {
  serviceId: string;
  /** The key under `channels`. */
  key: string;
  /** The address as written (parameter names included), when there is one. */
  address?: string;
  location: GraphLocation;
}

/** A message on a channel, with who sends and who receives it there. */
export interface ChannelMessage {
  messageId: string;
  producers: string[];
  consumers: string[];
}

/**
 * Channels of several documents that are the same channel: the same address (parameter names
 * aside) on the same protocol and host, or the same shared `$ref`'d definition.
 */
export interface GraphChannel {
  /** Stable across edits: derived from the address, protocol and host. */
  id: string;
  /** The address to show: the first producer's spelling, else the first declaration's. */
  address: string;
  protocols: string[];
  hosts: string[];
  tags: string[];
  declarations: ChannelDeclaration[];
  messages: ChannelMessage[];
  /** Services that send to the channel (including replies). */
  producers: string[];
  /** Services that receive from the channel (including replies). */
  consumers: string[];
  /** Nobody in the workspace sends to it. */
  noProducer: boolean;
  /** Nobody in the workspace receives from it. */
  noConsumer: boolean;
  /** A reply channel whose address is taken from the request at run time (`reply.address.location`). */
  dynamicAddress?: string;
  /** The service the channel is grouped under when the graph is collapsed. */
  ownerId: string;
}

export interface PayloadField {
  name: string;
  type?: string;
  required: boolean;
}

/** A message type, identified by its name across documents. */
export interface GraphMessage {
  /** `message:` + the name. */
  id: string;
  name: string;
  title?: string;
  summary?: string;
  contentType?: string;
  schemaFormat?: string;
  /** Top-level payload fields (JSON Schema properties or Avro record fields), at most 40. */
  payloadFields: PayloadField[];
  /** True when there were more fields than listed. */
  moreFields?: boolean;
  /** Where documents define it (the end of each `$ref` chain), producers' definitions first. */
  definitions: GraphLocation[];
  /** Other files that hold its payload or headers schema (problems there concern the message too). */
  schemaFiles?: string[];
  producers: string[];
  consumers: string[];
  channels: string[];
  /** Sent, but no service in the workspace receives it anywhere. */
  unconsumed: boolean;
}

/** What an operation does: sends or receives; `unknown` when its action is missing or invalid. */
export type FlowDirection = 'send' | 'receive' | 'unknown';
/** Plain events, the request of a request/reply operation, or its reply. */
export type FlowKind = 'event' | 'request' | 'reply';

/** One service handling one message on one channel through one operation. */
export interface GraphFlow {
  id: string;
  serviceId: string;
  channelId: string;
  messageId: string;
  direction: FlowDirection;
  kind: FlowKind;
  /** The operation's key (in 2.x its `operationId` or `<channel>/<verb>`). */
  operationKey: string;
  location: GraphLocation;
}

/** How the view is chosen: every channel, or channels grouped by service past a size. */
export interface GraphViewOptions {
  /** `auto` groups when the workspace has more than `collapseThreshold` channels. */
  collapse: 'auto' | 'always' | 'never';
  /** Service ids whose channels are shown one by one in a grouped view. */
  expandedServices: string[];
}

export const DEFAULT_VIEW_OPTIONS: GraphViewOptions = { collapse: 'auto', expandedServices: [] };

/** Past this many channels the view opens grouped by service (a full layout would take seconds). */
export const COLLAPSE_THRESHOLD = 200;

export interface Point {
  x: number;
  y: number;
}

export type ViewNodeKind = 'service' | 'channel' | 'group';

/** A row of a channel node: one message, with the ports its flows attach to. */
export interface ViewRow {
  messageId: string;
  /** The name as drawn (shortened to fit), the full name is the message's. */
  label: string;
  /** Top of the row, relative to the node. */
  y: number;
  height: number;
}

/** A node as drawn: its place, size and the text it shows (shortened to fit its width). */
export interface ViewNode {
  id: string;
  kind: ViewNodeKind;
  /** The service or channel id (a group: the owning service's id). */
  refId: string;
  label: string;
  sublabel?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Channel nodes: one row per message. */
  rows?: ViewRow[];
  /** Groups: the channels they stand for. */
  memberIds?: string[];
  /** In a service's detail panel: the id of the panel's service (the node repeats one of the overview). */
  panelOf?: string;
}

/** An edge as drawn: producer → channel (row) or channel (row) → consumer, or aggregated in groups. */
export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  direction: FlowDirection;
  kind: FlowKind;
  messageIds: string[];
  flowIds: string[];
  /** How many channels an aggregated edge stands for (grouped views), else 1. */
  weight: number;
  /** Start, bends, end. */
  points: Point[];
}

/**
 * In a grouped view, an expanded service's channels are drawn one by one in a panel beside the
 * overview: the service, every channel it sends to or receives from, and the services at their
 * other ends. The overview keeps its layout, so expanding costs only the panel's layout.
 */
export interface ViewPanel {
  serviceId: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The laid-out view that the webview and the SVG exporter draw. */
export interface GraphView {
  collapsed: boolean;
  expandedServices: string[];
  /** Why the view is grouped, for the user. */
  note?: string;
  width: number;
  height: number;
  nodes: ViewNode[];
  edges: ViewEdge[];
  panels: ViewPanel[];
}

export interface EventFlowGraph {
  model: EventFlowModel;
  view: GraphView;
}
