import { throwIfStopped, type Cancellation } from '../cancellation';
import type { PathFinding } from '../findings/finding';
import { deepestNodeOnPath, nodeAtPath, pathOfNode, pathToPointer } from '../text/paths';
import { childString, type TreeNode } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';
import { collectRefSites, resolveRef, type RefTarget } from './refSites';

/** What the reference checks need from the engine. */
export interface RefCheckContext {
  load(uri: string): Promise<LoadedFile | undefined>;
  schemaIds: ReadonlyMap<string, string>;
  allowRemote: boolean;
  /** Why a file that `load` did not give is not there (too large, not text); undefined when missing. */
  whyNotLoaded?(uri: string): Promise<{ ruleId: string; reason: string } | undefined>;
  /** Looked at between references: a document can hold thousands. */
  token?: Cancellation;
}

export interface RefCheckResult {
  findings: PathFinding[];
  /** Paths of objects whose content is unknown: a remote `$ref` not fetched, or a `$ref` cycle. */
  opaquePaths: Array<ReadonlyArray<string | number>>;
  /** Files the references lead to (directly), with the first reference to each. */
  targets: Map<string, RefSiteLocation>;
}

/** How far a chain of `$ref`-only objects is followed before it is called a cycle. */
const MAX_CHAIN = 10_000;

/**
 * Checks that every `$ref` in a file leads somewhere: local pointers exist, referenced files exist
 * and contain the pointer, chains of references end in a definition. Remote references give one
 * information finding each and are not followed.
 */
export async function checkReferences(file: LoadedFile, context: RefCheckContext): Promise<RefCheckResult> {
  const result: RefCheckResult = { findings: [], opaquePaths: [], targets: new Map() };
  const root = file.tree.root;
  const sites = collectRefSites(root);
  if (sites.length === 0) return result;
  const idBase = childString(root, '$id');
  const chains = new ChainFollower(context);
  for (const site of sites) {
    throwIfStopped(context.token);
    const target = resolveRef(site.ref, file.uri, context.schemaIds, file.kind.kind === 'json-schema' ? idBase : undefined);
    const at = pathOfNode(site.valueNode);
    switch (target.kind) {
      case 'invalid':
        result.findings.push({ ruleId: 'unresolved-ref', message: target.reason, path: at });
        break;
      case 'remote':
        // When remote references are allowed, the full validation fetches them; until then, and
        // otherwise, what they point at is unknown.
        if (!context.allowRemote) {
          result.opaquePaths.push(site.ownerPath);
          result.findings.push({
            ruleId: 'remote-ref',
            message: `Remote reference not fetched: ${target.url}. Its content is not checked; allow remote references to check it (eventDesign.references.allowRemote in VS Code, --allow-remote on the command line).`,
            path: at,
          });
        }
        break;
      case 'local':
      case 'file': {
        const targetUri = target.kind === 'file' ? target.uri : file.uri;
        if (target.kind === 'file' && !result.targets.has(targetUri)) result.targets.set(targetUri, { path: at, ref: site.ref });
        const outcome = await chains.follow(targetUri, target.path);
        if (outcome.kind === 'missing-file') {
          const unloaded = await context.whyNotLoaded?.(targetUri);
          if (unloaded) result.opaquePaths.push(site.ownerPath);
          result.findings.push(
            unloaded
              ? { ruleId: unloaded.ruleId, message: `${displayRef(site.ref)} is not checked: ${unloaded.reason}`, path: at }
              : { ruleId: 'unresolved-ref', message: `File not found: ${displayRef(site.ref)}`, path: at },
          );
        } else if (outcome.kind === 'missing-pointer') {
          result.findings.push({ ruleId: 'unresolved-ref', message: `'${outcome.pointer}' does not exist in ${outcome.uri === file.uri ? 'this file' : displayName(outcome.uri)}`, path: at });
        } else if (outcome.kind === 'cycle') {
          result.findings.push({ ruleId: 'ref-cycle', message: `'${site.ref}' leads back to itself through a chain of references and never reaches a definition`, path: at });
          // Nothing stands behind a cycle; the parser would follow it forever.
          result.opaquePaths.push(site.ownerPath);
        } else if (outcome.kind === 'opaque') {
          result.opaquePaths.push(site.ownerPath);
        }
        break;
      }
    }
  }
  return result;
}

/** Where a `$ref` is written: the path of its string value. */
export interface RefSiteLocation {
  path: ReadonlyArray<string | number>;
  ref: string;
}

