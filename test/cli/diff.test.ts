import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';
import { CI_FORMATS, validateCiReport, validateGitlab, validateJunit } from './reportValidators';

const root = findRepoRoot();
const bundle = path.join(root, 'dist', 'cli', 'event-design.js');

describe('event-design diff (the bundle, on a real git repository)', function () {
  this.timeout(180_000);
  let folder: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: folder, encoding: 'utf8' });
  const run = (...args: string[]) => spawnSync(process.execPath, [bundle, 'diff', ...args], { cwd: folder, encoding: 'utf8' });
  const schemaFile = () => path.join(folder, 'schemas', 'order-placed.schema.json');

  before(function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-diff-'));
    fs.cpSync(path.join(root, 'examples'), folder, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'the contracts as published');
    git('checkout', '-q', '-b', 'feature');
  });

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('finds nothing when nothing changed (exit 0)', function () {
    const result = run('--baseline', 'main', '--format', 'json');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).findings, []);
  });

  it('reports a required property added to a schema four services share, under FULL, at its line (exit 1)', function () {
    const schema = JSON.parse(fs.readFileSync(schemaFile(), 'utf8'));
    schema.properties.loyaltyTier = { type: 'string' };
    schema.required.push('loyaltyTier');
    fs.writeFileSync(schemaFile(), JSON.stringify(schema, null, 2) + '\n');
    const result = run('--baseline', 'main', '--format', 'json');
    assert.equal(result.status, 1, result.stderr);
    const findings = JSON.parse(result.stdout).findings as Array<{ file: string; line: number; rule: string; message: string }>;
    const lines = fs.readFileSync(schemaFile(), 'utf8').split('\n');
    const finding = findings.find((item) => item.rule === 'compatibility-break');
    assert.ok(finding, JSON.stringify(findings));
    assert.equal(finding.file, 'schemas/order-placed.schema.json');
    assert.match(lines[finding.line - 1]!, /"loyaltyTier"/);
    assert.match(finding.message, /Under FULL/);
  });

  it('writes a markdown table for a pull-request comment', function () {
    const result = run('--baseline', 'main', '--format', 'markdown');
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^### event-design: compatibility against main\n/);
    assert.match(result.stdout, /\| ❌ \| `schemas\/order-placed\.schema\.json` \| \d+ \| "loyaltyTier": /);
  });

  it('exits 1 on the break in each CI format too, each valid for its consumer, the break a JUnit failure and a GitLab issue', function () {
    for (const format of CI_FORMATS) {
      const result = run('--baseline', 'main', '--format', format);
      assert.equal(result.status, 1, `--format ${format}: ${result.stderr}`);
      validateCiReport(format, result.stdout);
      if (format === 'junit') {
        const schema = validateJunit(result.stdout).find((suite) => suite.name === 'schemas/order-placed.schema.json');
        assert.ok(schema?.testcase.some((testcase) => testcase.failure?.type === 'error' && /^compatibility-break at \//.test(testcase.name)), result.stdout);
      }
      if (format === 'gitlab') assert.ok(validateGitlab(result.stdout).some((issue) => issue.check_name === 'compatibility-break' && issue.severity === 'major' && issue.location.path === 'schemas/order-placed.schema.json'));
    }
  });

  it('fails loudly (exit 2) when the baseline ref is missing, and says how to fetch it', function () {
    const result = run('--baseline', 'origin/main');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /The baseline ref "origin\/main" does not exist in this clone.*git fetch/s);
    assert.equal(result.stdout, '');
  });

  it('a file named on the command line that is no schema it knows is exit 2, never a silent pass', function () {
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'Orders are placed, then paid.\n');
    const result = run('notes.txt', 'schemas', '--baseline', 'main');
    assert.equal(result.status, 2, result.stdout);
    assert.match(result.stderr, /notes\.txt: not an AsyncAPI document, a JSON Schema, an Avro schema or a Protobuf file, so diff cannot compare it/);
    fs.rmSync(path.join(folder, 'notes.txt'));
  });

  it('needs --baseline (exit 2)', function () {
    const result = run();
    assert.equal(result.status, 2);
    assert.match(result.stderr, /diff needs --baseline <ref>/);
  });
});

