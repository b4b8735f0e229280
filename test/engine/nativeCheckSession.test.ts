import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nativeParserDiagnostics, runNativeParserChecks } from '../../server/src/engine/asyncapi/nativeParserChecks';
import { NativeCheckSession } from '../../server/src/engine/asyncapi/nativeParserChecks/checkSession';
import { KeptStructure } from '../../server/src/engine/asyncapi/nativeParserChecks/resolvedStructure';
import { parseSource } from '../../server/src/engine/text/parse';
import { formatOf, SourceFile } from '../../server/src/engine/text/sourceFile';
import { syntheticAsyncApi } from '../support/syntheticAsyncApi';
import { CORPUS, skipWithoutCorpus } from './support/corpus';

/**
 * The native parser checks with what earlier runs kept (copies of entries, entries valid last
 * time) give, after every edit, exactly what a fresh run gives, in the same order. The edits are
 * made on plain values that share every untouched object with the version before, as the
 * incremental parse does; the session is also driven by text on a document large enough to be
 * parsed entry by entry.
 */
type Value = Record<string, unknown>;
type Edit = { name: string; apply(root: Value): Value | undefined };

function isObject(value: unknown): value is Value {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(root: unknown, at: readonly string[]): unknown {
  let value = root;
  for (const key of at) value = isObject(value) ? value[key] : undefined;
  return value;
}

/** `root` with the value at `at` replaced (or removed, for undefined); every other object is shared. */
function withValue(root: Value, at: readonly string[], value: unknown): Value {
  const [key, ...rest] = at;
  const copy: Value = { ...root };
  if (rest.length === 0) {
    if (value === undefined) delete copy[key!];
    else copy[key!] = value;
  } else {
    copy[key!] = withValue(isObject(root[key!]) ? (root[key!] as Value) : {}, rest, value);
  }
  return copy;
}

/** The document's first map with an object entry: where the edits land. */
function editedMapOf(root: Value): string[] | undefined {
  const candidates = [['channels'], ['operations'], ['components', 'messages'], ['components', 'schemas'], ['servers']];
  return candidates.find((at) => {
    const map = valueAt(root, at);
    return isObject(map) && Object.values(map).some(isObject);
  });
}

function firstRef(value: unknown, found: string[] = []): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const ref = firstRef(item, found);
      if (ref) return ref;
    }
  } else if (isObject(value)) {
    if (typeof value.$ref === 'string' && value.$ref.startsWith('#/components/')) return value.$ref;
    for (const item of Object.values(value)) {
      const ref = firstRef(item, found);
      if (ref) return ref;
    }
  }
  return undefined;
}

/** A sequence of edits that each touch what the kept state depends on. */
function editsFor(original: Value): Edit[] {
  const map = editedMapOf(original);
  if (!map) return [];
  const mapPointer = `#/${map.join('/')}`;
  const keyOf = (root: Value) => Object.keys(valueAt(root, map) as Value).find((key) => isObject((valueAt(root, map) as Value)[key]));
  const entryOf = (root: Value) => (valueAt(root, map) as Value)[keyOf(root)!] as Value;
  const onEntry = (name: string, change: (entry: Value, key: string) => Value): Edit => ({
    name,
    apply: (root) => (keyOf(root) ? withValue(root, [...map, keyOf(root)!], change(entryOf(root), keyOf(root)!)) : undefined),
  });
  const reference = firstRef(original);
  const referenced = reference?.slice(2).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const originalEntry = entryOf(original);
  return [
    onEntry('an error in an entry', (entry) => ({ ...entry, description: 42 })),
    { name: 'the error fixed (the entry as it was)', apply: (root) => withValue(root, [...map, keyOf(root)!], originalEntry) },
    { name: 'an entry added (a copy of another)', apply: (root) => withValue(root, [...map, 'addedEntry'], structuredClone(entryOf(root))) },
    { name: 'an entry added (the very same object)', apply: (root) => withValue(root, [...map, 'sharedEntry'], entryOf(root)) },
    {
      name: 'an entry renamed',
      apply: (root) => {
        const entry = (valueAt(root, map) as Value).addedEntry;
        return withValue(withValue(root, [...map, 'addedEntry'], undefined), [...map, 'renamedEntry'], entry);
      },
    },
    { name: 'an entry removed', apply: (root) => withValue(root, [...map, 'sharedEntry'], undefined) },
    {
      name: 'a referenced component changed',
      apply: (root) => {
        const target = referenced && valueAt(root, referenced);
        return isObject(target) ? withValue(root, referenced!, { ...target, description: 'changed' }) : undefined;
      },
    },
    {
      name: 'a referenced component broken',
      apply: (root) => {
        const target = referenced && valueAt(root, referenced);
        return isObject(target) ? withValue(root, referenced!, { ...target, description: ['not', 'a', 'string'] }) : undefined;
      },
    },
    {
      name: 'the referenced component fixed',
      apply: (root) => (referenced && isObject(valueAt(original, referenced)) ? withValue(root, referenced, valueAt(original, referenced)) : undefined),
    },
    onEntry('a reference from an entry to its own map (a cycle through an ancestor outside it)', (entry) => ({ ...entry, 'x-loop': { $ref: mapPointer } })),
    onEntry('a reference from an entry to itself', (entry, key) => ({ ...entry, 'x-self': { $ref: `${mapPointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` } })),
    onEntry('the cycles broken', (entry) => {
      const { 'x-loop': _loop, 'x-self': _self, ...rest } = entry;
      return rest;
    }),
    {
      name: 'two components referring to each other',
      apply: (root) =>
        withValue(withValue(root, ['components', 'schemas', 'LoopA'], { $ref: '#/components/schemas/LoopB' }), ['components', 'schemas', 'LoopB'], { $ref: '#/components/schemas/LoopA' }),
    },
    { name: 'the whole map removed', apply: (root) => withValue(root, map, undefined) },
    { name: 'the document as it was', apply: () => original },
  ];
}

