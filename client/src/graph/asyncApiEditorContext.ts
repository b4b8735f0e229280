import * as vscode from 'vscode';

/** The context key that shows the "Show Event Flow" button in the title of AsyncAPI editors. */
export const ASYNCAPI_EDITOR_CONTEXT = 'eventDesign.asyncApiEditor';

const LANGUAGES = new Set(['yaml', 'json', 'jsonc']);
/** A top-level `asyncapi` key near the start: what the engine classifies by, cheaply. */
const ASYNCAPI_KEY = /^(?:["']?asyncapi["']?\s*:|\{\s*"asyncapi"\s*:)/m;

export function isAsyncApiDocument(document: vscode.TextDocument): boolean {
  if (!LANGUAGES.has(document.languageId)) return false;
  const head = document.getText(new vscode.Range(0, 0, 200, 0));
  return ASYNCAPI_KEY.test(head);
}

/** Keeps the context key in step with the active editor. */
export function trackAsyncApiEditors(): vscode.Disposable {
  let last: boolean | undefined;
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const value = editor !== undefined && isAsyncApiDocument(editor.document);
    if (value === last) return;
    last = value;
    void vscode.commands.executeCommand('setContext', ASYNCAPI_EDITOR_CONTEXT, value);
  };
  update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) update();
    }),
  );
}
