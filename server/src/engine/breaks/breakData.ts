import type { JsonPath } from '../text/paths';

/** What a compatibility finding carries for its fixes and for "accept this break". */
export interface BreakData extends Record<string, unknown> {
  kind: string;
  fingerprint: string;
  oldUri: string;
  oldPath: JsonPath;
  newPath: JsonPath;
  subject?: string;
  oldValue?: unknown;
  newValue?: unknown;
  /** What stood at the old path (to restore something removed), when it is small. */
  oldNode?: unknown;
  /** In a `.proto` file: where the change is in each version, and the old text there (a field's declaration, a type). */
  oldSpan?: { offset: number; length: number };
  newSpan?: { offset: number; length: number };
  oldText?: string;
}
