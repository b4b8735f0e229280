import { promises as fs } from 'node:fs';
import { URI } from 'vscode-uri';
import type { BaselineSpec, BaselineVersion } from '../engine/host';
import type { BaselineAvailability } from '../protocol';
import { GitRepository } from './gitRepository';

/** How long a baseline read is reused: a check reads a document and every file it references. */
const REUSE_MS = 3000;

/**
 * Baselines for the engine's compatibility check, from git (a ref, or the merge base with one) or
 * from the saved file. The host asks `allowed()` first: git runs only in trusted workspaces.
 */
export class GitBaselines {
  private readonly cache = new Map<string, { at: number; value: Promise<BaselineVersion | undefined> }>();

  constructor(private readonly allowed: () => boolean) {}

  baseline(uri: string, spec: BaselineSpec): Promise<BaselineVersion | undefined> {
    if (!uri.startsWith('file:')) return Promise.resolve(undefined);
    const key = `${JSON.stringify(spec)}\u0000${uri}`;
    const cached = this.cache.get(key);
    if (cached && performance.now() - cached.at < REUSE_MS) return cached.value;
    const value = this.read(uri, spec).catch(() => undefined);
    this.cache.set(key, { at: performance.now(), value });
    if (this.cache.size > 2000) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  /** Whether git baselines can exist for any of these workspace folders (URIs). */
  async availability(folders: readonly string[]): Promise<BaselineAvailability> {
    if (!this.allowed()) return 'untrusted';
    for (const folder of folders) {
      if (folder.startsWith('file:') && (await GitRepository.containing(URI.parse(folder).fsPath))) return 'git';
    }
    return 'no-repository';
  }

  async history(uri: string, limit: number): Promise<BaselineVersion[]> {
    if (!this.allowed() || !uri.startsWith('file:')) return [];
    const file = URI.parse(uri).fsPath;
    const repository = await GitRepository.containing(file);
    if (!repository) return [];
    const versions: BaselineVersion[] = [];
    for (const entry of await repository.history(file, limit)) {
      const text = await repository.show(entry.commit, `${repository.root}/${entry.path}`).catch(() => undefined);
      if (text !== undefined) versions.push({ text, label: entry.commit.slice(0, 7) });
    }
    return versions;
  }

  private async read(uri: string, spec: BaselineSpec): Promise<BaselineVersion | undefined> {
    const file = URI.parse(uri).fsPath;
    if (spec.kind === 'saved') {
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      return text === undefined ? undefined : { text, label: 'last saved' };
    }
    if (!this.allowed()) return undefined;
    const repository = await GitRepository.containing(file);
    if (!repository) return undefined;
    const ref = spec.kind === 'merge-base' ? await repository.mergeBase(spec.ref) : spec.ref;
    const text = await repository.showFollowingRenames(ref, file);
    if (text === undefined) return undefined;
    return { text, label: spec.kind === 'merge-base' ? `merge base with ${spec.ref} (${ref.slice(0, 7)})` : spec.ref };
  }
}

/** `HEAD`, `origin/main`, `merge-base:origin/main` or `saved`, as settings write it. */
export function parseBaselineSetting(text: string | undefined): BaselineSpec {
  const value = (text ?? '').trim();
  if (value === '' ) return { kind: 'ref', ref: 'HEAD' };
  if (value === 'saved') return { kind: 'saved' };
  if (value.startsWith('merge-base:')) return { kind: 'merge-base', ref: value.slice('merge-base:'.length) || 'HEAD' };
  return { kind: 'ref', ref: value };
}
