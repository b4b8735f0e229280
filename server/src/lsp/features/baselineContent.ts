import { parseBaselineUri } from '../../engine/breaks/baselineUris';
import { BaselineContentRequest } from '../../protocol';
import { parseBaselineSetting } from '../../node/gitBaselines';
import { runSafe } from '../runSafe';
import type { LanguageFeature } from './feature';

/** Serves the baseline versions that compatibility findings point at, for read-only documents. */
export const baselineContent: LanguageFeature = {
  name: 'baseline content',
  register({ connection, engine, logger }) {
    connection.onRequest(BaselineContentRequest.method, (params: BaselineContentRequest.Params, token) =>
      runSafe<BaselineContentRequest.Result>(logger, 'baselineContent', null, token, async () => {
        const parsed = typeof params?.uri === 'string' ? parseBaselineUri(params.uri) : undefined;
        if (!parsed) return null;
        const version = await engine.baselineOf(parsed.fileUri, parseBaselineSetting(parsed.label));
        return version ? { text: version.text, label: version.label } : null;
      }),
    );
  },
};
