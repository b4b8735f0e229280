import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { parse as parseYaml } from 'yaml';
import { diffAsyncApiDocuments } from '../../../server/src/engine/compatibility';
import { convertToAsyncApi3, type ConversionPlace } from '../../../server/src/engine/convert/convertToAsyncApi3';
import { DEFAULT_SETTINGS, Engine } from '../../../server/src/engine/engine';
import { pathToPointer } from '../../../server/src/engine/text/paths';
import { fromRepoRoot } from '../../grammar/repoRoot';
import { updatingSnapshots } from '../../grammar/snapshot';
import { CORPUS, skipWithoutCorpus } from '../support/corpus';
import { MemoryHost } from '../support/memoryHost';
import { describeFinding, disposeParserPool, listFiles, parserPool } from '../support/workspaceFixture';

/** What converting one corpus document gives: each list as lines, so that a change shows in a diff of the table. */
interface ConversionRecord {
  /** What our AsyncAPI diff finds between the 2.6.0 document and its conversion: what did not survive. */
  differences: string[];
  /** Where the conversion says its result is not valid AsyncAPI 3.0: `line:column rule message`. */
  problems: string[];
  /** The conversion's notes: the converter's warnings, comments that found no place, what we did on top. */
  notes: string[];
  /** Error findings of our engine (fast and full check) on the converted document, and on the 2.6.0 files it references. */
  errors: string[];
  /** Informative: the converted document against the hand-written 3.0.0 example, by meaning. */
  againstHandWritten: string[];
}

const TABLE = fromRepoRoot('test', 'engine', 'convert', 'corpusConversions.json');

interface IndexCase {
  path: string;
  tag: string;
  kind: string;
}

/** The 3.0.0 counterpart of a 2.6.0 example: `x.yml` became `x-asyncapi.yml`; the social-media folders kept their names. */
function counterpartOf(relative: string): string | undefined {
  const candidates = [relative.replace(/^v2\.6\.0\//, 'v3.0.0/'), relative.replace(/^v2\.6\.0\//, 'v3.0.0/').replace(/\.yml$/, '-asyncapi.yml')];
  return candidates.find((candidate) => candidate !== relative && fs.existsSync(path.join(CORPUS, candidate)));
}

const readDocument = (uri: string): unknown => {
  try {
    return parseYaml(fs.readFileSync(URI.parse(uri).fsPath, 'utf8'));
  } catch {
    return undefined;
  }
};

function describePlace(place: ConversionPlace, documentUri: string): string {
  const file = place.uri === undefined || place.uri === documentUri ? '' : path.posix.relative(path.posix.dirname(documentUri), place.uri);
  return `${file}#${place.pointer}`;
}

describe('converting the 2.6.0 corpus to AsyncAPI 3.0', function () {
  this.timeout(600_000);
  const rootUri = URI.file(CORPUS).toString();
  const records: Record<string, ConversionRecord> = {};
  let documents: string[] = [];

  before(async function () {
    skipWithoutCorpus(this);
    const index = JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf8')) as { cases: IndexCase[] };
    documents = index.cases.filter((entry) => entry.tag === 'v2.6.0' && entry.kind === 'document' && counterpartOf(entry.path)).map((entry) => entry.path);
    // Every converted document is checked where it stands, beside the 2.6.0 files it references.
    const host = new MemoryHost();
    for (const file of listFiles(path.join(CORPUS, 'v2.6.0'))) host.files.set(URI.file(file).toString(), fs.readFileSync(file, 'utf8'));
    const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [rootUri] });
    const converted = new Map<string, ReturnType<typeof convertToAsyncApi3>>();
    for (const relative of documents) {
      const uri = `${rootUri}/${relative}`;
      const result = convertToAsyncApi3(host.files.get(uri)!, uri, 'yaml', { readDocument });
      converted.set(relative, result);
      if (result.text !== undefined) host.files.set(uri, result.text);
    }
    for (const uri of host.files.keys()) await engine.indexFile(uri);
    for (const relative of documents) {
      const uri = `${rootUri}/${relative}`;
      const result = converted.get(relative)!;
      assert.equal(result.status, 'converted', `${relative}: ${result.errors.join(' ')}`);
      const check = await engine.checkFile(uri, (snapshot) => parserPool().run(snapshot));
      const errors = [...check.findings.values()].flat().filter((finding) => finding.severity === 'error');
      const counterpart = counterpartOf(relative)!;
      const counterpartUri = `${rootUri}/${counterpart}`;
      const handWritten = diffAsyncApiDocuments({ root: parseYaml(result.text!), uri }, { root: readDocument(counterpartUri), uri: counterpartUri }, { readDocument });
      records[relative] = {
        differences: result.differences.map((difference) => `${difference.kind} ${describePlace(difference.old, uri)} → ${describePlace(difference.new, uri)}`),
        problems: result.problems.map((problem) => `${problem.place.range!.start.line + 1}:${problem.place.range!.start.character + 1} ${problem.ruleId} ${problem.message}`),
        notes: result.notes,
        errors: [...new Set(errors.map((finding) => describeFinding(finding, rootUri)))],
        againstHandWritten: handWritten.changes.map(({ change }) => `${change.kind} ${describePlace({ ...change.old, pointer: pathToPointer(change.old.path) }, uri)} → ${describePlace({ ...change.new, pointer: pathToPointer(change.new.path) }, counterpartUri)}`),
      };
    }
  });
  after(disposeParserPool);

  it('converts every 2.6.0 document that has a 3.0.0 counterpart', function () {
    assert.equal(documents.length, 21);
  });

  it('finds exactly the differences, notes and errors the table lists, per document', function () {
    if (updatingSnapshots) fs.writeFileSync(TABLE, JSON.stringify(records, null, 2) + '\n');
    const expected = JSON.parse(fs.readFileSync(TABLE, 'utf8')) as Record<string, ConversionRecord>;
    assert.deepEqual(records, expected, `${path.basename(TABLE)} differs (UPDATE_SNAPSHOTS=1 rewrites it if the change is intended; review the diff)`);
  });

  it('says itself where a converted document is not valid AsyncAPI 3.0: every structure error the engine finds there', function () {
    // The converter carries bindings over as they were; some changed their fields with 3.0. The
    // parser words some of these at a neighbouring node, so they are matched by rule and message.
    const unannounced = Object.entries(records).flatMap(([relative, record]) =>
      record.errors
        .filter((line) => line.startsWith(`${relative}:`) && / error asyncapi-(schema|ref-placement) /.test(line))
        .filter((line) => !record.problems.some((problem) => line.endsWith(` error ${problem.replace(/^\d+:\d+ /, '')}`))),
    );
    assert.deepEqual(unannounced, []);
  });

  it('keeps the direction of every operation: no action change against the 2.6.0 document', function () {
    const inverted = Object.entries(records).flatMap(([relative, record]) => record.differences.filter((line) => line.startsWith('operation-action-changed')).map((line) => `${relative}: ${line}`));
    assert.deepEqual(inverted, []);
  });
});
