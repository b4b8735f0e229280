/**
 * A verdict cell: compatible, compatible under the registry model but with a warning that says
 * what can still fail, or breaking.
 */
export type Cell = 'ok' | 'warn' | 'break';

/** Warnings carried by `warn` cells: the registry accepts the change, real data may not. */
export type WarningId = 'required-with-default' | 'required-undeclared' | 'id-moves-relative-refs' | 'enum-default-substitutes' | 'logical-type-meaning' | 'payload-not-compared' | 'variable-default-moves-clients';

export interface DirectionCells {
  /** A reader on the new version reads data written with the old one. */
  backward: Cell;
  /** A reader on the old version reads data written with the new one. */
  forward: Cell;
}

/** How one change kind is classified. */
export interface KindRule<K extends string = string> {
  /** Under Confluent's STRICT policy (and for Avro and AsyncAPI kinds, always). */
  strict: DirectionCells;
  /** Under the LENIENT policy, where it differs from STRICT. */
  lenient?: DirectionCells;
  /**
   * The kind a diff from the new version to the old reports for the same difference: FORWARD of
   * a kind is BACKWARD of its inverse (the tests hold the table to that).
   */
  inverse: K;
  /** The warning a `warn` cell carries. */
  warning?: WarningId;
  /** A STRICT `break` that comes only from an open content model (the lenient policy accepts it). */
  openContentModel?: boolean;
  /**
   * A change to the wiring (a server, channel, operation or binding added or removed) rather than
   * to what is read: removing one breaks whoever uses it on either side, adding one breaks no one,
   * so FORWARD is not BACKWARD of the inverse here.
   */
  wiring?: boolean;
  /** The Confluent Schema Registry `Difference.Type` this corresponds to, when there is one. */
  confluent?: string;
  /** One line for messages and the documentation table. */
  summary: string;
}

export interface RuleExtras {
  lenient?: [Cell, Cell];
  warning?: WarningId;
  openContentModel?: boolean;
  wiring?: boolean;
  confluent?: string;
}

/** A compact way to write one rule: BACKWARD cell, FORWARD cell, inverse kind, summary. */
export function rule<K extends string>(backward: Cell, forward: Cell, inverse: K, summary: string, extras: RuleExtras = {}): KindRule<K> {
  return {
    strict: { backward, forward },
    ...(extras.lenient ? { lenient: { backward: extras.lenient[0], forward: extras.lenient[1] } } : {}),
    inverse,
    ...(extras.warning ? { warning: extras.warning } : {}),
    ...(extras.openContentModel ? { openContentModel: true } : {}),
    ...(extras.wiring ? { wiring: true } : {}),
    ...(extras.confluent ? { confluent: extras.confluent } : {}),
    summary,
  };
}
