import { SemanticTokensRangeRequest, SemanticTokensRequest, type SemanticTokens, type SemanticTokensParams, type SemanticTokensRangeParams } from 'vscode-languageserver';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../engine/navigation/semanticTokens';
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
  register({ documents, engine, onRequest }) {
    onRequest<SemanticTokensParams, SemanticTokens>(SemanticTokensRequest.method, { data: [] }, async (params, token) => {
      if (!documents.get(params.textDocument.uri)) return { data: [] };
      return { data: await semanticTokens(engine, params.textDocument.uri, undefined, token) };
    });
    onRequest<SemanticTokensRangeParams, SemanticTokens>(SemanticTokensRangeRequest.method, { data: [] }, async (params, token) => {
      if (!documents.get(params.textDocument.uri)) return { data: [] };
      return { data: await semanticTokens(engine, params.textDocument.uri, params.range, token) };
    });
  },
};
