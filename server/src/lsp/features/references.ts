import { ReferencesRequest, type Location, type ReferenceParams } from 'vscode-languageserver';
import { findReferences } from '../../engine/navigation/references';
import type { LanguageFeature } from './feature';

/** Find All References: the `$ref`s and the other documents that use a definition. */
export const referencesFeature: LanguageFeature = {
  name: 'references',
  capabilities: () => ({ referencesProvider: true }),
  register({ documents, engine, onRequest }) {
    onRequest<ReferenceParams, Location[]>(ReferencesRequest.method, [], (params, token) => {
      if (!documents.get(params.textDocument.uri)) return [];
      return findReferences(engine, params.textDocument.uri, params.position, params.context.includeDeclaration, token);
    });
  },
};
