import { promises as fs } from 'node:fs';
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
 * The engine's host on a Node file system: reads `file:` URIs; has no network unless given a
 * fetcher, and no git unless given baselines (hosts give them only where git may run).
 */
export class FileSystemHost implements EngineHost {
  constructor(
    private readonly remote?: (url: string) => Promise<string>,
    private readonly baselines?: GitBaselines,
  ) {}

  get baseline() {
    return this.baselines ? (uri: string, spec: BaselineSpec) => this.baselines!.baseline(uri, spec) : undefined;
  }

  get history() {
    return this.baselines ? (uri: string, limit: number) => this.baselines!.history(uri, limit) : undefined;
  }

  async readFile(uri: string): Promise<string | undefined> {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const path = URI.parse(uri).fsPath;
      const stat = await fs.stat(path);
      if (!stat.isFile() || stat.size > MAX_READ_BYTES) return undefined;
      return await fs.readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  async fileSize(uri: string): Promise<number | undefined> {
    if (!uri.startsWith('file:')) return undefined;
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
