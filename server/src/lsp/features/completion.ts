import type { CompletionList } from 'vscode-languageserver';
import { completeAt } from '../../engine/navigation/completion';
import { runSafe } from '../runSafe';
import type { LanguageFeature } from './feature';

/**
 * Completion of `$ref` targets, operation channels and messages, runtime expressions, `action`
 * values and bindings. `#` and `/` continue a pointer, `$` starts a runtime expression, a quote
 * opens a value.
 */
export const completionFeature: LanguageFeature = {
  name: 'completion',
  capabilities: () => ({ completionProvider: { triggerCharacters: ['#', '/', '$', "'", '"'], resolveProvider: false } }),
  register({ connection, documents, engine, logger }) {
    connection.onCompletion((params, token) =>
      runSafe<CompletionList>(logger, 'completion', { isIncomplete: false, items: [] }, token, () => {
        if (!documents.get(params.textDocument.uri)) return { isIncomplete: false, items: [] };
        return completeAt(engine, params.textDocument.uri, params.position, token);
      }),
    );
  },
};
