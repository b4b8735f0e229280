import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { GitBaselines } from '../../server/src/node/gitBaselines';
import { GitError, GitRepository } from '../../server/src/node/gitRepository';

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

describe('git baselines (a real temporary repository)', function () {
  this.timeout(60_000);
  let folder: string;
  let first: string;

  before(function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-git-'));
    git(folder, 'init', '-q', '-b', 'main');
    fs.mkdirSync(path.join(folder, 'schemas'));
    fs.writeFileSync(path.join(folder, 'schemas', 'order.json'), '{"version": 1}\n');
    git(folder, 'add', '.');
    git(folder, 'commit', '-q', '-m', 'first');
    first = git(folder, 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(folder, 'schemas', 'order.json'), '{"version": 2}\n');
    git(folder, 'commit', '-q', '-am', 'second');
    git(folder, 'mv', 'schemas/order.json', 'schemas/order-placed.json');
    git(folder, 'commit', '-q', '-m', 'rename');
    fs.writeFileSync(path.join(folder, 'schemas', 'order-placed.json'), '{"version": 3}\n');
    git(folder, 'commit', '-q', '-am', 'third');
    fs.writeFileSync(path.join(folder, 'schemas', 'order-placed.json'), '{"version": "working tree"}\n');
  });

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('finds the repository of a file, and none outside', async function () {
    const repository = await GitRepository.containing(path.join(folder, 'schemas', 'order-placed.json'));
    assert.equal(repository?.root, fs.realpathSync(folder));
    assert.equal(await GitRepository.containing(os.tmpdir()), undefined);
  });

  it('reads a file at HEAD and at older commits, and says when a file is not there', async function () {
    const file = path.join(folder, 'schemas', 'order-placed.json');
    const repository = (await GitRepository.containing(file))!;
    assert.equal(await repository.show('HEAD', file), '{"version": 3}\n');
    assert.equal(await repository.show('HEAD', path.join(folder, 'schemas', 'new.json')), undefined);
    await assert.rejects(repository.show('no-such-branch', file), (error: unknown) => error instanceof GitError && error.kind === 'unknown-ref');
    await assert.rejects(repository.show('--output=/tmp/x', file), (error: unknown) => error instanceof GitError && error.kind === 'unknown-ref');
  });

  it('follows a rename back to the old path', async function () {
    const file = path.join(folder, 'schemas', 'order-placed.json');
    const repository = (await GitRepository.containing(file))!;
    assert.equal(await repository.showFollowingRenames(first, file), '{"version": 1}\n');
    const history = await repository.history(file, 10);
    assert.deepEqual(history.map((entry) => entry.path), ['schemas/order-placed.json', 'schemas/order-placed.json', 'schemas/order.json', 'schemas/order.json']);
  });

  it('knows refs and merge bases', async function () {
    const repository = (await GitRepository.containing(folder))!;
    assert.equal(await repository.hasRef('main'), true);
    assert.equal(await repository.hasRef('origin/main'), false);
    assert.equal(await repository.mergeBase(first), first);
  });

  it('says whether workspace folders can have git baselines (what the status bar shows)', async function () {
    const inRepository = URI.file(path.join(folder, 'schemas')).toString();
    const outside = URI.file(os.tmpdir()).toString();
    assert.equal(await new GitBaselines(() => true).availability([outside, inRepository]), 'git');
    assert.equal(await new GitBaselines(() => true).availability([outside]), 'no-repository');
    assert.equal(await new GitBaselines(() => false).availability([inRepository]), 'untrusted');
  });
});
