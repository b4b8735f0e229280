import { parseSource, YamlParseCache } from '../../text/parse';
import { SourceFile, formatOf } from '../../text/sourceFile';
import type { ParserDiagnostic, ParserSnapshot } from '../parserValidation';
import { nativeParserDiagnostics } from './index';
import { KeptStructure } from './resolvedStructure';
import { reuseUnchangedParts } from './unchangedParts';

interface KeptFile {
  text: string;
  /** Only for files parsed here (no value came with the snapshot). */
  cache?: YamlParseCache;
  value: unknown;
}

interface KeptRoot {
  uris: string[];
  structure: KeptStructure;
}

/** How much a session keeps: the files of the last few root documents, up to a total of text. */
export interface SessionBounds {
  roots: number;
  textBytes: number;
}

const DEFAULT_BOUNDS: SessionBounds = { roots: 4, textBytes: 4 * 1024 * 1024 };

/**
 * The native checks run again and again on the same documents (the editor after each edit): a
 * session keeps, per file, its text and its incremental parse, so that an edit re-parses the
 * entries it touched and every other entry keeps its very plain value object; and per root
 * document what the costly checks made of each entry (`KeptStructure`), reused while that object
 * and what it references are unchanged. The findings are those of a fresh run
 * (`test/engine/nativeCheckSession.test.ts`). It keeps the files of the last `roots` root
 * documents, fewer when their text passes `textBytes` (the most recent one always): the workspace
 * diagnostics and the CLI run it over hundreds of files.
 */
export class NativeCheckSession {
  private readonly files = new Map<string, KeptFile>();
  /** Most recently run last. */
  private readonly roots = new Map<string, KeptRoot>();

  constructor(private readonly bounds: SessionBounds = DEFAULT_BOUNDS) {}

  run(snapshot: ParserSnapshot, checkpoint?: () => void): ParserDiagnostic[] {
    const root = this.roots.get(snapshot.rootUri) ?? { uris: [], structure: new KeptStructure() };
    this.roots.delete(snapshot.rootUri);
    this.roots.set(snapshot.rootUri, root);
    root.uris = Object.keys(snapshot.files);
    const values = new Map<string, unknown>();
    const read = (uri: string) => {
      if (!values.has(uri)) {
        checkpoint?.();
        values.set(uri, this.valueOf(uri, snapshot.files[uri], snapshot.values && Object.prototype.hasOwnProperty.call(snapshot.values, uri) ? { given: snapshot.values[uri] } : undefined));
      }
      return values.get(uri);
    };
    try {
      return nativeParserDiagnostics(snapshot.rootUri, read, { kept: root.structure, checkpoint });
    } finally {
      this.trim();
    }
  }

  /** Drops everything kept (the worker's heap grew too large). */
  clear() {
    this.files.clear();
    this.roots.clear();
  }

  /**
   * A file's value, with the objects of its last version wherever they are unchanged: a value the
   * snapshot brings (a fresh copy) gets them back part by part; a text is parsed incrementally.
   */
  private valueOf(uri: string, text: string | undefined, value?: { given: unknown }): unknown {
    if (text === undefined) return undefined;
    const kept = this.files.get(uri);
    if (kept?.text === text) return kept.value;
    if (value) {
      const reused = reuseUnchangedParts(kept?.value, value.given);
      this.files.set(uri, { text, value: reused });
      return reused;
    }
    // A fetched remote document has no telling name: YAML reads JSON too.
    const format = formatOf(uri, text);
    const cache = kept?.cache ?? new YamlParseCache();
    const parsed = parseSource(new SourceFile(uri, text, 0, format === 'unknown' ? 'yaml' : format), cache).value();
    this.files.set(uri, { text, cache, value: parsed });
    return parsed;
  }

  private trim() {
    const kept = new Set<string>();
    let bytes = 0;
    const newestFirst = [...this.roots.keys()].reverse();
    for (const [index, rootUri] of newestFirst.entries()) {
      const root = this.roots.get(rootUri)!;
      const added = root.uris.filter((uri) => !kept.has(uri)).reduce((total, uri) => total + (this.files.get(uri)?.text.length ?? 0), 0);
      if (index > 0 && (index >= this.bounds.roots || bytes + added > this.bounds.textBytes)) {
        this.roots.delete(rootUri);
        continue;
      }
      bytes += added;
      for (const uri of root.uris) kept.add(uri);
    }
    for (const uri of this.files.keys()) if (!kept.has(uri)) this.files.delete(uri);
  }
}
