import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CHANGE_KINDS_BY_FAMILY, CHANGE_RULES, familyOf, HAZARD_IDS, type Cell, type ChangeKind } from '../../../server/src/engine/compatibility';
import { fromRepoRoot } from '../../grammar/repoRoot';

const MARKS: Record<string, Cell> = { '✓': 'ok', '⚠': 'warn', '✗': 'break' };
const SECTIONS: Record<string, string> = { 'JSON Schema change kinds': 'json-schema', Avro: 'avro', Protobuf: 'protobuf', 'AsyncAPI documents': 'asyncapi' };

interface DocumentedKind {
  kind: string;
  family: string | undefined;
  line: number;
  strict: { backward: Cell; forward: Cell; full: Cell };
  lenient: { backward: Cell; forward: Cell; full: Cell };
  confluent: string | undefined;
  summary: string;
}

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** Every row of the kind tables in docs/compatibility.md: nine columns, the first a `kind`. */
function readDocumentedKinds(): { kinds: DocumentedKind[]; warnings: string[] } {
  const text = fs.readFileSync(fromRepoRoot('docs', 'compatibility.md'), 'utf8');
  const kinds: DocumentedKind[] = [];
  const warnings: string[] = [];
  let section = '';
  text.split('\n').forEach((line, index) => {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) section = heading[1]!.trim();
    if (!line.startsWith('| `')) return;
    const row = cells(line);
    if (section === 'Warnings' && row.length === 3) {
      warnings.push(row[0]!.replace(/`/g, ''));
      return;
    }
    if (row.length !== 9) return;
    const mark = (cell: string) => {
      const value = MARKS[cell];
      if (!value) throw new Error(`docs/compatibility.md:${index + 1}: "${cell}" is not ✓, ⚠ or ✗`);
      return value;
    };
    kinds.push({
      kind: row[0]!.replace(/`/g, ''),
      family: SECTIONS[section],
      line: index + 1,
      strict: { backward: mark(row[1]!), forward: mark(row[2]!), full: mark(row[3]!) },
      lenient: { backward: mark(row[4]!), forward: mark(row[5]!), full: mark(row[6]!) },
      confluent: row[7] === '—' ? undefined : row[7]!.replace(/^`|`$/g, ''),
      summary: row[8]!,
    });
  });
  return { kinds, warnings };
}

function full(backward: Cell, forward: Cell): Cell {
  return backward === 'break' || forward === 'break' ? 'break' : backward === 'warn' || forward === 'warn' ? 'warn' : 'ok';
}

describe('compatibility: docs/compatibility.md is the classification table', function () {
  const { kinds: documented, warnings } = readDocumentedKinds();
  const all = Object.keys(CHANGE_RULES) as ChangeKind[];

  it('documents every change kind the engine has, once', function () {
    const counts = new Map<string, number>();
    for (const row of documented) counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
    assert.deepEqual(all.filter((kind) => counts.get(kind) !== 1), [], 'kinds missing or documented twice');
  });

  it('documents no kind the engine does not have', function () {
    assert.deepEqual(documented.filter((row) => !(row.kind in CHANGE_RULES)).map((row) => `${row.kind} (line ${row.line})`), []);
  });

  it('documents each kind in its family\'s table', function () {
    assert.deepEqual(documented.filter((row) => row.family !== familyOf(row.kind as ChangeKind)).map((row) => `${row.kind} (line ${row.line}, in ${row.family ?? 'no kind section'})`), []);
  });

  it('documents the verdict the engine gives, per mode and policy', function () {
    const mismatches: string[] = [];
    for (const row of documented) {
      const rule = CHANGE_RULES[row.kind as ChangeKind];
      if (!rule) continue;
      const lenient = rule.lenient ?? rule.strict;
      const expected = {
        strict: { ...rule.strict, full: full(rule.strict.backward, rule.strict.forward) },
        lenient: { ...lenient, full: full(lenient.backward, lenient.forward) },
      };
      for (const policy of ['strict', 'lenient'] as const) {
        for (const mode of ['backward', 'forward', 'full'] as const) {
          if (row[policy][mode] !== expected[policy][mode]) mismatches.push(`${row.kind} ${mode.toUpperCase()} ${policy}: documented ${row[policy][mode]}, engine ${expected[policy][mode]} (line ${row.line})`);
        }
      }
      if (row.confluent !== rule.confluent) mismatches.push(`${row.kind}: Confluent type documented "${row.confluent}", engine "${rule.confluent}"`);
      if (row.summary !== rule.summary) mismatches.push(`${row.kind}: description documented "${row.summary}", engine "${rule.summary}"`);
    }
    assert.deepEqual(mismatches, []);
  });

  it('documents every warning the engine can give', function () {
    const used = new Set<string>(HAZARD_IDS);
    for (const rule of Object.values(CHANGE_RULES)) if (rule.warning) used.add(rule.warning);
    assert.deepEqual([...used].sort(), [...warnings].sort());
  });
});

