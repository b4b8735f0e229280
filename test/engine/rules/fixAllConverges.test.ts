import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import type { Finding } from '../../../server/src/engine/findings/finding';
import { ruleById } from '../../../server/src/engine/rules';
import { findRepoRoot } from '../../grammar/repoRoot';
import { disposeParserPool, loadWorkspace, parserPool, type LoadedWorkspace } from '../support/workspaceFixture';

/**
 * Fix all as a property, on every document we have: the examples workspace, the rule fixtures
 * and the official AsyncAPI examples. Run once (as the editor's `source.fixAll.eventDesign`
 * does), it must leave (a) nothing a second run would change, (b) no finding that was not there
 * before (a fix of ours never raises a finding of ours), and (c) a document as valid as before.
 */
const root = findRepoRoot();
const corpus = path.join(root, '..', 'shared', 'corpus', 'asyncapi-examples');

const said = (finding: Finding) => `${finding.ruleId} ${finding.uri.slice(finding.uri.lastIndexOf('/') + 1)} at ${JSON.stringify(finding.path ?? [])}: ${finding.message}`;

/**
 * Whether two findings are one, without their ranges (a fix moves the lines below it): the same
 * rule in the same file, at the same JSON path or in the same words. A fix may change either: a
 * message that gets headers is then "without an example of its payload and headers", a message
 * that gets a `name` is reported at it.
 */
const sameFinding = (a: Finding, b: Finding) => a.ruleId === b.ruleId && a.uri === b.uri && (a.message === b.message || (!!a.path && !!b.path && JSON.stringify(a.path) === JSON.stringify(b.path)));
const isValidity = (finding: Finding) => finding.severity === 'error' || (ruleById(finding.ruleId)?.category !== 'discipline' && finding.severity === 'warning');

async function documentsOf(workspace: LoadedWorkspace): Promise<string[]> {
  const documents: string[] = [];
  for (const uri of workspace.uris) {
    const file = await workspace.engine.files.get(uri);
    if (file && workspace.engine.kindOf(file).kind === 'asyncapi' && /\.(ya?ml|json)$/.test(uri)) documents.push(uri);
  }
  return documents;
}

/** Every finding the document's checks give, in any file, fast only or with the parser too. */
async function findingsOf(workspace: LoadedWorkspace, uri: string, withParser: boolean): Promise<Finding[]> {
  const result = withParser ? await workspace.engine.checkFile(uri, (snapshot) => parserPool().run(snapshot)) : await workspace.engine.checkFast(uri);
  return [...result.findings.values()].flat();
}

/** Applies one fix-all to the document (as open, unsaved text) and returns what changed. */
async function fixAllOnce(workspace: LoadedWorkspace, uri: string, version: number): Promise<{ titles: string[]; changed: string[] }> {
  const { edits, titles } = await workspace.engine.safeFixes(uri);
  for (const [fileUri, fileEdits] of edits) {
    const file = await workspace.engine.files.get(fileUri);
    workspace.engine.setOpenDocument(fileUri, applyEdits(file!.source, fileEdits), version);
    await workspace.engine.indexFile(fileUri);
  }
  return { titles, changed: [...edits.keys()] };
}

/** The findings of `after` that `before` does not have (as many times as it has them). */
function newFindings(after: Finding[], before: Finding[]): Finding[] {
  const left = [...before];
  return after.filter((finding) => {
    const index = left.findIndex((candidate) => sameFinding(candidate, finding));
    if (index < 0) return true;
    left.splice(index, 1);
    return false;
  });
}

function describeSuite(name: string, folder: string, options: { withParser: boolean; exclude?: (relative: string) => boolean }) {
  describe(`fix all converges: ${name}`, function () {
    this.timeout(600_000);
    let workspace: LoadedWorkspace;
    const results: Array<{ uri: string; titles: string[]; created: string[]; again: string[]; invalid: string[] }> = [];

    before(async function () {
      if (!fs.existsSync(folder)) this.skip();
      workspace = await loadWorkspace(folder, {}, options.exclude);
      let version = 1;
      // Each document on its own: the others stay as they are on disk.
      for (const uri of await documentsOf(workspace)) {
        const before = await findingsOf(workspace, uri, options.withParser);
        const { titles, changed } = await fixAllOnce(workspace, uri, ++version);
        const after = await findingsOf(workspace, uri, options.withParser);
        const again = await workspace.engine.safeFixes(uri);
        results.push({
          uri: uri.slice(workspace.rootUri.length + 1),
          titles,
          created: newFindings(after, before).map(said),
          again: again.titles,
          invalid: newFindings(after.filter(isValidity), before.filter(isValidity)).map(said),
        });
        for (const fileUri of changed) await workspace.engine.closeDocument(fileUri);
      }
    });
    after(disposeParserPool);

    it('fixes something in the documents it checks', function () {
      assert.ok(results.some((result) => result.titles.length > 0), results.map((result) => result.uri).join(', '));
    });

    it('leaves nothing that a second fix all would change', function () {
      assert.deepEqual(results.filter((result) => result.again.length > 0).map((result) => `${result.uri}: ${result.again.join(' | ')}`), []);
    });

    it('raises no finding that was not there before', function () {
      assert.deepEqual(results.flatMap((result) => result.created.map((finding) => `${result.uri}: ${finding}`)), []);
    });

    it('leaves every document as valid as it was', function () {
      assert.deepEqual(results.flatMap((result) => result.invalid.map((finding) => `${result.uri}: ${finding}`)), []);
    });
  });
}

describeSuite('examples/', path.join(root, 'examples'), { withParser: true });
describeSuite('the rule fixtures', path.join(root, 'test', 'engine', 'rules', 'fixtures'), { withParser: true });
describeSuite('the official AsyncAPI examples', corpus, { withParser: false, exclude: (relative) => !/\.(ya?ml|json)$/.test(relative) || relative === 'index.json' });
