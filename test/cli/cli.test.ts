import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { URI } from 'vscode-uri';
import { runParser } from '../../server/src/engine/asyncapi/parserValidation';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import { discoverFiles } from '../../server/src/node/fileDiscovery';
import { FileSystemHost } from '../../server/src/node/fileSystemHost';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * End-to-end tests of the `event-design` command line. They run the esbuild bundle
 * (dist/cli/event-design.js, built by `node esbuild.mjs`) in a child process, as CI would, and
 * check exit codes, stderr messages and the three output formats (SARIF against the official
 * OASIS schema). Fixture workspaces live in test/cli/fixtures/; files git must not track
 * (ignored folders, node_modules) are written into temporary copies.
 */

const root = findRepoRoot();
/** The bundle under test; EVENT_DESIGN_CLI_BUNDLE points the tests at another build of it. */
const bundle = process.env.EVENT_DESIGN_CLI_BUNDLE ? path.resolve(process.env.EVENT_DESIGN_CLI_BUNDLE) : path.join(root, 'dist', 'cli', 'event-design.js');
const fixtures = path.join(root, 'test', 'cli', 'fixtures');
const fixture = (...segments: string[]) => path.join(fixtures, ...segments);
const corpus = path.join(root, '..', 'shared', 'corpus', 'asyncapi-examples');

/** A CLI run takes seconds on a busy machine; the corpus takes about a minute. */
const RUN_TIMEOUT_MS = 300_000;
const TEST_TIMEOUT_MS = 180_000;
const ANSI = /\u001b\[[0-9;]*m/;

interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI with `node`, without a terminal (so colours default to off). */
function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; script?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env };
  // The caller's terminal settings must not leak into the assertions about colours.
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, options.env ?? {});
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.script ?? bundle, ...args], { cwd: options.cwd ?? root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? RUN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/** The same run is asked for by several tests; each is done once. */
const runs = new Map<string, Promise<CliResult>>();
function runCliOnce(args: string[], cwd: string = root): Promise<CliResult> {
  const key = JSON.stringify([cwd, args]);
  let pending = runs.get(key);
  if (!pending) {
    pending = runCli(args, { cwd });
    runs.set(key, pending);
  }
  return pending;
}

function describeRun(result: CliResult) {
  return `exit ${result.status}${result.signal ? ` (signal ${result.signal})` : ''}\n--- stdout ---\n${result.stdout.slice(0, 4000)}\n--- stderr ---\n${result.stderr.slice(0, 4000)}`;
}

function assertExit(result: CliResult, expected: number) {
  assert.equal(result.status, expected, `expected exit ${expected}, got ${describeRun(result)}`);
}

// --- The JSON output (docs/cli.md) --------------------------------------------------------

interface JsonFinding {
  file: string;
  uri: string;
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  pointer?: string;
  docs: string;
  related?: Array<{ file: string; line: number; column: number; message: string }>;
}

interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  summary: { checkedFiles: number; skippedFiles?: number; errors: number; warnings: number; infos: number; hints: number };
  findings: JsonFinding[];
}

function parseJson(result: CliResult): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch (error) {
    throw new Error(`stdout is not JSON (${String(error)}): ${describeRun(result)}`);
  }
}

/** Every field of every finding is there, typed, 1-based and ordered; the summary adds up. */
function assertWellFormed(report: JsonReport, cwd: string) {
  assert.equal(report.version, 1);
  assert.equal(report.tool.name, 'event-design');
  assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
  const count = (severity: JsonFinding['severity']) => report.findings.filter((finding) => finding.severity === severity).length;
  assert.deepEqual(
    { errors: report.summary.errors, warnings: report.summary.warnings, infos: report.summary.infos, hints: report.summary.hints },
    { errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') },
    'summary counts match the findings',
  );
  assert.ok(Number.isInteger(report.summary.checkedFiles) && report.summary.checkedFiles >= 1, 'checkedFiles is a positive count');
  for (const finding of report.findings) {
    const where = `${finding.file}:${finding.line}:${finding.column} ${finding.rule}`;
    for (const key of ['file', 'uri', 'rule', 'message', 'docs'] as const) assert.equal(typeof finding[key], 'string', `${where}: ${key} is a string`);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(finding.severity), `${where}: severity ${finding.severity}`);
    for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
      assert.ok(Number.isInteger(finding[key]) && finding[key] >= 1, `${where}: ${key} is 1-based (${finding[key]})`);
    }
    assert.ok(finding.endLine > finding.line || (finding.endLine === finding.line && finding.endColumn >= finding.column), `${where}: the range ends after it starts`);
    if (finding.pointer !== undefined) assert.match(finding.pointer, /^(\/.*)?$/, `${where}: pointer is a JSON pointer`);
    assert.equal(finding.docs, `docs/rules/${finding.rule}.md`, `${where}: docs`);
    if (finding.uri.startsWith('file:')) {
      const absolute = fileURLToPath(finding.uri);
      assert.equal(finding.file, path.relative(cwd, absolute).split(path.sep).join('/'), `${where}: file is the uri relative to the working folder`);
      assert.ok(fs.existsSync(absolute), `${where}: uri names an existing file`);
    }
  }
}

// --- SARIF -------------------------------------------------------------------------------

interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } };
  message?: { text: string };
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri?: string; defaultConfiguration?: { level?: string; enabled?: boolean } }> } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{ ruleId: string; ruleIndex?: number; level: string; message: { text: string }; locations: SarifLocation[]; relatedLocations?: SarifLocation[] }>;
  }>;
}

