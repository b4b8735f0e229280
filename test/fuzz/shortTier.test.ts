import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';
import { DEFAULT_FUZZ_OPTIONS, runFuzz, summarise } from './fuzzRun';

/**
 * The fuzz tier's short run, for `npm test`: fixed seeds, so a failure here is replayed with
 * `npm run fuzz -- --seed <seed> --ops <ops>` (the inputs are under .fuzz-findings/).
 */
const RUNS: ReadonlyArray<{ seed: number; operations: number }> = [
  { seed: 1, operations: 2000 },
  { seed: 2, operations: 500 },
];

describe('fuzz tier (short): the language server and the CLI on mutated documents', function () {
  this.timeout(30 * 60_000);
  for (const { seed, operations } of RUNS) {
    it(`seed ${seed}, ${operations} operations: no exit, every request answered in time, memory bounded, CLI output sound`, async function () {
      const report = await runFuzz({ ...DEFAULT_FUZZ_OPTIONS, seed, operations, cliBatches: 1, findingsDir: path.join(findRepoRoot(), '.fuzz-findings') });
      assert.ok(report.operations >= operations, `${report.operations} operations run`);
      assert.deepEqual(report.failures.map((failure) => `${failure.kind} ${failure.method ?? ''} at op ${failure.opIndex}: ${failure.message.slice(0, 200)}`), [], summarise(report).join('\n'));
    });
  }
});
