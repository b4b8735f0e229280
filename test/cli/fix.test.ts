import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';
import { UNDISCIPLINED_RECEIVER as RECEIVER } from '../support/undisciplinedReceiver';

const bundle = path.join(findRepoRoot(), 'dist', 'cli', 'event-design.js');

describe('event-design check --fix (the bundle)', function () {
  this.timeout(120_000);
  let folder: string;

  beforeEach(function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-fix-'));
    fs.writeFileSync(path.join(folder, 'asyncapi.yaml'), RECEIVER);
  });

  afterEach(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('writes every fix that breaks nobody, keeps comments, and leaves a valid document', function () {
    const result = spawnSync(process.execPath, [bundle, 'check', '.', '--fix', '--format', 'json'], { cwd: folder, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings;
    assert.deepEqual(findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.rule} ${finding.message}`), []);
    const fixed = fs.readFileSync(path.join(folder, 'asyncapi.yaml'), 'utf8');
    assert.notEqual(fixed, RECEIVER);
    assert.match(fixed, /version: '1\.0\.0'/);
    assert.match(fixed, /x-dead-letter:/);
    assert.match(fixed, /eventId:/);
    assert.ok(fixed.includes('title: Orders # the service') && fixed.includes('orderId: # the id'), 'comments are kept');
    // Narrowing what the service receives would reject messages producers may send: not applied.
    assert.match(fixed, /^ {10}total: \{\}$/m);
    // A second run has nothing left to apply.
    const again = spawnSync(process.execPath, [bundle, 'check', '.', '--fix', '--no-color'], { cwd: folder, encoding: 'utf8' });
    assert.doesNotMatch(again.stdout, /Applied \d+ fix/);
    assert.equal(fs.readFileSync(path.join(folder, 'asyncapi.yaml'), 'utf8'), fixed);
  });

  it('says how many fixes it applied, in which files', function () {
    const result = spawnSync(process.execPath, [bundle, 'check', '.', '--fix', '--no-color'], { cwd: folder, encoding: 'utf8' });
    assert.match(result.stdout, /✎ Applied \d+ fixes in 1 file: asyncapi\.yaml/);
  });
});
