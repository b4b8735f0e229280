import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleById } from '../../server/src/engine/rules';
import { findRepoRoot } from '../grammar/repoRoot';
import { checkWorkspace, describeFinding, disposeParserPool, loadWorkspace } from './support/workspaceFixture';

/**
 * Data-driven engine tests. Each folder under test/engine/fixtures/ is a small workspace; its
 * `expected.txt` lists every finding the engine must report, one per line:
 *
 *     file:line:column severity rule-id message-prefix
 *
 * Positions are 1-based. A line matches a finding when everything up to the message is equal
 * and the finding's message starts with the written prefix; every finding must be listed.
 * `UPDATE_FIXTURES=1` writes the current findings (full messages) into expected.txt.
 * Discipline rules (events as facts, event ids…) are left out unless the file has a line
 * `# include: discipline`: they have their own tests, and fixtures test everything else.
 */
const fixturesRoot = path.join(findRepoRoot(), 'test', 'engine', 'fixtures');

describe('engine fixtures', function () {
  after(disposeParserPool);
  for (const name of fs.readdirSync(fixturesRoot).sort()) {
    const folder = path.join(fixturesRoot, name);
    if (!fs.statSync(folder).isDirectory()) continue;
    it(name, async function () {
      const workspace = await loadWorkspace(folder, {}, (relative) => relative === 'expected.txt' || relative === 'README.md');
      const expectedFile = path.join(folder, 'expected.txt');
      const expectedText = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile, 'utf8') : '';
      // The discipline rules have their own tests (test/engine/rules); a fixture includes them
      // only when it says `# include: discipline`.
      const includeDiscipline = /^# include: discipline$/m.test(expectedText);
      const actual = (await checkWorkspace(workspace))
        .filter((finding) => includeDiscipline || ruleById(finding.ruleId)?.category !== 'discipline')
        .map((finding) => describeFinding(finding, workspace.rootUri));
      if (process.env.UPDATE_FIXTURES === '1') {
        fs.writeFileSync(expectedFile, (includeDiscipline ? '# include: discipline\n' : '') + actual.join('\n') + (actual.length > 0 ? '\n' : ''));
        return;
      }
      const expected = expectedText.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
      const unmatched = [...actual];
      const missing: string[] = [];
      for (const line of expected) {
        const index = unmatched.findIndex((finding) => matches(finding, line));
        if (index < 0) missing.push(line);
        else unmatched.splice(index, 1);
      }
      assert.deepEqual({ missing, unexpected: unmatched }, { missing: [], unexpected: [] }, `findings of ${name} differ from expected.txt`);
    });
  }
});

function matches(finding: string, expectation: string) {
  const [location, severity, rule, ...message] = expectation.split(' ');
  const prefix = `${location} ${severity} ${rule} `;
  return finding.startsWith(prefix) && finding.slice(prefix.length).startsWith(message.join(' '));
}
