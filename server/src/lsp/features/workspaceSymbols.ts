import type { WorkspaceSymbol } from 'vscode-languageserver';
import { workspaceSymbols } from '../../engine/navigation/workspaceSymbols';
import { runSafe } from '../runSafe';
import type { LanguageFeature } from './feature';

/** Go to Symbol in Workspace: channels, operations, messages, servers and schemas of every document. */
export const workspaceSymbolsFeature: LanguageFeature = {
  name: 'workspace symbols',
  capabilities: () => ({ workspaceSymbolProvider: true }),
  register({ connection, engine, logger }) {
    connection.onWorkspaceSymbol((params, token) => runSafe<WorkspaceSymbol[]>(logger, 'workspaceSymbol', [], token, () => workspaceSymbols(engine, params.query, token)));
  },
};
