import type { DocumentSymbol } from 'vscode-languageserver';
import { documentSymbols } from '../../engine/navigation/documentSymbols';
import { runSafe } from '../runSafe';
import type { LanguageFeature } from './feature';

/** The outline of AsyncAPI documents and Avro schemas. */
export const documentSymbolsFeature: LanguageFeature = {
  name: 'document symbols',
  capabilities: () => ({ documentSymbolProvider: { label: 'AsyncAPI' } }),
  register({ connection, documents, engine, logger }) {
    connection.onDocumentSymbol((params, token) =>
      runSafe<DocumentSymbol[]>(logger, 'documentSymbol', [], token, () => {
        if (!documents.get(params.textDocument.uri)) return [];
        return documentSymbols(engine, params.textDocument.uri, token);
      }),
    );
  },
};