/** Runs the edits with one kept state, comparing each step with a fresh run; returns how much the kept state spared. */
function checkEdits(rootUri: string, original: Value, readOther: (uri: string) => unknown): { reused: number; leftOut: number } {
  const kept = new KeptStructure();
  let current = original;
  let reused = 0;
  let leftOut = 0;
  const read = (uri: string) => (uri === rootUri ? current : readOther(uri));
  const steps = [{ name: 'the document', apply: () => original }, ...editsFor(original)];
  for (const step of steps) {
    const next = step.apply(current);
    if (!next) continue;
    current = next;
    kept.copies.reused = 0;
    const incremental = nativeParserDiagnostics(rootUri, read, { kept });
    reused += kept.copies.reused;
    leftOut += kept.resolved.leftOut + kept.unresolved.leftOut;
    assert.deepEqual(incremental, nativeParserDiagnostics(rootUri, read), `${rootUri}: after "${step.name}"`);
  }
  return { reused, leftOut };
}

function parseFile(file: string): unknown {
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const format = formatOf(uri, text);
  return parseSource(new SourceFile(uri, text, 0, format === 'unknown' ? 'yaml' : format)).value();
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile() && /\.(ya?ml|json)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('native parser checks with kept state equal a fresh run', function () {
  this.timeout(600_000);

  it('after each edit of every corpus document', function () {
    skipWithoutCorpus(this);
    const values = new Map<string, unknown>();
    const readOther = (uri: string) => {
      if (!values.has(uri)) {
        const file = uri.startsWith('file:') ? new URL(uri).pathname : undefined;
        values.set(uri, file && fs.existsSync(file) ? parseFile(file) : undefined);
      }
      return values.get(uri);
    };
    let documents = 0;
    for (const file of filesUnder(CORPUS)) {
      const value = parseFile(file);
      if (!isObject(value) || typeof value.asyncapi !== 'string') continue;
      documents++;
      checkEdits(pathToFileURL(file).href, value, readOther);
    }
    assert.ok(documents > 20, `only ${documents} corpus documents`);
  });

  it('after each edit of a generated document, reusing what did not change', function () {
    const uri = 'file:///generated/asyncapi.yaml';
    const value = parseSource(new SourceFile(uri, syntheticAsyncApi(30), 0, 'yaml')).value() as Value;
    const spared = checkEdits(uri, value, () => undefined);
    assert.ok(spared.reused > 30 * 10, `copies reused: ${spared.reused}`);
    assert.ok(spared.leftOut > 30 * 10, `valid entries left out: ${spared.leftOut}`);
  });

  for (const given of ['text', 'values'] as const) {
    it(`in a session given ${given === 'text' ? 'texts' : 'values (fresh copies, as the worker gets them)'}, other documents run in between`, function () {
      const uri = 'file:///session/asyncapi.yaml';
      const other = 'file:///session/other.yaml';
      const session = new NativeCheckSession({ roots: 1, textBytes: 64 * 1024 * 1024 });
      const original = syntheticAsyncApi(60);
      const edits: Array<[string, (text: string) => string]> = [
        ['an operation broken', (text) => text.replace('action: send', 'action: sned')],
        ['fixed', (text) => text.replace('action: sned', 'action: send')],
        ['a channel renamed', (text) => text.replace('\n  entity0003Updated:\n', '\n  entity0003Renamed:\n')],
        ['a message component removed', (text) => text.replace(/\n {4}Entity0005Updated:\n(?: {6}.*\n)+/, '\n')],
        ['a payload schema broken', (text) => text.replace(/(\n {4}Entity0007UpdatedPayload:\n {6})type: object/, '$1type: 42')],
        ['a cycle through the channels map', (text) => text.replace("\n  entity0009Updated:\n", "\n  entity0009Updated:\n    x-loop:\n      $ref: '#/channels'\n")],
        ['the cycle broken', (text) => text.replace("    x-loop:\n      $ref: '#/channels'\n", '')],
        ['back to the start', () => original],
      ];
      let text = original;
      const snapshotOf = (rootUri: string, rootText: string) => ({
        rootUri,
        files: { [rootUri]: rootText },
        values: given === 'values' ? { [rootUri]: structuredClone(parseSource(new SourceFile(rootUri, rootText, 0, 'yaml')).value()) } : undefined,
      });
      const run = (name: string) => {
        const snapshot = snapshotOf(uri, text);
        assert.deepEqual(session.run(snapshot), runNativeParserChecks(snapshot), `after "${name}"`);
      };
      run('the document');
      for (const [name, edit] of edits) {
        const edited = edit(text);
        assert.notEqual(edited, text, `the edit "${name}" changes the text`);
        text = edited;
        run(name);
        // Another root document evicts this one's kept state every other step (roots: 1).
        if (name.includes('broken')) {
          const snapshot = snapshotOf(other, syntheticAsyncApi(2));
          assert.deepEqual(session.run(snapshot), runNativeParserChecks(snapshot));
        }
      }
    });
  }
});
