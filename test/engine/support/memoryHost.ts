import type { EngineHost } from '../../../server/src/engine/host';

/** An engine host over a map of URI → text: what tests give the engine instead of a disk. */
export class MemoryHost implements EngineHost {
  readonly files = new Map<string, string>();
  readonly reads: string[] = [];
  /** Earlier versions of files, when a test gives them. */
  baseline?: EngineHost['baseline'];
  history?: EngineHost['history'];
  /** File sizes, when a test gives the host a way to tell them without reading. */
  fileSize?: EngineHost['fileSize'];

  constructor(files: Record<string, string> = {}) {
    for (const [uri, text] of Object.entries(files)) this.files.set(uri, text);
  }

  async readFile(uri: string) {
    this.reads.push(uri);
    return this.files.get(uri);
  }

  now() {
    return performance.now();
  }
}
