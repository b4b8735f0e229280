import { promises as fs } from 'node:fs';
import { URI } from 'vscode-uri';
import type { EngineHost } from '../engine/host';

/** Files larger than this are not read at all: even the size diagnostic needs no more. */
const MAX_READ_BYTES = 256 * 1024 * 1024;

/** The engine's host on a Node file system: reads `file:` URIs; has no network unless given one. */
export class FileSystemHost implements EngineHost {
  constructor(private readonly remote?: (url: string) => Promise<string>) {}

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

  get fetchRemote() {
    return this.remote;
  }

  now() {
    return performance.now();
  }
}
