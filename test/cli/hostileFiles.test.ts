import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { Engine } from '../../server/src/engine/engine';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * Files that are not ours, files the engine fails on, and files that are hostile by size or kind:
 * the bundled CLI as a process, asserting the exit code, the summary, and that no stack trace
 * reaches standard error. Each run has a watchdog; a run it has to kill fails its test.
 */

const root = findRepoRoot();
const bundle = path.join(root, 'dist', 'cli', 'event-design.js');
const WATCHDOG_MS = 120_000;
const REPOSITORY_WATCHDOG_MS = 480_000;
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|native\))$/m;

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string, watchdogMs = WATCHDOG_MS): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EVENT_DESIGN_DEBUG: undefined, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), watchdogMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function describeRun(result: CliResult) {
  return `exit ${result.status}\n--- stdout ---\n${result.stdout.slice(0, 3000)}\n--- stderr ---\n${result.stderr.slice(0, 3000)}`;
}

function assertRun(result: CliResult, exit: number) {
  assert.equal(result.status, exit, describeRun(result));
  assert.doesNotMatch(result.stderr, STACK_LINE, `no stack trace on stderr\n${describeRun(result)}`);
}

const folders: string[] = [];
function workspace(files: Record<string, string>, options: { config: boolean } = { config: true }): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-hostile-'));
  folders.push(folder);
  // The discipline rules have their own tests; here they would only add noise to exact outputs.
  if (options.config) fs.writeFileSync(path.join(folder, '.event-design.yaml'), 'categories:\n  discipline: off\nrules: {}\n');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

const VALID = 'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 1.0.0\n';
const SKIPPED = 'not AsyncAPI, JSON Schema, Avro or event-design configuration';

