import { resolveRef, type RefTarget } from '../references/refSites';
import { deepestNodeOnPath, pathOfNode, type JsonPath } from '../text/paths';
import { childString, type TreeNode } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';
import { idBaseOf, type WorkspaceReader } from './workspaceReader';

/** A node of some file's tree, with where it is. */
export interface NodeLocation {
  uri: string;
  file: LoadedFile;
  path: JsonPath;
  node: TreeNode;
}

const MAX_HOPS = 32;

/** Where a `$ref` string written in `file` points (not yet followed into the target file). */
export function refTarget(reader: WorkspaceReader, file: LoadedFile, ref: string): RefTarget {
  return resolveRef(ref, file.uri, reader.schemaIds, idBaseOf(file));
}

/**
 * The node `path` names in the file `uri`, following a `$ref` met on the way: a pointer into a
 * definition that is itself a reference continues in what the reference leads to. Undefined
 * when a file or a segment is missing (files not loaded yet are asked of the reader).
 */
export function locateNode(reader: WorkspaceReader, uri: string, path: JsonPath, hops = 0): NodeLocation | undefined {
  const file = reader.file(uri);
  const root = file?.tree.root;
  if (!file || !root) return undefined;
  const { node, depth } = deepestNodeOnPath(root, path);
  if (!node) return undefined;
  if (depth === path.length) return { uri, file, path, node };
  const ref = childString(node, '$ref');
  if (ref === undefined || hops >= MAX_HOPS) return undefined;
  const target = refTarget(reader, file, ref);
  if (target.kind !== 'local' && target.kind !== 'file') return undefined;
  return locateNode(reader, target.kind === 'file' ? target.uri : uri, [...target.path, ...path.slice(depth)], hops + 1);
}

/** Where a `$ref` written in `file` leads: the exact node its pointer names. */
export function locateRef(reader: WorkspaceReader, file: LoadedFile, ref: string): NodeLocation | undefined {
  const target = refTarget(reader, file, ref);
  if (target.kind === 'local') return locateNode(reader, file.uri, target.path);
  if (target.kind === 'file') return locateNode(reader, target.uri, target.path);
  return undefined;
}

/** What a location stands for: when it is a `$ref` object, what the reference chain ends at. */
export function dereferenceNode(reader: WorkspaceReader, location: NodeLocation): NodeLocation | undefined {
  let current: NodeLocation | undefined = location;
  for (let hop = 0; current && hop < MAX_HOPS; hop++) {
    const ref = childString(current.node, '$ref');
    if (ref === undefined) return current;
    current = locateRef(reader, current.file, ref);
  }
  return undefined;
}

/** The location of a node of a loaded file. */
export function locationOf(file: LoadedFile, node: TreeNode): NodeLocation {
  return { uri: file.uri, file, path: pathOfNode(node), node };
}

/** `uri#/a/b`: one key per place, for sets and maps. */
export function locationKey(uri: string, path: JsonPath): string {
  return `${uri}#${path.map((segment) => '/' + String(segment)).join('')}`;
}

/**
 * An object that is nothing but a reference (`{ $ref }`, in 3.1 perhaps with a summary or a
 * description beside it): it stands for its target, so references to it are references to the
 * target too.
 */
export function isPureReference(node: TreeNode | undefined): boolean {
  if (node?.type !== 'object') return false;
  let hasRef = false;
  for (const property of node.children ?? []) {
    const key = property.children?.[0]?.value;
    if (key === '$ref') hasRef = true;
    else if (key !== 'summary' && key !== 'description') return false;
  }
  return hasRef;
}

/**
 * A JSON pointer as a `$ref` writes it: `~` and `/` escaped as the pointer syntax says, and the
 * characters a URI fragment cannot hold (`%`, `#`, spaces, quotes) percent-encoded.
 */
export function refPointer(path: JsonPath): string {
  return path.map((segment) => '/' + encodeRefSegment(String(segment))).join('');
}

export function encodeRefSegment(segment: string): string {
  return segment
    .replace(/~/g, '~0')
    .replace(/\//g, '~1')
    .replace(/[%#\s"]/g, (character) => encodeURIComponent(character));
}
