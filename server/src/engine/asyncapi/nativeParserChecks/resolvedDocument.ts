import { resolveRef, valueAtPath } from '../../references/refSites';
import type { JsonPath } from '../../text/paths';

/**
 * A node of the document as the parser's rules see it: references followed. `path` is where the
 * node sits in the resolved document (what a rule's `given` walks); `uri` and `at` are where it
 * is written, which is where the parser reports a finding about it.
 */
export interface ResolvedNode {
  readonly value: unknown;
  readonly path: JsonPath;
  readonly uri: string;
  readonly at: JsonPath;
}

/** Reads the plain value of a file of the snapshot; undefined when it is not there. */
export type ValueReader = (uri: string) => unknown;

/**
 * The resolved document, walked lazily: nothing is copied, a reference is followed when a rule
 * steps onto it. A reference that leads nowhere (or only round a cycle of references) stays the
 * `$ref` object it is, as the parser's resolver leaves it.
 */
export class ResolvedDocument {
  readonly root: ResolvedNode;

  constructor(
    readonly rootUri: string,
    readonly read: ValueReader,
    /** Called between costly steps; throws to stop the checks (a newer edit wants the worker). */
    private readonly checkpoint?: () => void,
  ) {
    this.root = this.follow({ value: read(rootUri), path: [], uri: rootUri, at: [] });
  }

  /** The root file's own value, references not followed (the parser's `resolved: false` rules). */
  get unresolved(): unknown {
    return this.read(this.rootUri);
  }

  child(node: ResolvedNode, key: string | number): ResolvedNode | undefined {
    const { value } = node;
    if (value === null || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) {
      if (typeof key !== 'number' || key < 0 || key >= value.length) return undefined;
    } else if (!Object.prototype.hasOwnProperty.call(value, key)) {
      return undefined;
    }
    return this.follow({ value: (value as Record<string, unknown>)[key], path: [...node.path, key], uri: node.uri, at: [...node.at, key] });
  }

  /** The node at a path of the resolved document, if every step exists. */
  at(path: JsonPath, from: ResolvedNode = this.root): ResolvedNode | undefined {
    let node: ResolvedNode | undefined = from;
    for (const segment of path) {
      node = node && this.child(node, Array.isArray(node.value) ? Number(segment) : segment);
      if (!node) return undefined;
    }
    return node;
  }

  /** The deepest node on a path: where the parser reports a finding about something missing. */
  closest(path: JsonPath): ResolvedNode {
    let node = this.root;
    for (const segment of path) {
      const next = this.child(node, Array.isArray(node.value) ? Number(segment) : segment);
      if (!next) break;
      node = next;
    }
    return node;
  }

  /** The entries of an object node (none for other values). */
  entries(node: ResolvedNode | undefined): Array<[string, ResolvedNode]> {
    if (!node || !isPlainObject(node.value)) return [];
    return Object.keys(node.value).map((key) => [key, this.child(node, key)!]);
  }

  /** The items of an array node (none for other values). */
  items(node: ResolvedNode | undefined): ResolvedNode[] {
    if (!node || !Array.isArray(node.value)) return [];
    return node.value.map((_, index) => this.child(node, index)!);
  }