type ChainOutcome =
  | { kind: 'ok' }
  | { kind: 'opaque' }
  | { kind: 'cycle' }
  | { kind: 'missing-file' }
  | { kind: 'missing-pointer'; uri: string; pointer: string };

/**
 * Follows a reference to what it stands for. Only the first link is judged here (a broken link
 * further down is reported where it is written); beyond it, the chain of `$ref`-only objects is
 * followed to tell a definition from a cycle, remembering every answer so that a long chain costs
 * linear time in all.
 */
class ChainFollower {
  private readonly endsInCycle = new Map<string, boolean>();

  constructor(private readonly context: RefCheckContext) {}

  async follow(uri: string, path: string[]): Promise<ChainOutcome> {
    const file = await this.context.load(uri);
    if (!file) return { kind: 'missing-file' };
    const target = await this.locate(file, path);
    if (target === 'opaque') return { kind: 'opaque' };
    if (!target) return { kind: 'missing-pointer', uri, pointer: '#' + pathToPointer(path) };
    uri = target.uri;
    path = target.path;
    const visited: string[] = [];
    let current: { uri: string; path: string[] } | undefined = { uri, path };
    let cycle = false;
    let opaque = false;
    for (let hop = 0; current && hop < MAX_CHAIN; hop++) {
      const key = `${current.uri}#${pathToPointer(current.path)}`;
      const known = this.endsInCycle.get(key);
      if (known !== undefined) {
        cycle = known;
        current = undefined;
        break;
      }
      if (visited.includes(key)) {
        cycle = true;
        current = undefined;
        break;
      }
      visited.push(key);
      const next = await this.nextLink(current.uri, current.path);
      if (next === 'opaque') opaque = true;
      current = typeof next === 'object' ? next : undefined;
    }
    if (current) cycle = true;
    for (const key of visited) this.endsInCycle.set(key, cycle);
    return cycle ? { kind: 'cycle' } : opaque ? { kind: 'opaque' } : { kind: 'ok' };
  }

  /**
   * Finds the node a pointer names. A pointer may pass through a `$ref` on its way
   * (`#/channels/orders/messages/placed` where `channels.orders` is itself a `$ref`): as the
   * AsyncAPI tools do, the walk continues in what that reference points at.
   */
  private async locate(file: LoadedFile, path: string[], hops = 0): Promise<{ uri: string; path: string[] } | 'opaque' | undefined> {
    // A `.proto` file is not a tree: a reference names it whole (a Protobuf payload's schema).
    if (file.kind.kind === 'protobuf') return path.length === 0 ? { uri: file.uri, path } : undefined;
    const { node, depth } = deepestNodeOnPath(file.tree.root, path);
    if (node && depth === path.length) return { uri: file.uri, path };
    const ref = node ? childString(node, '$ref') : undefined;
    if (!node || ref === undefined || hops > 32) return undefined;
    const idBase = file.kind.kind === 'json-schema' ? childString(file.tree.root, '$id') : undefined;
    const target = resolveRef(ref, file.uri, this.context.schemaIds, idBase);
    if (target.kind === 'remote') return 'opaque';
    if (target.kind === 'invalid') return undefined;
    const next = target.kind === 'file' ? await this.context.load(target.uri) : file;
    if (!next) return undefined;
    return this.locate(next, [...target.path, ...path.slice(depth)], hops + 1);
  }

  /** Where a `$ref`-only object at uri#path leads, or why the chain stops there. */
  private async nextLink(uri: string, path: string[]): Promise<{ uri: string; path: string[] } | 'end' | 'opaque'> {
    const file = await this.context.load(uri);
    const node = file ? nodeAtPath(file.tree.root, path) : undefined;
    const ref = node ? pureRef(node) : undefined;
    if (!file || ref === undefined) return 'end';
    const idBase = file.kind.kind === 'json-schema' ? childString(file.tree.root, '$id') : undefined;
    const target: RefTarget = resolveRef(ref, uri, this.context.schemaIds, idBase);
    if (target.kind === 'remote') return 'opaque';
    if (target.kind === 'invalid') return 'end';
    return { uri: target.kind === 'file' ? target.uri : uri, path: target.path };
  }
}

/** The `$ref` of an object that holds nothing else, so that it only stands for its target. */
function pureRef(node: TreeNode): string | undefined {
  if (node.type !== 'object' || node.children?.length !== 1) return undefined;
  return childString(node, '$ref');
}

function displayName(uri: string) {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function displayRef(ref: string) {
  const hash = ref.indexOf('#');
  return hash < 0 ? ref : ref.slice(0, hash);
}

