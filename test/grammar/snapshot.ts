import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TokenizedLine } from './textmate';

/** `UPDATE_SNAPSHOTS=1` rewrites snapshot files instead of comparing against them. */
export const updatingSnapshots = process.env.UPDATE_SNAPSHOTS === '1';

/**
 * A readable token dump: each source line as `N: text`, then one `  "token"  scopes` row per token.
 * The root scope is left out, and so is whitespace that only carries structural `meta.*` scopes,
 * so that a snapshot diff shows what a theme would colour differently.
 */
export function formatTokens(title: string, lines: readonly TokenizedLine[], rootScope: string): string {
  const out = [`# ${title}: tokens and scopes (root scope ${rootScope} omitted).`, '# Regenerate with UPDATE_SNAPSHOTS=1 after an intended grammar change, and review the diff.'];
  for (const line of lines) {
    out.push(`${line.lineNumber}: ${line.text}`);
    for (const token of line.tokens) {
      const scopes = token.scopes.filter((s, i) => !(i === 0 && s === rootScope));
      if (token.text.trim() === '' && scopes.every((s) => s.startsWith('meta.'))) continue;
      out.push(`  ${JSON.stringify(token.text)}  ${scopes.join(' ')}`);
    }
  }
  return out.join('\n') + '\n';
}

export function assertSnapshot(snapshotPath: string, title: string, lines: readonly TokenizedLine[], rootScope: string): void {
  const actual = formatTokens(title, lines, rootScope);
  if (updatingSnapshots) {
    fs.writeFileSync(snapshotPath, actual);
    return;
  }
  assert.ok(
    fs.existsSync(snapshotPath),
    `Missing snapshot ${path.basename(snapshotPath)}: run the tests with UPDATE_SNAPSHOTS=1 once and commit it`,
  );
  const expected = fs.readFileSync(snapshotPath, 'utf8').replace(/\r\n/g, '\n');
  assert.equal(actual, expected, `${path.basename(snapshotPath)} differs (UPDATE_SNAPSHOTS=1 rewrites it if the change is intended)`);
}
