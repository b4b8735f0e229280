import type { ChangeLocation, SchemaChange } from './change';
import type { JsonSchemaChangeKind } from './jsonSchemaKinds';
import type { FollowedPlace, PlaceEnvironment, SchemaPlace } from './schemaPlace';

/** What a comparison inherits from where it happens. */
export interface DiffScope {
  /** Inside an odd number of `not`s. */
  readonly negated: boolean;
  /**
   * Inside a `oneOf` branch that may overlap its siblings: in the new version (a widening read
   * BACKWARD can make data match twice) and in the old (the same, read FORWARD).
   */
  readonly oneOf?: { readonly backward: boolean; readonly forward: boolean };
  /** Inside a keyword that has no effect on data, which the registry still compares (see `SchemaChange.inert`). */
  readonly inert?: boolean;
}

export const ROOT_SCOPE: DiffScope = { negated: false };

export interface ChangeDetails {
  subject?: string;
  oldValue?: unknown;
  newValue?: unknown;
}

/** The services the keyword comparisons use; implemented by the JSON Schema diff. */
export interface Differ {
  readonly env: PlaceEnvironment;
  readonly assertFormats: boolean;
  /** Compares two schemas; `annotations: false` skips title, description and the like (already compared). */
  diff(oldPlace: SchemaPlace, newPlace: SchemaPlace, scope: DiffScope, annotations?: boolean): SchemaChange[];
  change(scope: DiffScope, kind: JsonSchemaChangeKind, oldLocation: ChangeLocation, newLocation: ChangeLocation, details?: ChangeDetails): SchemaChange;
  follow(place: SchemaPlace): FollowedPlace;
}
