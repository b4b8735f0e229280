import * as vscode from 'vscode';
import { BASELINE_SETTING, describeBaseline } from './baselineSetting';

/**
 * "Event Design: Compare With…": chooses what compatibility breaks are judged against: a git ref
 * (HEAD by default), the merge base with a ref (what a pull request will be compared with), or
 * the last saved version. Stored in the workspace settings, so it stays with the project.
 */
export async function compareWith(): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('eventDesign');
  const current = configuration.get<string>(BASELINE_SETTING, 'HEAD');
  type Choice = vscode.QuickPickItem & { value?: string; ask?: 'ref' | 'merge-base' };
  const choices: Choice[] = [
    { label: 'HEAD', description: 'the last commit', value: 'HEAD' },
    { label: 'Last saved', description: 'what you have not saved yet is the change', value: 'saved' },
    { label: 'Merge base with a branch…', description: 'what a pull request into that branch compares with', ask: 'merge-base' },
    { label: 'Another ref…', description: 'a branch, a tag or a commit', ask: 'ref' },
  ];
  for (const choice of choices) if (choice.value === current) choice.detail = '$(check) current';
  const picked = await vscode.window.showQuickPick(choices, { title: `Compare with… (now: ${describeBaseline(current)})`, placeHolder: 'What should changes be judged against?' });
  if (!picked) return;
  let value = picked.value;
  if (picked.ask) {
    const ref = await vscode.window.showInputBox({
      title: picked.ask === 'merge-base' ? 'Merge base with which branch?' : 'Which ref?',
      value: picked.ask === 'merge-base' ? 'origin/main' : '',
      validateInput: (text) => (/^[^\s-][^\s]*$/.test(text.trim()) ? undefined : 'A git ref: a branch, a tag or a commit'),
    });
    if (!ref) return;
    value = picked.ask === 'merge-base' ? `merge-base:${ref.trim()}` : ref.trim();
  }
  await configuration.update(BASELINE_SETTING, value, vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}
