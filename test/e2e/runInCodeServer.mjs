#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end suite (out/test/e2e/suite) in a real VS Code.
//
//   node test/e2e/runInCodeServer.mjs [extra run.mjs options, e.g. --verbose or --timeout-ms N]
//
// By default the suite runs in code-server 4.139.1 (VS Code 1.139.1) with headless Chromium,
// through tools/vscode-web/run.mjs: that works offline, on machines that reach only the npm
// registry and Debian's packages. With VSCODE_E2E_DESKTOP=1 it runs the same suite in a desktop
// VS Code downloaded by @vscode/test-electron instead; when that download is impossible (as on the
// machine this was written on, which cannot reach update.code.visualstudio.com) it says so and
// falls back to code-server. On Linux the desktop path needs a display (e.g. `xvfb-run -a`).
//
// The workspace is always a fresh copy of examples/ in a temp folder, deleted afterwards: the
// suite writes a fixture folder into it and never touches the repository's examples.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TESTS = path.join(REPO, 'out', 'test', 'e2e', 'suite', 'index.js');
const RUN_MJS = path.join(REPO, 'tools', 'vscode-web', 'run.mjs');
const INSTALL_SH = path.join(REPO, 'tools', 'vscode-web', 'install.sh');
const log = (message) => console.log(`[e2e] ${message}`);

function checkBuilt() {
  const required = [
    'dist/client/extension.js',
    'dist/server/server.js',
    'dist/server/parserWorker.js',
    'out/test/e2e/suite/index.js',
    'out/test/e2e/suite/diagnostics.e2e.test.js',
  ];
  const missing = required.filter((file) => !existsSync(path.join(REPO, file)));
  if (missing.length > 0) {
    console.error(`[e2e] not built (missing ${missing.join(', ')}). Run: npm run build`);
    process.exit(1);
  }
}

function copyExamples() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'event-design-e2e-'));
  const workspace = path.join(tmp, 'examples');
  cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
  return { tmp, workspace };
}

/** Runs a child with inherited stdio; resolves with its exit code, forwarding Ctrl+C / SIGTERM. */
function runChild(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
    child.on('error', (error) => {
      console.error(`[e2e] could not run ${command}: ${error.message}`);
      resolve(1);
    });
  });
}

async function runInCodeServer(workspace, extraArgs) {
  log('installing / checking the real VS Code harness (tools/vscode-web/install.sh)');
  const install = spawnSync('bash', [INSTALL_SH], { cwd: REPO, stdio: 'inherit' });
  if (install.status !== 0) {
    console.error(`[e2e] tools/vscode-web/install.sh failed (exit ${install.status ?? install.signal})`);
    return 1;
  }
  // run.mjs's default (5 min) is shorter than a run in which every wait hits its 90 s deadline;
  // a failing suite should report its failures, not the runner's timeout.
  const timeout = extraArgs.includes('--timeout-ms') ? [] : ['--timeout-ms', '900000'];
  log(`running the suite in code-server on ${workspace}`);
  return runChild(process.execPath, [RUN_MJS, 'test', '--extension', REPO, '--tests', TESTS, '--workspace', workspace, ...timeout, ...extraArgs]);
}

/** The desktop path; undefined when VS Code cannot be downloaded here (then code-server runs). */
async function runInDesktopVsCode(workspace) {
  const require = createRequire(path.join(REPO, 'package.json'));
  let testElectron;
  try {
    testElectron = require('@vscode/test-electron');
  } catch (error) {
    log(`VSCODE_E2E_DESKTOP=1 but @vscode/test-electron is not installed (${error.message.split('\n')[0]}); using code-server`);
    return undefined;
  }
  // Downloads and the desktop user data go outside the repository (the default is ./.vscode-test).
  const cachePath = path.join(os.tmpdir(), 'event-design-vscode-test');
  let vscodeExecutablePath;
  try {
    log(`VSCODE_E2E_DESKTOP=1: downloading VS Code with @vscode/test-electron into ${cachePath}`);
    vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode({ cachePath, extensionDevelopmentPath: REPO, timeout: 30_000 });
  } catch (error) {
    log(`VSCODE_E2E_DESKTOP=1 but VS Code cannot be downloaded here (${String(error?.message ?? error).split('\n')[0]}); using code-server`);
    return undefined;
  }
  log(`running the suite in ${vscodeExecutablePath} on ${workspace}`);
  try {
    await testElectron.runTests({
      vscodeExecutablePath,
      cachePath,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: TESTS,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    log('tests passed (desktop VS Code)');
    return 0;
  } catch (error) {
    console.error(`[e2e] tests FAILED in desktop VS Code: ${error?.message ?? error}`);
    return 1;
  }
}

checkBuilt();
const started = Date.now();
const { tmp, workspace } = copyExamples();
let code;
try {
  if (process.env.VSCODE_E2E_DESKTOP === '1') code = await runInDesktopVsCode(workspace);
  code ??= await runInCodeServer(workspace, process.argv.slice(2));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
log(`${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${code})`);
process.exit(code);
