import type { Location, Position, Range } from 'vscode-languageserver-types';
import type { Cancellation, Engine } from '../engine';
import { rangeOfPath, type JsonPath } from '../text/paths';
import { childString, childValue, objectProperties, type TreeNode } from '../text/tree';
import { flowTitle } from './hoverContent';
import { openNavigationDocument } from './navigationDocument';
import { isPureReference } from './refLocations';
import { WorkspaceFlows, type Flow } from './workspaceFlows';
import { WorkspaceReader } from './workspaceReader';

/** Where a lens goes: above a channel or a message definition. */
export interface FlowLensPlace {
  range: Range;
  element: 'channel' | 'message';
  path: JsonPath;
}

/** What a lens says and shows when clicked. */
export interface FlowLensContent {
  /** "2 producers · 3 consumers". */
  title: string;
  /** Where the lens is (the references view opens there). */
  position: Position;
  /** The producing operations, then the consuming ones. */
  locations: Location[];
  flow: Flow;
}

/**
 * The places of the flow lenses of an AsyncAPI document: every channel, every component message
 * and every message defined inline (not a `$ref`, which the referenced definition's lens covers).
 * Cheap: what they say is computed when the editor shows them (`resolveFlowLens`).
 */
export async function flowLensPlaces(engine: Engine, uri: string, token?: Cancellation): Promise<FlowLensPlace[]> {
  const document = await openNavigationDocument(engine, uri, token, { index: false });
  if (!document?.root || document.major === undefined) return [];
  const { file, root, major } = document;
  const places: FlowLensPlace[] = [];
  const keyRange = (node: TreeNode) => {
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return key ? file.source.rangeAt(key.offset, key.length) : file.source.rangeAt(node.offset, Math.min(node.length, 1));
  };
  for (const [key, property] of objectProperties(childValue(root, 'channels'))) {
    if (token?.isCancellationRequested) return [];
    const channel = property.children?.[1];
    if (!channel) continue;
    places.push({ range: keyRange(channel), element: 'channel', path: ['channels', key] });
    if (major === 3) {
      for (const [messageKey, messageProperty] of objectProperties(childValue(channel, 'messages'))) {
        const message = messageProperty.children?.[1];
        if (message && !isPureReference(message)) places.push({ range: keyRange(message), element: 'message', path: ['channels', key, 'messages', messageKey] });
      }
    } else {
      for (const verb of ['publish', 'subscribe']) {
        const message = childValue(childValue(channel, verb), 'message');
        if (!message) continue;
        const oneOf = childValue(message, 'oneOf');
        if (oneOf?.type === 'array') {
          (oneOf.children ?? []).forEach((item, index) => {
            if (!isPureReference(item)) places.push({ range: keyRange(item), element: 'message', path: ['channels', key, verb, 'message', 'oneOf', index] });
          });
        } else if (!isPureReference(message)) places.push({ range: keyRange(message), element: 'message', path: ['channels', key, verb, 'message'] });
      }
    }
  }
  for (const [key, property] of objectProperties(childValue(childValue(root, 'components'), 'messages'))) {
    const message = property.children?.[1];
    if (message && childString(message, '$ref') === undefined) places.push({ range: keyRange(message), element: 'message', path: ['components', 'messages', key] });
  }
  return places;
}

/** The producers and consumers of a lens's channel or message, across the workspace. */
export async function resolveFlowLens(engine: Engine, uri: string, element: 'channel' | 'message', path: JsonPath, token?: Cancellation): Promise<FlowLensContent | undefined> {
  engine.indexOpenDocuments();
  const reader = new WorkspaceReader(engine, token);
  const file = await reader.load(uri);
  if (!file) return undefined;
  const flows = await WorkspaceFlows.of(reader);
  const flow = element === 'channel' ? flows.channelFlow(uri, String(path[1])) : await reader.settle(() => flows.messageFlow(reader, uri, path));
  const participants = [...flow.producers, ...flow.consumers];
  await Promise.all(participants.map((participant) => reader.load(participant.uri)));
  const locations: Location[] = [];
  for (const participant of participants) {
    const target = reader.file(participant.uri);
    if (target) locations.push({ uri: participant.uri, range: rangeOfPath(target.source, target.tree.root, participant.operationPath, 'key') });
  }
  const range = rangeOfPath(file.source, file.tree.root, path, 'key');
  return { title: flowTitle(flow), position: range.start, locations: dedupe(locations), flow };
}

function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((location) => {
    const key = `${location.uri}:${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
