import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/edits/applyEdits';
import { DEFAULT_SETTINGS, Engine } from '../../../server/src/engine/engine';
import type { Finding } from '../../../server/src/engine/findings/finding';
import type { Fix } from '../../../server/src/engine/discipline/documentRule';
import { MemoryHost } from '../support/memoryHost';

/**
 * Runs one document rule on a small in-memory workspace, and applies its fixes the way an
 * editor would, checking what every rule's fix must guarantee: the finding is gone, the
 * document is still valid AsyncAPI (no new structure error), and comments are kept.
 */
export const WORKSPACE = 'file:///rule-tests';

export interface RuleWorkspace {
  engine: Engine;
  host: MemoryHost;
  uri(name: string): string;
}

export async function workspaceOf(files: Record<string, string>, config?: string): Promise<RuleWorkspace> {
  const host = new MemoryHost();
  for (const [name, text] of Object.entries(files)) host.files.set(`${WORKSPACE}/${name}`, text);
  if (config !== undefined) host.files.set(`${WORKSPACE}/.event-design.yaml`, config);
  const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [WORKSPACE] });
  for (const uri of host.files.keys()) await engine.indexFile(uri);
  return { engine, host, uri: (name) => `${WORKSPACE}/${name}` };
}

/** The findings of one rule when `entry` is checked (in any file), as `file:line:col message`. */
export async function findingsOf(ruleId: string, files: Record<string, string>, entry = Object.keys(files)[0]!, config?: string): Promise<{ lines: string[]; findings: Finding[]; workspace: RuleWorkspace }> {
  const workspace = await workspaceOf(files, config ?? `rules:\n  ${ruleId}: warning\n`);
  const result = await workspace.engine.checkFast(workspace.uri(entry));
  const findings = [...result.findings.values()].flat().filter((finding) => finding.ruleId === ruleId);
  const lines = findings.map((finding) => `${finding.uri.slice(WORKSPACE.length + 1)}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.message}`);
  return { lines, findings, workspace };
}

/** The fixes offered for the finding at `index` of a rule's findings on `entry`. */
export async function fixesOf(ruleId: string, files: Record<string, string>, entry = Object.keys(files)[0]!, index = 0, config?: string): Promise<{ fixes: Fix[]; workspace: RuleWorkspace; finding: Finding }> {
  const { findings, workspace } = await findingsOf(ruleId, files, entry, config);
  const finding = findings[index];
  assert.ok(finding, `${ruleId} has a finding #${index} on ${entry}`);
  const fixes = await workspace.engine.fixesFor(workspace.uri(entry), ruleId, finding.path!, finding.uri);
  return { fixes, workspace, finding };
}

/**
 * Applies a fix and checks it: returns the new texts by file name. Throws when the rule still
 * reports the same finding, when the fix introduced a structure or syntax error, or lost a comment.
 */
export async function applyFix(ruleId: string, files: Record<string, string>, title: RegExp, entry = Object.keys(files)[0]!, index = 0, config?: string): Promise<Record<string, string>> {
  const { fixes, workspace, finding } = await fixesOf(ruleId, files, entry, index, config);
  const fix = fixes.find((candidate) => title.test(candidate.title));
  assert.ok(fix, `a fix titled ${title} among: ${fixes.map((candidate) => candidate.title).join(' | ')}`);
  const result: Record<string, string> = { ...files };
  for (const [uri, edits] of fix.edits) {
    const name = uri.slice(WORKSPACE.length + 1);
    const file = await workspace.engine.files.get(uri);
    assert.ok(file, `the fix edits ${name}, which exists`);
    result[name] = applyEdits(file.source, edits);
    // A comment starts a line or follows a blank; `'#/components/…'` in a `$ref` is not one.
    for (const comment of files[name]?.match(/(?:^|[ \t])#[^\n]*/gm) ?? []) assert.ok(result[name]!.includes(comment.trim()), `the comment "${comment.trim()}" is kept in ${name}`);
  }
  const after = await workspaceOf(result, config ?? `rules:\n  ${ruleId}: warning\n`);
  const check = await after.engine.checkFast(after.uri(entry));
  const all = [...check.findings.values()].flat();
  const broken = all.filter((item) => item.ruleId === 'syntax' || item.ruleId === 'asyncapi-schema' || item.ruleId === 'unresolved-ref');
  assert.deepEqual(broken.map((item) => `${item.ruleId} ${item.message}`), [], `the fixed documents are still valid:\n${Object.values(result).join('\n---\n')}`);
  const again = all.filter((item) => item.ruleId === ruleId && item.uri === finding.uri && JSON.stringify(item.path) === JSON.stringify(finding.path));
  assert.deepEqual(again.map((item) => item.message), [], 'the finding is gone after the fix');
  return result;
}
