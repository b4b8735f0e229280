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
   */
  plainCopy(node: ResolvedNode, maxNodes = Number.POSITIVE_INFINITY): { value: unknown } | undefined {
    let budget = maxNodes;
    // Ancestors by identity: each place of a parsed file is its own object, and this walk runs
    // over every node of the document, so it builds no paths.
    const onPath = new Set<object>();
    const copy = (value: unknown, uri: string): unknown => {
      if (--budget < 0) throw TOO_LARGE;
      if (value === null || typeof value !== 'object') return value;
      if (isReference(value)) {
        const target = this.follow({ value, path: [], uri, at: [] });
        if (target.value === value || (target.value !== null && typeof target.value === 'object' && onPath.has(target.value))) return value;
        return copy(target.value, target.uri);
      }
      onPath.add(value);
      try {
        if (Array.isArray(value)) return value.map((item) => copy(item, uri));
        const result: Record<string, unknown> = {};
        for (const key of Object.keys(value)) result[key] = copy((value as Record<string, unknown>)[key], uri);
        return result;
      } finally {
        onPath.delete(value);
      }
    };
    try {
      return { value: copy(node.value, node.uri) };
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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isReference(value: unknown): value is { $ref: string } {
  return isPlainObject(value) && typeof value.$ref === 'string';
}