describe('compatibility: the classification table is consistent', function () {
  const all = Object.keys(CHANGE_RULES) as ChangeKind[];

  it('every kind is in exactly one family list', function () {
    const listed = Object.values(CHANGE_KINDS_BY_FAMILY).flat();
    assert.equal(new Set(listed).size, listed.length);
    assert.deepEqual([...listed].sort(), [...all].sort());
  });

  it('the inverse of the inverse is the kind itself, in the same family', function () {
    for (const kind of all) {
      const inverse = CHANGE_RULES[kind].inverse;
      assert.equal(CHANGE_RULES[inverse].inverse, kind, kind);
      assert.equal(familyOf(inverse), familyOf(kind), kind);
    }
  });

  it('FORWARD of a kind is BACKWARD of its inverse, under both policies (wiring kinds aside)', function () {
    for (const kind of all) {
      const rule = CHANGE_RULES[kind];
      if (rule.wiring) {
        // Removing a server, channel, operation or binding breaks both sides; adding one, neither.
        assert.equal(CHANGE_RULES[rule.inverse].wiring, true, kind);
        const cells = [rule.strict.backward, rule.strict.forward];
        assert.ok(cells.every((cell) => cell === 'ok') || cells.every((cell) => cell === 'break'), kind);
        assert.equal(familyOf(kind), 'asyncapi', kind);
        continue;
      }
      const inverse = CHANGE_RULES[rule.inverse];
      assert.equal(rule.strict.forward, inverse.strict.backward, `${kind} strict`);
      assert.equal((rule.lenient ?? rule.strict).forward, (inverse.lenient ?? inverse.strict).backward, `${kind} lenient`);
    }
  });

  it('LENIENT never breaks where STRICT does not', function () {
    for (const kind of all) {
      const rule = CHANGE_RULES[kind];
      for (const direction of ['backward', 'forward'] as const) {
        if (rule.strict[direction] !== 'break') assert.notEqual((rule.lenient ?? rule.strict)[direction], 'break', `${kind} ${direction}`);
      }
    }
  });

  it('a kind warns exactly when it has a warning to give', function () {
    for (const kind of all) {
      const rule = CHANGE_RULES[kind];
      const warns = [rule.strict.backward, rule.strict.forward, rule.lenient?.backward, rule.lenient?.forward].includes('warn');
      assert.equal(warns, rule.warning !== undefined, kind);
    }
  });

  it('open-content-model kinds are exactly those a LENIENT policy accepts where STRICT breaks', function () {
    for (const kind of CHANGE_KINDS_BY_FAMILY['json-schema']) {
      const rule = CHANGE_RULES[kind];
      const relaxed = (['backward', 'forward'] as const).some((direction) => rule.strict[direction] === 'break' && (rule.lenient ?? rule.strict)[direction] !== 'break');
      const closedModelRelaxation = /closed-content-model$/.test(kind);
      assert.equal(rule.openContentModel === true, relaxed && !closedModelRelaxation, kind);
    }
  });
});
