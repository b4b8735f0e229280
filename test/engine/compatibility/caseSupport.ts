import * as assert from 'node:assert/strict';
import { CHANGE_RULES, judgeChanges, type ChangeLocation, type CompatibilityPolicy, type SchemaChange } from '../../../server/src/engine/compatibility';
import { pathToPointer } from '../../../server/src/engine/text/paths';

/** `kind #old #new` (a location in another file than the input's is written with its URI), plus ` not` / ` overlap` / ` inert`. */
export function describeForTest(change: SchemaChange, oldUri?: string, newUri?: string): string {
  const where = (location: ChangeLocation, main: string | undefined) => `${location.uri !== undefined && location.uri !== main ? location.uri : ''}#${pathToPointer(location.path)}`;
  const flags = `${change.negated ? ' not' : ''}${change.hazards?.some((hazard) => hazard.id === 'one-of-overlap') ? ' overlap' : ''}${change.inert ? ' inert' : ''}`;
  return `${change.kind} ${where(change.old, oldUri)} ${where(change.new, newUri)}${flags}`;
}

type Mark = '✓' | '✗' | '⚠';

/** Parses `B✗ F✓ LB✓` into the expected marks per direction and policy (LENIENT defaults to STRICT). */
export function parseVerdicts(text: string): Record<CompatibilityPolicy, { backward: Mark; forward: Mark }> {
  const marks: Record<string, Mark> = {};
  for (const token of text.trim().split(/\s+/)) {
    const match = /^(L?[BF])([✓✗⚠])$/u.exec(token);
    if (!match) throw new Error(`Bad verdict token "${token}" in "${text}"`);
    marks[match[1]!] = match[2] as Mark;
  }
  if (!marks.B || !marks.F) throw new Error(`Verdicts need B and F: "${text}"`);
  return { strict: { backward: marks.B, forward: marks.F }, lenient: { backward: marks.LB ?? marks.B, forward: marks.LF ?? marks.F } };
}

/**
 * Checks the engine's verdicts for a set of changes against the expected marks, in every mode:
 * BACKWARD, FORWARD, FULL (both), NONE (always compatible), and their transitive forms (one
 * earlier version: the same), under both policies.
 */
export function assertVerdicts(changes: readonly SchemaChange[], verdicts: string, label: string) {
  const expected = parseVerdicts(verdicts);
  for (const policy of ['strict', 'lenient'] as const) {
    const { backward, forward } = expected[policy];
    const judge = (mode: Parameters<typeof judgeChanges>[1]) => judgeChanges(changes, mode, policy);
    for (const [mode, mark] of [
      ['BACKWARD', backward],
      ['BACKWARD_TRANSITIVE', backward],
      ['FORWARD', forward],
      ['FORWARD_TRANSITIVE', forward],
    ] as const) {
      const result = judge(mode);
      assert.equal(result.compatible, mark !== '✗', `${label}: ${mode} (${policy}) should be ${mark === '✗' ? 'incompatible' : 'compatible'}`);
      const warned = result.changes.some((item) => item.warnings.length > 0);
      assert.equal(warned, mark === '⚠', `${label}: ${mode} (${policy}) ${mark === '⚠' ? 'should' : 'should not'} warn`);
    }
    for (const mode of ['FULL', 'FULL_TRANSITIVE'] as const) assert.equal(judge(mode).compatible, backward !== '✗' && forward !== '✗', `${label}: ${mode} (${policy})`);
    const none = judge('NONE');
    assert.equal(none.compatible, true, `${label}: NONE is always compatible`);
    assert.ok(none.changes.every((item) => item.breaks.length === 0 && item.warnings.length === 0), `${label}: NONE judges nothing`);
  }
}

/** Each change's kind has a documented inverse; the reverse diff must report exactly those. */
export function assertReverseIsInverse(forward: readonly SchemaChange[], reverse: readonly SchemaChange[], label: string, oldUri?: string, newUri?: string) {
  const expected = forward.map((change) => describeForTest({ ...change, kind: CHANGE_RULES[change.kind].inverse, old: change.new, new: change.old, hazards: undefined }, newUri, oldUri)).sort();
  const actual = reverse.map((change) => describeForTest({ ...change, hazards: undefined }, newUri, oldUri)).sort();
  assert.deepEqual(actual, expected, `${label}: the reverse diff reports the inverse kinds`);
}
