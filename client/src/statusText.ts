import type { BaselineAvailability, ServerStatus } from '../../server/src/protocol';
import { baselineNeedsGit, describeBaseline } from './compatibility/baselineSetting';

export type ClientState = 'starting' | 'running' | 'stopped' | 'failed';

const WHY_NO_GIT_BASELINE: Record<BaselineAvailability, string | undefined> = {
  git: undefined,
  'no-repository': 'this folder is not in a git repository',
  untrusted: 'git does not run in an untrusted workspace',
};

/** What the status bar item shows; `failed` gives it the error background. */
export interface StatusText {
  text: string;
  tooltip: string;
  failed: boolean;
}

/**
 * The status bar item's text and tooltip: what the language server is doing, and what
 * compatibility breaks are judged against (`baselineSetting`, the raw setting) — or, where the
 * server says git can give no baseline, that they are not judged, rather than a `HEAD` that is not there.
 */
export function describeStatus(clientState: ClientState, status: ServerStatus | undefined, baselineSetting: string): StatusText {
  let text: string;
  let tooltip: string;
  switch (clientState) {
    case 'starting':
      text = '$(loading~spin) Event Design';
      tooltip = 'The Event Design language server is starting';
      break;
    case 'stopped':
      text = '$(circle-slash) Event Design';
      tooltip = 'The Event Design language server is stopped. Click for its log; run "Event Design: Restart Language Server" to start it.';
      break;
    case 'failed':
      text = '$(error) Event Design';
      tooltip = 'The Event Design language server failed. Click for its log.';
      break;
    default:
      if (status?.state === 'indexing') {
        text = '$(sync~spin) Event Design: indexing';
        tooltip = `Indexing the workspace (${status.indexedFiles} files so far)`;
      } else if (status?.state === 'validating') {
        text = '$(sync~spin) Event Design';
        tooltip = `Validating ${status.pending} document${status.pending === 1 ? '' : 's'}`;
      } else {
        text = '$(check) Event Design';
        tooltip = `Ready: ${status?.indexedFiles ?? 0} files indexed`;
      }
      if (status?.message) tooltip += `\n${status.message}`;
  }
  const baseline = describeBaseline(baselineSetting);
  const missing = baselineNeedsGit(baselineSetting) && status?.baselines ? WHY_NO_GIT_BASELINE[status.baselines] : undefined;
  const judged = missing ? `Compatibility breaks are not judged: ${missing}, so there is no ${baseline} to compare with` : `Compatibility breaks are judged against: ${baseline}`;
  return {
    text: clientState === 'running' ? `${text} · ${missing ? 'no baseline' : baseline}` : text,
    tooltip: `${tooltip}\n${judged} (Event Design: Compare With… changes it)`,
    failed: clientState === 'failed',
  };
}
