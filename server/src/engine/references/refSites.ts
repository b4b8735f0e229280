import type { JsonPath } from '../text/paths';
import { pointerToPath } from '../text/paths';
import { postOrder, SubtreeFact, type TreeNode } from '../text/tree';

/** A `$ref` as written in a file. */
export interface RefSite {
  /** The `$ref` string. */
  ref: string;
  /** The string node holding the reference, for locating findings. */
  valueNode: TreeNode;
  /** Path of the object that contains the `$ref` key. */
  ownerPath: JsonPath;
}

/** Where a reference points. */
export type RefTarget =
  | { kind: 'local'; path: string[] }
  | { kind: 'file'; uri: string; path: string[] }
  | { kind: 'remote'; url: string; path: string[] }
  | { kind: 'invalid'; reason: string };

const sitesByTree = new WeakMap<TreeNode, RefSite[]>();

/**
 * Where the `$ref`s of a subtree are: the indexes of an object's own `$ref` properties, and the
 * children that hold references further down, each with its own group. A group holds no offsets
 * and no nodes, so a subtree an edit did not touch keeps it, even when it moved; finding a tree's
 * references then visits only the nodes on the way to them, without looking at any other child.
 * `null`: no reference below.
 */
interface RefGroup {
  readonly own: readonly number[];
  readonly inner: ReadonlyArray<readonly [index: number, group: RefGroup]>;
}

const refGroups = new SubtreeFact<RefGroup | null>();

/**
 * Every `$ref` in a tree whose value is a string, in document order. Trees are immutable, so the
 * answer is kept per tree: the index, the closure and the checks all ask for it.
 */
export function collectRefSites(root: TreeNode | undefined): RefSite[] {
  if (!root) return [];
  let sites = sitesByTree.get(root);
  if (!sites) {
    sites = findRefSites(root);
    sitesByTree.set(root, sites);
  }
  return sites;
}

function refGroupOf(node: TreeNode): RefGroup | null {
  if (node.children === undefined) return null;
  return postOrder(node, refGroups, (parent, children) => {
    let own: number[] | undefined;
    let inner: Array<readonly [number, RefGroup]> | undefined;
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if (parent.type === 'object' && isRefProperty(child)) (own ??= []).push(index);
      const group = child.children === undefined ? null : refGroups.get(child);
      if (group) (inner ??= []).push([index, group]);
    }
    return own || inner ? { own: own ?? NONE, inner: inner ?? [] } : null;
  });
}

const NONE: readonly number[] = [];

function isRefProperty(property: TreeNode) {
  return property.children?.[0]?.value === '$ref' && property.children[1]?.type === 'string';
}

/** An object's own references first, then its children's, in document order, keeping the path on the way. */
function findRefSites(root: TreeNode): RefSite[] {
  const sites: RefSite[] = [];
  const rootGroup = refGroupOf(root);
  if (!rootGroup) return sites;
  const stack: { node: TreeNode; group: RefGroup; path: JsonPath }[] = [{ node: root, group: rootGroup, path: [] }];
  while (stack.length > 0) {
    const { node, group, path } = stack.pop()!;
    const children = node.children!;
    for (const index of group.own) {
      const value = children[index]!.children![1]!;
      sites.push({ ref: String(value.value), valueNode: value, ownerPath: path });
    }
    for (let position = group.inner.length - 1; position >= 0; position--) {
      const [index, childGroup] = group.inner[position]!;
      const child = children[index]!;
      // An object's property adds its key to the path, an array's item its index; a property's value adds nothing.
      const childPath = node.type === 'array' ? [...path, index] : node.type === 'object' ? [...path, String(child.children![0]!.value)] : path;
      stack.push({ node: child, group: childGroup, path: childPath });
    }
  }
  return sites;
}

/**
 * Resolves a reference against the URI of the file it is written in (or the schema's `$id`,
 * when it has one). `schemaIds` maps `$id`s of workspace schema files to their file URIs, so a
 * `$ref` to a schema's canonical URL finds the file without any network access.
 */
export function resolveRef(ref: string, baseUri: string, schemaIds?: ReadonlyMap<string, string>, idBase?: string): RefTarget {
  const hash = ref.indexOf('#');
  const address = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  let path: string[];
  try {
    path = fragment === '' ? [] : pointerPath(fragment);
  } catch {
    return { kind: 'invalid', reason: `"${ref}" has a fragment that is not a JSON pointer` };
  }
  if (address === '') return { kind: 'local', path };
  let absolute: URL;
  try {
    absolute = new URL(address, idBase && /^https?:/.test(idBase) && !/^[a-z][a-z0-9+.-]*:/i.test(address) ? idBase : baseUri);
  } catch {
    return { kind: 'invalid', reason: `"${ref}" is not a valid URI reference` };
  }
  const href = absolute.href;
  const known = schemaIds?.get(href) ?? schemaIds?.get(href.replace(/#$/, ''));
  if (known) return { kind: 'file', uri: known, path };
  if (absolute.protocol === 'http:' || absolute.protocol === 'https:') {
    if (idBase && !/^[a-z][a-z0-9+.-]*:/i.test(address)) {
      // A relative reference inside a schema with an http `$id` that no workspace file claims:
      // most tools read it relative to the file, so do that rather than go to the network.
      return { kind: 'file', uri: new URL(address, baseUri).href, path };
    }
    return { kind: 'remote', url: href, path };
  }
  if (absolute.protocol === 'file:') return { kind: 'file', uri: href, path };
  return { kind: 'invalid', reason: `"${ref}" uses the unsupported scheme ${absolute.protocol}` };
}

/** Decoded pointers, kept: a large document repeats the same few thousand on every check. */
const decodedPointers = new Map<string, string[]>();

function pointerPath(fragment: string): string[] {
  let path = decodedPointers.get(fragment);
  if (!path) {
    path = pointerToPath('#' + fragment);
    if (decodedPointers.size > 50_000) decodedPointers.clear();
    decodedPointers.set(fragment, path);
  }
  // Callers spread and slice it, never change it; the copy keeps the cache safe all the same.
  return path.slice();
}

/** The value at a path inside a plain JSON value. */
export function valueAtPath(value: unknown, path: readonly (string | number)[]): { found: boolean; value: unknown } {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) {
      const index = Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= current.length) return { found: false, value: undefined };
      current = current[index];
    } else if (current !== null && typeof current === 'object' && Object.prototype.hasOwnProperty.call(current, String(segment))) {
      current = (current as Record<string, unknown>)[String(segment)];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: current };
}
