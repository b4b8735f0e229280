/** The setting (under `eventDesign.`) that says what compatibility breaks are judged against. */
export const BASELINE_SETTING = 'compatibility.baseline';

/** How a baseline setting reads in the status bar and the picker. */
export function describeBaseline(setting: string): string {
  if (setting === 'saved') return 'last saved';
  if (setting.startsWith('merge-base:')) return `merge base with ${setting.slice('merge-base:'.length)}`;
  return setting;
}

/** Every baseline but the saved file comes from git (a ref, or a merge base). */
export function baselineNeedsGit(setting: string): boolean {
  return setting !== 'saved';
}
