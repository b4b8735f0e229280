/**
 * Baseline versions of files get their own URIs, `event-design-baseline:/<ref>/<path>`, so that
 * relative `$ref`s inside them resolve to the baseline versions of the files they name, and an
 * editor can open them read-only (the related information of a break points there).
 */
export const BASELINE_SCHEME = 'event-design-baseline';

export function baselineUriOf(fileUri: string, label: string): string {
  const path = fileUri.replace(/^file:\/\//, '');
  return `${BASELINE_SCHEME}:/${encodeURIComponent(label)}${path}`;
}

/** The working-tree file a baseline URI stands for, and the baseline's label. */
export function parseBaselineUri(uri: string): { fileUri: string; label: string } | undefined {
  const match = new RegExp(`^${BASELINE_SCHEME}:/([^/]*)(/.*)$`).exec(uri);
  if (!match) return undefined;
  return { label: decodeURIComponent(match[1]!), fileUri: `file://${match[2]!.replace(/#.*$/, '')}` };
}
