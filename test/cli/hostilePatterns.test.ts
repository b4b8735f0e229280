import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * The reproducers of catastrophic backtracking and self-referential schemas, through the bundled
 * CLI as a process: `check` returns, with findings and without a stack trace. (Before, it never
 * returned on `^(a+)+$`, and exited 2 with "Maximum call stack size exceeded" on `{"$ref": "#"}`.)
 */
describe('CLI on hostile patterns and schemas', function () {
  this.timeout(180_000);

  it('checks catastrophic patterns, unsupported patterns and endless schemas, and exits normally', function () {
    const root = findRepoRoot();
    const run = spawnSync(process.execPath, [path.join(root, 'dist', 'cli', 'event-design.js'), 'check', path.join(root, 'test', 'engine', 'fixtures', 'linear-patterns')], { encoding: 'utf8', timeout: 170_000 });
    assert.equal(run.signal, null, 'the CLI returned by itself');
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    for (const rule of ['schema-default-invalid', 'message-example-invalid', 'pattern-not-checked', 'value-not-checked']) assert.match(run.stdout, new RegExp(rule), rule);
  });
});
