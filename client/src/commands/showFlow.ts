import * as vscode from 'vscode';
import { isShowFlowArguments } from '../../../server/src/engine/navigation/showFlowCommand';
import type { CommandContext } from './commandContext';

/**
 * `eventDesign.showFlow`, run by the "N producers · M consumers" code lenses: shows the
 * producing and consuming operations in the references view. The server sends plain protocol
 * locations; `editor.action.showReferences` wants editor types, so they are converted here.
 */
export function showFlow(context: CommandContext) {
  return async (...args: unknown[]) => {
    if (!isShowFlowArguments(args)) {
      context.outputChannel.warn(`eventDesign.showFlow: unexpected arguments ${JSON.stringify(args).slice(0, 200)}`);
      return;
    }
    const [uri, position, locations] = args;
    const converter = context.client()?.protocol2CodeConverter;
    const asUri = (value: string) => (converter ? converter.asUri(value) : vscode.Uri.parse(value));
    const asPosition = (value: { line: number; character: number }) => new vscode.Position(value.line, value.character);
    await vscode.commands.executeCommand(
      'editor.action.showReferences',
      asUri(uri),
      asPosition(position),
      locations.map((location) => new vscode.Location(asUri(location.uri), new vscode.Range(asPosition(location.range.start), asPosition(location.range.end)))),
    );
  };
}
