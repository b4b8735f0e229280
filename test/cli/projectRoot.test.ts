import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles } from '../engine/support/workspaceFixture';
import { findRepoRoot } from '../grammar/repoRoot';

const repo = findRepoRoot();
const bundle = path.join(repo, 'dist', 'cli', 'event-design.js');

interface Report {
  summary: { checkedFiles: number };
  findings: Array<{ file: string; rule: string; line: number; column: number; message: string }>;
}

function check(args: string[], cwd: string): { report: Report; stderr: string } {
  const result = spawnSync(process.execPath, [bundle, 'check', ...args, '--format', 'json'], { cwd, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}\n${result.stdout}\n${result.stderr}`);
  return { report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

/** A finding in one line, with its file relative to `base` (reports are relative to their own working folder). */
function line(finding: Report['findings'][number], from: string, base: string) {
  return `${path.relative(base, path.resolve(from, finding.file)).split(path.sep).join('/')}:${finding.line}:${finding.column} ${finding.rule} ${finding.message}`;
}

/** The content-model-explicit of examples/README.md's gap 6: it exists only because a service uses the schema. */
const USAGE_FINDING = /^schemas\/stock-reserved\.schema\.json:6:3 content-model-explicit /;

describe('event-design check analyses the project around the paths it is given (the bundle)', function () {
  this.timeout(300_000);
  let parent: string;
  let workspace: string;

  before(function () {
    parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-project-')));
    workspace = path.join(parent, 'examples');
    fs.cpSync(path.join(repo, 'examples'), workspace, { recursive: true });
  });

  after(function () {
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('reports in a folder of schemas what checking the whole project reports there, and counts only that folder', function () {
    const whole = check(['.'], workspace).report;
    const expected = whole.findings.map((finding) => line(finding, workspace, workspace)).filter((text) => text.startsWith('schemas/'));
    assert.ok(expected.some((text) => USAGE_FINDING.test(text)), expected.join('\n'));

    const schemas = check(['schemas'], workspace).report;
    assert.deepEqual(schemas.findings.map((finding) => line(finding, workspace, workspace)), expected);
    assert.equal(schemas.summary.checkedFiles, fs.readdirSync(path.join(workspace, 'schemas')).length);

    // From inside the folder, and for one file: the same, and --verbose names the project.
    const inside = check(['.', '--verbose'], path.join(workspace, 'schemas'));
    assert.deepEqual(inside.report.findings.map((finding) => line(finding, path.join(workspace, 'schemas'), workspace)), expected);
    assert.match(inside.stderr, /^event-design: analysed \.\. \(the project root\): 23 file\(s\) indexed, 14 under the given paths, 6 more checked because they use them$/m);
    const one = check(['schemas/stock-reserved.schema.json'], workspace).report;
    assert.deepEqual(one.findings.map((finding) => line(finding, workspace, workspace)), expected.filter((text) => text.startsWith('schemas/stock-reserved.schema.json:')));
  });

  it('takes the git repository as the project where no .event-design.yaml is found', function () {
    const top = path.join(parent, 'repository');
    fs.mkdirSync(path.join(top, '.git'), { recursive: true });
    fs.cpSync(workspace, path.join(top, 'api'), { recursive: true });
    fs.rmSync(path.join(top, 'api', '.event-design.yaml'));
    const { report, stderr } = check(['api/schemas', '--verbose'], top);
    assert.ok(report.findings.some((finding) => USAGE_FINDING.test(line(finding, top, path.join(top, 'api')))), JSON.stringify(report.findings));
    assert.match(stderr, /analysed \. \(the project root\)/);
    // Outside any project, the folder given is all there is: nobody uses the schema there.
    const alone = path.join(parent, 'alone');
    fs.cpSync(path.join(workspace, 'schemas'), alone, { recursive: true });
    assert.deepEqual(check(['.'], alone).report.findings.filter((finding) => finding.rule === 'content-model-explicit'), []);
  });

  it('checks a file given alone outside any project with what it references only, not its whole folder', function () {
    // Its folder may be /tmp or a home folder: nobody's project, holding anything (once, all of /tmp ran out of memory).
    const loose = path.join(parent, 'loose');
    fs.mkdirSync(loose);
    fs.cpSync(path.join(workspace, 'schemas'), path.join(loose, 'schemas'), { recursive: true });
    fs.cpSync(path.join(workspace, 'inventory'), path.join(loose, 'inventory'), { recursive: true });
    const { report, stderr } = check(['schemas/stock-reserved.schema.json', '--verbose'], loose);
    assert.match(stderr, /analysed schemas\/stock-reserved\.schema\.json \(the project root\): 1 file\(s\) indexed, 1 under the given paths/);
    assert.equal(report.summary.checkedFiles, 1);
    assert.deepEqual(report.findings.filter((finding) => finding.rule === 'content-model-explicit'), []);
  });

  it('--fix edits only the files under the given paths', function () {
    const before = snapshot(workspace);
    check(['schemas', '--fix'], workspace);
    const after = snapshot(workspace);
    const changed = Object.keys(after).filter((file) => after[file] !== before[file]);
    assert.deepEqual(changed, ['schemas/stock-reserved.schema.json']);
    assert.match(after['schemas/stock-reserved.schema.json']!, /"additionalProperties": true/);
  });
});

function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of listFiles(folder)) files[path.relative(folder, file).split(path.sep).join('/')] = fs.readFileSync(file, 'utf8');
  return files;
}
