import { bufRulesBroken, type BufCategory, type BufRuleId, type ProtobufRules } from './bufRules';
import type { SchemaChange } from './change';
import { CHANGE_RULES, familyOf } from './changeKinds';
import type { Cell } from './kindRule';
import type { ProtobufChange } from './protobufDiff';
import { directionsOf, flipDirection, type CompatibilityMode, type CompatibilityPolicy, type Direction } from './modes';
import { inertAdvice, openContentModelAdvice, warningMessage } from './warnings';

export interface VerdictWarning {
  direction: Direction;
  message: string;
}

/** A change judged under one mode and policy. */
export interface JudgedChange<C extends SchemaChange = SchemaChange> {
  change: C;
  mode: CompatibilityMode;
  /** False when the change breaks in a direction the mode checks (NONE: always true). */
  compatible: boolean;
  /** The checked directions in which the change breaks. */
  breaks: Direction[];
  /** Registry-accepted changes that can still reject real data, per checked direction. */
  warnings: VerdictWarning[];
  /**
   * What to do about a break: for a STRICT break that comes only from an open content model, and
   * for one only the registry sees (`SchemaChange.inert`: no data changes validity).
   */
  advice?: string;
  /** Under Buf's rules: the category and the rules the change breaks (a break in every checked direction). */
  buf?: { category: BufCategory; rules: BufRuleId[] };
}

export interface CompatibilityResult<C extends SchemaChange = SchemaChange> {
  mode: CompatibilityMode;
  policy: CompatibilityPolicy;
  compatible: boolean;
  changes: JudgedChange<C>[];
}

/**
 * The cell of the classification table that applies to a change: its kind's row, the policy's
 * column, and the direction (swapped inside `not`, where the inner schema's accepted values are
 * the outer one's rejected values).
 */
export function cellOf(change: SchemaChange, direction: Direction, policy: CompatibilityPolicy): Cell {
  const rule = CHANGE_RULES[change.kind];
  const effective = change.negated ? flipDirection(direction) : direction;
  const cells = policy === 'lenient' && rule.lenient ? rule.lenient : rule.strict;
  const cell = cells[effective];
  if (cell === 'ok' && change.hazards?.some((hazard) => hazard.direction === effective)) return 'warn';
  return cell;
}

/** `protobuf` chooses whose rules judge `.proto` changes (the registry's by default); other changes ignore it. */
export function judgeChange<C extends SchemaChange>(change: C, mode: CompatibilityMode, policy: CompatibilityPolicy, protobuf?: ProtobufRules): JudgedChange<C> {
  if (protobuf?.rules === 'buf' && familyOf(change.kind) === 'protobuf') return judgeByBuf(change, mode, protobuf.category);
  const rule = CHANGE_RULES[change.kind];
  const breaks: Direction[] = [];
  const warnings: VerdictWarning[] = [];
  let advice: string | undefined;
  for (const direction of directionsOf(mode)) {
    const cell = cellOf(change, direction, policy);
    const effective = change.negated ? flipDirection(direction) : direction;
    if (cell === 'break') {
      breaks.push(direction);
      if (change.inert) advice ??= inertAdvice(change);
      if (rule.openContentModel && policy === 'strict' && rule.lenient?.[effective] !== 'break') advice ??= openContentModelAdvice(effective);
    } else if (cell === 'warn' && !change.inert) {
      const hazard = change.hazards?.find((candidate) => candidate.direction === effective);
      const id = rule.strict[effective] === 'warn' || rule.lenient?.[effective] === 'warn' ? rule.warning : hazard?.id;
      if (id) warnings.push({ direction, message: warningMessage(id, change, effective) });
    }
  }
  return { change, mode, compatible: breaks.length === 0, breaks, warnings, ...(advice ? { advice } : {}) };
}

/**
 * Buf has no directions: a change that breaks one of the category's rules breaks every direction
 * the mode checks (NONE checks none), and one that breaks none is accepted without a warning.
 */
function judgeByBuf<C extends SchemaChange>(change: C, mode: CompatibilityMode, category: BufCategory): JudgedChange<C> {
  const rules = bufRulesBroken(change as SchemaChange as ProtobufChange, category);
  const breaks = rules.length > 0 ? directionsOf(mode) : [];
  const advice = breaks.length > 0 ? bufAdvice(rules, category) : undefined;
  return { change, mode, compatible: breaks.length === 0, breaks, warnings: [], ...(advice ? { advice } : {}), buf: { category, rules } };
}

/** What to do about a removal Buf counts, where reserving is, or is not, enough. */
function bufAdvice(rules: BufRuleId[], category: BufCategory): string | undefined {
  if (rules.includes('FIELD_NO_DELETE')) return 'Restore the field. Reserving its number and name (a quick fix does) keeps old data safe from a reused number, but generated code still loses the field: the break stays until the field is back or the break is accepted.';
  if (rules.includes('ENUM_VALUE_NO_DELETE')) return 'Restore the value: generated code loses it even when its number is reserved.';
  if (rules.some((rule) => rule.includes('_NO_DELETE_UNLESS_'))) return `Reserve its ${category === 'WIRE' ? 'number' : 'number and name'} (a quick fix does), or restore it.`;
  return undefined;
}

/** Judges every change; the result is compatible when none breaks. */
export function judgeChanges<C extends SchemaChange>(changes: readonly C[], mode: CompatibilityMode, policy: CompatibilityPolicy, protobuf?: ProtobufRules): CompatibilityResult<C> {
  const judged = changes.map((change) => judgeChange(change, mode, policy, protobuf));
  return { mode, policy, compatible: judged.every((item) => item.compatible), changes: judged };
}
