import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';

const root = findRepoRoot();
const bundle = path.join(root, 'dist', 'cli', 'event-design.js');
const fixtures = path.join(root, 'test', 'engine', 'fixtures', 'protobuf-files');

describe('event-design check on .proto files (the bundle)', function () {
  this.timeout(120_000);
  const check = (...args: string[]) => spawnSync(process.execPath, [bundle, 'check', ...args, '--format', 'json'], { cwd: fixtures, encoding: 'utf8' });

  it('finds the Protobuf files of a folder and reports protoc\'s errors at their tokens (exit 1)', function () {
    const result = check('.');
    assert.equal(result.status, 1, result.stderr);
    const findings = JSON.parse(result.stdout).findings as Array<{ file: string; line: number; column: number; rule: string }>;
    const at = (file: string) => findings.filter((finding) => finding.file === file).map((finding) => `${finding.line}:${finding.column} ${finding.rule}`);
    assert.deepEqual(at('shop/v1/order.proto'), [], 'a valid file with imports beside and above it and a well-known type');
    assert.ok(at('problems.proto').includes('10:18 protobuf-field-number'), at('problems.proto').join(', '));
    assert.deepEqual(at('broken.proto'), ['5:3 protobuf-syntax']);
  });

  it('a valid .proto file named alone passes (exit 0)', function () {
    const result = check('shop/v1/money.proto');
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });
});
