import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Git, read-only, for baselines: what a file was at a ref, its history, merge bases. Every call
 * runs `git` with a fixed argument list (never a shell), with repository settings that could run
 * commands switched off, a time limit and an output limit. Callers decide whether git may run at
 * all: never in an untrusted workspace.
 */
const GIT_TIMEOUT_MS = 15_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Settings that would make a read-only git command run other programs. */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false', '-c', 'protocol.allow=never', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', '-c', 'core.pager=cat'];

export class GitError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-a-repository' | 'unknown-ref' | 'not-in-ref' | 'no-git' | 'failed',
  ) {
    super(message);
  }
}

function run(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...SAFE_CONFIG, ...args], { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reject(new GitError('git is not installed or not on PATH', 'no-git'));
      const text = String(stderr || error.message).trim();
      if (/not a git repository/i.test(text)) return reject(new GitError(text, 'not-a-repository'));
      if (/unknown revision|bad revision|invalid object name|ambiguous argument|Needed a single revision/i.test(text)) return reject(new GitError(text, 'unknown-ref'));
      if (/does not exist in|exists on disk, but not in/i.test(text)) return reject(new GitError(text, 'not-in-ref'));
      reject(new GitError(text || 'git failed', 'failed'));
    });
  });
}

/** One repository, found from a file inside it. */
export class GitRepository {
  private constructor(readonly root: string) {}

  /** The repository holding `file`, or undefined outside any repository (or without git). */
  static async containing(file: string): Promise<GitRepository | undefined> {
    let folder = path.dirname(file);
    try {
      const stat = await fs.stat(file);
      if (stat.isDirectory()) folder = file;
    } catch {
      // The file may be new or gone: its folder still tells the repository.
    }
    try {
      const root = (await run(folder, ['rev-parse', '--show-toplevel'])).trim();
      return root ? new GitRepository(root) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The repository-relative path of a file, with forward slashes. */
  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  /** True when the ref names a commit here. */
  async hasRef(ref: string): Promise<boolean> {
    assertRef(ref);
    try {
      await run(this.root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
      return true;
    } catch {
      return false;
    }
  }

  /** The text of `file` at `ref`; undefined when the file is not in that commit. */
  async show(ref: string, file: string): Promise<string | undefined> {
    assertRef(ref);
    try {
      return await run(this.root, ['show', `${ref}:${this.relative(file)}`]);
    } catch (error) {
      if (error instanceof GitError && error.kind === 'not-in-ref') return undefined;
      throw error;
    }
  }

  /** The best common ancestor of HEAD and `ref`. */
  async mergeBase(ref: string): Promise<string> {
    assertRef(ref);
    return (await run(this.root, ['merge-base', 'HEAD', ref])).trim();
  }

  /**
   * The commits that changed `file`, newest first, following renames, with the path it had in
   * each: for transitive compatibility checks against every earlier version.
   */
  async history(file: string, limit: number): Promise<Array<{ commit: string; path: string }>> {
    const output = await run(this.root, ['log', '--follow', '--format=%H', '--name-only', `-n${Math.max(1, Math.floor(limit))}`, '--', this.relative(file)]);
    const entries: Array<{ commit: string; path: string }> = [];
    const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    for (let index = 0; index + 1 < lines.length; index += 2) {
      if (/^[0-9a-f]{40}$/.test(lines[index]!)) entries.push({ commit: lines[index]!, path: lines[index + 1]! });
    }
    return entries;
  }

  /** The text of `file` at `ref`, following a rename since then (`git log --follow`). */
  async showFollowingRenames(ref: string, file: string): Promise<string | undefined> {
    const direct = await this.show(ref, file);
    if (direct !== undefined) return direct;
    const base = (await run(this.root, ['rev-parse', `${ref}^{commit}`])).trim();
    for (const entry of await this.history(file, 200)) {
      if (entry.commit === base || (await this.isAncestor(entry.commit, base))) {
        return run(this.root, ['show', `${base}:${entry.path}`]).catch(() => undefined);
      }
    }
    return undefined;
  }

  private async isAncestor(commit: string, of: string): Promise<boolean> {
    try {
      await run(this.root, ['merge-base', '--is-ancestor', commit, of]);
      return true;
    } catch {
      return false;
    }
  }
}

/** A ref that could be read as an option (`--output=…`) is refused. */
function assertRef(ref: string) {
  if (ref.startsWith('-') || /[\0\n]/.test(ref)) throw new GitError(`"${ref}" is not a git ref`, 'unknown-ref');
}