  /**
   * A plain copy of a node with every reference followed. A reference back to a node being copied
   * (a recursive schema) stays the `$ref` it is, as the parser's resolver leaves a circular
   * reference. Shared definitions are copied at each use, so the copy is bounded: undefined when
   * it would pass `maxNodes`.
   *
   * Copying the root with `copies` reuses the copy of an entry of the document's maps (a channel,
   * an operation, a component…) made by an earlier run, while it is still what a fresh copy would
   * give (`ResolvedCopies`).
   */
  plainCopy(node: ResolvedNode, maxNodes = Number.POSITIVE_INFINITY, copies?: ResolvedCopies): { value: unknown } | undefined {
    let budget = maxNodes;
    // Ancestors by identity, each with its depth: each place of a parsed file is its own object,
    // and this walk runs over every node of the document, so it builds no paths.
    const onPath = new Map<object, number>();
    // The entry being copied, if any: what its copy read, and the depth its own nodes start at.
    let entry: { follows: FollowRecord[]; depth: number; cutOutside: boolean } | undefined;
    const followReference = (reference: { $ref: string }, uri: string): ResolvedNode => {
      const target = this.follow({ value: reference, path: [], uri, at: [] });
      if (entry) {
        entry.follows.push({ reference, uri, value: target.value, targetUri: target.uri });
        const depth = isObject(target.value) ? onPath.get(target.value) : undefined;
        if (depth !== undefined && depth < entry.depth) entry.cutOutside = true;
      }
      return target;
    };
    const copyEntry = (value: object, uri: string): unknown => {
      const known = copies!.reusable(value, uri, (reference, from) => this.follow({ value: reference, path: [], uri: from, at: [] }), onPath);
      if (known) {
        budget -= known.nodes;
        if (budget < 0) throw TOO_LARGE;
        return known.copy;
      }
      this.checkpoint?.();
      const before = budget;
      entry = { follows: [], depth: onPath.size, cutOutside: false };
      try {
        const result = copy(value, uri, -1);
        // A copy that kept a reference to an ancestor outside the entry as a `$ref` depends on
        // where the entry is reached from: it is made afresh each time.
        if (!entry.cutOutside) copies!.keep(value, { uri, copy: result, nodes: before - budget, follows: entry.follows });
        return result;
      } finally {
        entry = undefined;
      }
    };
    // `level`: how many objects down the walk reaches an entry worth keeping (-1: none below;
    // ROOT_LEVEL at the root, whose maps hold entries, and `components` maps of entries).
    const copy = (value: unknown, uri: string, level: number): unknown => {
      if (level === 0 && copies && isObject(value)) return copyEntry(value, uri);
      if (--budget < 0) throw TOO_LARGE;
      if (value === null || typeof value !== 'object') return value;
      if (isReference(value)) {
        const target = followReference(value, uri);
        if (target.value === value || (isObject(target.value) && onPath.has(target.value))) return value;
        return copy(target.value, target.uri, level);
      }
      // An object met again inside itself (through a reference to an ancestor of the place it
      // is copied from) stays marked until its outermost copy ends: unmarked early, the walk
      // would go round the cycle until the stack ran out.
      const outermost = !onPath.has(value);
      if (outermost) onPath.set(value, onPath.size);
      try {
        if (Array.isArray(value)) return value.map((item) => copy(item, uri, level === ROOT_LEVEL ? -1 : level - 1));
        const result: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
          const childLevel = level === ROOT_LEVEL ? (key === 'components' ? 2 : 1) : level - 1;
          result[key] = copy((value as Record<string, unknown>)[key], uri, childLevel);
        }
        return result;
      } finally {
        if (outermost) onPath.delete(value);
      }
    };
    try {
      return { value: copy(node.value, node.uri, copies && node === this.root ? ROOT_LEVEL : -1) };
    } catch (error) {
      if (error === TOO_LARGE) return undefined;
      throw error;
    }
  }

  private follow(node: ResolvedNode): ResolvedNode {
    let current = node;
    const seen = new Set<string>();
    while (isReference(current.value)) {
      const target = resolveRef(current.value.$ref, current.uri);
      if (target.kind === 'invalid') return current;
      const uri = target.kind === 'local' ? current.uri : target.kind === 'file' ? target.uri : target.url.split('#')[0]!;
      const key = `${uri}#${target.path.join('/')}`;
      if (seen.has(key)) return current;
      seen.add(key);
      const file = this.read(uri);
      if (file === undefined) return current;
      const found = valueAtPath(file, target.path);
      if (!found.found) return current;
      current = { value: found.value, path: node.path, uri, at: target.path };
    }
    return current;
  }
}

const TOO_LARGE = Symbol('too large');
const ROOT_LEVEL = Number.POSITIVE_INFINITY;

/** A reference an entry's copy followed, and where it led. */
interface FollowRecord {
  reference: { $ref: string };
  uri: string;
  value: unknown;
  targetUri: string;
}

interface KeptCopy {
  uri: string;
  copy: unknown;
  /** What the copy counts against `plainCopy`'s bound. */
  nodes: number;
  follows: FollowRecord[];
}

/**
 * Copies of the resolved document's entries, kept between runs of the checks on the same plain
 * values (the incremental parse gives an unchanged entry the same value object). A kept copy is
 * what a fresh one would be while the entry's value is the same object and every reference its copy
 * followed leads to the same object, none of them one of the ancestors the entry is now reached
 * through (a fresh copy would leave that reference a `$ref`). Keyed weakly by the entry's value:
 * entries the parse drops are forgotten.
 */
export class ResolvedCopies {
  private readonly kept = new WeakMap<object, KeptCopy>();
  /** How many entries' copies were reused and made since the counts were last reset (tests, benchmarks). */
  reused = 0;
  made = 0;

  reusable(value: object, uri: string, follow: (reference: { $ref: string }, uri: string) => ResolvedNode, ancestors: Map<object, number>): KeptCopy | undefined {
    const kept = this.kept.get(value);
    if (!kept || kept.uri !== uri) return undefined;
    for (const record of kept.follows) {
      const target = follow(record.reference, record.uri);
      if (target.value !== record.value || target.uri !== record.targetUri) return undefined;
      if (isObject(target.value) && ancestors.has(target.value)) return undefined;
    }
    this.reused++;
    return kept;
  }

  keep(value: object, copy: KeptCopy) {
    this.made++;
    this.kept.set(value, copy);
  }
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isReference(value: unknown): value is { $ref: string } {
  return isPlainObject(value) && typeof value.$ref === 'string';
}
