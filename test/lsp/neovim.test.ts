import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * A second real client: Debian's Neovim (0.7.2 in Debian 12), headless, through its built-in LSP
 * client configured as docs/editors.md tells users, starts `event-design-language-server --stdio`
 * (the repository's launcher, linked on the PATH as npm links it) on a copy of examples/, opens a document with a known
 * error, waits for it among the buffer's diagnostics and asks for the definition of a `$ref`
 * (test/lsp/neovimClient.lua). `npm test` installs Neovim (tools/vscode-web/install.sh).
 */
const root = findRepoRoot();

/** The first Lua block after the "**0.7**" paragraph of docs/editors.md. */
function documentedNeovim07Configuration() {
  const editors = fs.readFileSync(path.join(root, 'docs', 'editors.md'), 'utf8');
  const block = /^\*\*0\.7\*\*[\s\S]*?^```lua\n([\s\S]*?)^```$/m.exec(editors)?.[1];
  assert.ok(block, 'docs/editors.md has a Lua block for Neovim 0.7');
  return block;
}
const DOCUMENT = path.join('legacy', 'inventory-sync.yaml');
const REF = "$ref: '#/channels/stockSnapshot'";

interface NeovimResult {
  error?: string;
  diagnostics: Array<{ code: string; severity: number; range: { start: { line: number; character: number } }; codeDescription?: { href: string } }> | null;
  definition: Array<{ targetUri: string; targetSelectionRange: { start: { line: number; character: number } } }> | null;
  definitionError: unknown;
  stopped: boolean;
}

describe('the language server in Neovim (headless, its built-in LSP client)', function () {
  this.timeout(180_000);
  let scratch: string;
  let workspace: string;
  let commands: string;

  before(function () {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'nvim is not installed: run bash tools/vscode-web/install.sh (npm test does)');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-neovim-'));
    workspace = path.join(scratch, 'workspace');
    fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
    commands = path.join(scratch, 'bin');
    fs.mkdirSync(commands);
    fs.symlinkSync(path.join(root, 'bin', 'event-design-language-server.js'), path.join(commands, 'event-design-language-server'));
    // The documented configuration takes the repository (.git) as the root.
    execFileSync('git', ['init', '-q'], { cwd: workspace });
  });

  after(function () {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('publishes the diagnostics of an opened document and answers a definition request', function () {
    const document = path.join(workspace, DOCUMENT);
    const lines = fs.readFileSync(document, 'utf8').split('\n');
    const refLine = lines.findIndex((line) => line.trim() === REF);
    const targetLine = lines.findIndex((line) => line === '  stockSnapshot:');
    assert.ok(refLine > 0 && targetLine > 0, `${DOCUMENT} still has ${REF} and its channel`);
    const resultFile = path.join(scratch, 'neovim-result.json');
    const configuration = path.join(scratch, 'editors-neovim-0.7.lua');
    fs.writeFileSync(configuration, documentedNeovim07Configuration());

    const run = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(root, 'test', 'lsp', 'neovimClient.lua')], {
      cwd: workspace,
      encoding: 'utf8',
      // Neovim's own files (its LSP log) go to the scratch folder, not the user's.
      env: { ...process.env, XDG_STATE_HOME: scratch, XDG_CACHE_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CONFIG_HOME: scratch,
        PATH: `${commands}${path.delimiter}${process.env.PATH ?? ''}`,
        EVENT_DESIGN_CONFIG: configuration,
        EVENT_DESIGN_FILE: document,
        EVENT_DESIGN_RULE: 'asyncapi-schema',
        // Inside the quoted pointer.
        EVENT_DESIGN_POSITION: `${refLine}:${lines[refLine]!.indexOf('#')}`,
        EVENT_DESIGN_RESULT: resultFile,
      },
      timeout: 170_000,
    });
    assert.equal(run.status, 0, `nvim exited with ${run.status} (${run.signal ?? ''}): ${run.stderr}${fs.existsSync(resultFile) ? fs.readFileSync(resultFile, 'utf8') : ''}`);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as NeovimResult;
    assert.equal(result.error, undefined);

    // The 3.0 document says `action: publish` (2.x wording): an error on the value, with its rule page.
    const error = result.diagnostics?.find((diagnostic) => diagnostic.code === 'asyncapi-schema');
    assert.ok(error, JSON.stringify(result.diagnostics));
    assert.equal(error.severity, 1);
    assert.match(lines[error.range.start.line]!.slice(error.range.start.character), /^publish\b/);
    assert.equal(error.codeDescription?.href, URI.file(path.join(root, 'docs', 'rules', 'asyncapi-schema.md')).toString());

    // The $ref leads to the channel's key in the same document.
    assert.equal(result.definitionError, null);
    assert.deepEqual(result.definition?.map((link) => [link.targetUri, link.targetSelectionRange.start]), [[URI.file(document).toString(), { line: targetLine, character: 2 }]]);
    assert.equal(result.stopped, true, 'the server left after shutdown and exit');
  });
});
