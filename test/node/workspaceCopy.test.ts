import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GitRepository } from '../../server/src/node/gitRepository';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * `npm start` opens a copy of examples/ (tools/vscode-web/workspaceCopy.mjs): VS Code for the
 * web saves as you type, and the CLI and real-VS-Code tests expect examples/ as committed.
 */
const root = findRepoRoot();

function filesUnder(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((entry) => !entry.split(path.sep).includes('.git') && fs.statSync(path.join(folder, entry)).isFile()).sort();
}

describe('the workspace npm start opens', function () {
  this.timeout(60_000);
  let parent: string;

  before(function () {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-copy-'));
  });
  after(function () {
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('is a copy of examples/, not examples/ itself', function () {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(scripts.start!, /run\.mjs open .*--workspace-copy "\$PWD\/examples"/);
    assert.doesNotMatch(scripts.start!, /--workspace "/);
  });

  it('is a git repository of its own whose HEAD holds every file, so edits stay out of the repository and breaks have a baseline', async function () {
    const examples = path.join(root, 'examples');
    const moduleUrl = pathToFileURL(path.join(root, 'tools', 'vscode-web', 'workspaceCopy.mjs')).href;
    const { copyWorkspace } = (await import(moduleUrl)) as { copyWorkspace(source: string, parent: string): Promise<{ copy: string; gitError?: string }> };
    const { copy, gitError } = await copyWorkspace(examples, parent);
    assert.equal(gitError, undefined);
    assert.equal(copy, path.join(parent, 'examples'));
    assert.deepEqual(filesUnder(copy), filesUnder(examples));
    assert.equal((await GitRepository.containing(path.join(copy, 'orders', 'asyncapi.yaml')))?.root, fs.realpathSync(copy));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: copy, encoding: 'utf8' });
    assert.equal(git('status', '--porcelain'), '');
    assert.deepEqual(git('ls-files').split('\n').filter(Boolean).map((file) => file.split('/').join(path.sep)).sort(), filesUnder(copy));

    const legacy = 'legacy/inventory-sync.yaml';
    const original = fs.readFileSync(path.join(examples, legacy), 'utf8');
    fs.writeFileSync(path.join(copy, legacy), original.replace('action: publish', 'action: send'));
    assert.equal(fs.readFileSync(path.join(examples, legacy), 'utf8'), original);
    assert.equal(git('status', '--porcelain').trim(), `M ${legacy}`);
  });
});
