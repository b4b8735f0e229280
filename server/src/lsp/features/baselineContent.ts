import { parseBaselineUri } from '../../engine/breaks/baselineUris';
import { BaselineContentRequest } from '../../protocol';
import { isInsideFolders } from '../../node/fileSystemHost';
import { parseBaselineSetting } from '../../node/gitBaselines';
import type { LanguageFeature } from './feature';

/** Serves the baseline versions that compatibility findings point at, for read-only documents, of files in the workspace folders only. */
export const baselineContent: LanguageFeature = {
  name: 'baseline content',
  register({ engine, settings, onRequest }) {
    onRequest<BaselineContentRequest.Params, BaselineContentRequest.Result>(BaselineContentRequest.method, null, async (params) => {
      const parsed = parseBaselineUri(params.uri);
      // Whatever the trust: the request names any path, and findings only point into the workspace.
      if (!parsed || !isInsideFolders(parsed.fileUri, settings().engine.workspaceFolders)) return null;
      const version = await engine.baselineOf(parsed.fileUri, parseBaselineSetting(parsed.label));
      return version ? { text: version.text, label: version.label } : null;
    });
  },
};
