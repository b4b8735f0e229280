import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { findRepoRoot } from '../grammar/repoRoot';

const root = findRepoRoot();
const bundle = path.join(root, 'dist', 'cli', 'event-design.js');

/** Nothing is lost converting this one. */
const CLEAN = `asyncapi: 2.6.0
info:
  title: Shop # the catalogue name
  version: 1.0.0
channels:
  orders:
    subscribe:
      operationId: sendOrder
      message:
        name: OrderPlaced
        payload: { type: object }
`;

/** A 2.x parameter's `pattern` has no place in 3.0. */
const LOSSY = CLEAN.replace('  orders:\n', '  orders.{region}:\n    parameters:\n      region:\n        schema:\n          type: string\n          pattern: ^[a-z]{2}$\n');

describe('event-design convert (the bundle)', function () {
  this.timeout(60_000);
  let folder: string;

  beforeEach(function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-convert-'));
    fs.writeFileSync(path.join(folder, 'clean.yaml'), CLEAN);
    fs.writeFileSync(path.join(folder, 'lossy.yaml'), LOSSY);
  });
  afterEach(function () {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const convert = (...args: string[]) => spawnSync(process.execPath, [bundle, 'convert', ...args], { cwd: folder, encoding: 'utf8' });

  it('prints the 3.0 document and exits 0 when nothing is lost', function () {
    const result = convert('clean.yaml');
    assert.equal(result.status, 0, result.stderr);
    const document = parseYaml(result.stdout);
    assert.equal(document.asyncapi, '3.0.0');
    assert.equal(document.operations.sendOrder.action, 'send');
    assert.match(result.stdout, /title: Shop # the catalogue name/);
    assert.match(result.stderr, /✔ clean\.yaml: converted from AsyncAPI 2\.6\.0 to 3\.0\.0; the AsyncAPI diff finds nothing lost/);
  });

  it('prints the document and what did not survive, and exits 1', function () {
    const result = convert('lossy.yaml');
    assert.equal(result.status, 1, result.stderr);
    assert.equal(parseYaml(result.stdout).asyncapi, '3.0.0');
    assert.match(result.stderr, /^lossy\.yaml \(converted\):\d+:\d+ {2}lost {2}`pattern` removed .* {2}pattern-removed\n {4}was lossy\.yaml:\d+:\d+ \(\/channels\/orders\.\{region\}\/parameters\/region\/schema\/pattern\)$/m);
    assert.match(result.stderr, /✖ lossy\.yaml: converted from AsyncAPI 2\.6\.0 to 3\.0\.0 with 1 difference by meaning/);
  });

  it('--write replaces the file only when nothing is lost, or with --force; --out writes elsewhere', function () {
    assert.equal(convert('clean.yaml', '--write').status, 0);
    assert.equal(parseYaml(fs.readFileSync(path.join(folder, 'clean.yaml'), 'utf8')).asyncapi, '3.0.0');

    const refused = convert('lossy.yaml', '--write');
    assert.equal(refused.status, 1);
    assert.equal(fs.readFileSync(path.join(folder, 'lossy.yaml'), 'utf8'), LOSSY);
    assert.match(refused.stderr, /lossy\.yaml was not replaced: something did not survive/);

    assert.equal(convert('lossy.yaml', '--out', 'lossy3.yaml').status, 1);
    assert.equal(parseYaml(fs.readFileSync(path.join(folder, 'lossy3.yaml'), 'utf8')).asyncapi, '3.0.0');
    assert.equal(fs.readFileSync(path.join(folder, 'lossy.yaml'), 'utf8'), LOSSY);

    assert.equal(convert('lossy.yaml', '--write', '--force').status, 1);
    assert.equal(parseYaml(fs.readFileSync(path.join(folder, 'lossy.yaml'), 'utf8')).asyncapi, '3.0.0');
  });

  it('--format json reports the document, the differences with both places, and the notes', function () {
    const result = convert('lossy.yaml', '--format', 'json');
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual([report.version, report.file, report.status, report.from, report.to], [1, 'lossy.yaml', 'converted', '2.6.0', '3.0.0']);
    assert.equal(parseYaml(report.document).asyncapi, '3.0.0');
    assert.deepEqual(
      report.differences.map((difference: { kind: string; old: { pointer: string; line: number }; new: { pointer: string } }) => [difference.kind, difference.old.pointer, difference.old.line, difference.new.pointer]),
      [['pattern-removed', '/channels/orders.{region}/parameters/region/schema/pattern', 11, '/channels/orders.{region}/parameters/region']],
    );
    assert.match(report.notes.join('\n'), /schema\.pattern/);
  });

  it('a 3.x document: nothing to do, exit 0, nothing printed', function () {
    fs.writeFileSync(path.join(folder, 'v3.yaml'), 'asyncapi: 3.0.0\ninfo: { title: x, version: "1" }\n');
    const result = convert('v3.yaml');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /already AsyncAPI 3\.0\.0: there is nothing to convert/);
  });

  it('exit 2 on input it cannot convert, with the reason: broken YAML, AsyncAPI 1.x, a missing file, wrong arguments', function () {
    fs.writeFileSync(path.join(folder, 'broken.yaml'), 'asyncapi: 2.6.0\ninfo: [\n');
    fs.writeFileSync(path.join(folder, 'v1.yaml'), 'asyncapi: 1.2.0\ninfo: { title: x, version: "1" }\ntopics: {}\n');
    const cases: Array<[string[], RegExp]> = [
      [['broken.yaml'], /broken\.yaml: The document does not parse/],
      [['v1.yaml'], /v1\.yaml: AsyncAPI 1\.2\.0 cannot be converted here/],
      [['missing.yaml'], /cannot read missing\.yaml: no such file/],
      [[], /convert takes one file \(got 0\)/],
      [['clean.yaml', '--out', 'x.yaml', '--write'], /--out and --write cannot go together/],
    ];
    for (const [args, message] of cases) {
      const result = convert(...args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /internal error|\n {4}at /);
    }
  });
});
