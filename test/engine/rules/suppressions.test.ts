import * as assert from 'node:assert/strict';
import { workspaceOf } from './ruleHarness';

/** Findings silenced in the document: a comment line in YAML, `x-event-design-disable` in YAML and JSON. */
const CONFIG = 'rules:\n  info-version-semver: warning\n';

async function rulesReported(name: string, text: string) {
  const workspace = await workspaceOf({ [name]: text }, CONFIG);
  const result = await workspace.engine.checkFast(workspace.uri(name));
  return [...result.findings.values()].flat().map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}`);
}

const YAML = (directive: string) => `asyncapi: 3.0.0
info:
  title: Orders
${directive}  version: '1.0'
`;

describe('suppressions', function () {
  it('reports the finding when nothing silences it', async function () {
    assert.ok((await rulesReported('a.yaml', YAML(''))).includes('4 info-version-semver'));
  });

  it('YAML: a comment line silences the named rules on the next line, or every rule without names', async function () {
    assert.ok(!(await rulesReported('a.yaml', YAML('  # event-design-disable-next-line info-version-semver\n'))).some((line) => line.endsWith('info-version-semver')));
    assert.ok(!(await rulesReported('a.yaml', YAML('  # event-design-disable-next-line\n'))).some((line) => line.endsWith('info-version-semver')));
    // Another rule's name silences nothing here.
    assert.ok((await rulesReported('a.yaml', YAML('  # event-design-disable-next-line event-id\n'))).includes('5 info-version-semver'));
  });

  it('YAML and JSON: x-event-design-disable in an object silences those rules inside it', async function () {
    const yaml = YAML('').replace('info:\n', 'info:\n  x-event-design-disable: [info-version-semver]\n');
    assert.ok(!(await rulesReported('a.yaml', yaml)).some((line) => line.endsWith('info-version-semver')));
    const json = JSON.stringify({ asyncapi: '3.0.0', info: { title: 'Orders', version: '1.0', 'x-event-design-disable': ['info-version-semver'] } }, null, 2);
    assert.ok(!(await rulesReported('a.json', json)).some((line) => line.endsWith('info-version-semver')));
    const elsewhere = JSON.stringify({ asyncapi: '3.0.0', info: { title: 'Orders', version: '1.0' }, components: { 'x-event-design-disable': ['info-version-semver'] } }, null, 2);
    assert.ok((await rulesReported('a.json', elsewhere)).some((line) => line.endsWith('info-version-semver')), 'only inside the object that says so');
  });

  it('never silences a syntax error', async function () {
    const broken = YAML('  # event-design-disable-next-line\n').replace("version: '1.0'", "version: '1.0");
    assert.ok((await rulesReported('a.yaml', broken)).some((line) => line.endsWith(' syntax')));
  });
});
