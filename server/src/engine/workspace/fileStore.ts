import type { EngineHost } from '../host';
import { parseSource, YamlParseCache } from '../text/parse';
import { formatOf, SourceFile } from '../text/sourceFile';
import { makeParsedTree, type ParsedTree } from '../text/tree';
import { baseName, CONFIG_FILE_NAME, classifyFile, type FileKind } from './fileKind';

/** One version of a file, parsed on first use. */
export class LoadedFile {
  private parsed?: ParsedTree;
  private classified?: FileKind;

  constructor(
    readonly source: SourceFile,
    private readonly yamlCache?: YamlParseCache,
    /** The size of a file left unread because it is above the size limit; its text is then empty. */
    readonly unreadSize?: number,
  ) {}

  get uri() {
    return this.source.uri;
  }

  /** Its size, in UTF-16 code units when it was read and in bytes when it was not (about the same). */
  get size() {
    return this.unreadSize ?? this.source.text.length;
  }

  get tree(): ParsedTree {
    if (!this.parsed) {
      try {
        this.parsed = parseSource(this.source, this.yamlCache);
      } catch (error) {
        // The YAML and JSON parsers recurse; a pathological text can still exhaust the stack.
        const reason = error instanceof RangeError ? 'it nests too deeply to parse' : error instanceof Error ? error.message : String(error);
        this.parsed = makeParsedTree(undefined, [{ offset: 0, length: 0, message: `This file could not be parsed: ${reason}`, severity: 'error' }]);
      }
    }
    return this.parsed;
  }

  get kind(): FileKind {
    this.classified ??= classifyFile(this.uri, this.tree.root);
    return this.classified;
  }
}

/**
 * The engine's view of file contents: what editors hold (overlays, with unsaved changes) and,
 * for every other file, what the host reads, cached until the host says it changed.
 */
export class FileStore {
  private readonly overlays = new Map<string, LoadedFile>();
  private readonly disk = new Map<string, Promise<LoadedFile | undefined>>();
  private readonly yamlCaches = new Map<string, YamlParseCache>();
  /** Caches of files read from disk, handed to the editor's version when the file is opened. */
  private readonly diskYamlCaches = new Map<string, YamlParseCache>();
  /** Files not read because they were above the size limit. */
  private readonly unread = new Set<string>();

  constructor(
    private readonly host: EngineHost,
    /** The size limit that governs a file; files above it are not read when the host can tell their size. */
    private readonly sizeLimitFor: (uri: string) => Promise<number> = () => Promise.resolve(Number.POSITIVE_INFINITY),
  ) {}

  /** The editor's text of an open file; re-parses incrementally against the previous version. */
  setOverlay(uri: string, text: string, version: number): LoadedFile {
    let cache = this.yamlCaches.get(uri);
    if (!cache) {
      // Opening a file the index has already read: its entries are parsed already.
      cache = this.diskYamlCaches.get(uri) ?? new YamlParseCache();
      this.yamlCaches.set(uri, cache);
    }
    const file = new LoadedFile(new SourceFile(uri, text, version, formatOf(uri, text)), cache);
    this.overlays.set(uri, file);
    if (baseName(uri) === CONFIG_FILE_NAME) this.forgetUnread();
    return file;
  }

  removeOverlay(uri: string) {
    this.overlays.delete(uri);
    const cache = this.yamlCaches.get(uri);
    this.yamlCaches.delete(uri);
    if (cache) this.diskYamlCaches.set(uri, cache);
    this.disk.delete(uri);
    if (baseName(uri) === CONFIG_FILE_NAME) this.forgetUnread();
  }

  /** The URIs whose parsed YAML entries are kept for the next parse (what a memory leak would grow). */
  parseCacheUris(): string[] {
    return [...new Set([...this.yamlCaches.keys(), ...this.diskYamlCaches.keys()])];
  }

  hasOverlay(uri: string) {
    return this.overlays.has(uri);
  }

  /** The host reads other files than before: what it gave (or refused) is read again. */
  forgetDiskFiles() {
    this.disk.clear();
  }

  /** The host says the file changed or vanished on disk. */
  invalidate(uri: string) {
    this.disk.delete(uri);
    if (baseName(uri) === CONFIG_FILE_NAME) this.forgetUnread();
  }

  /** A configuration file changed, and with it perhaps a size limit: files left unread are measured again. */
  private forgetUnread() {
    for (const uri of this.unread) this.disk.delete(uri);
    this.unread.clear();
  }

  private diskCacheFor(uri: string, text: string) {
    if (formatOf(uri, text) !== 'yaml') return undefined;
    let cache = this.diskYamlCaches.get(uri);
    if (!cache) {
      cache = new YamlParseCache();
      this.diskYamlCaches.set(uri, cache);
    }
    return cache;
  }

  /** Text the host already has (the CLI reads files itself), stored as the disk version. */
  setDiskText(uri: string, text: string) {
    this.disk.set(uri, Promise.resolve(new LoadedFile(new SourceFile(uri, text, 0, formatOf(uri, text)))));
  }

  /** The files open in editors, at their current versions. */
  openFiles(): IterableIterator<LoadedFile> {
    return this.overlays.values();
  }

  peek(uri: string): LoadedFile | undefined {
    return this.overlays.get(uri);
  }

  async get(uri: string): Promise<LoadedFile | undefined> {
    const overlay = this.overlays.get(uri);
    if (overlay) return overlay;
    let pending = this.disk.get(uri);
    if (!pending) {
      pending = this.read(uri).catch(() => undefined);
      this.disk.set(uri, pending);
    }
    return pending;
  }

  private async read(uri: string): Promise<LoadedFile | undefined> {
    // Reading and parsing a 20 MB file only to say that it is too large took minutes and a gigabyte.
    const size = await this.host.fileSize?.(uri);
    if (size !== undefined && size > (await this.sizeLimitFor(uri))) {
      this.unread.add(uri);
      this.diskYamlCaches.delete(uri);
      return new LoadedFile(new SourceFile(uri, '', 0, formatOf(uri)), undefined, size);
    }
    const text = await this.host.readFile(uri);
    if (text === undefined) {
      // A closed editor's cache waits here for the file on disk; when there is none (an untitled
      // or deleted file), it would hold the parsed entries of a large document for ever.
      this.diskYamlCaches.delete(uri);
      return undefined;
    }
    return new LoadedFile(new SourceFile(uri, text, 0, formatOf(uri, text)), this.diskCacheFor(uri, text));
  }
}
