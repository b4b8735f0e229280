import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import { completeAt } from '../../server/src/engine/navigation/completion';
import { findDefinition } from '../../server/src/engine/navigation/definition';
import { hoverAt } from '../../server/src/engine/navigation/hover';
import { FileAccess, FileSystemHost, isInsideFolders } from '../../server/src/node/fileSystemHost';

/**
 * Untrusted workspaces are read only inside their folders: a relative `$ref` that climbs out (or
 * a symbolic link that leads out) must not bring another file's text into hovers, completion or
 * findings. The reproducer: a `description` and key names of a file outside the folder.
 */
describe('file access of untrusted workspaces (the Node host)', function () {
  let base: string;
  let folder: string;
  let folderUri: string;
  const SECRET = 'Secret:\n  description: the text of a file outside the workspace\n  payload: { type: object }\nOtherSecretKey: {}\n';

  beforeEach(function () {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-access-'));
    folder = path.join(base, 'workspace', 'service');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(base, 'outside.yaml'), SECRET);
    fs.writeFileSync(path.join(folder, '.event-design.yaml'), 'categories:\n  discipline: off\n');
    fs.symlinkSync(path.join(base, 'outside.yaml'), path.join(folder, 'linked.yaml'));
    folderUri = URI.file(folder).toString();
  });

  afterEach(function () {
    fs.rmSync(base, { recursive: true, force: true });
  });

  const documentUri = () => URI.file(path.join(folder, 'orders.yaml')).toString();
  const documentText = (ref: string) => ['asyncapi: 3.0.0', 'info: { title: Orders, version: 1.0.0 }', 'channels:', '  placed:', '    address: orders.placed', '    messages:', `      placed: { $ref: '${ref}#/Secret' }`, ''].join('\n');

  async function engineFor(trusted: boolean, ref: string) {
    const host = new FileSystemHost(undefined, undefined, new FileAccess(() => [folderUri], () => trusted));
    const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [folderUri] });
    engine.setOpenDocument(documentUri(), documentText(ref), 1);
    return engine;
  }

  for (const [what, ref] of [
    ['a relative path that climbs out', '../../outside.yaml'],
    ['a symbolic link inside the folder that leads out', './linked.yaml'],
  ] as const) {
    it(`untrusted: ${what} is not read; the reference says so, and neither hover, completion nor definition show the file`, async function () {
      const engine = await engineFor(false, ref);
      const result = await engine.checkFast(documentUri());
      const own = result.findings.get(documentUri()) ?? [];
      assert.deepEqual(own.map((finding) => [finding.ruleId, finding.severity, finding.range.start.line]), [['ref-outside-workspace', 'info', 6]]);
      assert.match(own[0]!.message, /is not checked: it is outside the workspace folders/);
      assert.deepEqual([...result.findings.keys()], [documentUri()], 'nothing is reported in the outside file');
      const line = documentText(ref).split('\n')[6]!;
      const hover = await hoverAt(engine, documentUri(), { line: 6, character: line.indexOf('#/Secret') + 3 });
      assert.ok(!JSON.stringify(hover ?? null).includes('the text of a file outside'), `no outside text in ${JSON.stringify(hover)}`);
      engine.setOpenDocument(documentUri(), documentText(ref).replace('#/Secret', '#/'), 2);
      const completion = await completeAt(engine, documentUri(), { line: 6, character: line.indexOf('#/Secret') + 2 });
      assert.deepEqual(completion.items.map((item) => item.label), []);
      assert.deepEqual(await findDefinition(engine, documentUri(), { line: 6, character: line.indexOf('#/Secret') }), []);
    });

    it(`trusted: ${what} is followed as before`, async function () {
      const engine = await engineFor(true, ref);
      const result = await engine.checkFast(documentUri());
      assert.deepEqual((result.findings.get(documentUri()) ?? []).map((finding) => finding.ruleId), []);
      const line = documentText(ref).split('\n')[6]!;
      const hover = await hoverAt(engine, documentUri(), { line: 6, character: line.indexOf('#/Secret') + 3 });
      assert.ok(JSON.stringify(hover).includes('the text of a file outside'), JSON.stringify(hover));
      engine.setOpenDocument(documentUri(), documentText(ref).replace('#/Secret', '#/'), 2);
      const completion = await completeAt(engine, documentUri(), { line: 6, character: line.indexOf('#/Secret') + 2 });
      assert.ok(completion.items.some((item) => String(item.label).includes('OtherSecretKey')), JSON.stringify(completion.items.map((item) => item.label)));
    });
  }

  it('trusting the workspace later reads the file that was refused', async function () {
    let trusted = false;
    const host = new FileSystemHost(undefined, undefined, new FileAccess(() => [folderUri], () => trusted));
    const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [folderUri] });
    engine.setOpenDocument(documentUri(), documentText('../../outside.yaml'), 1);
    assert.deepEqual((await engine.checkFast(documentUri())).findings.get(documentUri())!.map((finding) => finding.ruleId), ['ref-outside-workspace']);
    trusted = true;
    engine.fileAccessChanged();
    assert.deepEqual((await engine.checkFast(documentUri())).findings.get(documentUri())!.map((finding) => finding.ruleId), []);
  });

  it('with no workspace folder, an untrusted window reads nothing from disk', async function () {
    const host = new FileSystemHost(undefined, undefined, new FileAccess(() => [], () => false));
    assert.equal(await host.readFile(URI.file(path.join(folder, '.event-design.yaml')).toString()), undefined);
    assert.equal(await host.readFile(URI.file(path.join(base, 'outside.yaml')).toString()), undefined);
  });

  it('decides "inside" on the resolved path, not on the text of the URI', function () {
    assert.equal(isInsideFolders(`${folderUri}/a/b.yaml`, [folderUri]), true);
    assert.equal(isInsideFolders(`${folderUri}/../service-other/b.yaml`, [folderUri]), false);
    assert.equal(isInsideFolders(`${folderUri}-other/b.yaml`, [folderUri]), false, 'a sibling whose name starts the same');
    assert.equal(isInsideFolders(`${folderUri}/%2e%2e/%2e%2e/outside.yaml`, [folderUri]), false, 'encoded dots');
    assert.equal(isInsideFolders(folderUri, [folderUri]), false, 'the folder itself is not a file in it');
    assert.equal(isInsideFolders('untitled:Untitled-1', [folderUri]), false);
  });
});
