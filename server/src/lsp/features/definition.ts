import type { LocationLink } from 'vscode-languageserver';
import { findDefinition } from '../../engine/navigation/definition';
import { runSafe } from '../runSafe';
import type { LanguageFeature } from './feature';

/** Go to Definition on `$ref`s, references, runtime expressions and address parameters. */
export const definitionFeature: LanguageFeature = {
  name: 'definition',
  capabilities: () => ({ definitionProvider: true }),
  register({ connection, documents, engine, logger }) {
    connection.onDefinition((params, token) =>
      runSafe<LocationLink[]>(logger, 'definition', [], token, () => {
        if (!documents.get(params.textDocument.uri)) return [];
        return findDefinition(engine, params.textDocument.uri, params.position, token);
      }),
    );
  },
};
