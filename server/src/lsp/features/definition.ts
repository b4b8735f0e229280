import { DefinitionRequest, type DefinitionParams, type LocationLink } from 'vscode-languageserver';
import { findDefinition } from '../../engine/navigation/definition';
import type { LanguageFeature } from './feature';

/** Go to Definition on `$ref`s, references, runtime expressions and address parameters. */
export const definitionFeature: LanguageFeature = {
  name: 'definition',
  capabilities: () => ({ definitionProvider: true }),
  register({ documents, engine, onRequest }) {
    onRequest<DefinitionParams, LocationLink[]>(DefinitionRequest.method, [], (params, token) => {
      if (!documents.get(params.textDocument.uri)) return [];
      return findDefinition(engine, params.textDocument.uri, params.position, token);
    });
  },
};
