import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BaselineContentRequest } from '../../../server/src/protocol';

/** The scheme of baseline versions (engine/breaks/baselineUris.ts); read-only documents. */
export const BASELINE_SCHEME = 'event-design-baseline';

/**
 * Opens the baseline versions that compatibility findings point at ("before" in their related
 * information): the server reads them (from git) and the editor shows them read-only.
 */
export function registerBaselineDocuments(client: () => LanguageClient | undefined): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const current = client();
      if (!current?.isRunning()) return '# The Event Design language server is not running.';
      const result = (await current.sendRequest(BaselineContentRequest.method, { uri: uri.toString() } satisfies BaselineContentRequest.Params)) as BaselineContentRequest.Result;
      return result?.text ?? '# This file has no baseline version (it is new, or git is not available in this workspace).';
    },
  };
  return vscode.workspace.registerTextDocumentContentProvider(BASELINE_SCHEME, provider);
}
