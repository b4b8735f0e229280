import { WorkspaceSymbolRequest, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import { workspaceSymbols } from '../../engine/navigation/workspaceSymbols';
import type { LanguageFeature } from './feature';

/** Go to Symbol in Workspace: channels, operations, messages, servers and schemas of every document. */
export const workspaceSymbolsFeature: LanguageFeature = {
  name: 'workspace symbols',
  capabilities: () => ({ workspaceSymbolProvider: true }),
  register({ engine, onRequest }) {
    onRequest<WorkspaceSymbolParams, WorkspaceSymbol[]>(WorkspaceSymbolRequest.method, [], (params, token) => workspaceSymbols(engine, params.query, token));
  },
};
