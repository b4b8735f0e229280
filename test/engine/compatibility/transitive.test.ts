import * as assert from 'node:assert/strict';
import { checkAgainstVersions, diffAvroSchemas, diffJsonSchemas } from '../../../server/src/engine/compatibility';

const diff = (older: unknown, newer: unknown) => diffJsonSchemas({ root: older }, { root: newer });

describe('compatibility: transitive modes over a list of versions', function () {
  // v1 had "discount" as a string; v2 dropped it (fine: the model is open); v3 brings it back as
  // a number. Against v2 alone that is an optional property added to an open model, which the
  // lenient policy accepts; data written with v1 still carries strings there.
  const v1 = { type: 'object', properties: { id: { type: 'string' }, discount: { type: 'string' } } };
  const v2 = { type: 'object', properties: { id: { type: 'string' } } };
  const v3 = { type: 'object', properties: { id: { type: 'string' }, discount: { type: 'number' } } };
  const earlier = [v2, v1]; // newest first

  it('BACKWARD checks the latest version only', function () {
    const result = checkAgainstVersions(v3, earlier, 'BACKWARD', 'lenient', diff);
    assert.equal(result.checks.length, 1);
    assert.equal(result.checks[0]!.index, 0);
    assert.equal(result.compatible, true);
  });

  it('BACKWARD_TRANSITIVE checks every earlier version, newest first, and finds the old break', function () {
    const result = checkAgainstVersions(v3, earlier, 'BACKWARD_TRANSITIVE', 'lenient', diff);
    assert.deepEqual(result.checks.map((check) => [check.index, check.result.compatible]), [
      [0, true],
      [1, false],
    ]);
    assert.equal(result.compatible, false);
    assert.deepEqual(result.checks[1]!.result.changes.filter((item) => !item.compatible).map((item) => item.change.kind), ['type-changed']);
  });

  it('FORWARD_TRANSITIVE and FULL_TRANSITIVE check every version in their directions', function () {
    // Old readers of v1 require "discount" to be a string; v3 writes numbers there.
    assert.equal(checkAgainstVersions(v3, earlier, 'FORWARD', 'lenient', diff).compatible, true);
    assert.equal(checkAgainstVersions(v3, earlier, 'FORWARD_TRANSITIVE', 'lenient', diff).compatible, false);
    assert.equal(checkAgainstVersions(v3, earlier, 'FULL_TRANSITIVE', 'lenient', diff).compatible, false);
    assert.equal(checkAgainstVersions(v3, earlier, 'FULL', 'lenient', diff).compatible, true);
  });

  it('STRICT already refuses the step from v2, transitive or not', function () {
    assert.equal(checkAgainstVersions(v3, earlier, 'BACKWARD', 'strict', diff).compatible, false);
  });

  it('NONE checks nothing, and no earlier version means compatible', function () {
    assert.equal(checkAgainstVersions(v3, earlier, 'NONE', 'strict', diff).compatible, true);
    assert.deepEqual(checkAgainstVersions(v3, [], 'BACKWARD_TRANSITIVE', 'strict', diff), { compatible: true, checks: [] });
  });

  it('Avro: a field removed and re-added without a default is caught transitively', function () {
    const record = (fields: unknown[]) => ({ type: 'record', name: 'Order', fields });
    const a1 = record([{ name: 'id', type: 'string' }, { name: 'total', type: 'long' }]);
    const a2 = record([{ name: 'id', type: 'string' }, { name: 'total', type: 'long', default: 0 }]);
    const a3 = record([{ name: 'id', type: 'string' }, { name: 'total', type: 'int', default: 0 }]);
    const avroDiff = (older: unknown, newer: unknown) => diffAvroSchemas({ root: older }, { root: newer });
    // a3 demotes long → int: new readers cannot read the longs a1 and a2 wrote.
    assert.equal(checkAgainstVersions(a3, [a2, a1], 'BACKWARD_TRANSITIVE', 'strict', avroDiff).compatible, false);
    assert.equal(checkAgainstVersions(a2, [a1], 'FULL_TRANSITIVE', 'strict', avroDiff).compatible, true);
  });
});
