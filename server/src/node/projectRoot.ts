import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * The folder whose files can use the files at `target` (a file or folder): the nearest folder up
 * with a `.event-design.yaml`, else the top of the git repository (a `.git` folder, or the file a
 * worktree has), else `target` itself: a folder given alone is its own project, and a file given
 * alone is checked with what it references only (its folder may be `/tmp` or a home folder, which
 * is nobody's project and can hold anything). The CLI analyses that whole project so that what depends
 * on usage (a schema's findings come from the documents that use it) is known, however narrow the
 * paths it was given. Found by looking at the disk only: no git process.
 */
export async function findProjectRoot(target: string): Promise<string> {
  const start = (await isFolder(target)) ? target : path.dirname(target);
  // A configuration above the repository's top is someone else's: the search stops there.
  for (let folder = start; ; folder = path.dirname(folder)) {
    if ((await exists(path.join(folder, '.event-design.yaml'))) || (await exists(path.join(folder, '.git')))) return folder;
    if (folder === path.dirname(folder)) return target;
  }
}

function isFolder(file: string) {
  return fs.stat(file).then(
    (stat) => stat.isDirectory(),
    () => false,
  );
}

function exists(file: string) {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
