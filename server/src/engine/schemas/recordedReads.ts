import { locate, recordingReads, type SchemaLocation, type SchemaSource } from './bundle';

/**
 * Where a lookup ended, what value it found there, and the base that file's relative references
 * use; for a file without a tree (a `.proto` file), its text.
 */
interface Lookup {
  at: string | undefined;
  value: unknown;
  idBase: string | undefined;
  text: string | undefined;
}

/** One lookup a computation made, and what it found then. */
export interface RecordedRead {
  location: SchemaLocation;
  /** The location as a key, made once: a kept result is checked again on every edit. */
  key: string;
  found: Lookup;
}

/**
 * The lookups of one check of a document, shared by the computations it runs and re-uses: each
 * location is looked up once per check. A kept result is still right when every lookup it made
 * finds the very same value again: the incremental parse keeps the plain values of unchanged
 * entries as the same objects from version to version, so "the same object" is "the same content"
 * without any deeper comparison.
 */
export class LookupSession {
  private readonly lookups = new Map<string, Lookup>();
  private schemaIdsKey: string | undefined;

  constructor(
    private readonly read: SchemaSource,
    private readonly schemaIds: ReadonlyMap<string, string>,
  ) {}

  /**
   * The workspace's schema `$id`s as a key: a reference that no file claimed (so nothing was looked
   * up for it) resolves once a file claims its `$id`, which no recorded lookup would notice.
   */
  get idsKey(): string {
    return (this.schemaIdsKey ??= JSON.stringify([...this.schemaIds]));
  }

  /** Whether every lookup still finds what it found when recorded. */
  stillReads(reads: readonly RecordedRead[]): boolean {
    return reads.every((read) => {
      const now = this.lookUp(read.location, read.key);
      return now.value === read.found.value && now.at === read.found.at && now.idBase === read.found.idBase && now.text === read.found.text;
    });
  }

  /** Runs `work`, recording every location it looks up through `locate` (and so `dereference`). */
  recording<T>(work: () => T): { result: T; reads: RecordedRead[] } {
    const reads: RecordedRead[] = [];
    const recorded = new Set<string>();
    const result = recordingReads((location, found) => {
      const key = locationKey(location);
      if (recorded.has(key)) return;
      recorded.add(key);
      const lookup = this.lookupOf(found);
      // This check's later validations compare against the same lookups.
      this.lookups.set(key, lookup);
      reads.push({ location, key, found: lookup });
    }, work);
    return { result, reads };
  }

  private lookUp(location: SchemaLocation, key: string): Lookup {
    let found = this.lookups.get(key);
    if (!found) this.lookups.set(key, (found = this.lookupOf(locate(location, this.read, this.schemaIds))));
    return found;
  }

  private lookupOf(found: ReturnType<typeof locate>): Lookup {
    if (!found) return { at: undefined, value: undefined, idBase: undefined, text: undefined };
    const file = this.read(found.location.uri);
    return { at: locationKey(found.location), value: found.value, idBase: file?.idBase, text: file?.text };
  }
}

/**
 * Results kept by key from one check of a document to the next, each with the input it was
 * computed from (compared by identity) and the lookups it made. A check keeps only the keys it
 * asked for: what a removed part of the document computed goes with it.
 */
export class KeptResults<T> {
  private entries = new Map<string, { input: unknown; reads: RecordedRead[]; result: T }>();
  private settings: string | undefined;

  /**
   * Starts a check: `settings` are what every result depends on besides its input and lookups
   * (options, the document's version…); when they or the workspace's schema `$id`s changed,
   * nothing kept is used.
   */
  begin(session: LookupSession, settings: string): (key: string, input: unknown, compute: () => T) => T {
    const dependsOn = `${settings}\u0000${session.idsKey}`;
    const previous = dependsOn === this.settings ? this.entries : new Map<string, { input: unknown; reads: RecordedRead[]; result: T }>();
    const entries = new Map<string, { input: unknown; reads: RecordedRead[]; result: T }>();
    this.entries = entries;
    this.settings = dependsOn;
    return (key, input, compute) => {
      const kept = previous.get(key) ?? entries.get(key);
      if (kept && kept.input === input && session.stillReads(kept.reads)) {
        entries.set(key, kept);
        return kept.result;
      }
      const { result, reads } = session.recording(compute);
      entries.set(key, { input, reads, result });
      return result;
    };
  }
}

export function locationKey(location: SchemaLocation) {
  return `${location.uri}#${location.path.join('/')}`;
}
