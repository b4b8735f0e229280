import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../../grammar/repoRoot';

/** The text of a fixture of the idempotency, observability and hygiene rules (test/engine/rules/fixtures/groupC). */
export function groupC(name: string): string {
  return fs.readFileSync(path.join(findRepoRoot(), 'test', 'engine', 'rules', 'fixtures', 'groupC', name), 'utf8');
}