let sarifValidator: ReturnType<Ajv['compile']> | undefined;
function validateSarif(text: string): SarifLog {
  if (!sarifValidator) {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    sarifValidator = ajv.compile(JSON.parse(fs.readFileSync(fixture('sarif-schema-2.1.0.json'), 'utf8')) as object);
  }
  const log = JSON.parse(text) as SarifLog;
  const valid = sarifValidator(log);
  assert.ok(valid, `SARIF output breaks the SARIF 2.1.0 schema: ${JSON.stringify(sarifValidator.errors?.slice(0, 10), null, 2)}`);
  return log;
}

/** The file a SARIF location names, resolved as a consumer would: against its uriBaseId. */
function sarifTarget(log: SarifLog, location: SarifLocation): string {
  const { uri, uriBaseId } = location.physicalLocation.artifactLocation;
  const base = uriBaseId ? log.runs[0]!.originalUriBaseIds[uriBaseId]!.uri : undefined;
  return fileURLToPath(new URL(uri, base));
}

// --- Temporary workspaces ----------------------------------------------------------------

const temporaryFolders: string[] = [];
/** A fresh copy of a fixture folder (or an empty folder) outside the repository. */
function temporaryWorkspace(from?: string, name = 'ws'): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-cli-'));
  temporaryFolders.push(parent);
  const folder = path.join(parent, name);
  if (from) fs.cpSync(from, folder, { recursive: true });
  else fs.mkdirSync(folder, { recursive: true });
  return folder;
}

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A stray `.event-design.yaml` above the temporary folder must not apply: one here ends the search. */
function isolateConfig(folder: string) {
  const config = path.join(folder, '.event-design.yaml');
  // The discipline rules have their own tests; here they would only add noise to exact outputs.
  if (!fs.existsSync(config)) write(config, 'categories:\n  discipline: off\nrules: {}\n');
}

// --- What the editor reports ------------------------------------------------------------

/**
 * The findings the language server's engine gives for a folder opened as the workspace: the same
 * engine in this process, with that folder as the workspace folder (so the configuration search
 * stops there), every file indexed first, each relevant file checked fast and in full.
 */
async function editorFindings(folder: string): Promise<string[]> {
  const rootUri = URI.file(folder).toString();
  const engine = new Engine(new FileSystemHost(), { ...DEFAULT_SETTINGS, workspaceFolders: [rootUri] });
  const { files } = await discoverFiles(folder, { maxFiles: 10_000, respectGitignore: true });
  const uris = files.map((file) => URI.file(file).toString());
  for (const uri of uris) await engine.indexFile(uri);
  const found = new Set<string>();
  for (const uri of uris) {
    if (!(await engine.isRelevant(uri))) continue;
    const result = await engine.checkFile(uri, runParser);
    for (const list of result.findings.values()) {
      for (const finding of list) {
        const file = path.relative(folder, URI.parse(finding.uri).fsPath).split(path.sep).join('/');
        const { start, end } = finding.range;
        found.add(`${file}:${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${finding.severity} ${finding.ruleId} ${finding.message}`);
      }
    }
  }
  return [...found].sort();
}

