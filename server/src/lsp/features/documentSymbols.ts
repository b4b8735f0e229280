import { DocumentSymbolRequest, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import { documentSymbols } from '../../engine/navigation/documentSymbols';
import type { LanguageFeature } from './feature';

/** The outline of AsyncAPI documents, Avro schemas and `.proto` files. */
export const documentSymbolsFeature: LanguageFeature = {
  name: 'document symbols',
  capabilities: () => ({ documentSymbolProvider: { label: 'AsyncAPI' } }),
  register({ documents, engine, onRequest }) {
    onRequest<DocumentSymbolParams, DocumentSymbol[]>(DocumentSymbolRequest.method, [], (params, token) => {
      if (!documents.get(params.textDocument.uri)) return [];
      return documentSymbols(engine, params.textDocument.uri, token);
    });
  },
};