describe('event-design CLI on files that are not ours, or hostile', function () {
  this.timeout(WATCHDOG_MS + 60_000);
  after(function () {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  describe('files that are not ours', function () {
    const notOurs = {
      'tsconfig.json': '{"$schema": "https://json.schemastore.org/tsconfig", "compilerOptions": {}}',
      'x.json': '{"$schema": "nonsense", "type": "object"}',
      'syntaxes/avro.tmLanguage.json': '{"$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json", "name": "Avro", "scopeName": "source.avro"}',
    };

    it('leaves JSON files with an unknown $schema alone and counts them in the summary (exit 0)', async function () {
      const folder = workspace({ ...notOurs, 'asyncapi.yaml': VALID });
      const result = await runCli(['check', '.'], folder);
      assertRun(result, 0);
      assert.equal(result.stdout, `✔ No problems (2 files checked, 3 files skipped: ${SKIPPED})\n`);
      assert.equal(result.stderr, '');
    });

    it('lists the skipped files in the JSON output', async function () {
      const folder = workspace({ ...notOurs, 'asyncapi.yaml': VALID });
      const result = await runCli(['check', '.', '--format', 'json'], folder);
      assertRun(result, 0);
      const report = JSON.parse(result.stdout) as { summary: { checkedFiles: number; skippedFiles: number }; skippedFiles: string[] };
      assert.deepEqual(report.summary.checkedFiles, 2);
      assert.deepEqual(report.summary.skippedFiles, 3);
      assert.deepEqual(report.skippedFiles, ['syntaxes/avro.tmLanguage.json', 'tsconfig.json', 'x.json']);
    });

    it('a folder with nothing of ours is a usage error, not a stack trace (exit 2)', async function () {
      const result = await runCli(['check', '.'], workspace(notOurs, { config: false }));
      assertRun(result, 2);
      assert.match(result.stderr, /^event-design: Nothing to check: no AsyncAPI document, schema or \.event-design\.yaml among 3 file\(s\)/);
    });

    it('checks a .schema.yaml whose $schema is not a string, with a warning on it (exit 0)', async function () {
      const folder = workspace({ 'odd.schema.yaml': '$schema: 42\ntype: object\n' });
      const result = await runCli(['check', '.'], folder);
      assertRun(result, 0);
      assert.match(result.stdout, /odd\.schema\.yaml\n {2}1:10 {2}warning {2}\$schema 42 names no JSON Schema dialect event-design knows .* json-schema-invalid\n/);
    });

    it('checks the repository itself, listing the files that are not ours (exit 0 or 1)', async function () {
      // Hundreds of fixture documents, each through the parser: minutes on a loaded 2-core machine.
      this.timeout(REPOSITORY_WATCHDOG_MS + 60_000);
      const result = await runCli(['check', '.', '--format', 'json'], root, REPOSITORY_WATCHDOG_MS);
      assert.ok(result.status === 0 || result.status === 1, describeRun(result));
      assert.doesNotMatch(result.stderr, STACK_LINE);
      assert.doesNotMatch(result.stderr, /internal error/);
      const report = JSON.parse(result.stdout) as { summary: { checkedFiles: number; skippedFiles: number }; skippedFiles: string[] };
      for (const file of ['tsconfig.json', 'package.json', 'syntaxes/avro.tmLanguage.json', 'syntaxes/asyncapi-injection.tmLanguage.json']) {
        assert.ok(report.skippedFiles.includes(file), `${file} is skipped`);
      }
      assert.equal(report.summary.skippedFiles, report.skippedFiles.length);
      assert.ok(report.summary.checkedFiles > 50);
    });
  });

  describe('hostile files', function () {
    it('an alias bomb in a document with 400 unclosed flow mappings gives its syntax errors (exit 1)', async function () {
      const lines = ['asyncapi: 3.0.0', 'info: { title: Bomb, version: 1.0.0 }', 'x-bomb:', '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let level = 1; level < 10; level++) lines.push(`  a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
      lines.push(`x-open: ${'{a:'.repeat(400)}`);
      const folder = workspace({ 'bomb.yaml': lines.join('\n') + '\n' });
      const result = await runCli(['check', 'bomb.yaml'], folder);
      assertRun(result, 1);
      assert.match(result.stdout, /error {2}Aliases expand to more than 200000 nodes/);
      assert.match(result.stdout, /error {2}Flow map in block collection/);
    });

    it('a 20 MB document gets the size finding without being read (exit 0)', async function () {
      const body = Array.from({ length: 220_000 }, (_, index) => `  x-filler-${index}: ${'y'.repeat(80)}`).join('\n');
      const folder = workspace({ 'huge.yaml': `asyncapi: 3.0.0\ninfo:\n  title: Huge\n  version: 1.0.0\ncomponents:\n${body}\n` });
      const result = await runCli(['check', '.'], folder);
      assertRun(result, 0);
      assert.match(result.stdout, /^huge\.yaml\n {2}1:1 {2}info {2}This file is 20\.\d MB, above the 5\.0 MB limit .* file-too-large\n/);
    });

    describe('a named pipe', function () {
      let folder: string;
      before(function () {
        folder = workspace({ 'asyncapi.yaml': VALID });
        try {
          execFileSync('mkfifo', [path.join(folder, 'pipe.yaml')]);
        } catch {
          this.skip();
        }
      });

      it('is skipped in a folder', async function () {
        const result = await runCli(['check', '.'], folder);
        assertRun(result, 0);
        assert.equal(result.stdout, '✔ No problems (2 files checked)\n');
      });

      for (const args of [['check', 'pipe.yaml'], ['graph', 'pipe.yaml'], ['contracts', 'pipe.yaml']]) {
        it(`is refused by name: ${args.join(' ')} (exit 2)`, async function () {
          const result = await runCli(args, folder);
          assertRun(result, 2);
          assert.match(result.stderr, /^event-design: pipe\.yaml is not a regular file or a folder \(a named pipe, a device or a socket is not read\)/);
        });
      }

      for (const args of [['compat', 'asyncapi.yaml', 'pipe.yaml'], ['compat', 'pipe.yaml', 'asyncapi.yaml']]) {
        it(`is refused by name: ${args.join(' ')} (exit 2)`, async function () {
          const result = await runCli(args, folder);
          assertRun(result, 2);
          assert.equal(result.stderr, 'event-design: pipe.yaml is not a regular file (a folder, a named pipe, a device or a socket is not read)\n');
        });
      }
    });
  });
});

describe('event-design CLI when the engine fails (in-process, with a failure injected)', function () {
  this.timeout(60_000);
  const original = Engine.prototype.checkFile;
  let folder: string;
  before(function () {
    folder = workspace({
      'broken/asyncapi.yaml': VALID,
      'fine/asyncapi.yaml': 'asyncapi: 3.0.0\ninfo:\n  title: Fine\n',
    });
    Engine.prototype.checkFile = function (this: Engine, uri, validate) {
      if (uri.endsWith('/broken/asyncapi.yaml')) throw new TypeError("Cannot read properties of undefined (reading 'type')");
      return original.call(this, uri, validate);
    };
  });
  after(function () {
    Engine.prototype.checkFile = original;
    delete process.env.EVENT_DESIGN_DEBUG;
  });

  async function run(args: string[]) {
    let stdout = '';
    let stderr = '';
    const status = await main(args, folder, (text) => (stdout += text), (text) => (stderr += text), false);
    return { status, stdout, stderr };
  }

  it('reports the failure as an internal-error finding on the file, checks the others, and exits 2', async function () {
    const result = await run(['check', '.', '--no-color']);
    assertRun(result, 2);
    assert.match(
      result.stdout,
      /^broken\/asyncapi\.yaml\n {2}1:1 {2}error {2}event-design failed while checking this file \(TypeError: Cannot read properties of undefined \(reading 'type'\)\), so it is not checked\. This is a bug in event-design, not in the file: please report it with this file\. {2}internal-error\n/,
    );
    assert.match(result.stdout, /fine\/asyncapi\.yaml\n.*must have required property "version"  asyncapi-schema\n/);
    assert.equal(result.stderr, "event-design: internal error while checking broken/asyncapi.yaml (reported as internal-error in the file): TypeError: Cannot read properties of undefined (reading 'type')\n");
  });

  it('prints the stack on stderr only with EVENT_DESIGN_DEBUG=1', async function () {
    process.env.EVENT_DESIGN_DEBUG = '1';
    try {
      const result = await run(['check', '.', '--format', 'json']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, STACK_LINE);
      assert.ok((JSON.parse(result.stdout) as { findings: Array<{ rule: string }> }).findings.some((finding) => finding.rule === 'internal-error'));
    } finally {
      delete process.env.EVENT_DESIGN_DEBUG;
    }
  });
});
