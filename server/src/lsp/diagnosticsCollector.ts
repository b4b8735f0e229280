import type { Diagnostic } from 'vscode-languageserver';

/**
 * `publishDiagnostics` replaces a file's whole set, but several documents can report findings in
 * one file (two documents referencing one broken schema, and the schema itself). The collector
 * keeps each producer's findings per file and publishes their de-duplicated union.
 */
export class DiagnosticsCollector {
  /** target URI → producer URI → diagnostics */
  private readonly byTarget = new Map<string, Map<string, Diagnostic[]>>();
  /** What was last published for each file: the same union is not sent again. */
  private readonly published = new Map<string, Diagnostic[]>();

  constructor(private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void) {}

  /**
   * Replaces everything `producer` said, in every file. Files whose union stays the same are not
   * published again: a workspace-wide producer (the contracts, the background checks of unopened
   * files) re-says most of it each time.
   */
  set(producer: string, findings: Map<string, Diagnostic[]>) {
    const touched = new Set<string>();
    for (const [target, producers] of this.byTarget) {
      if (producers.has(producer) && !findings.has(target)) {
        producers.delete(producer);
        touched.add(target);
      }
    }
    for (const [target, diagnostics] of findings) {
      let producers = this.byTarget.get(target);
      if (!producers) {
        producers = new Map();
        this.byTarget.set(target, producers);
      }
      const previous = producers.get(producer);
      producers.set(producer, diagnostics);
      if (!previous || !sameDiagnostics(previous, diagnostics)) touched.add(target);
    }
    for (const target of touched) this.flush(target);
  }

  /** Forgets a producer (a closed document). */
  remove(producer: string) {
    this.set(producer, new Map());
  }

  current(target: string): Diagnostic[] {
    return merge(this.byTarget.get(target));
  }

  private flush(target: string) {
    const producers = this.byTarget.get(target);
    if (producers && producers.size === 0) this.byTarget.delete(target);
    const merged = merge(producers);
    const previous = this.published.get(target);
    if (previous && sameDiagnostics(previous, merged)) return;
    this.published.set(target, merged);
    this.publish(target, merged);
  }
}

function merge(producers: Map<string, Diagnostic[]> | undefined): Diagnostic[] {
  if (!producers) return [];
  const seen = new Set<string>();
  const result: Diagnostic[] = [];
  for (const diagnostics of producers.values()) {
    for (const diagnostic of diagnostics) {
      const key = `${diagnostic.code}|${diagnostic.range.start.line}:${diagnostic.range.start.character}-${diagnostic.range.end.line}:${diagnostic.range.end.character}|${diagnostic.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push(diagnostic);
    }
  }
  return result;
}

/**
 * Whether two lists say the same. On every keystroke the document's own list is compared, and it
 * has usually moved: the cheap fields first, so that the difference is found without serialising
 * thousands of diagnostics.
 */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    const x = a[index]!;
    const y = b[index]!;
    const { start: xs, end: xe } = x.range;
    const { start: ys, end: ye } = y.range;
    if (xs.line !== ys.line || xs.character !== ys.character || xe.line !== ye.line || xe.character !== ye.character) return false;
    if (x.severity !== y.severity || x.code !== y.code || x.message !== y.message || x.source !== y.source) return false;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
