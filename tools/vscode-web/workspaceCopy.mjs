// A workspace that may be edited without touching the original: see copyWorkspace. Its own module
// so that test/node can check it without code-server installed.
import { execFileSync } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';

const GIT_IDENTITY = ['-c', 'user.name=vscode-web', '-c', 'user.email=vscode-web@localhost', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

/**
 * Copies `source` into `parent` (a temp folder, deleted with it) and commits the copy once into a
 * git repository of its own: edits (VS Code for the web saves automatically) never reach the
 * original, and an extension that compares with git HEAD behaves as in a clone. Resolves to the
 * copy, and why it is not a repository when git failed (the copy is usable all the same).
 */
export async function copyWorkspace(source, parent) {
  const copy = path.join(parent, path.basename(source));
  await cp(source, copy, { recursive: true });
  try {
    for (const args of [['init', '--quiet'], ['add', '--all'], ['commit', '--quiet', '--message', `A copy of ${source}`]]) {
      execFileSync('git', [...GIT_IDENTITY, ...args], { cwd: copy, stdio: 'ignore' });
    }
    return { copy };
  } catch (error) {
    return { copy, gitError: error.message.split('\n')[0] };
  }
}
