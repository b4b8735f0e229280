import * as vscode from 'vscode';

/**
 * Reverts the dirty documents `which` selects (all by default) and closes every editor: what a
 * suite leaves behind, so that closing never asks to save and the next suite starts clean.
 */
export async function revertAndCloseEditors(which: (document: vscode.TextDocument) => boolean = () => true) {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || !which(document)) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
