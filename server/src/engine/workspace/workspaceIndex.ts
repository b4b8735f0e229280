import { collectRefSites, resolveRef } from '../references/refSites';
import { childString, type TreeNode } from '../text/tree';
import { readApplication, type ApplicationModel } from './applicationModel';
import type { FileKind } from './fileKind';

/** What the index keeps of one file. */
export interface IndexedFile {
  uri: string;
  kind: FileKind;
  /** For AsyncAPI documents: the application it describes. */
  application?: ApplicationModel;
  /** For schema files: their `$id`. */
  schemaId?: string;
  /** Files this file's `$ref`s point into. */
  references: Set<string>;
}

/**
 * Every AsyncAPI document and schema file of the workspace, and how they refer to each other.
 * Incremental: `update` re-reads one file's tree and touches only that file's entries.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly ids = new Map<string, string>();
  private generationCounter = 0;

  /** Grows on every change; views built from the index can tell they are stale. */
  get generation() {
    return this.generationCounter;
  }

  update(uri: string, kind: FileKind, root: TreeNode | undefined): IndexedFile {
    this.remove(uri);
    const entry: IndexedFile = { uri, kind, references: new Set() };
    if (kind.kind === 'asyncapi') entry.application = readApplication(uri, root, kind.version);
    if (kind.kind === 'json-schema' || kind.kind === 'other') {
      const id = childString(root, '$id') ?? childString(root, 'id');
      if (id && /^[a-z][a-z0-9+.-]*:/i.test(id) && kind.kind === 'json-schema') {
        entry.schemaId = id.replace(/#$/, '');
        this.ids.set(entry.schemaId, uri);
      }
    }
    for (const site of collectRefSites(root)) {
      // A pointer into the file itself leads to no other file: thousands of them in a large document.
      if (site.ref.startsWith('#')) continue;
      const target = resolveRef(site.ref, uri, this.ids);
      if (target.kind === 'file') entry.references.add(target.uri);
    }
    this.files.set(uri, entry);
    this.generationCounter++;
    return entry;
  }

  /** Takes every file of `other` (entries are never changed in place, so they are shared). */
  copyFrom(other: WorkspaceIndex) {
    for (const [uri, entry] of other.files) this.files.set(uri, entry);
    for (const [id, uri] of other.ids) this.ids.set(id, uri);
    this.generationCounter++;
  }

  remove(uri: string) {
    const previous = this.files.get(uri);
    if (!previous) return;
    if (previous.schemaId && this.ids.get(previous.schemaId) === uri) this.ids.delete(previous.schemaId);
    this.files.delete(uri);
    this.generationCounter++;
  }

  get(uri: string) {
    return this.files.get(uri);
  }

  all(): IterableIterator<IndexedFile> {
    return this.files.values();
  }

  applications(): ApplicationModel[] {
    const result: ApplicationModel[] = [];
    for (const file of this.files.values()) if (file.application) result.push(file.application);
    return result.sort((a, b) => a.uri.localeCompare(b.uri));
  }

  /** `$id` of workspace schema files → their URIs. */
  get schemaIds(): ReadonlyMap<string, string> {
    return this.ids;
  }

  /** Files whose `$ref`s point into `uri`, directly. */
  referrersOf(uri: string): string[] {
    const result: string[] = [];
    for (const file of this.files.values()) if (file.references.has(uri)) result.push(file.uri);
    return result;
  }

  /** Files that reach `uri` through one or more `$ref`s; they must be checked again when it changes. */
  dependentsOf(uri: string): string[] {
    const seen = new Set<string>([uri]);
    const queue = [uri];
    while (queue.length > 0) {
      for (const referrer of this.referrersOf(queue.shift()!)) {
        if (seen.has(referrer)) continue;
        seen.add(referrer);
        queue.push(referrer);
      }
    }
    seen.delete(uri);
    return [...seen];
  }

  /** True when some AsyncAPI document uses the whole file `uri` as a payload or headers schema. */
  isReferencedSchema(uri: string): boolean {
    for (const file of this.files.values()) {
      if (file.application?.schemaReferences.some((reference) => reference.uri === uri && reference.wholeFile)) return true;
    }
    return false;
  }
}
