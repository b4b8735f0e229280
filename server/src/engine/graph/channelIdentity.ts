import { normaliseAddress } from '../navigation/channelAddress';

/**
 * When channels of different documents are one channel. Two declarations are the same channel
 * when their addresses match after parameter names are dropped (`orders/{id}` ≡
 * `orders/{orderId}`) on a shared protocol and host, or when both `$ref` the same definition.
 */

/** Where a channel lives: a server's protocol and host (with its path, for WebSocket and HTTP). */
export interface Endpoint {
  protocol?: string;
  host?: string;
}


export function normaliseHost(host: string | undefined, pathname?: string): string | undefined {
  if (host === undefined) return undefined;
  const path = pathname && pathname !== '/' ? (pathname.startsWith('/') ? pathname : `/${pathname}`).replace(/\/+$/, '') : '';
  return (host.trim().toLowerCase() + path) || undefined;
}

/** The identity keys of one declaration: any shared key makes two declarations one channel. */
export function identityKeys(address: string | undefined, endpoints: readonly Endpoint[], sharedDefinition: string | undefined): string[] {
  const keys: string[] = [];
  if (address !== undefined) {
    const normalised = normaliseAddress(address);
    // A document without servers: its channels can only meet other server-less ones.
    const list = endpoints.length > 0 ? endpoints : [{}];
    for (const endpoint of list) keys.push(`addr:${endpoint.protocol?.toLowerCase() ?? '?'}|${endpoint.host ?? '?'}|${normalised}`);
  }
  if (sharedDefinition !== undefined) keys.push(`ref:${sharedDefinition}`);
  return keys;
}

/** Disjoint sets over 0..n-1, for grouping declarations that share a key. */
export class UnionFind {
  private readonly parent: number[];

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }

  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root]!;
    let current = index;
    while (this.parent[current] !== root) {
      const next = this.parent[current]!;
      this.parent[current] = root;
      current = next;
    }
    return root;
  }

  union(a: number, b: number) {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}
