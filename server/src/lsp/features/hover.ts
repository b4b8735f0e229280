import type { Hover } from 'vscode-languageserver';
import { hoverAt } from '../../engine/navigation/hover';
import { runSafe } from '../runSafe';
import type { LanguageFeature } from './feature';

/** Hovers: reference targets, producers and consumers, field explanations. */
export const hoverFeature: LanguageFeature = {
  name: 'hover',
  capabilities: () => ({ hoverProvider: true }),
  register({ connection, documents, engine, logger }) {
    connection.onHover((params, token) =>
      runSafe<Hover | null>(logger, 'hover', null, token, async () => {
        if (!documents.get(params.textDocument.uri)) return null;
        return (await hoverAt(engine, params.textDocument.uri, params.position, token)) ?? null;
      }),
    );
  },
};
