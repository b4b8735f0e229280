import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import * as fc from 'fast-check';
import { diffJsonSchemas, judgeChanges, type CompatibilityResult } from '../../../server/src/engine/compatibility';
import { candidateInstances, evolve, schemaArbitrary } from './schemaEvolution';

/**
 * Soundness of the verdicts, checked on data: for generated draft-07 schemas and random
 * evolutions of them, whenever the engine says BACKWARD-compatible (STRICT, no warning), every
 * instance valid under the old schema is valid under the new one; the same the other way round
 * for FORWARD. Changes the registry model accepts with a warning (a required property with a
 * default, an overlapping oneOf branch) are the documented exceptions and are left out.
 */
describe('compatibility: verdicts hold on data (property-based, ajv)', function () {
  this.timeout(120_000);
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, allowUnionTypes: true });
  const counts = { pairs: 0, backwardCompatible: 0, forwardCompatible: 0, instancesChecked: 0, warnedSkipped: 0 };

  function validator(schema: unknown) {
    try {
      return ajv.compile(schema as object);
    } catch {
      return undefined;
    }
  }

  function clean(result: CompatibilityResult) {
    return result.compatible && result.changes.every((item) => item.warnings.length === 0);
  }

  function checkDirection(writer: unknown, reader: unknown, seed: number, label: string) {
    const acceptsWriter = validator(writer);
    const acceptsReader = validator(reader);
    if (!acceptsWriter || !acceptsReader) return;
    for (const instance of candidateInstances(writer, seed, 40)) {
      if (!acceptsWriter(instance)) continue;
      counts.instancesChecked++;
      assert.ok(acceptsReader(instance), `${label}: ${JSON.stringify(instance)} is valid under the writer's schema ${JSON.stringify(writer)} but not under the reader's ${JSON.stringify(reader)}`);
    }
  }

  it('BACKWARD- and FORWARD-compatible evolutions keep data valid', function () {
    fc.assert(
      fc.property(schemaArbitrary, fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), schemaArbitrary, (old, seed, unrelated, other) => {
        const next = unrelated && seed % 7 === 0 ? other : evolve(old, seed);
        counts.pairs++;
        const changes = diffJsonSchemas({ root: old }, { root: next });
        const backward = judgeChanges(changes, 'BACKWARD', 'strict');
        const forward = judgeChanges(changes, 'FORWARD', 'strict');
        if (backward.compatible && !clean(backward)) counts.warnedSkipped++;
        if (clean(backward)) {
          counts.backwardCompatible++;
          checkDirection(old, next, seed, `BACKWARD ${JSON.stringify(changes.map((change) => change.kind))}`);
        }
        if (clean(forward)) {
          counts.forwardCompatible++;
          checkDirection(next, old, seed + 1, `FORWARD ${JSON.stringify(changes.map((change) => change.kind))}`);
        }
      }),
      { numRuns: 1500 },
    );
    if (process.env.COMPAT_PROPERTY_STATS) console.log(counts);
    // The property means something only if many evolutions were judged compatible and checked on data.
    assert.ok(counts.backwardCompatible > 200, `only ${counts.backwardCompatible} BACKWARD-compatible pairs`);
    assert.ok(counts.forwardCompatible > 200, `only ${counts.forwardCompatible} FORWARD-compatible pairs`);
    assert.ok(counts.instancesChecked > 5000, `only ${counts.instancesChecked} instances checked`);
  });
});
