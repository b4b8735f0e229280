import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * The `event-design` command of a clone (`npx event-design`): bin/event-design.js, a committed
 * launcher of the bundle. It must run before any build (saying how to build) and after every
 * build (a freshly written bundle is not executable, the committed launcher is).
 */
const root = findRepoRoot();
const launcher = path.join(root, 'bin', 'event-design.js');

describe('the event-design command (bin/event-design.js)', function () {
  this.timeout(120_000);

  it('is the package bin, executable on disk and in git', function () {
    const { bin, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
    assert.equal(path.resolve(root, bin['event-design']!), launcher);
    assert.ok((fs.statSync(launcher).mode & 0o111) !== 0, 'executable on disk');
    assert.match(execFileSync('git', ['ls-files', '--stage', 'bin/event-design.js'], { cwd: root, encoding: 'utf8' }), /^100755 /);
    // Run as a program (its #! line), as npx and a shell run it.
    assert.equal(execFileSync(launcher, ['--version'], { cwd: os.tmpdir(), encoding: 'utf8' }), `${version}\n`);
  });

  it('runs the built CLI with its arguments, streams and exit code', function () {
    const result = spawnSync(process.execPath, [launcher, 'chek'], { cwd: os.tmpdir(), encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^event-design: Unknown command "chek"\. Did you mean "check"\?/);
  });

  it('says how to build when the CLI is not built yet', function () {
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-unbuilt-'));
    try {
      fs.mkdirSync(path.join(clone, 'bin'));
      fs.copyFileSync(launcher, path.join(clone, 'bin', 'event-design.js'));
      const result = spawnSync(process.execPath, [path.join(clone, 'bin', 'event-design.js'), 'check'], { cwd: clone, encoding: 'utf8' });
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^event-design: the CLI is not built yet \(there is no .*dist\/cli\/event-design\.js\)\.\nBuild it once: cd .* && npm run build\n$/);
    } finally {
      fs.rmSync(clone, { recursive: true, force: true });
    }
  });
});
