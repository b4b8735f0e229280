import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { findRepoRoot } from '../grammar/repoRoot';
import { LspTestClient } from '../lsp/lspClient';

/**
 * The npm package of the CLI and the language server (packages/cli/, ARCHITECTURE.md "Packages"),
 * as a user gets it: `npm pack` (its prepack builds the production bundles), then
 * `npm install --save-dev` of the tarball in a fresh project, offline, and the commands run there
 * through npx on a small producer/consumer fixture kept in git.
 */
const root = findRepoRoot();
const fixture = path.join(root, 'test', 'node', 'fixtures', 'cliPackage');
const MB = 1024 * 1024;
/** The targets: a small package a project adds without thinking twice. */
const MAX_TARBALL_BYTES = 4 * MB;
const MAX_INSTALLED_BYTES = 40 * MB;
const DIST_FILES = ['cli/event-design.js', 'cli/event-design.js.LEGAL.txt', 'cli/parserWorker.js', 'cli/parserWorker.js.LEGAL.txt', 'server/graphLayoutWorker.js', 'server/parserWorker.js', 'server/parserWorker.js.LEGAL.txt', 'server/server.js', 'server/server.js.LEGAL.txt'].map((file) => `dist/${file}`);
/** npm's lifecycle scripts that run when a package is installed. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

interface PackResult {
  filename: string;
  size: number;
  files: Array<{ path: string; mode: number }>;
}

interface Manifest {
  version: string;
  private?: boolean;
  bin: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: object;
  optionalDependencies?: object;
  peerDependencies?: object;
}

/**
 * npm without the variables of the `npm run` this test may run under (npm_config_local_prefix and
 * the like would point the nested npm at the repository instead of the scratch project).
 */
function npmEnvironment() {
  const environment: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false' };
  for (const name of Object.keys(environment)) if (/^npm_(?!config_update_notifier$)/i.test(name) || name === 'INIT_CWD') delete environment[name];
  return environment;
}

function npm(args: string[], cwd: string) {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', env: npmEnvironment() });
}

/** A command of the installed package, the way a user runs it. */
function npx(project: string, ...args: string[]) {
  return spawnSync('npx', ['--no', '--', ...args], { cwd: project, encoding: 'utf8', env: npmEnvironment() });
}

