import type { Location } from 'vscode-languageserver';
import { findReferences } from '../../engine/navigation/references';
import { runSafe } from '../runSafe';
import type { LanguageFeature } from './feature';

/** Find All References: the `$ref`s and the other documents that use a definition. */
export const referencesFeature: LanguageFeature = {
  name: 'references',
  capabilities: () => ({ referencesProvider: true }),
  register({ connection, documents, engine, logger }) {
    connection.onReferences((params, token) =>
      runSafe<Location[]>(logger, 'references', [], token, () => {
        if (!documents.get(params.textDocument.uri)) return [];
        return findReferences(engine, params.textDocument.uri, params.position, params.context.includeDeclaration, token);
      }),
    );
  },
};
