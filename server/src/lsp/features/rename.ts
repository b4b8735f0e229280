import { PrepareRenameRequest, RenameRequest, ResponseError, type PrepareRenameParams, type PrepareRenameResult, type RenameParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { prepareRename, renameEdits } from '../../engine/navigation/rename';
import type { LanguageFeature } from './feature';

/** The protocol's error for a request that cannot be carried out (the editor shows its message). */
const REQUEST_FAILED = -32803;

/** Rename a server, channel, operation, message, schema, parameter or component, with every reference. */
export const renameFeature: LanguageFeature = {
  name: 'rename',
  capabilities: () => ({ renameProvider: { prepareProvider: true } }),
  register({ documents, engine, onRequest }) {
    onRequest<PrepareRenameParams, PrepareRenameResult | null>(PrepareRenameRequest.method, null, async (params, token) => {
      if (!documents.get(params.textDocument.uri)) return null;
      const check = await prepareRename(engine, params.textDocument.uri, params.position, token);
      if ('error' in check) return new ResponseError<void>(REQUEST_FAILED, check.error);
      return { range: check.target.range, placeholder: check.target.name };
    });
    onRequest<RenameParams, WorkspaceEdit | null>(RenameRequest.method, null, async (params, token) => {
      if (!documents.get(params.textDocument.uri)) return null;
      const result = await renameEdits(engine, params.textDocument.uri, params.position, params.newName, token);
      if ('error' in result) return new ResponseError<void>(REQUEST_FAILED, result.error);
      const changes: Record<string, TextEdit[]> = {};
      for (const [uri, edits] of result.edits) changes[uri] = edits.map((edit) => ({ range: edit.range, newText: edit.newText }));
      return { changes };
    });
  },
};