function sizeOf(folder: string): number {
  return fs.readdirSync(folder, { withFileTypes: true }).reduce((total, entry) => {
    const full = path.join(folder, entry.name);
    return total + (entry.isDirectory() ? sizeOf(full) : entry.isFile() ? fs.statSync(full).size : 0);
  }, 0);
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

describe('the CLI package (npm pack ./packages/cli, installed in a fresh project)', function () {
  this.timeout(300_000);
  const rootManifest = readJson<Manifest>(path.join(root, 'package.json'));
  let scratch: string;
  let project: string;
  let installed: string;
  let packed: PackResult;

  before(function () {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-package-'));
    packed = (JSON.parse(npm(['pack', path.join(root, 'packages', 'cli'), '--pack-destination', scratch, '--json', '--silent'], root)) as PackResult[])[0]!;
    project = path.join(scratch, 'project');
    fs.mkdirSync(project);
    npm(['init', '-y'], project);
    // Offline: the package needs nothing from the registry, so the install cannot fetch anything.
    npm(['install', '--save-dev', path.join(scratch, packed.filename), '--offline', '--no-audit', '--no-fund'], project);
    installed = path.join(project, 'node_modules', 'event-design');
    fs.cpSync(fixture, project, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Event Design', '-c', 'user.email=tests@example.com', ...args], { cwd: project });
    git('init', '-q');
    git('add', 'specs');
    git('commit', '-q', '-m', 'The shop and the warehouse agree on OrderPlaced');
  });

  after(function () {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('is a small tarball of the launchers, the production bundles and the docs, nothing else', function () {
    assert.ok(packed.size <= MAX_TARBALL_BYTES, `the tarball has ${(packed.size / MB).toFixed(2)} MB`);
    const files = packed.files.map((file) => file.path);
    assert.deepEqual(files.filter((file) => file.startsWith('dist/')).sort(), DIST_FILES);
    assert.deepEqual(files.filter((file) => !/^(dist|docs)\//.test(file)).sort(), ['LICENSE', 'README.md', 'bin/event-design-language-server.js', 'bin/event-design.js', 'package.json']);
    assert.ok(files.includes('docs/cli.md') && files.includes('docs/editors.md') && files.includes('docs/rules/message-example-invalid.md'));
    assert.deepEqual(files.filter((file) => file.endsWith('.map') || file.startsWith('docs/images/') || file.startsWith('docs/marketplace/')), []);
    for (const launcher of Object.values(rootManifest.bin)) {
      const file = packed.files.find((candidate) => candidate.path === path.posix.normalize(launcher));
      assert.ok(file && (file.mode & 0o111) !== 0, `${launcher} is packed executable`);
    }
  });

  it('declares no dependencies and no install scripts, and is the repository’s version and commands', function () {
    const manifest = readJson<Manifest>(path.join(installed, 'package.json'));
    assert.equal(manifest.private, undefined);
    assert.equal(manifest.version, rootManifest.version);
    assert.deepEqual(manifest.bin, rootManifest.bin);
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const) assert.equal(manifest[field], undefined, field);
    assert.deepEqual(Object.keys(manifest.scripts ?? {}).filter((script) => INSTALL_SCRIPTS.includes(script)), []);
  });

  it('installs alone: one package, no install script, no telemetry, within the size target', function () {
    const lock = readJson<{ packages: Record<string, { hasInstallScript?: boolean }> }>(path.join(project, 'package-lock.json'));
    assert.deepEqual(Object.keys(lock.packages).sort(), ['', 'node_modules/event-design']);
    assert.equal(lock.packages['node_modules/event-design']!.hasInstallScript, undefined);
    assert.deepEqual(fs.readdirSync(path.join(project, 'node_modules')).sort(), ['.bin', '.package-lock.json', 'event-design']);
    const installedBytes = sizeOf(path.join(project, 'node_modules'));
    assert.ok(installedBytes <= MAX_INSTALLED_BYTES, `node_modules has ${(installedBytes / MB).toFixed(1)} MB`);
    assert.deepEqual(readJson<{ devDependencies: Record<string, string> }>(path.join(project, 'package.json')).devDependencies, { 'event-design': `file:${path.relative(project, path.join(scratch, packed.filename))}` });
  });

  it('runs check: exit 1 on a warning past --max-warnings, at its line, with the rule page installed', function () {
    const result = npx(project, 'event-design', 'check', 'specs', '--format', 'json', '--max-warnings', '0');
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { tool: { version: string }; summary: { checkedFiles: number; errors: number; warnings: number }; findings: Array<{ file: string; rule: string; severity: string; line: number; docs: string }> };
    assert.equal(report.tool.version, rootManifest.version);
    assert.deepEqual([report.summary.checkedFiles, report.summary.errors, report.summary.warnings], [3, 0, 1]);
    const warning = report.findings.find((finding) => finding.severity === 'warning');
    assert.deepEqual(warning && [warning.file, warning.rule, warning.line], ['specs/shop.yaml', 'message-example-invalid', 27]);
    assert.ok(fs.existsSync(path.join(installed, warning!.docs)), `${warning!.docs} is in the package`);
  });

  it('runs graph: the producer, the consumer and their channel', function () {
    const result = npx(project, 'event-design', 'graph', 'specs', '--format', 'mermaid');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^flowchart LR\n/);
    for (const node of ['("Shop")', '("Warehouse")', '"shop.order-placed"']) assert.ok(result.stdout.includes(node), `${node} in\n${result.stdout}`);
  });

  it('runs diff: a changed field type breaks the consumer, against the committed version', function () {
    const schema = path.join(project, 'specs', 'order-placed.schema.json');
    fs.writeFileSync(schema, fs.readFileSync(schema, 'utf8').replace('"quantity": { "type": "integer", "minimum": 1 }', '"quantity": { "type": "string" }'));
    const result = npx(project, 'event-design', 'diff', '--baseline', 'HEAD', '--format', 'json');
    assert.equal(result.status, 1, result.stderr);
    const breaks = (JSON.parse(result.stdout) as { findings: Array<{ file: string; rule: string; message: string }> }).findings;
    assert.deepEqual(breaks.map((finding) => [finding.file, finding.rule]), [['specs/order-placed.schema.json', 'compatibility-break']]);
    assert.match(breaks[0]!.message, /integer → string.*Warehouse/s);
  });

  it('has the language server command: help, a usage error without a transport', function () {
    const help = npx(project, 'event-design-language-server', '--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^ {2}event-design-language-server --stdio$/m);
    const bare = npx(project, 'event-design-language-server');
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /say how to talk to the editor, e\.g\. --stdio/);
  });

  it('serves a client that sends no settings and no workspace/configuration capability, with the defaults', async function () {
    const client = new LspTestClient(path.join(installed, 'bin', 'event-design-language-server.js'));
    try {
      const folder = URI.file(project).toString();
      // What a minimal editor sends: no capabilities, no initialization options.
      await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'project' }], capabilities: {} });
      await client.connection.sendNotification('initialized', {});
      const uri = URI.file(path.join(project, 'specs', 'shop.yaml')).toString();
      await client.open(uri, fs.readFileSync(path.join(project, 'specs', 'shop.yaml'), 'utf8'));
      const diagnostics = await client.waitFor(uri, (current) => current.some((diagnostic) => diagnostic.code === 'message-example-invalid'), 'the example finding');
      const finding = diagnostics.find((diagnostic) => diagnostic.code === 'message-example-invalid')!;
      assert.equal(finding.range.start.line, 26);
      // The rule pages the diagnostics link to are the installed package's.
      assert.equal(finding.codeDescription?.href, URI.file(path.join(fs.realpathSync(installed), 'docs', 'rules', 'message-example-invalid.md')).toString());
    } finally {
      await client.shutdown();
    }
  });
});
