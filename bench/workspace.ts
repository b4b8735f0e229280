/**
 * `node out/bench/run.js workspace` (or `npm run bench:workspace`): the language server and the CLI
 * on a generated workspace of 300 AsyncAPI 3.0.0 documents of about 10 channels each, services that
 * share channels (test/engine/graph/syntheticServices.ts: each channel sent by one service and
 * received by up to two others). Not a test: it prints the figures next to issue 12's targets and
 * exits 0 whatever they say (non-zero only when a measurement could not be made).
 *
 * - cold start: `initialize` on the folder with one document opened at once; the time to that
 *   document's first diagnostics (they must not wait for the workspace), and to the index being
 *   done with every workspace-wide finding published (the server idle);
 * - contracts after an edit: the open producer's payload property changes type; the time until
 *   the producer's own `contract-consumer-incompatible` and a consumer's (unopened) document's
 *   `contract-incompatible` are published; then the revert, until both are gone;
 * - `check` of the whole folder through the built CLI, wall clock and peak resident memory;
 * - the server's peak resident memory (VmHWM; the parser worker is a thread of the same process).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { syntheticServices } from '../test/engine/graph/syntheticServices';
import { LspSession, processMemory } from './lspClient';
import { REPO_ROOT, SERVER_BUNDLE } from './serverModules';
import { bytes, ms, summarise } from './stats';

const CLI_BUNDLE = path.join(REPO_ROOT, 'dist', 'cli', 'event-design.js');
const SERVICES = 300;
/** syntheticServices gives a service its sent channels plus about twice as many received ones. */
const CHANNELS = 1000;
const TARGETS = { coldIndexMs: 10_000, contractsAfterEditMs: 300, checkMs: 60_000, memoryBytes: 1024 * 1024 * 1024 };
const TIMEOUT_MS = 300_000;

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/** The open document's edit: one payload property of a message it sends changes type, and back. */
interface ProducerEdit {
  producer: string;
  consumer: string;
  line: number;
  before: string;
  after: string;
}

/** Finds, in the generated files, a message the first service sends that another service receives, and its `id` property's line. */
function producerEdit(files: Record<string, string>): ProducerEdit {
  const names = Object.keys(files).sort();
  const producer = names[0]!;
  const lines = files[producer]!.split('\n');
  const sent = lines.map((line) => /^ {4}action: send$/.test(line)).indexOf(true);
  const channel = /\$ref: '#\/channels\/(entity\d+Updated)'/.exec(lines[sent + 2] ?? '')?.[1];
  if (!channel) throw new Error('the generated producer sends nothing');
  const message = channel.replace(/^e/, 'E');
  const consumer = names.find((name) => name !== producer && files[name]!.includes(`  receive${message}:`));
  if (!consumer) throw new Error(`nobody receives ${message}`);
  const definition = lines.indexOf(`    ${message}:`);
  const line = lines.findIndex((text, index) => index > definition && text === '          id: { type: string }');
  return { producer, consumer, line, before: lines[line]!, after: '          id: { type: integer }' };
}

/** Runs the CLI's `check` on the folder; wall clock, exit code and the peak resident memory sampled from /proc. */
function runCheck(folder: string): Promise<{ wallMs: number; exitCode: number | null; peakRss: number; summary: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI_BUNDLE, 'check', folder, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let peakRss = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // VmHWM is the process's own peak, so the last sample before it exits is (nearly) its peak.
    const sampler = setInterval(() => {
      const { hwm, rss } = processMemory(child.pid!);
      peakRss = Math.max(peakRss, hwm ?? 0, rss ?? 0);
    }, 100);
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearInterval(sampler);
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      let summary = stderr.trim().split('\n').slice(-1)[0] ?? '';
      try {
        const counts = (JSON.parse(stdout) as { summary?: Record<string, number> }).summary ?? {};
        summary = ['checkedFiles', 'errors', 'warnings', 'infos', 'hints'].map((name) => `${(counts[name] ?? 0).toLocaleString('en-US')} ${name.replace('checkedFiles', 'files')}`).join(', ');
      } catch {
        // The summary line of stderr says what happened.
      }
      resolve({ wallMs, exitCode, peakRss, summary });
    });
  });
}