function describeJsonFindings(report: JsonReport): string[] {
  return report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.severity} ${finding.rule} ${finding.message}`).sort();
}

// -----------------------------------------------------------------------------------------

describe('event-design CLI (the bundle dist/cli/event-design.js)', function () {
  this.timeout(TEST_TIMEOUT_MS);

  before(function () {
    assert.ok(fs.existsSync(bundle), `${bundle} is missing: build it with "npx tsc -b && node esbuild.mjs"`);
    const bundleTime = fs.statSync(bundle).mtimeMs;
    const cliSources = path.join(root, 'server', 'src', 'cli');
    const newer = fs
      .readdirSync(cliSources, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && fs.statSync(path.join(cliSources, name)).mtimeMs > bundleTime);
    if (newer.length > 0) console.warn(`      warning: the bundle is older than ${newer.join(', ')}; run "node esbuild.mjs" to test the current sources`);
  });

  after(function () {
    for (const folder of temporaryFolders) fs.rmSync(folder, { recursive: true, force: true });
  });

  describe('exit codes', function () {
    it('exits 0 on a folder of valid documents (AsyncAPI 3.0, its JSON Schema payload and its Avro schema)', async function () {
      const result = await runCliOnce(['check', 'valid', '--format', 'json'], fixtures);
      assertExit(result, 0);
      const report = parseJson(result);
      assertWellFormed(report, fixtures);
      assert.deepEqual(report.findings, []);
      assert.equal(report.summary.checkedFiles, 4, 'the document, the JSON Schema, the .avsc and the .event-design.yaml are all checked');
      assert.equal(result.stderr, '');
    });

    it('exits 1 on a folder with an error', async function () {
      const result = await runCliOnce(['check', 'invalid', '--format', 'json'], fixtures);
      assertExit(result, 1);
      assert.equal(parseJson(result).summary.errors, 1);
    });

    it('exits 1 when any of several paths has an error, and reports files from all of them', async function () {
      const result = await runCli(['check', 'valid', 'invalid/asyncapi.yaml', '--format', 'json'], { cwd: fixtures });
      assertExit(result, 1);
      const report = parseJson(result);
      assertWellFormed(report, fixtures);
      assert.equal(report.summary.checkedFiles, 5);
      assert.deepEqual(report.findings.map((finding) => finding.file), ['invalid/asyncapi.yaml']);
    });

    const usageErrors: Array<{ title: string; args: string[]; stderr: RegExp }> = [
      { title: 'an unknown option', args: ['check', '--bogus', 'valid'], stderr: /Unknown option "--bogus"/ },
      { title: 'an unknown command', args: ['lint', 'valid'], stderr: /Unknown command "lint"\. Commands: check[,.]/ },
      { title: 'a mistyped command', args: ['chek', 'valid'], stderr: /Unknown command "chek"\. Did you mean "check"\? Commands: check[,.]/ },
      { title: '--format xml', args: ['check', '--format', 'xml', 'valid'], stderr: /--format must be one of stylish, json, sarif, markdown, junit, github, gitlab, not "xml"/ },
      { title: '--format without a value', args: ['check', 'valid', '--format'], stderr: /--format needs a value/ },
      { title: '--max-warnings that is not a whole number', args: ['check', '--max-warnings', 'many', 'valid'], stderr: /--max-warnings takes a whole number \(or -1 for no limit\), not "many"/ },
      { title: 'a negative --max-warnings below -1', args: ['check', '--max-warnings', '-2', 'valid'], stderr: /--max-warnings takes a whole number/ },
      { title: 'a path that does not exist', args: ['check', 'no-such-folder'], stderr: /No such file or folder: no-such-folder/ },
      { title: 'a missing path next to a valid one', args: ['check', 'valid', 'no-such-file.yaml'], stderr: /No such file or folder: no-such-file\.yaml/ },
      { title: 'a folder with no YAML, JSON or Avro file', args: ['check', 'no-candidates'], stderr: /No YAML, JSON or Avro files under no-candidates/ },
      {
        title: 'a folder with only unrelated YAML and JSON (docker-compose.yml, package.json)',
        args: ['check', 'unrelated'],
        stderr: /Nothing to check: no AsyncAPI document, schema or \.event-design\.yaml among 2 file\(s\)/,
      },
      { title: 'an unrelated YAML file named directly', args: ['check', 'unrelated/docker-compose.yml'], stderr: /Nothing to check: .* among 1 file\(s\)/ },
    ];
    for (const { title, args, stderr } of usageErrors) {
      it(`exits 2 on ${title}, saying why on stderr and nothing on stdout`, async function () {
        const result = await runCli(args, { cwd: fixtures });
        assertExit(result, 2);
        assert.match(result.stderr, /^event-design: /);
        assert.match(result.stderr, stderr);
        assert.match(result.stderr, /Run "event-design --help" for usage\./);
        assert.doesNotMatch(result.stderr, /internal error/);
        assert.equal(result.stdout, '');
      });
    }

    it('names an empty or a binary file instead of only saying there is nothing to check', async function () {
      const folder = temporaryWorkspace();
      write(path.join(folder, 'empty.yaml'), '');
      write(path.join(folder, 'blank.json'), '\n  \n');
      write(path.join(folder, 'logo.json'), '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR');
      write(path.join(folder, 'docker-compose.yml'), 'services: {}\n');
      const cases: Array<[string[], RegExp]> = [
        [['check', 'empty.yaml'], /^event-design: Nothing to check: empty\.yaml is empty\n/],
        [['check', 'logo.json'], /^event-design: Nothing to check: logo\.json is a binary file, not YAML, JSON or Avro text\n/],
        [['check', 'docker-compose.yml'], /^event-design: Nothing to check: no AsyncAPI document, schema or \.event-design\.yaml among 1 file\(s\)\n/],
        [['check', '.'], /^event-design: Nothing to check: no AsyncAPI document, schema or \.event-design\.yaml among 4 file\(s\) \(empty: blank\.json, empty\.yaml; binary: logo\.json\)\n/],
      ];
      for (const [args, stderr] of cases) {
        const result = await runCli(args, { cwd: folder });
        assertExit(result, 2);
        assert.match(result.stderr, stderr);
        assert.equal(result.stdout, '');
      }
    });
  });

  describe('--max-warnings', function () {
    // warnings/: one schema whose `examples` value fails it, one JSON file with a duplicate key.
    it('finds exactly two warnings and no error in the warnings fixture', async function () {
      const result = await runCliOnce(['check', 'warnings', '--format', 'json'], fixtures);
      assertExit(result, 0);
      const report = parseJson(result);
      assertWellFormed(report, fixtures);
      assert.deepEqual(
        report.findings.map(({ file, line, column, rule, severity }) => ({ file, line, column, rule, severity })),
        [
          { file: 'warnings/legacy-id.schema.json', line: 5, column: 3, rule: 'syntax', severity: 'warning' },
          { file: 'warnings/price.schema.json', line: 10, column: 16, rule: 'schema-examples-invalid', severity: 'warning' },
        ],
      );
      assert.match(report.findings[0]!.message, /Duplicate object key "type"/);
      assert.match(report.findings[1]!.message, /This example fails its schema: amount must be integer/);
    });

    const cases: Array<{ args: string[]; exit: number }> = [
      { args: [], exit: 0 },
      { args: ['--max-warnings', '-1'], exit: 0 },
      { args: ['--max-warnings', '2'], exit: 0 },
      { args: ['--max-warnings', '1'], exit: 1 },
      { args: ['--max-warnings', '0'], exit: 1 },
      { args: ['--max-warnings=0'], exit: 1 },
    ];
    for (const { args, exit } of cases) {
      it(`exits ${exit} on two warnings with ${args.length > 0 ? args.join(' ') : 'no --max-warnings'}`, async function () {
        const result = await runCli(['check', 'warnings', '--no-color', ...args], { cwd: fixtures });
        assertExit(result, exit);
        assert.match(result.stdout, /⚠ 2 problems \(0 errors, 2 warnings, 0 info\) in 3 files checked/);
        if (exit === 1) assert.match(result.stderr, /event-design: 2 warnings, more than --max-warnings [01]\n/);
        else assert.equal(result.stderr, '');
      });
    }

    it('keeps machine-readable stdout clean when the warning limit fails the run (json)', async function () {
      const result = await runCli(['check', 'warnings', '--format', 'json', '--max-warnings', '0'], { cwd: fixtures });
      assertExit(result, 1);
      assert.equal(parseJson(result).summary.warnings, 2);
    });

    it('does not count an error as a warning: one error with --max-warnings 5 still exits 1', async function () {
      const result = await runCli(['check', 'invalid', '--max-warnings', '5', '--no-color'], { cwd: fixtures });
      assertExit(result, 1);
    });

    it('rejects an empty --max-warnings value instead of reading it as 0', async function () {
      const result = await runCli(['check', 'warnings', '--max-warnings=', '--no-color'], { cwd: fixtures });
      assert.equal(result.status, 2, `"--max-warnings=" should be a usage error, got ${describeRun(result)}`);
      assert.match(result.stderr, /--max-warnings takes a whole number/);
    });
  });

  describe('--timeout', function () {
    it('a file whose checks take longer gets a check-timeout error (exit 1), and the other files are still checked', async function () {
      const folder = temporaryWorkspace();
      // Hundreds of channels with references: parsing and checking them alone takes far more than 1 ms.
      const channels = Array.from({ length: 400 }, (_, index) => `  c${index}:\n    address: orders.c${index}\n    messages:\n      m: { $ref: '#/components/messages/M' }`);
      write(path.join(folder, 'large.yaml'), ['asyncapi: 3.0.0', 'info: { title: Large, version: 1.0.0 }', 'channels:', ...channels, 'components:', '  messages:', '    M: { payload: { type: object } }', ''].join('\n'));
      write(path.join(folder, 'small.yaml'), 'asyncapi: 3.0.0\ninfo: { title: Small, version: 1.0.0 }\n');
      const result = await runCli(['check', '.', '--timeout', '0.001', '--format', 'json'], { cwd: folder });
      assertExit(result, 1);
      const report = parseJson(result);
      assert.equal(report.summary.checkedFiles, 2);
      const timeout = report.findings.find((finding) => finding.file === 'large.yaml' && finding.rule === 'check-timeout');
      assert.ok(timeout, describeRun(result));
      assert.equal(timeout.severity, 'error');
      assert.match(timeout.message, /took longer than 1 ms/);
    });

    it('rejects a --timeout that is not a positive number of seconds', async function () {
      const result = await runCli(['check', 'valid', '--timeout', '0', '--no-color'], { cwd: fixtures });
      assert.equal(result.status, 2, describeRun(result));
      assert.match(result.stderr, /--timeout takes a number of seconds above 0/);
    });
  });

  describe('stylish output', function () {
    it('prints the file relative to the working folder, a "line:col  severity  message  rule" row and a summary', async function () {
      const result = await runCliOnce(['check', 'invalid', '--no-color'], fixtures);
      assertExit(result, 1);
      assert.equal(result.stderr, '');
      const lines = result.stdout.split('\n');
      assert.deepEqual(lines, [
        'invalid/asyncapi.yaml',
        '  21:13  error  "action" property must be equal to one of the allowed values: "send", "receive". "publish" is 2.x wording, where it meant that the application receives (clients publish to it). The name "publishInvoiceIssued" says it sends: use "send" if so, "receive" for the 2.x meaning.  asyncapi-schema',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 info) in 2 files checked',
        '',
      ]);
    });

    it('pads the position column when a file has several findings', async function () {
      const folder = temporaryWorkspace();
      isolateConfig(folder);
      write(
        path.join(folder, 'dup.schema.json'),
        [
          '{',
          '  "$schema": "http://json-schema.org/draft-07/schema#",',
          '  "type": "object",',
          '  "title": "First",',
          '  "title": "Second",',
          '  "properties": {',
          '    "id": { "type": "string" }',
          '  },',
          '  "required": ["id"],',
          '  "description": "One",',
          '  "description": "Two"',
          '}',
          '',
        ].join('\n'),
      );
      const result = await runCli(['check', '--no-color'], { cwd: folder });
      assertExit(result, 0);
      assert.deepEqual(result.stdout.split('\n'), [
        'dup.schema.json',
        '  5:3   warning  Duplicate object key "title": readers disagree on which value wins  syntax',
        '  11:3  warning  Duplicate object key "description": readers disagree on which value wins  syntax',
        '',
        '⚠ 2 problems (0 errors, 2 warnings, 0 info) in 2 files checked',
        '',
      ]);
    });

    it('prints paths relative to the working folder even when given an absolute path', async function () {
      const result = await runCliOnce(['check', fixture('invalid'), '--no-color'], root);
      assertExit(result, 1);
      assert.equal(result.stdout.split('\n')[0], 'test/cli/fixtures/invalid/asyncapi.yaml');
    });

    it('says "No problems" with the number of files for a clean folder', async function () {
      const result = await runCli(['check', 'valid', '--no-color'], { cwd: fixtures });
      assertExit(result, 0);
      assert.equal(result.stdout, '✔ No problems (4 files checked)\n');
    });

    it('has no ANSI escapes with --no-color, nor by default when stdout is not a terminal', async function () {
      const noColor = await runCliOnce(['check', 'invalid', '--no-color'], fixtures);
      const byDefault = await runCli(['check', 'invalid'], { cwd: fixtures });
      assert.doesNotMatch(noColor.stdout, ANSI);
      assert.doesNotMatch(byDefault.stdout, ANSI);
      assert.equal(byDefault.stdout, noColor.stdout);
    });

    it('colours with --color (even under NO_COLOR), and the text is otherwise the same', async function () {
      const plain = await runCliOnce(['check', 'invalid', '--no-color'], fixtures);
      const coloured = await runCli(['check', 'invalid', '--color'], { cwd: fixtures, env: { NO_COLOR: '1' } });
      assertExit(coloured, 1);
      assert.match(coloured.stdout, ANSI);
      assert.ok(coloured.stdout.includes('\u001b[31merror\u001b[39m'), 'the severity is red');
      assert.equal(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, ''), plain.stdout);
    });

    it('lets the last of --color / --no-color win', async function () {
      const result = await runCli(['check', 'invalid', '--color', '--no-color'], { cwd: fixtures });
      assert.doesNotMatch(result.stdout, ANSI);
    });
  });

  describe('JSON output', function () {
    it('has version 1, the tool, matching summary counts and every field of a finding (1-based)', async function () {
      const result = await runCliOnce(['check', 'invalid', '--format', 'json'], fixtures);
      assertExit(result, 1);
      const report = parseJson(result);
      assertWellFormed(report, fixtures);
      assert.deepEqual(report.summary, { checkedFiles: 2, skippedFiles: 0, errors: 1, warnings: 0, infos: 0, hints: 0 });
      assert.equal(report.findings.length, 1);
      const finding = report.findings[0]!;
      assert.equal(fileURLToPath(finding.uri), fixture('invalid', 'asyncapi.yaml'));
      assert.deepEqual(
        { ...finding, uri: undefined },
        {
          file: 'invalid/asyncapi.yaml',
          uri: undefined,
          rule: 'asyncapi-schema',
          severity: 'error',
          message: '"action" property must be equal to one of the allowed values: "send", "receive". "publish" is 2.x wording, where it meant that the application receives (clients publish to it). The name "publishInvoiceIssued" says it sends: use "send" if so, "receive" for the 2.x meaning.',
          line: 21,
          column: 13,
          endLine: 21,
          endColumn: 20,
          pointer: '/operations/publishInvoiceIssued/action',
          docs: 'docs/rules/asyncapi-schema.md',
        },
      );
    });

    it('positions are 1-based: line 21, columns 13 to 20 are the word "publish" in the file', async function () {
      const report = parseJson(await runCliOnce(['check', 'invalid', '--format', 'json'], fixtures));
      const finding = report.findings[0]!;
      const line = fs.readFileSync(fixture('invalid', 'asyncapi.yaml'), 'utf8').split('\n')[finding.line - 1]!;
      assert.equal(line.slice(finding.column - 1, finding.endColumn - 1), 'publish');
    });

    it('the tool version is the one --version prints', async function () {
      const report = parseJson(await runCliOnce(['check', 'invalid', '--format', 'json'], fixtures));
      const version = await runCliOnce(['--version']);
      assert.equal(report.tool.version, version.stdout.trim());
    });

    it('lists related locations of a problem reached through a $ref', async function () {
      const folder = temporaryWorkspace(fixture('valid'));
      isolateConfig(folder);
      write(
        path.join(folder, 'schemas', 'account-created.schema.json'),
        '{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "type": "object",\n  "properties": {\n    "accountId": { "type": "strng" }\n  }\n}\n',
      );
      const result = await runCli(['check', '.', '--format', 'json'], { cwd: folder });
      assertExit(result, 1);
      const report = parseJson(result);
      assertWellFormed(report, folder);
      const summary = report.findings.find((finding) => finding.rule === 'ref-target-invalid');
      assert.ok(summary, describeRun(result));
      assert.equal(summary.file, 'asyncapi.yaml');
      assert.equal(summary.pointer, '/components/messages/AccountCreated/payload/$ref');
      assert.ok(summary.related && summary.related.length >= 1);
      for (const related of summary.related) {
        assert.deepEqual({ file: related.file, line: related.line, column: related.column }, { file: 'schemas/account-created.schema.json', line: 5, column: 28 });
        assert.equal(typeof related.message, 'string');
      }
      assert.ok(report.findings.some((finding) => finding.file === 'schemas/account-created.schema.json' && finding.line === 5 && finding.severity === 'error'));
    });
  });

  describe('SARIF output', function () {
    it('validates against the official SARIF 2.1.0 schema and locates the error exactly', async function () {
      const result = await runCliOnce(['check', 'invalid', '--format', 'sarif'], fixtures);
      assertExit(result, 1);
      const log = validateSarif(result.stdout);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const run = log.runs[0]!;
      assert.equal(run.tool.driver.name, 'event-design');
      assert.equal(run.originalUriBaseIds['%SRCROOT%']!.uri, pathToFileURL(fixtures).href + '/');
      assert.equal(run.results.length, 1);
      const [sarifResult] = run.results;
      assert.equal(sarifResult!.ruleId, 'asyncapi-schema');
      assert.equal(sarifResult!.level, 'error');
      assert.match(sarifResult!.message.text, /"action" property must be equal to one of the allowed values/);
      assert.equal(sarifResult!.locations.length, 1);
      const location = sarifResult!.locations[0]!;
      assert.deepEqual(location.physicalLocation.artifactLocation, { uri: 'invalid/asyncapi.yaml', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(location.physicalLocation.region, { startLine: 21, startColumn: 13, endLine: 21, endColumn: 20 });
      assert.equal(sarifTarget(log, location), fixture('invalid', 'asyncapi.yaml'));
    });

    it('describes the rule in runs[0].tool.driver.rules, and ruleIndex points at it', async function () {
      const log = validateSarif((await runCliOnce(['check', 'invalid', '--format', 'sarif'], fixtures)).stdout);
      const run = log.runs[0]!;
      const rule = run.tool.driver.rules.find((candidate) => candidate.id === 'asyncapi-schema');
      assert.ok(rule, 'the driver lists asyncapi-schema');
      assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
      const ids = run.tool.driver.rules.map((candidate) => candidate.id);
      assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
      for (const sarifResult of run.results) assert.equal(run.tool.driver.rules[sarifResult.ruleIndex!]?.id, sarifResult.ruleId);
    });

    it("links every rule to its page, as the editor's diagnostics do (helpUri beside the bundle's package)", async function () {
      const log = validateSarif((await runCliOnce(['check', 'invalid', '--format', 'sarif'], fixtures)).stdout);
      const packageRoot = path.resolve(path.dirname(bundle), '..', '..');
      const rules = log.runs[0]!.tool.driver.rules;
      assert.ok(rules.length > 50, `${rules.length} rules`);
      for (const rule of rules) {
        assert.equal(rule.helpUri, pathToFileURL(path.join(packageRoot, 'docs', 'rules', `${rule.id}.md`)).href);
        assert.ok(fs.existsSync(fileURLToPath(rule.helpUri!)), `${rule.helpUri} exists`);
      }
    });

    it('is valid with no results, with warnings only, and with related locations', async function () {
      const clean = validateSarif((await runCli(['check', 'valid', '--format', 'sarif'], { cwd: fixtures })).stdout);
      assert.deepEqual(clean.runs[0]!.results, []);

      const warnings = await runCli(['check', 'warnings', '--format', 'sarif'], { cwd: fixtures });
      assertExit(warnings, 0);
      const warningLog = validateSarif(warnings.stdout);
      assert.deepEqual(
        warningLog.runs[0]!.results.map((sarifResult) => [sarifResult.ruleId, sarifResult.level, sarifResult.locations[0]!.physicalLocation.artifactLocation.uri]),
        [
          ['syntax', 'warning', 'warnings/legacy-id.schema.json'],
          ['schema-examples-invalid', 'warning', 'warnings/price.schema.json'],
        ],
      );

      const folder = temporaryWorkspace(fixture('valid'));
      isolateConfig(folder);
      write(path.join(folder, 'schemas', 'account-created.schema.json'), '{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "type": "object",\n  "properties": {\n    "accountId": { "type": "strng" }\n  }\n}\n');
      const related = await runCli(['check', '.', '--format', 'sarif'], { cwd: folder });
      assertExit(related, 1);
      const relatedLog = validateSarif(related.stdout);
      const withRelated = relatedLog.runs[0]!.results.find((sarifResult) => sarifResult.relatedLocations?.length);
      assert.ok(withRelated, 'a ref-target-invalid result carries related locations');
      assert.equal(withRelated.ruleId, 'ref-target-invalid');
      for (const location of withRelated.relatedLocations!) assert.equal(sarifTarget(relatedLog, location), path.join(folder, 'schemas', 'account-created.schema.json'));
    });

    it('escapes spaces and non-ASCII letters in artifact URIs so they resolve to the file', async function () {
      const folder = temporaryWorkspace(undefined, 'my specs');
      isolateConfig(folder);
      const file = path.join(folder, 'été', 'billing service.yaml');
      write(file, fs.readFileSync(fixture('invalid', 'asyncapi.yaml'), 'utf8'));
      const result = await runCli(['check', '--format', 'sarif'], { cwd: folder });
      assertExit(result, 1);
      const log = validateSarif(result.stdout);
      const location = log.runs[0]!.results[0]!.locations[0]!;
      assert.equal(location.physicalLocation.artifactLocation.uri, '%C3%A9t%C3%A9/billing%20service.yaml');
      assert.equal(sarifTarget(log, location), file);
      assert.equal(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri, pathToFileURL(folder).href + '/');
    });

    it('escapes "#" and "?" in artifact URIs, so a consumer opens the right file', async function () {
      const folder = temporaryWorkspace();
      isolateConfig(folder);
      const hash = path.join(folder, 'orders#v2.yaml');
      const question = path.join(folder, 'what?.yaml');
      write(hash, fs.readFileSync(fixture('invalid', 'asyncapi.yaml'), 'utf8'));
      write(question, fs.readFileSync(fixture('invalid', 'asyncapi.yaml'), 'utf8'));
      const result = await runCli(['check', '--format', 'sarif'], { cwd: folder });
      assertExit(result, 1);
      const log = validateSarif(result.stdout);
      const targets = log.runs[0]!.results.map((sarifResult) => sarifTarget(log, sarifResult.locations[0]!)).sort();
      assert.deepEqual(targets, [hash, question].sort(), `artifact URIs resolve to ${targets.join(', ')}, not to the files`);
    });
  });

  describe('file discovery', function () {
    let workspace: string;
    const bad = fs.readFileSync(fixture('invalid', 'asyncapi.yaml'), 'utf8');

    before(function () {
      // git would not keep these, so they are written into a copy: an invalid document in an
      // ignored folder, in a file matching an ignored pattern, in a folder ignored by a nested
      // .gitignore, and in node_modules (skipped whatever .gitignore says).
      workspace = temporaryWorkspace(fixture('gitignore'));
      write(path.join(workspace, 'generated', 'asyncapi.yaml'), bad);
      write(path.join(workspace, 'orders.draft.yaml'), bad);
      write(path.join(workspace, 'sub', 'build', 'asyncapi.yaml'), bad);
      write(path.join(workspace, 'node_modules', 'some-package', 'asyncapi.yaml'), bad);
      write(path.join(workspace, 'sub', 'node_modules', 'other', 'schema.avsc'), '{ "type": "record", "fields": [] }');
    });

    it('honours .gitignore (also nested ones) and skips node_modules', async function () {
      const result = await runCli(['check', '.', '--format', 'json'], { cwd: workspace });
      assertExit(result, 0);
      const report = parseJson(result);
      assertWellFormed(report, workspace);
      assert.deepEqual(report.findings, []);
      // .event-design.yaml, asyncapi.yaml, the two schemas and sub/account-closed.avsc.
      assert.equal(report.summary.checkedFiles, 5);
    });

    it('would have reported those files: checking one of them by name finds its error', async function () {
      const result = await runCli(['check', 'generated/asyncapi.yaml', 'node_modules/some-package/asyncapi.yaml', '--format', 'json'], { cwd: workspace });
      assertExit(result, 1);
      assert.deepEqual(parseJson(result).findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`), [
        'generated/asyncapi.yaml:21 asyncapi-schema',
        'node_modules/some-package/asyncapi.yaml:21 asyncapi-schema',
      ]);
    });

    it('a folder whose only candidates are in node_modules has nothing to check (exit 2)', async function () {
      const folder = temporaryWorkspace();
      write(path.join(folder, 'node_modules', 'some-package', 'asyncapi.yaml'), bad);
      const result = await runCli(['check', '.'], { cwd: folder });
      assertExit(result, 2);
      assert.match(result.stderr, /No YAML, JSON or Avro files under \./);
      assert.equal(result.stdout, '');
    });

    it('honours a .gitignore above the folder being checked, as git does', async function () {
      // workspace/.gitignore ignores `generated/` at any depth; git ignores sub/generated/ too.
      write(path.join(workspace, 'sub', 'generated', 'asyncapi.yaml'), bad);
      try {
        const result = await runCli(['check', 'sub', '--format', 'json'], { cwd: workspace });
        assert.deepEqual(parseJson(result).findings.map((finding) => finding.file), [], 'sub/generated/ is ignored by the .gitignore of the parent folder');
        assertExit(result, 0);
      } finally {
        fs.rmSync(path.join(workspace, 'sub', 'generated'), { recursive: true, force: true });
      }
    });
  });

  describe('.event-design.yaml', function () {
    it('a rule turned to warning makes the error a warning, and the run exits 0', async function () {
      const result = await runCliOnce(['check', 'configured', '--format', 'json'], fixtures);
      assertExit(result, 0);
      const report = parseJson(result);
      assertWellFormed(report, fixtures);
      assert.deepEqual(report.summary, { checkedFiles: 2, skippedFiles: 0, errors: 0, warnings: 1, infos: 0, hints: 0 });
      assert.deepEqual(
        report.findings.map(({ file, line, column, rule, severity }) => ({ file, line, column, rule, severity })),
        [{ file: 'configured/asyncapi.yaml', line: 21, column: 13, rule: 'asyncapi-schema', severity: 'warning' }],
      );
    });

    it('that warning still counts for --max-warnings 0 (exit 1), and SARIF reports it at level warning', async function () {
      const limited = await runCli(['check', 'configured', '--max-warnings', '0', '--no-color'], { cwd: fixtures });
      assertExit(limited, 1);
      const sarif = await runCli(['check', 'configured', '--format', 'sarif'], { cwd: fixtures });
      assertExit(sarif, 0);
      const log = validateSarif(sarif.stdout);
      assert.deepEqual(log.runs[0]!.results.map((sarifResult) => [sarifResult.ruleId, sarifResult.level]), [['asyncapi-schema', 'warning']]);
    });

    it('a rule turned off removes the finding, and the run exits 0', async function () {
      const folder = temporaryWorkspace(fixture('configured'));
      write(path.join(folder, '.event-design.yaml'), 'categories:\n  discipline: off\nrules:\n  asyncapi-schema: off\n');
      const result = await runCli(['check', '.', '--format', 'json'], { cwd: folder });
      assertExit(result, 0);
      assert.deepEqual(parseJson(result).findings, []);
    });

    it('an override for some files only applies to those files', async function () {
      const folder = temporaryWorkspace(fixture('invalid'));
      write(path.join(folder, 'legacy', 'asyncapi.yaml'), fs.readFileSync(fixture('invalid', 'asyncapi.yaml'), 'utf8'));
      write(path.join(folder, '.event-design.yaml'), "categories:\n  discipline: off\noverrides:\n  - files: ['legacy/**']\n    rules:\n      asyncapi-schema: warning\n");
      const result = await runCli(['check', '.', '--format', 'json'], { cwd: folder });
      assertExit(result, 1);
      assert.deepEqual(parseJson(result).findings.map((finding) => `${finding.file} ${finding.severity}`), ['asyncapi.yaml error', 'legacy/asyncapi.yaml warning']);
    });

    for (const name of ['configured', 'invalid', 'warnings', 'valid']) {
      it(`gives the same findings as the editor's engine for ${name}/`, async function () {
        const folder = fixture(name);
        const result = await runCli(['check', '--format', 'json'], { cwd: folder });
        const cli = describeJsonFindings(parseJson(result));
        const editor = await editorFindings(folder);
        assert.deepEqual(cli, editor);
      });
    }
  });

  describe('--help and --version', function () {
    for (const args of [['--help'], ['-h'], ['help'], []]) {
      it(`${args.length > 0 ? args.join(' ') : '(no arguments)'} prints the usage, listing the commands, and exits 0`, async function () {
        const result = await runCliOnce(args);
        assertExit(result, 0);
        assert.match(result.stdout, /Usage:\n {2}event-design <command> \[options\] \[paths\.\.\.\]/);
        assert.match(result.stdout, /\n {2}check +check AsyncAPI documents/);
        assert.match(result.stdout, /Exit codes \(every command\):/);
        assert.equal(result.stderr, '');
      });
    }

    for (const args of [['check', '--help'], ['help', 'check']]) {
      it(`${args.join(' ')} prints the options of check and exits 0`, async function () {
        const result = await runCliOnce(args);
        assertExit(result, 0);
        assert.match(result.stdout, /Usage:\n {2}event-design check \[paths\.\.\.\] \[options\]/);
        assert.match(result.stdout, /--format <format> +Output format \(default: stylish\): stylish, json, sarif, markdown, junit,\s+github \(workflow annotations\) or gitlab/);
        assert.match(result.stdout, /--max-warnings <n>/);
        assert.equal(result.stderr, '');
      });
    }

    for (const flag of ['--version', '-v', 'version']) {
      it(`${flag} prints the package version and exits 0`, async function () {
        const result = await runCliOnce([flag]);
        assertExit(result, 0);
        assert.match(result.stdout, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\n$/);
        const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
        assert.equal(result.stdout.trim(), manifest.version);
      });
    }
  });

  describe('the bundle', function () {
    it('runs on its own, copied away from the repository and its node_modules', async function () {
      // The bundle's folder holds what ships with it (the parser worker beside the CLI): copy that.
      const parent = temporaryWorkspace(undefined, 'cli');
      for (const name of fs.readdirSync(path.dirname(bundle))) {
        if (name.endsWith('.js')) fs.copyFileSync(path.join(path.dirname(bundle), name), path.join(parent, name));
      }
      const script = path.join(parent, path.basename(bundle));
      const folder = path.join(parent, 'ws');
      fs.cpSync(fixture('invalid'), path.join(folder, 'invalid'), { recursive: true });
      fs.cpSync(fixture('valid'), path.join(folder, 'valid'), { recursive: true });
      isolateConfig(folder);
      const result = await runCli(['check', '--format', 'json'], { cwd: folder, script, env: { NODE_PATH: undefined } });
      assertExit(result, 1);
      const report = parseJson(result);
      // Four documents and schemas, and three .event-design.yaml files (each fixture's and the folder's).
      assert.equal(report.summary.checkedFiles, 7);
      assert.deepEqual(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule}`), ['invalid/asyncapi.yaml:21:13 asyncapi-schema']);
    });

    it('starts with a node shebang', function () {
      assert.ok(fs.readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n'));
    });
  });

  describe("the repository's examples/", function () {
    it('exits 1 with exactly one error: asyncapi-schema at legacy/inventory-sync.yaml line 48', async function () {
      const result = await runCliOnce(['check', 'examples', '--format', 'json'], root);
      assertExit(result, 1);
      const report = parseJson(result);
      assertWellFormed(report, root);
      const errors = report.findings.filter((finding) => finding.severity === 'error');
      assert.equal(report.summary.errors, 1);
      assert.deepEqual(
        errors.map(({ file, line, rule }) => ({ file, line, rule })),
        [{ file: 'examples/legacy/inventory-sync.yaml', line: 48, rule: 'asyncapi-schema' }],
      );
    });

    it('checks the current folder when no path is given, with paths relative to it', async function () {
      const result = await runCli(['check', '--no-color'], { cwd: path.join(root, 'examples') });
      assertExit(result, 1);
      assert.match(result.stdout, /^legacy\/inventory-sync\.yaml\n(?: {2}.*\n)* {2}48:13 {2}error {2}.*asyncapi-schema$/m);
      // The examples also have the design gaps the discipline rules report (warnings, info).
      assert.match(result.stdout, /✖ \d+ problems? \(1 error, \d+ warnings?, \d+ info(, \d+ hints? not shown)?\) in \d+ files checked/);
    });

    it('SARIF for examples/ validates and points at the same place', async function () {
      const result = await runCli(['check', 'examples', '--format', 'sarif'], { cwd: root });
      assertExit(result, 1);
      const log = validateSarif(result.stdout);
      const errors = log.runs[0]!.results.filter((sarifResult) => sarifResult.level === 'error');
      assert.equal(errors.length, 1);
      assert.equal(errors[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'examples/legacy/inventory-sync.yaml');
      assert.equal(errors[0]!.locations[0]!.physicalLocation.region.startLine, 48);
    });
  });

  describe('the AsyncAPI examples corpus (../shared/corpus/asyncapi-examples)', function () {
    this.timeout(900_000);

    it('exits 0 with no error; every remote-ref finding is in an adeo-kafka-request-reply document', async function () {
      if (!fs.existsSync(corpus)) {
        console.log(`      skipped: the corpus folder ${corpus} does not exist`);
        this.skip();
      }
      const result = await runCli(['check', corpus, '--format', 'json'], { cwd: root, timeoutMs: 840_000 });
      assertExit(result, 0);
      const report = parseJson(result);
      assertWellFormed(report, root);
      assert.equal(report.summary.errors, 0, `errors: ${describeJsonFindings(report).filter((line) => line.includes(' error ')).join('\n')}`);
      assert.ok(report.summary.checkedFiles >= 50, `checked ${report.summary.checkedFiles} files`);
      const remote = report.findings.filter((finding) => finding.rule === 'remote-ref');
      for (const finding of remote) assert.match(path.basename(finding.file), /adeo-kafka-request-reply/, `${finding.file}:${finding.line}`);
    });
  });
});
