import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * The repository's pre-commit hook (`.pre-commit-hooks.yaml`, docs/cli.md "pre-commit") as a
 * pre-commit user gets it: pre-commit clones the repository at a commit, runs `npm install` in it
 * (whose `prepare` builds the CLI bundle), installs its `npm pack` into a node environment and runs
 * the hook there on the files it selects. This takes minutes (npm installs the repository's
 * development dependencies), so it is its own tier: `npm run test:pre-commit`, which needs the
 * `pre-commit` command (Debian: `apt-get install pre-commit`) and the npm registry or a warm cache.
 * It tests the committed HEAD: commit before running it.
 */
const root = findRepoRoot();
const fixture = path.join(root, 'test', 'preCommit', 'fixtures');

/** Without the variables of the `npm run` this test may run under, which would point pre-commit's npm at this repository. */
function environmentFor(scratch: string): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, PRE_COMMIT_HOME: path.join(scratch, 'pre-commit-home'), npm_config_update_notifier: 'false' };
  for (const name of Object.keys(environment)) if (/^npm_(?!config_update_notifier$)/i.test(name) || name === 'INIT_CWD') delete environment[name];
  return environment;
}

describe('the pre-commit hook (pre-commit try-repo on a clone of this repository at HEAD)', function () {
  this.timeout(900_000);
  let scratch: string;
  let result: SpawnSyncReturns<string>;

  before(function () {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-pre-commit-'));
    const hookRepository = path.join(scratch, 'event-design');
    execFileSync('git', ['clone', '--quiet', root, hookRepository]);
    const project = path.join(scratch, 'project');
    fs.cpSync(fixture, project, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Event Design', '-c', 'user.email=tests@example.com', ...args], { cwd: project });
    git('init', '-q');
    git('add', 'specs');
    const files = ['specs/orders.asyncapi.yaml', 'specs/order.proto', 'specs/asyncapi.yaml', 'specs/billing.yaml'];
    result = spawnSync('pre-commit', ['try-repo', hookRepository, 'event-design-check', '--files', ...files], { cwd: project, encoding: 'utf8', env: environmentFor(scratch) });
    assert.equal(result.error, undefined, 'the pre-commit command runs (Debian: apt-get install pre-commit)');
  });

  after(function () {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('installs the hook and fails the commit with exit 1', function () {
    assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /^event-design check\.+Failed$/m);
    assert.match(result.stdout, /^- exit code: 1$/m);
  });

  it('reports the broken document and Protobuf file at their lines, and checks the clean one too, in one run', function () {
    assert.match(result.stdout, /^specs\/orders\.asyncapi\.yaml\n {2}2:1 +error +"info" property must have required property "version" +asyncapi-schema$/m);
    assert.match(result.stdout, /^specs\/order\.proto\n {2}6:9 +error +"id" is already defined in Order.* protobuf-duplicate-name$/m);
    assert.match(result.stdout, /✖ 2 problems \(2 errors, 0 warnings, 0 info\) in 3 files checked/);
  });

  it('leaves out what its files pattern does not select, even when it is broken', function () {
    assert.doesNotMatch(result.stdout, /billing\.yaml/);
  });
});
