import type { Location, Position } from 'vscode-languageserver-types';
import type { Cancellation, Engine } from '../engine';
import { collectRefSites, type RefSite } from '../references/refSites';
import type { JsonPath } from '../text/paths';
import type { LoadedFile } from '../workspace/fileStore';
import { cursorTarget, enclosingDefinition } from './cursorTarget';
import { nodeAtOffset } from './cursor';
import { openNavigationDocument, type NavigationDocument } from './navigationDocument';
import { locationAt, stringContentRange } from './nodeRanges';
import { protoReferences } from './protoNavigation';
import { isPureReference, locateNode, locateRef, locationKey, refTarget, type NodeLocation } from './refLocations';
import { WorkspaceFlows } from './workspaceFlows';
import type { WorkspaceReader } from './workspaceReader';

/** A place a reference search starts from: a definition in some file. */
export interface ReferenceTarget {
  uri: string;
  path: JsonPath;
}

/**
 * Find All References: every `$ref` in the workspace that leads to the definition under the
 * cursor (directly, or through objects that are nothing but a reference to it, such as a
 * channel's `$ref` to a component message that operations then reference), and, for channels
 * and messages, the same channel or message declared by other documents (by address, by name on
 * such a channel) with the references to those.
 */
export async function findReferences(engine: Engine, uri: string, position: Position, includeDeclaration: boolean, token?: Cancellation): Promise<Location[]> {
  const document = await openNavigationDocument(engine, uri, token, { index: false });
  if (!document) return [];
  if (document.kind.kind === 'protobuf') return protoReferences(document.reader, document.file, document.file.source.offsetAt(position), includeDeclaration);
  const target = await referenceTargetAt(document, document.file.source.offsetAt(position));
  if (!target) return [];
  return referencesOf(document.reader, target, includeDeclaration, document);
}

/** The definition the cursor designates: the one it is on, a `$ref`'s target, or the innermost around it. */
export async function referenceTargetAt(document: NavigationDocument, offset: number): Promise<ReferenceTarget | undefined> {
  const { reader, file } = document;
  const target = cursorTarget(document, offset);
  if (target?.kind === 'ref') {
    const located = await reader.settle(() => locateRef(reader, file, target.ref));
    return located ? { uri: located.uri, path: located.path } : undefined;
  }
  if (target?.kind === 'definition') return { uri: file.uri, path: target.path };
  if (target?.kind === 'addressParameter') return { uri: file.uri, path: [...target.channelPath, 'parameters', target.name] };
  const at = nodeAtOffset(document.root, offset);
  const enclosing = at ? enclosingDefinition(document, at.path) : undefined;
  if (enclosing) return { uri: file.uri, path: enclosing.path };
  // Anywhere else in a schema file or a shared fragment: the file itself.
  if (document.major === undefined && document.root) return { uri: file.uri, path: [] };
  return undefined;
}

/** The references of a definition, across the workspace. */
export async function referencesOf(reader: WorkspaceReader, target: ReferenceTarget, includeDeclaration: boolean, document?: NavigationDocument): Promise<Location[]> {
  const locations: Location[] = [];
  const declarations: ReferenceTarget[] = includeDeclaration && target.path.length > 0 ? [target] : [];
  const targets: ReferenceTarget[] = [target];
  const kind = document?.major !== undefined && document.file.uri === target.uri ? elementOf(target.path, document.major) : undefined;
  if (kind) {
    const flows = await WorkspaceFlows.of(reader);
    const equivalents = kind.element === 'channel' ? flows.equivalentChannels(target.uri, kind.key).map((channel) => ({ uri: channel.uri, path: ['channels', channel.channelKey] })) : await reader.settle(() => flows.equivalentMessages(reader, target.uri, target.path));
    for (const equivalent of equivalents) {
      declarations.push(equivalent);
      targets.push(equivalent);
    }
  }
  for (const site of await referenceSites(reader, targets)) locations.push(site);
  const declared = await reader.settle(() => declarations.map((declaration) => locateNode(reader, declaration.uri, declaration.path)));
  for (const location of declared) if (location) locations.push(locationAt(location));
  return sortLocations(dedupeLocations(locations));
}

