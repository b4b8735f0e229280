import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';

const root = findRepoRoot();
const bundle = path.join(root, 'dist', 'cli', 'event-design.js');
const fixtures = path.join(root, 'test', 'engine', 'contracts', 'fixtures');

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}

function contracts(...args: string[]) {
  const result = spawnSync(process.execPath, [bundle, 'contracts', ...args], { cwd: fixtures, encoding: 'utf8' });
  return { ...result, findings: () => (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings };
}

describe('event-design contracts (the bundle)', function () {
  this.timeout(60_000);

  it('fails (exit 1) where a consumer requires a field its producer dropped, in both documents at the message', function () {
    const result = contracts('field-dropped', '--format', 'json');
    assert.equal(result.status, 1, result.stderr);
    const findings = result.findings().map(({ file, line, rule, severity }) => ({ file, line, rule, severity }));
    assert.deepEqual(findings, [
      { file: 'field-dropped/orders/asyncapi.yaml', line: 13, rule: 'contract-consumer-incompatible', severity: 'info' },
      { file: 'field-dropped/shipping/asyncapi.yaml', line: 13, rule: 'contract-incompatible', severity: 'error' },
    ]);
    const error = result.findings().find((finding) => finding.severity === 'error')!;
    assert.match(error.message, /^Orders Service \(asyncapi\.yaml\) sends "OrderPlaced" in a form this service cannot read\..*"total"/s);
  });

  it('compares Avro payloads too', function () {
    const result = contracts('avro-payloads', '--format', 'json');
    assert.equal(result.status, 1, result.stderr);
    const errors = result.findings().filter((finding) => finding.severity === 'error');
    assert.deepEqual(new Set(errors.map((finding) => finding.file)), new Set(['avro-payloads/ledger/asyncapi.yaml']));
    assert.ok(errors.some((finding) => /"currency"/.test(finding.message)), JSON.stringify(errors));
  });

  it('passes (exit 0) with warnings and information only: divergent names, orphans', function () {
    const result = contracts('orphans-and-names', '--no-color');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /contract-message-divergent/);
    assert.match(result.stdout, /contract-no-producer/);
    assert.match(result.stdout, /⚠ 6 problems \(0 errors, 3 warnings, 3 info\) in 4 files checked/);
  });

  it('writes SARIF with the error at the consumer', function () {
    const result = contracts('field-dropped', '--format', 'sarif');
    assert.equal(result.status, 1, result.stderr);
    const log = JSON.parse(result.stdout) as { runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const errors = log.runs[0]!.results.filter((item) => item.level === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.ruleId, 'contract-incompatible');
    assert.deepEqual(
      { uri: errors[0]!.locations[0]!.physicalLocation.artifactLocation.uri, line: errors[0]!.locations[0]!.physicalLocation.region.startLine },
      { uri: 'field-dropped/shipping/asyncapi.yaml', line: 13 },
    );
  });

  it('is a usage error (exit 2) without an AsyncAPI document, with an unknown option, or with --fix', function () {
    const schemaOnly = contracts('field-dropped/orders/schemas');
    assert.equal(schemaOnly.status, 2);
    assert.match(schemaOnly.stderr, /No AsyncAPI document among 1 file/);
    const unknown = contracts('--strict');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown option "--strict"/);
    const fix = contracts('field-dropped', '--fix');
    assert.equal(fix.status, 2);
    assert.match(fix.stderr, /contracts has no --fix/);
  });

  it('fails on warnings past --max-warnings, as check does', function () {
    const result = contracts('orphans-and-names', '--max-warnings', '2', '--format', 'json');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /3 warnings, more than --max-warnings 2/);
    assert.equal(contracts('orphans-and-names', '--max-warnings', '3').status, 0);
  });

  it('check reports the same contract findings with the rest', function () {
    const result = spawnSync(process.execPath, [bundle, 'check', 'field-dropped', '--format', 'json'], { cwd: fixtures, encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    const rules = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.map((finding) => finding.rule);
    assert.ok(rules.includes('contract-incompatible') && rules.includes('contract-consumer-incompatible'), rules.join(', '));
  });
});
