import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { BaselineSpec, EngineHost } from '../engine/host';
import type { GitBaselines } from './gitBaselines';

/** Files larger than this are not read at all: even the size diagnostic needs no more. */
const MAX_READ_BYTES = 256 * 1024 * 1024;

/** Remote documents larger than this are refused; a schema is not a download. */
const MAX_REMOTE_BYTES = 5 * 1024 * 1024;
const REMOTE_TIMEOUT_MS = 10_000;

/**
 * Fetches an `http(s)` document for a remote `$ref`. Only ever called when the user allowed
 * remote references (and, in the editor, trusted the workspace).
 */
export async function fetchRemoteDocument(url: string): Promise<string> {
  if (!/^https?:\/\//.test(url)) throw new Error('only http and https are fetched');
  const response = await fetch(url, { signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_REMOTE_BYTES) throw new Error(`it is larger than ${MAX_REMOTE_BYTES / (1024 * 1024)} MB`);
  const text = await response.text();
  if (text.length > MAX_REMOTE_BYTES) throw new Error(`it is larger than ${MAX_REMOTE_BYTES / (1024 * 1024)} MB`);
  return text;
}

/**
 * Which files a host may read. An untrusted workspace is read only inside its folders: a `$ref`
 * to `../../../etc/passwd` (or a symbolic link that leads out) must not show that file's text in
 * hovers and completion. Trusted workspaces read what their references reach, as before. With
 * no workspace folder (a single file open), an untrusted window reads nothing from disk: the
 * editor's open documents are all it has.
 */
export class FileAccess {
  constructor(
    private readonly folders: () => readonly string[],
    private readonly trusted: () => boolean,
  ) {}

  /** By the path as written and by where its links lead. */
  async mayRead(uri: string): Promise<boolean> {
    if (this.trusted()) return true;
    if (!isInsideFolders(uri, this.folders())) return false;
    const real = await fs.realpath(URI.parse(uri).fsPath).catch(() => undefined);
    if (real === undefined) return true; // nothing there to read
    const realFolders = await Promise.all(this.folders().map(async (folder) => URI.file(await fs.realpath(URI.parse(folder).fsPath).catch(() => URI.parse(folder).fsPath)).toString()));
    return isInsideFolders(URI.file(real).toString(), [...this.folders(), ...realFolders]);
  }
}

/** Whether a `file:` URI names a file under one of the folders (after `..` segments are resolved). */
export function isInsideFolders(uri: string, folders: readonly string[]): boolean {
  if (!uri.startsWith('file:')) return false;
  const file = path.resolve(URI.parse(uri).fsPath);
  return folders.some((folder) => {
    if (!folder.startsWith('file:')) return false;
    const root = path.resolve(URI.parse(folder).fsPath);
    const relative = path.relative(root, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
}

/**
 * The engine's host on a Node file system: reads `file:` URIs (those `access` allows, when
 * given); has no network unless given a fetcher, and no git unless given baselines (hosts give
 * them only where git may run).
 */
export class FileSystemHost implements EngineHost {
  constructor(
    private readonly remote?: (url: string) => Promise<string>,
    private readonly baselines?: GitBaselines,
    private readonly access?: FileAccess,
  ) {}

  get mayRead() {
    return this.access ? (uri: string) => this.access!.mayRead(uri) : undefined;
  }

  get baseline() {
    // The saved baseline is a disk read like any other.
    return this.baselines ? async (uri: string, spec: BaselineSpec) => ((await this.access?.mayRead(uri)) === false ? undefined : this.baselines!.baseline(uri, spec)) : undefined;
  }

  get history() {
    return this.baselines ? (uri: string, limit: number) => this.baselines!.history(uri, limit) : undefined;
  }

  async readFile(uri: string): Promise<string | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    try {
      if (this.access && !(await this.access.mayRead(uri))) return undefined;
      const file = URI.parse(uri).fsPath;
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > MAX_READ_BYTES) return undefined;
      return await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  async fileSize(uri: string): Promise<number | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    // Even a size is something learnt of a file an untrusted workspace may not read.
    if (this.access && !(await this.access.mayRead(uri))) return undefined;
    return fs.stat(URI.parse(uri).fsPath).then(
      (stat) => (stat.isFile() ? stat.size : undefined),
      () => undefined,
    );
  }

  get fetchRemote() {
    return this.remote;
  }

  now() {
    return performance.now();
  }
}
