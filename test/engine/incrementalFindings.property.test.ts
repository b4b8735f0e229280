import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fc from 'fast-check';
import { DEFAULT_SETTINGS, Engine, type CheckResult } from '../../server/src/engine/engine';
import { findRepoRoot } from '../grammar/repoRoot';
import { syntheticAsyncApi } from '../support/syntheticAsyncApi';
import { CORPUS, skipWithoutCorpus } from './support/corpus';
import { MemoryHost } from './support/memoryHost';

/**
 * Nothing is lost for speed: an engine that has checked every earlier version of a document
 * (incremental parse, memoised rule findings) finds exactly what a fresh engine finds in the
 * same text, after every step of random edit sequences on the corpus, examples/ and a
 * synthetic document. Edits mostly keep the YAML parseable: values changed, entries duplicated,
 * removed or renamed, and a few raw insertions and deletions.
 */
describe('incremental checks equal fresh checks (property-based)', function () {
  this.timeout(600_000);
  const repo = findRepoRoot();
  const files: Record<string, string> = {};
  const documents: string[] = [];
  const sharing: string[] = [];
  const folders: string[] = [];

  before(function () {
    skipWithoutCorpus(this);
    for (const root of [CORPUS, path.join(repo, 'examples')]) {
      folders.push(pathToFileURL(root).toString());
      for (const file of filesUnder(root)) {
        const text = fs.readFileSync(file, 'utf8');
        const uri = pathToFileURL(file).toString();
        files[uri] = text;
        if (/\.ya?ml$/.test(file) && /^asyncapi:/m.test(text)) documents.push(uri);
      }
    }
    const synthetic = `${folders[1]}/synthetic.yaml`;
    files[synthetic] = syntheticAsyncApi(12);
    documents.push(synthetic);
    sharing.push(synthetic, ...documents.filter((uri) => uri.startsWith(folders[1]!)));
    assert.ok(documents.length > 60, `only ${documents.length} documents found`);
  });

  const engineOver = (texts: Record<string, string>) => new Engine(new MemoryHost(texts), { ...DEFAULT_SETTINGS, workspaceFolders: folders });

  it('after every edit of random sequences', async function () {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(editArbitrary, { minLength: 1, maxLength: 6 }), async (pick, edits) => {
        // Half of the runs on the documents whose messages share schemas through references.
        const uri = pick % 2 === 0 ? documents[pick % documents.length]! : sharing[Math.floor(pick / 2) % sharing.length]!;
        const incremental = engineOver(files);
        let text = files[uri]!;
        incremental.setOpenDocument(uri, text, 1);
        await incremental.checkFast(uri);
        for (const [index, edit] of edits.entries()) {
          text = applyEdit(text, edit);
          incremental.setOpenDocument(uri, text, index + 2);
          const got = await incremental.checkFast(uri);
          const fresh = engineOver({ ...files, [uri]: text });
          fresh.setOpenDocument(uri, text, index + 2);
          const expected = await fresh.checkFast(uri);
          steps++;
          assert.deepEqual(comparable(got), comparable(expected), `${uri} after ${JSON.stringify(edits.slice(0, index + 1))}`);
        }
      }),
      { numRuns: Number(process.env.EVENT_DESIGN_PROPERTY_RUNS ?? 40) },
    );
    assert.ok(steps > 40);
  });
});

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'value'; at: number; word: string }
  | { kind: 'duplicate' | 'remove' | 'rename'; at: number; word: string }
  | { kind: 'close' | 'identify'; at: number };

const word = fc.constantFrom('x', 'Order', 'send', 'receive', 'string', 'object', '1', 'true', 'kafka', "'#/components/messages/none'", 'userSignedUp', 'payload');
/** Where an edit goes, as a fraction of the candidates (lines, entries): independent of the text. */
const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, text: fc.constantFrom('x', ' ', ':', '\n', '- ', '#', 'a: b\n') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('value' as const), at, word }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('duplicate' as const, 'remove' as const, 'rename' as const), at, word }) },
  // What per-message rules judge, often in a schema the message only references.
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('close' as const, 'identify' as const), at }) },
);

/** A line that opens a mapping entry: its indentation and key. */
const ENTRY = /^( *)([A-Za-z0-9_$'"./{}-][^:#]*):( |$)/;

function applyEdit(text: string, edit: Edit): string {
  const lines = text.split('\n');
  switch (edit.kind) {
    case 'insert': {
      const offset = Math.floor(edit.at * (text.length + 1));
      return text.slice(0, offset) + edit.text + text.slice(offset);
    }
    case 'delete': {
      const offset = Math.floor(edit.at * text.length);
      return text.slice(0, offset) + text.slice(offset + edit.length);
    }
    case 'value': {
      const candidates = lines.flatMap((line, index) => (/^ *[^ :#][^:#]*: \S/.test(line) ? [index] : []));
      if (candidates.length === 0) return text;
      const index = candidates[Math.floor(edit.at * candidates.length)]!;
      lines[index] = lines[index]!.replace(/: .*$/, `: ${edit.word}`);
      return lines.join('\n');
    }
    case 'close':
    case 'identify': {
      // additionalProperties under an object schema; an eventId property in a properties list.
      const opening = edit.kind === 'close' ? /^ *type: object$/ : /^ *properties:$/;
      const candidates = lines.flatMap((line, index) => (opening.test(line) ? [index] : []));
      if (candidates.length === 0) return text;
      const index = candidates[Math.floor(edit.at * candidates.length)]!;
      const spaces = ' '.repeat(indentOf(lines[index]!));
      lines.splice(index + 1, 0, ...(edit.kind === 'close' ? [`${spaces}additionalProperties: false`] : [`${spaces}  eventId:`, `${spaces}    type: string`]));
      return lines.join('\n');
    }
    default: {
      // Any entry: a channel, a message, a schema, or one keyword of it (additionalProperties…).
      const candidates = lines.flatMap((line, index) => (ENTRY.test(line) ? [index] : []));
      if (candidates.length === 0) return text;
      const start = candidates[Math.floor(edit.at * candidates.length)]!;
      const indent = indentOf(lines[start]!);
      let end = start + 1;
      while (end < lines.length && (lines[end]!.trim() === '' || indentOf(lines[end]!) > indent)) end++;
      const [opening, spaces, key, space] = ENTRY.exec(lines[start]!)!;
      // The key renamed, its value (when on the line) kept.
      const renamed = `${spaces}${key!.replace(/['"]/g, '')}${edit.word.replace(/[^A-Za-z0-9]/g, '') || 'X'}:${space}${lines[start]!.slice(opening.length)}`;
      if (edit.kind === 'remove') lines.splice(start, end - start);
      else if (edit.kind === 'rename') lines[start] = renamed;
      else lines.splice(end, 0, renamed, ...lines.slice(start + 1, end));
      return lines.join('\n');
    }
  }
}

function indentOf(line: string) {
  return line.length - line.trimStart().length;
}

/** What a check says, in a stable order. */
function comparable(result: CheckResult) {
  return {
    version: result.version,
    dependencies: [...result.dependencies].sort(),
    wantsFullValidation: result.wantsFullValidation,
    findings: [...result.findings.entries()].filter(([, findings]) => findings.length > 0).sort(([a], [b]) => a.localeCompare(b)).map(([uri, findings]) => [uri, findings.map((finding) => JSON.stringify(finding)).sort()]),
  };
}

function filesUnder(root: string): string[] {
  return fs.readdirSync(root, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile() && /\.(ya?ml|json|avsc|proto)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
}
