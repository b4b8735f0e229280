import * as assert from 'node:assert/strict';
import { workspaceOf } from './ruleHarness';

/**
 * After a fix that edits several files (a rename across the workspace): `applyFix` checks the
 * document the finding came from; this checks that every file is still valid — no syntax,
 * structure or reference error anywhere.
 */
export async function assertWorkspaceValid(files: Record<string, string>): Promise<void> {
  const workspace = await workspaceOf(files, 'rules: {}\n');
  const broken: string[] = [];
  for (const name of Object.keys(files)) {
    const result = await workspace.engine.checkFast(workspace.uri(name));
    for (const finding of [...result.findings.values()].flat()) {
      if (finding.ruleId === 'syntax' || finding.ruleId === 'asyncapi-schema' || finding.ruleId === 'unresolved-ref') broken.push(`${finding.uri} ${finding.ruleId} ${finding.message}`);
    }
  }
  assert.deepEqual(broken, [], `every fixed file is still valid:\n${Object.values(files).join('\n---\n')}`);
}
