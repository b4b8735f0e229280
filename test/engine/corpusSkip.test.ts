import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';

/** The README promises a note where the corpus tests are skipped for want of the corpus. */
describe('the corpus tests without the corpus', function () {
  this.timeout(120_000);

  it('are skipped with a note that names the missing folder', function () {
    const root = findRepoRoot();
    const missing = path.join(os.tmpdir(), 'event-design-no-corpus-here');
    const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const result = spawnSync(process.execPath, [mocha, '--config', '.mocharc.json', '--reporter', 'spec', 'out/test/engine/corpus.test.js'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, EVENT_DESIGN_CORPUS: missing },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`skipped: the corpus folder ${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} does not exist`));
    assert.match(result.stdout, /0 passing[\s\S]*\d+ pending/);
  });
});