function elementOf(path: JsonPath, major: 2 | 3): { element: 'channel' | 'message'; key: string } | undefined {
  if (path.length === 2 && path[0] === 'channels') return { element: 'channel', key: String(path[1]) };
  if (path.length === 3 && path[0] === 'components' && path[1] === 'messages') return { element: 'message', key: String(path[2]) };
  if (major === 3 && path.length === 4 && path[0] === 'channels' && path[2] === 'messages') return { element: 'message', key: String(path[3]) };
  return undefined;
}

/** A `$ref` of some file: where its pointer is written to lead, and where it leads (references along it followed). */
interface ResolvedSite {
  file: LoadedFile;
  site: RefSite;
  written?: ReferenceTarget;
  located?: ReferenceTarget;
}

/**
 * The `$ref`s that lead to any of `targets` or into them (`#/channels/orderPlaced/messages/…`
 * uses the channel), directly or through objects that are nothing but a reference to a target.
 * Only the files the index says reference a target's file are read.
 */
export async function referenceSites(reader: WorkspaceReader, targets: ReferenceTarget[]): Promise<Location[]> {
  const index = reader.engine.index;
  const wantedKeys = new Set(targets.map((target) => locationKey(target.uri, target.path)));
  const candidates = new Set<string>();
  const addCandidates = (uri: string) => {
    candidates.add(uri);
    for (const referrer of index.referrersOf(uri)) candidates.add(referrer);
  };
  for (const target of targets) addCandidates(target.uri);
  const scanned = new Map<string, ResolvedSite[]>();
  const reported = new Set<RefSite>();
  const result: Location[] = [];
  // A place is wanted when it or one of its ancestors is: one look-up per ancestor, not per target.
  // A whole file is used by what references it from outside, not by its own internal references.
  const leadsInto = (place: ReferenceTarget | undefined, from: string) => {
    if (!place) return false;
    if (from !== place.uri && wantedKeys.has(locationKey(place.uri, []))) return true;
    for (let length = place.path.length; length >= 1; length--) if (wantedKeys.has(locationKey(place.uri, place.path.slice(0, length)))) return true;
    return false;
  };
  for (let changed = true; changed; ) {
    changed = false;
    const pending = [...candidates].filter((uri) => !scanned.has(uri));
    await Promise.all(pending.map((uri) => reader.load(uri)));
    for (const uri of pending) {
      const file = reader.file(uri);
      scanned.set(uri, file ? await reader.settle(() => resolveSites(reader, file)) : []);
      reader.checkCancelled();
    }
    for (const sites of scanned.values()) {
      for (const resolved of sites) {
        if (reported.has(resolved.site) || !(leadsInto(resolved.located, resolved.file.uri) || leadsInto(resolved.written, resolved.file.uri))) continue;
        reported.add(resolved.site);
        changed = true;
        const range = stringContentRange(resolved.file, resolved.site.valueNode);
        result.push({ uri: resolved.file.uri, range: resolved.file.source.rangeAt(range.offset, range.length) });
        const exact = resolved.located && wantedKeys.has(locationKey(resolved.located.uri, resolved.located.path));
        const owner = exact ? locateNode(reader, resolved.file.uri, resolved.site.ownerPath) : undefined;
        if (owner && isPureReference(owner.node)) {
          // The object stands for the target: what references it references the target.
          wantedKeys.add(locationKey(resolved.file.uri, resolved.site.ownerPath));
          addCandidates(resolved.file.uri);
        }
      }
    }
    if ([...candidates].some((uri) => !scanned.has(uri))) changed = true;
  }
  return result;
}

function resolveSites(reader: WorkspaceReader, file: LoadedFile): ResolvedSite[] {
  return collectRefSites(file.tree.root).map((site) => {
    const target = refTarget(reader, file, site.ref);
    const written = target.kind === 'local' ? { uri: file.uri, path: target.path } : target.kind === 'file' ? { uri: target.uri, path: target.path } : undefined;
    const located: NodeLocation | undefined = written ? locateNode(reader, written.uri, written.path) : undefined;
    return { file, site, written, located: located ? { uri: located.uri, path: located.path } : undefined };
  });
}

function dedupeLocations(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((location) => {
    const key = `${location.uri}:${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortLocations(locations: Location[]): Location[] {
  return locations.sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
