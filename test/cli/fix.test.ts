import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles } from '../engine/support/workspaceFixture';
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

describe('event-design check --fix on a copy of examples/ (the bundle)', function () {
  this.timeout(300_000);
  let folder: string;
  let countsBefore: Record<string, number>;
  let countsAfter: Record<string, number>;
  let fixed: number;
  let fixedFiles: Record<string, string>;
  let again: { fixed: number; files: Record<string, string> };

  const checkCounts = (args: string[]) => {
    const result = spawnSync(process.execPath, [bundle, 'check', '.', ...args, '--format', 'json'], { cwd: folder, encoding: 'utf8' });
    const report = JSON.parse(result.stdout) as { findings: Array<{ rule: string }>; fixed?: { count: number } };
    const counts: Record<string, number> = {};
    for (const finding of report.findings) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
    return { counts, fixed: report.fixed?.count ?? 0 };
  };
  const snapshot = () => Object.fromEntries(listFiles(folder).map((file) => [path.relative(folder, file), fs.readFileSync(file, 'utf8')]));
  const text = (service: string) => fixedFiles[path.join(service, 'asyncapi.yaml')]!;

  before(function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-fix-examples-'));
    fs.cpSync(path.join(findRepoRoot(), 'examples'), folder, { recursive: true });
    countsBefore = checkCounts([]).counts;
    ({ counts: countsAfter, fixed } = checkCounts(['--fix']));
    fixedFiles = snapshot();
    const second = checkCounts(['--fix']);
    again = { fixed: second.fixed, files: snapshot() };
  });

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('removes findings of ours without adding any', function () {
    assert.ok(fixed > 0);
    // The dead-letter channels it adds are read by operators, not by a service: no "no consumer" for them.
    assert.equal(countsAfter['contract-no-consumer'], countsBefore['contract-no-consumer']);
    for (const [rule, count] of Object.entries(countsAfter)) assert.ok(count <= (countsBefore[rule] ?? 0), `${rule}: ${countsBefore[rule] ?? 0} before, ${count} after`);
    for (const rule of ['dead-letter', 'event-id', 'correlation-id', 'trace-context', 'message-examples', 'content-model-explicit']) assert.equal(countsAfter[rule], undefined, `${rule} is fixed everywhere`);
  });

  it('changes no file when run a second time', function () {
    assert.equal(again.fixed, 0);
    assert.deepEqual(again.files, fixedFiles);
  });

  it('gives each consuming service its own dead-letter channel, quoted as the file quotes', function () {
    assert.match(text('payments'), /address: payments\.orders\.order-placed\.dlq\n/);
    assert.match(text('notifications'), /address: notifications\.orders\.order-placed\.dlq\n/);
    for (const service of ['orders', 'payments', 'notifications', 'inventory', 'shipping']) assert.doesNotMatch(text(service), /\$ref: "/, `${service} quotes its $refs in single quotes, and so do the fixes`);
  });
});
