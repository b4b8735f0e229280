import * as assert from 'node:assert/strict';
import { encodeForDisk, INVALID_UTF8_MARK, MUTATORS, mutate } from './mutators';
import { SeededRandom } from './seededRandom';
import { loadSeedFiles } from './seedWorkspace';

describe('fuzz mutators', function () {
  const seeds = loadSeedFiles();
  const context = (file: string) => ({ path: file, neighbours: seeds.map((seed) => seed.path).filter((other) => other !== file), donors: seeds.map((seed) => seed.text) });

  it('replay: the same seed gives the same mutants, another seed other ones', function () {
    const run = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 50 }, () => {
        const file = random.pick(seeds);
        return mutate(file.text, random, context(file.path)).text;
      });
    };
    assert.deepEqual(run(42), run(42));
    assert.notDeepEqual(run(42), run(43));
  });

  it('every mutator changes some seed and never throws', function () {
    const random = new SeededRandom(1);
    for (const mutator of MUTATORS) {
      let changed = 0;
      for (const seed of seeds.slice(0, 20)) if (mutator.apply(seed.text, random, context(seed.path)) !== seed.text) changed++;
      assert.ok(changed > 0, `${mutator.name} changed none of the seeds`);
    }
  });

  it('writes the invalid UTF-8 mark as bytes that do not decode', function () {
    const bytes = encodeForDisk(`a${INVALID_UTF8_MARK}b`);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    assert.equal(encodeForDisk('plain é').toString('utf8'), 'plain é');
  });
});
