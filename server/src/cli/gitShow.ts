import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** A file version git could not give, with a message that says why. */
export class GitShowError extends Error {}

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The content of `file` at `ref` (`git show REF:./file`, the path relative to `cwd`). git runs
 * without a shell, with a fixed argument list, no pager, no textconv filters and the file
 * system monitor off, so that repository settings cannot make it run commands.
 */
export function gitShow(ref: string, file: string, cwd: string): Promise<string> {
  if (ref === '' || ref.startsWith('-') || /[\s\u0000]/.test(ref)) return Promise.reject(new GitShowError(`"${ref}" is not a git revision`));
  const relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
  const spec = `${ref}:${relative.startsWith('../') || relative === '..' ? relative : `./${relative}`}`;
  const args = ['-c', 'core.fsmonitor=false', '--no-pager', 'show', '--no-textconv', spec];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, encoding: 'utf8', maxBuffer: MAX_BYTES, windowsHide: true, shell: false, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new GitShowError('git is not installed or not on the PATH'));
        const message = String(stderr).trim();
        if (/not a git repository/i.test(message)) return reject(new GitShowError(`${cwd} is not inside a git repository`));
        if (/invalid object name|unknown revision|bad revision|ambiguous argument/i.test(message)) return reject(new GitShowError(`git has no revision "${ref}" (a shallow clone may need: git fetch origin ${ref})`));
        if (/does not exist in|exists on disk, but not in/i.test(message)) return reject(new GitShowError(`${relative} does not exist at ${ref}`));
        if (/outside repository/i.test(message)) return reject(new GitShowError(`${relative} is outside the git repository`));
        reject(new GitShowError(`git show ${spec} failed: ${message || error.message}`));
      },
    );
  });
}