describe('event-design diff of .proto files (a real git repository)', function () {
  this.timeout(180_000);
  let folder: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: folder, encoding: 'utf8' });
  const run = (...args: string[]) => spawnSync(process.execPath, [bundle, 'diff', ...args], { cwd: folder, encoding: 'utf8' });

  before(function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-diff-proto-'));
    fs.mkdirSync(path.join(folder, 'proto'));
    fs.writeFileSync(path.join(folder, 'proto', 'order.proto'), 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  string id = 1;\n  string note = 2;\n  int32 qty = 3;\n}\n');
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    fs.writeFileSync(path.join(folder, 'proto', 'order.proto'), 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  string id = 1;\n  string qty = 3;\n}\n');
  });

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('a type change is a break at its line, a removed field a warning (exit 1)', function () {
    const result = run('proto', '--baseline', 'main', '--format', 'json');
    assert.equal(result.status, 1, result.stderr);
    const findings = (JSON.parse(result.stdout) as { findings: Array<{ rule: string; severity: string; line: number; column: number }> }).findings;
    assert.deepEqual(findings.map((finding) => [finding.rule, finding.severity, finding.line, finding.column]).sort(), [['compatibility-break', 'error', 6, 3], ['compatibility-warning', 'warning', 4, 9]]);
    assert.equal(run('proto/order.proto', '--baseline', 'main', '--fail-on', 'any').status, 1);
  });
});

describe('event-design diff under a transitive mode (a real git repository with several commits)', function () {
  this.timeout(180_000);
  let folder: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: folder, encoding: 'utf8' });
  const service = (withRefunds: boolean) =>
    [
      'asyncapi: 3.0.0',
      'info: { title: Billing, version: 1.0.0 }',
      'channels:',
      '  orders:',
      '    address: orders.placed',
      ...(withRefunds ? ['  refunds:', '    address: orders.refunded'] : []),
      'operations:',
      '  onOrder:',
      '    action: receive',
      "    channel: { $ref: '#/channels/orders' }",
      ...(withRefunds ? ['  onRefund:', '    action: receive', "    channel: { $ref: '#/channels/refunds' }"] : []),
      '',
    ].join('\n');

  before(function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-transitive-'));
    fs.writeFileSync(path.join(folder, 'service.yaml'), service(true));
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'billing receives refunds');
    fs.writeFileSync(path.join(folder, 'service.yaml'), service(false));
    git('commit', '-q', '-am', 'refunds go elsewhere');
    git('checkout', '-q', '-b', 'feature');
  });

  after(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const diff = () => spawnSync(process.execPath, [bundle, 'diff', '--baseline', 'main', '--format', 'json'], { cwd: folder, encoding: 'utf8' });

  it('finds nothing against the merge base alone', function () {
    const result = diff();
    assert.equal(result.status, 0, result.stderr);
  });

  it('under BACKWARD_TRANSITIVE, reports what an earlier commit had and this version lacks', function () {
    fs.writeFileSync(path.join(folder, '.event-design.yaml'), 'compatibility:\n  modes:\n    - files: service.yaml\n      mode: BACKWARD_TRANSITIVE\n');
    const result = diff();
    assert.equal(result.status, 1, result.stderr);
    const findings = JSON.parse(result.stdout).findings as Array<{ file: string; rule: string; message: string }>;
    const breaks = findings.filter((finding) => finding.rule === 'compatibility-break');
    assert.deepEqual(breaks.map((finding) => /^"([^"]+)"/.exec(finding.message)?.[1]).sort(), ['onRefund', 'orders.refunded']);
    for (const finding of breaks) assert.match(finding.message, /Under BACKWARD_TRANSITIVE/);
  });
});
