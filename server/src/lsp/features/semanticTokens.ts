import type { SemanticTokens } from 'vscode-languageserver';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../engine/navigation/semanticTokens';
import { runSafe } from '../runSafe';
import type { LanguageFeature } from './feature';

/** Semantic tokens of AsyncAPI documents: names of definitions, address parameters, unresolved references. */
export const semanticTokensFeature: LanguageFeature = {
  name: 'semantic tokens',
  capabilities: () => ({
    semanticTokensProvider: {
      legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
      full: true,
      range: true,
    },
  }),
  register({ connection, documents, engine, logger }) {
    connection.languages.semanticTokens.on((params, token) =>
      runSafe<SemanticTokens>(logger, 'semanticTokens', { data: [] }, token, async () => {
        if (!documents.get(params.textDocument.uri)) return { data: [] };
        return { data: await semanticTokens(engine, params.textDocument.uri, undefined, token) };
      }),
    );
    connection.languages.semanticTokens.onRange((params, token) =>
      runSafe<SemanticTokens>(logger, 'semanticTokens/range', { data: [] }, token, async () => {
        if (!documents.get(params.textDocument.uri)) return { data: [] };
        return { data: await semanticTokens(engine, params.textDocument.uri, params.range, token) };
      }),
    );
  },
};
