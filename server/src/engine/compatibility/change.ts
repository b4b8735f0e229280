import type { JsonPath } from '../text/paths';
import type { Direction } from './modes';
import type { ChangeKind } from './changeKinds';

/** Where a change is, in one version: a JSON path in a file (the schema's own file by default). */
export interface ChangeLocation {
  /** The file the path is in; undefined for the document given as the input itself. */
  uri?: string;
  path: JsonPath;
  /**
   * Offsets into the file's text, for files that have no JSON tree (`.proto`): there `path`
   * only names the place (message, field) and `span` is where it is.
   */
  span?: { offset: number; length: number };
}

/** A warning that applies because of where a change is, not what it is (see `hazards`). */
export type HazardId = 'one-of-overlap' | 'field-number-not-reserved';

/** Every hazard, for the documentation test. */
export const HAZARD_IDS: readonly HazardId[] = ['one-of-overlap', 'field-number-not-reserved'];

/**
 * One difference between two versions of a schema or document. Both locations are always set:
 * for something added, `old` is where it would have been (its parent); for something removed,
 * `new` is its parent.
 */
export interface SchemaChange {
  kind: ChangeKind;
  old: ChangeLocation;
  new: ChangeLocation;
  /**
   * Inside an odd number of `not`s: what the inner schema accepts is what the outer one
   * rejects, so the change's BACKWARD and FORWARD verdicts swap.
   */
  negated?: boolean;
  /**
   * Inside a keyword that has no effect on data (draft-07 `additionalItems` beside an `items`
   * that is not an array): the registry still compares it, so its verdicts stand, but no message
   * changes validity.
   */
  inert?: boolean;
  /** What the change is about: a property or field name, a keyword, a channel address. */
  subject?: string;
  /** The values before and after, when they are short enough to show. */
  oldValue?: unknown;
  newValue?: unknown;
  /** Warnings from the context, each for one direction (a widened `oneOf` branch). */
  hazards?: ReadonlyArray<{ id: HazardId; direction: Direction }>;
}
