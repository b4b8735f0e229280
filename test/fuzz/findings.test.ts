import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';
import { failureOf } from './replay';

/**
 * Every input the fuzz tier once stopped the server with (test/fuzz/findings/) is replayed alone
 * in a fresh server: it must be diagnosed, and a hover on it answered, within the deadline.
 */
const findings = path.join(findRepoRoot(), 'test', 'fuzz', 'findings');

describe('fuzz findings stay fixed', function () {
  this.timeout(60_000);
  for (const name of fs.readdirSync(findings).filter((file) => /\.(ya?ml|json)$/.test(file))) {
    it(name, async function () {
      const failure = await failureOf(fs.readFileSync(path.join(findings, name), 'utf8'), { name, method: 'textDocument/hover', line: 0, character: 0, deadlineMs: 20_000 });
      assert.equal(failure, undefined, `${name}: ${failure}`);
    });
  }
});
