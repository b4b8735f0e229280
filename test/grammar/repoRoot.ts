import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'event-design';

/**
 * The repository root: the nearest folder above `start` whose package.json is this extension's.
 * Tests run from `test/grammar/` and compiled from `out/test/grammar/`, so paths are never built
 * from `__dirname` alone. When the compiled tests live outside the repository (a scratch build),
 * the search starts again from the working directory.
 */
export function findRepoRoot(start: string = __dirname): string {
  const found = searchUpwards(start) ?? searchUpwards(process.cwd());
  if (!found) throw new Error(`No package.json named "${PACKAGE_NAME}" above ${start} or ${process.cwd()}`);
  return found;
}

function searchUpwards(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (name === PACKAGE_NAME) return dir;
      } catch {
        // An unreadable package.json on the way up is not ours; keep walking.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Absolute path of a file given relative to the repository root. */
export function fromRepoRoot(...segments: string[]): string {
  return path.join(findRepoRoot(), ...segments);
}
