import type { GraphSource } from './graphSource';
import { resolveRef } from '../references/refSites';
import { nodeAtPath, rangeOfPath, type JsonPath } from '../text/paths';
import { childString, type TreeNode } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';
import type { GraphLocation } from './graphModel';
import type { Range } from 'vscode-languageserver-types';

/** A node of some file, with where it is. */
export interface PlacedNode {
  file: LoadedFile;
  node: TreeNode | undefined;
  path: JsonPath;
  /** The last pointer segment of the last `$ref` followed, a fallback name for what it points at. */
  refName?: string;
}

/** `$ref` hops followed before giving up: real documents need two or three. */
const MAX_HOPS = 16;

/**
 * Reads through `$ref`s for the graph: local ones and workspace files, never the network (a
 * remote or unresolvable reference ends the walk where it is). Files are loaded through the
 * engine's file store, so open editors' unsaved text is what the graph shows.
 */
export class RefFollower {
  constructor(
    private readonly engine: GraphSource,
    /** Told of every file loaded (undefined when it could not be read): what the result depends on. */
    private readonly onRead?: (uri: string, file: LoadedFile | undefined) => void,
  ) {}

  async file(uri: string): Promise<LoadedFile | undefined> {
    const file = await this.engine.files.get(uri);
    this.onRead?.(uri, file);
    if (!file || file.size > this.engine.getSettings().maxFileSize) return undefined;
    return file;
  }

  /** Follows the node's `$ref` chain to the definition. */
  async follow(start: PlacedNode): Promise<PlacedNode> {
    let current = start;
    const seen = new Set<string>();
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const ref = childString(current.node, '$ref');
      if (ref === undefined) return current;
      const target = resolveRef(ref, current.file.uri, this.engine.index.schemaIds);
      let file: LoadedFile | undefined;
      if (target.kind === 'local') file = current.file;
      else if (target.kind === 'file') file = await this.file(target.uri);
      if (!file || (target.kind !== 'local' && target.kind !== 'file')) return current;
      const key = `${file.uri}#${target.path.join('/')}`;
      if (seen.has(key)) return current;
      seen.add(key);
      // A `.proto` file has no tree: a reference names it whole, and the walk ends in it.
      if (file.kind.kind === 'protobuf') return { file, node: undefined, path: [] };
      const node = nodeAtPath(file.tree.root, target.path);
      if (!node) return current;
      const last = target.path[target.path.length - 1];
      current = { file, node, path: target.path, refName: last ?? current.refName };
    }
    return current;
  }
}

/** The range to reveal and the whole definition at `path`. */
export function locate(file: LoadedFile, path: JsonPath): GraphLocation {
  const root = file.tree.root;
  const range = rangeOfPath(file.source, root, path);
  return { uri: file.uri, range, extent: extentOf(file, path) ?? range };
}

function extentOf(file: LoadedFile, path: JsonPath): Range | undefined {
  const node = nodeAtPath(file.tree.root, path);
  if (!node) return undefined;
  const owner = node.parent?.type === 'property' ? node.parent : node;
  return file.source.rangeAt(owner.offset, owner.length);
}

/** The whole text of a file. */
export function wholeFile(file: LoadedFile): Range {
  return file.source.rangeAt(0, file.source.text.length);
}
