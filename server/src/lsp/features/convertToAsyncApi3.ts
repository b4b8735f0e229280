import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver';
import type { Engine } from '../../engine/engine';
import { convertToAsyncApi3 } from '../../engine/convert/convertToAsyncApi3';
import { WorkspaceReader } from '../../engine/navigation/workspaceReader';
import { formatOf } from '../../engine/text/sourceFile';
import { CONVERT_TO_ASYNCAPI3_COMMAND, ConvertToAsyncApi3Request } from '../../protocol';
import type { LanguageFeature } from './feature';

/** Converts an open AsyncAPI 2.x document to 3.0 and answers the text with what did not survive; the client previews and applies. */
export const convertToAsyncApi3Feature: LanguageFeature = {
  name: 'convert to AsyncAPI 3.0',
  register({ engine, documents, onRequest }) {
    onRequest<ConvertToAsyncApi3Request.Params, ConvertToAsyncApi3Request.Result>(
      ConvertToAsyncApi3Request.method,
      { status: 'refused', differences: [], problems: [], errors: ['The conversion did not finish (it failed or ran out of time).'], notes: [] },
      async (params, token) => {
        const document = documents.get(params.uri);
        if (!document) return { status: 'refused', differences: [], problems: [], errors: ['The document is not open in the editor.'], notes: [] };
        const text = document.getText();
        // The proof follows `$ref`s into other files: each round loads what the previous one
        // missed, through the engine (so the workspace's trust and size limits apply).
        const reader = new WorkspaceReader(engine, token);
        const result = await reader.settle(() => convertToAsyncApi3(text, params.uri, formatOf(params.uri, text), { readDocument: (uri) => reader.file(uri)?.tree.value() }));
        return { ...result, version: document.version };
      },
    );
  },
};

/**
 * The `refactor.rewrite` action on an AsyncAPI 2.x document's `asyncapi:` line: it runs the
 * client's command, which previews the conversion before anything changes.
 */
export function convertCodeAction(engine: Engine, uri: string, text: string, range: Range): CodeAction | undefined {
  const kind = engine.index.get(uri)?.kind;
  if (kind?.kind !== 'asyncapi' || kind.major !== 2) return undefined;
  const line = /^[ \t]*["']?asyncapi["']?[ \t]*:/m.exec(text);
  if (!line) return undefined;
  const lineNumber = text.slice(0, line.index).split('\n').length - 1;
  if (range.start.line > lineNumber || range.end.line < lineNumber) return undefined;
  return { title: 'Convert to AsyncAPI 3.0…', kind: CodeActionKind.RefactorRewrite, command: { title: 'Convert to AsyncAPI 3.0', command: CONVERT_TO_ASYNCAPI3_COMMAND, arguments: [uri] } };
}
