import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';

/** A file of the fuzz workspace: its path relative to the workspace folder, with forward slashes. */
export interface SeedFile {
  readonly path: string;
  readonly text: string;
}

const CORPUS = path.join(findRepoRoot(), '..', 'shared', 'corpus', 'asyncapi-examples');
const EXAMPLES = path.join(findRepoRoot(), 'examples');

/**
 * The starting texts: the official AsyncAPI examples listed in the corpus's index.json (kept in
 * their folders, so the social-media documents' relative `$ref`s still resolve) and the
 * repository's examples/ workspace. Sorted, so a seed means the same files on every machine.
 */
export function loadSeedFiles(): SeedFile[] {
  const files: SeedFile[] = [];
  const indexPath = path.join(CORPUS, 'index.json');
  if (fs.existsSync(indexPath)) {
    const index = JSON.parse(fs.readFileSync(indexPath, 'utf8')) as { cases: Array<{ path: string }> };
    for (const entry of index.cases) files.push({ path: `corpus/${entry.path}`, text: fs.readFileSync(path.join(CORPUS, entry.path), 'utf8') });
  }
  for (const relative of listFiles(EXAMPLES)) files.push({ path: `examples/${relative}`, text: fs.readFileSync(path.join(EXAMPLES, relative), 'utf8') });
  if (files.length === 0) throw new Error(`No seed files: neither ${CORPUS} nor ${EXAMPLES} holds any`);
  return files.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
}

function listFiles(root: string, prefix = ''): string[] {
  if (!fs.existsSync(root)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...listFiles(root, relative));
    else if (/\.(ya?ml|json|avsc)$/.test(entry.name)) found.push(relative);
  }
  return found.sort();
}
