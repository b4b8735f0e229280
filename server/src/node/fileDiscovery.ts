import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Extensions of the files the engine reads: AsyncAPI documents, schemas, fragments, config. */
const CANDIDATE = /\.(ya?ml|json|jsonc|avsc|proto)$/i;
/** Folders never worth a look, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface DiscoveryOptions {
  /** Stop after this many files; the caller says so when it happens. */
  maxFiles: number;
  /** Honour `.gitignore` files found along the way, and those above `root` in its repository. */
  respectGitignore: boolean;
  /**
   * Outside a git repository, the folder whose `.gitignore` files still apply above `root` (the
   * CLI's working folder: `check sub` honours `./.gitignore` as `check .` does).
   */
  boundary?: string;
}

export interface Discovery {
  files: string[];
  truncated: boolean;
}

/**
 * Lists the candidate files under a folder, recursively, honouring `.gitignore` files at every
 * level and skipping `node_modules`. Paths are absolute and sorted.
 */
export async function discoverFiles(root: string, options: DiscoveryOptions): Promise<Discovery> {
  const files: string[] = [];
  let truncated = false;
  const walk = async (folder: string, rules: Array<{ base: string; matcher: Ignore }>) => {
    if (truncated) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    let ownRules = rules;
    if (options.respectGitignore && entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
      const text = await readGitignore(path.join(folder, '.gitignore'));
      // An unreadable .gitignore ignores nothing.
      if (text !== undefined) ownRules = [...rules, { base: folder, matcher: ignore().add(text) }];
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (truncated) return;
      const full = path.join(folder, entry.name);
      // A link to a file counts as the file; links to folders are not followed (they can loop).
      const isFile = entry.isFile() || (entry.isSymbolicLink() && (await fs.stat(full).then((stat) => stat.isFile(), () => false)));
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(full, true, ownRules)) continue;
        await walk(full, ownRules);
      } else if (isFile && (CANDIDATE.test(entry.name) || entry.name === '.event-design.yaml') && !isIgnored(full, false, ownRules)) {
        if (files.length >= options.maxFiles) {
          truncated = true;
          return;
        }
        files.push(full);
      }
    }
  };
  await walk(root, options.respectGitignore ? await inheritedRules(root, options.boundary) : []);
  return { files: files.sort(), truncated };
}

/**
 * The `.gitignore` files above `root`, from the repository's top folder down: git applies them
 * to everything below, whichever folder one starts from.
 */
async function inheritedRules(root: string, boundary: string | undefined): Promise<Array<{ base: string; matcher: Ignore }>> {
  let ancestors: string[] = [];
  let current = path.dirname(root);
  let repositoryTop: string | undefined;
  if (await exists(path.join(root, '.git'))) return [];
  while (current !== path.dirname(current)) {
    ancestors.unshift(current);
    if (await exists(path.join(current, '.git'))) {
      repositoryTop = current;
      break;
    }
    current = path.dirname(current);
  }
  if (!repositoryTop) {
    const inside = boundary !== undefined && path.relative(boundary, root) !== '' && !path.relative(boundary, root).startsWith('..');
    if (!inside) return [];
    ancestors = ancestors.filter((folder) => folder === boundary || !path.relative(boundary, folder).startsWith('..'));
  }
  const rules: Array<{ base: string; matcher: Ignore }> = [];
  for (const folder of ancestors) {
    const text = await readGitignore(path.join(folder, '.gitignore'));
    if (text !== undefined) rules.push({ base: folder, matcher: ignore().add(text) });
  }
  return rules;
}

/** A `.gitignore`'s text; undefined when there is none or it is not a regular file (reading a named pipe would wait forever). */
async function readGitignore(file: string): Promise<string | undefined> {
  try {
    return (await fs.stat(file)).isFile() ? await fs.readFile(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

async function exists(file: string) {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

function isIgnored(full: string, isDirectory: boolean, rules: Array<{ base: string; matcher: Ignore }>) {
  for (const { base, matcher } of rules) {
    const relative = path.relative(base, full).split(path.sep).join('/');
    if (relative && !relative.startsWith('..') && matcher.ignores(isDirectory ? relative + '/' : relative)) return true;
  }
  return false;
}
