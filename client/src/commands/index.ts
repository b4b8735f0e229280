import * as vscode from 'vscode';
import { showEventFlow } from '../graph/showEventFlow';
import { compareWith } from '../compatibility/compareWith';
import { convertToAsyncApi3, registerConversionPreviews } from '../convert/convertToAsyncApi3';
import type { CommandContext } from './commandContext';
import { showFlow } from './showFlow';

export type { CommandContext } from './commandContext';

type CommandFactory = (context: CommandContext) => (...args: unknown[]) => unknown;

/** Every command, by id, as small factories; package.json declares those of the palette and menus (`eventDesign.showFlow` is the code lenses' own). */
export const COMMANDS: Record<string, CommandFactory> = {
  'eventDesign.restartServer': (context) => async () => {
    await context.restart();
    void vscode.window.setStatusBarMessage('Event Design: language server restarted', 3000);
  },
  'eventDesign.showOutput': (context) => () => context.outputChannel.show(true),
  'eventDesign.showEventFlow': (context) => (resource?: unknown) => showEventFlow(context, resource),
  'eventDesign.showFlow': showFlow,
  'eventDesign.compareWith': () => () => compareWith(),
  'eventDesign.convertToAsyncApi3': (context) => (resource?: unknown) => convertToAsyncApi3(context, resource),
};

export function registerCommands(extensionContext: vscode.ExtensionContext, context: CommandContext) {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    extensionContext.subscriptions.push(vscode.commands.registerCommand(id, factory(context)));
  }
  extensionContext.subscriptions.push(registerConversionPreviews());
}
