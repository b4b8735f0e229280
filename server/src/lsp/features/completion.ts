import { CompletionRequest, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import { completeAt } from '../../engine/navigation/completion';
import type { LanguageFeature } from './feature';

/**
 * Completion of `$ref` targets, operation channels and messages, runtime expressions, `action`
 * values and bindings. `#` and `/` continue a pointer, `$` starts a runtime expression, a quote
 * opens a value.
 */
export const completionFeature: LanguageFeature = {
  name: 'completion',
  capabilities: () => ({ completionProvider: { triggerCharacters: ['#', '/', '$', "'", '"'], resolveProvider: false } }),
  register({ documents, engine, onRequest }) {
    onRequest<CompletionParams, CompletionList>(CompletionRequest.method, { isIncomplete: false, items: [] }, (params, token) => {
      if (!documents.get(params.textDocument.uri)) return { isIncomplete: false, items: [] };
      return completeAt(engine, params.textDocument.uri, params.position, token);
    });
  },
};
