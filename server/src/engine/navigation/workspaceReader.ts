import { CancelledError, type Cancellation, type Engine } from '../engine';
import type { SchemaSource } from '../schemas/bundle';
import { childString } from '../text/tree';
import type { LoadedFile } from '../workspace/fileStore';

/**
 * The files one navigation request reads, through the engine's file store (the editors' unsaved
 * text, else the disk, each parsed once per version). The walkers that follow references are
 * synchronous; `settle` runs one, loads the files it asked for and did not have, and runs it
 * again, so that a request reads exactly the files its references reach and no others.
 */
export class WorkspaceReader {
  private readonly loaded = new Map<string, LoadedFile | null>();
  private readonly wanted = new Set<string>();
  private reads?: Set<string>;

  constructor(
    readonly engine: Engine,
    private readonly token?: Cancellation,
  ) {}

  /** A loaded file, or undefined (and the wish to load it, when it has not been tried). */
  file(uri: string): LoadedFile | undefined {
    this.reads?.add(uri);
    const known = this.loaded.get(uri);
    if (known === undefined) this.wanted.add(uri);
    return known ?? undefined;
  }

  /** True once the file was asked for and read (or found missing or unusable). */
  wasRead(uri: string): boolean {
    return this.loaded.has(uri);
  }

  /** Plain values and `$id` bases of loaded files, for the schema walkers of `schemas/bundle`. */
  readonly source: SchemaSource = (uri) => {
    const file = this.file(uri);
    if (!file) return undefined;
    return { value: file.tree.value(), idBase: idBaseOf(file) };
  };

  get schemaIds(): ReadonlyMap<string, string> {
    return this.engine.index.schemaIds;
  }

  async load(uri: string): Promise<LoadedFile | undefined> {
    const known = this.loaded.get(uri);
    if (known !== undefined) return known ?? undefined;
    const file = await this.engine.files.get(uri);
    this.checkCancelled();
    // Files the engine does not check (too large, binary) are not navigated either.
    const usable = file && file.size <= this.engine.getSettings().maxFileSize && !file.source.text.slice(0, 8192).includes('\u0000') ? file : null;
    this.loaded.set(uri, usable);
    return usable ?? undefined;
  }

  /**
   * Runs `compute` until it has every file it asks for: each round loads what the previous one
   * missed. References are followed at most a few dozen hops, so this ends quickly.
   */
  async settle<T>(compute: () => T): Promise<T> {
    for (let round = 0; ; round++) {
      this.wanted.clear();
      const result = compute();
      const missing = [...this.wanted].filter((uri) => !this.loaded.has(uri));
      if (missing.length === 0 || round >= 32) return result;
      await Promise.all(missing.map((uri) => this.load(uri)));
    }
  }

  /** Runs `compute` (synchronous) and says which files it read. */
  tracking<T>(compute: () => T): { result: T; reads: Set<string> } {
    const outer = this.reads;
    const reads = new Set<string>();
    this.reads = reads;
    try {
      return { result: compute(), reads };
    } finally {
      this.reads = outer;
      if (outer) for (const uri of reads) outer.add(uri);
    }
  }

  checkCancelled() {
    if (this.token?.isCancellationRequested) throw new CancelledError();
  }
}

/** The base for relative references inside a JSON Schema file with an absolute `$id`. */
export function idBaseOf(file: LoadedFile): string | undefined {
  return file.kind.kind === 'json-schema' ? childString(file.tree.root, '$id') : undefined;
}
