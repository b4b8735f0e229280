import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseCheckArguments } from '../../server/src/cli/commands/check';
import { COMMANDS } from '../../server/src/cli/commands';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * `.pre-commit-hooks.yaml` as pre-commit reads it: its entry runs a real command of the package's
 * bin, and what its `files` pattern selects, passed as pre-commit passes staged files, is checked.
 */

const root = findRepoRoot();
const bundle = path.join(root, 'dist', 'cli', 'event-design.js');

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
  require_serial: boolean;
}

const hooks = parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((candidate) => candidate.id === 'event-design-check')!;
/** pre-commit matches `files` with Python's re.search; the pattern keeps to what JavaScript reads alike, but for its (?i) prefix. */
const files = new RegExp(hook.files.replace(/^\(\?i\)/, ''), hook.files.startsWith('(?i)') ? 'i' : '');
const selected = (paths: string[]) => paths.filter((file) => files.test(file));

/** The files under a folder, relative to the repository with `/`, as pre-commit names staged files. */
function filesUnder(folder: string): string[] {
  return (fs.readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

describe('.pre-commit-hooks.yaml', function () {
  this.timeout(120_000);

  it('declares the event-design-check hook: node, its entry, staged files passed to one process', function () {
    assert.ok(Array.isArray(hooks));
    assert.ok(hook, 'a hook with id event-design-check');
    assert.deepEqual({ language: hook.language, entry: hook.entry, pass_filenames: hook.pass_filenames, require_serial: hook.require_serial }, { language: 'node', entry: 'event-design check', pass_filenames: true, require_serial: true });
    assert.ok(hook.name);
  });

  it("runs the package's bin with a real command whose options accept the staged files after them", function () {
    const [bin, command, ...options] = hook.entry.split(' ');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.ok(bin! in manifest.bin, `${bin} is a bin of the package`);
    assert.ok(COMMANDS.some((candidate) => candidate.name === command), `${command} is a command`);
    assert.deepEqual(parseCheckArguments([...options, 'a/asyncapi.yaml', 'b.avsc'], false), parseCheckArguments(['a/asyncapi.yaml', 'b.avsc'], false));
  });

  it('selects AsyncAPI documents, schemas and configuration by name, and nothing else', function () {
    const wanted = ['asyncapi.yaml', 'services/orders/asyncapi.yml', 'api/orders.asyncapi.json', 'AsyncAPI.yaml', 'schemas/order.avsc', 'schemas/order-placed.schema.json', 'x/y.schema.yaml', '.event-design.yaml', 'team/.event-design.yaml'];
    const unwanted = ['package.json', 'tsconfig.json', 'asyncapi/README.md', 'asyncapi/config.ts', 'schema.json', 'docs/asyncapi.yaml.md', 'event-design.yaml', 'orders.avsc.bak'];
    assert.deepEqual(selected([...wanted, ...unwanted]), wanted);
  });

  it('passes (exit 0) on the selected files of a clean folder and fails (exit 1) on those of a broken one, as pre-commit runs it', function () {
    const [, ...args] = hook.entry.split(' ');
    const clean = selected(filesUnder('test/cli/fixtures/valid'));
    assert.equal(clean.length, 4, clean.join(', '));
    const passing = spawnSync(process.execPath, [bundle, ...args, ...clean], { cwd: root, encoding: 'utf8' });
    assert.equal(passing.status, 0, passing.stdout + passing.stderr);
    const broken = selected(filesUnder('test/cli/fixtures/invalid'));
    const failing = spawnSync(process.execPath, [bundle, ...args, ...broken], { cwd: root, encoding: 'utf8' });
    assert.equal(failing.status, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /test\/cli\/fixtures\/invalid\/asyncapi\.yaml\n.*asyncapi-schema/);
  });
});
