import { HoverRequest, type Hover, type HoverParams } from 'vscode-languageserver';
import { hoverAt } from '../../engine/navigation/hover';
import type { LanguageFeature } from './feature';

/** Hovers: reference targets, producers and consumers, field explanations. */
export const hoverFeature: LanguageFeature = {
  name: 'hover',
  capabilities: () => ({ hoverProvider: true }),
  register({ documents, engine, onRequest }) {
    onRequest<HoverParams, Hover | null>(HoverRequest.method, null, async (params, token) => {
      if (!documents.get(params.textDocument.uri)) return null;
      return (await hoverAt(engine, params.textDocument.uri, params.position, token)) ?? null;
    });
  },
};