export async function runWorkspaceBench(argv: string[]) {
  const services = Number(argv.find((arg) => arg.startsWith('--services='))?.slice('--services='.length) ?? SERVICES);
  const edits = Number(argv.find((arg) => arg.startsWith('--edits='))?.slice('--edits='.length) ?? 5);
  const files = syntheticServices(Math.round((CHANNELS * services) / SERVICES), { services, spread: 3 });
  const root = mkdtempSync(path.join(os.tmpdir(), 'event-design-bench-workspace-'));
  const totalBytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const channelsPerDocument = Object.values(files).map((text) => (text.match(/^ {4}address: /gm) ?? []).length);
  log(`workspace bench: ${Object.keys(files).length} documents, ${bytes(totalBytes)}, ${Math.min(...channelsPerDocument)}–${Math.max(...channelsPerDocument)} channels each; folder ${root}`);
  const edit = producerEdit(files);
  const producerUri = pathToFileURL(path.join(root, edit.producer)).href;
  const consumerUri = pathToFileURL(path.join(root, edit.consumer)).href;
  const rows: Array<[string, string, string]> = [];
  const failures: string[] = [];
  const session = new LspSession({ serverPath: SERVER_BUNDLE, workspaceFolder: root });
  try {
    const rootUri = pathToFileURL(root).href;
    const start = performance.now();
    const from = session.nextSeq;
    await session.initialize(rootUri);
    await session.open(producerUri, files[edit.producer]!);
    const first = await session.waitDiagnostics(from, producerUri, () => true, TIMEOUT_MS, 'the open document’s first diagnostics');
    rows.push(['cold start → the open document’s first diagnostics', ms(first.at - start), '–']);
    const idle = await session.waitIdle(from, TIMEOUT_MS, 'the workspace index');
    rows.push([`cold start → index done, workspace findings published (${idle.indexedFiles} files)`, ms(idle.at - start), `≤ ${ms(TARGETS.coldIndexMs)}`]);
    const filesWithDiagnostics = new Set(session.events.filter((event) => event.kind === 'diagnostics' && event.diagnostics.length > 0).map((event) => (event as { uri: string }).uri));
    rows.push(['files with diagnostics after the cold start', String(filesWithDiagnostics.size), '–']);

    const producerSeen: number[] = [];
    const consumerSeen: number[] = [];
    const revertGone: number[] = [];
    /** Replaces the whole edited line, whose current text is `from`, by `to`. */
    const replaceLine = (from: string, to: string) => ({ line: edit.line, startCharacter: 0, endCharacter: from.length, newText: to });
    for (let round = 0; round <= edits; round++) {
      let seq = session.nextSeq;
      const changed = performance.now();
      await session.change(producerUri, replaceLine(edit.before, edit.after));
      const producer = await session.waitDiagnostics(seq, producerUri, (list) => list.some((d) => d.code === 'contract-consumer-incompatible'), TIMEOUT_MS, 'the producer’s contract finding');
      const consumer = await session.waitDiagnostics(seq, consumerUri, (list) => list.some((d) => d.code === 'contract-incompatible'), TIMEOUT_MS, 'the consumer’s contract finding');
      await session.waitIdle(seq, TIMEOUT_MS, 'idle after the edit');
      seq = session.nextSeq;
      const reverted = performance.now();
      await session.change(producerUri, replaceLine(edit.after, edit.before));
      const gone = await session.waitDiagnostics(seq, consumerUri, (list) => !list.some((d) => d.code === 'contract-incompatible'), TIMEOUT_MS, 'the consumer’s contract finding to go');
      await session.waitIdle(seq, TIMEOUT_MS, 'idle after the revert');
      // The first round warms up (it compiles what later rounds reuse) and is not counted.
      if (round === 0) continue;
      producerSeen.push(producer.at - changed);
      consumerSeen.push(consumer.at - changed);
      revertGone.push(gone.at - reverted);
    }
    const median = (samples: number[]) => summarise(samples)?.median;
    const max = (samples: number[]) => (samples.length ? Math.max(...samples) : undefined);
    rows.push([`edit → producer’s contract finding (median; max of ${edits})`, `${ms(median(producerSeen))}; ${ms(max(producerSeen))}`, `≤ ${ms(TARGETS.contractsAfterEditMs)}`]);
    rows.push(['edit → unopened consumer’s contract finding', `${ms(median(consumerSeen))}; ${ms(max(consumerSeen))}`, `≤ ${ms(TARGETS.contractsAfterEditMs)}`]);
    rows.push(['revert → consumer’s contract finding gone', `${ms(median(revertGone))}; ${ms(max(revertGone))}`, `≤ ${ms(TARGETS.contractsAfterEditMs)}`]);
    rows.push(['server peak resident memory (VmHWM)', bytes(session.memory().hwm), `≤ ${bytes(TARGETS.memoryBytes)}`]);
  } catch (error) {
    failures.push(`language server: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await session.stop();
  }
  try {
    const check = await runCheck(root);
    rows.push([`\`check\` of the whole folder (exit ${check.exitCode}; ${check.summary})`, ms(check.wallMs), `≤ ${ms(TARGETS.checkMs)}`]);
    rows.push(['`check` peak resident memory', bytes(check.peakRss), `≤ ${bytes(TARGETS.memoryBytes)}`]);
  } catch (error) {
    failures.push(`check: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map(([what]) => what.length));
  console.log(`\nWorkspace: ${Object.keys(files).length} AsyncAPI 3.0.0 documents sharing channels (${bytes(totalBytes)}), load ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  for (const [what, value, target] of rows) console.log(`  ${what.padEnd(width)}  ${value.padStart(16)}  ${target}`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} measurement(s) failed:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
    process.exitCode = 1;
  }
}
