import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';
import type { FuzzReport } from './fuzzReport';
import { encodeForDisk, mutate } from './mutators';
import type { SeededRandom } from './seededRandom';
import type { SeedFile } from './seedWorkspace';

const CLI_BUNDLE = path.join(findRepoRoot(), 'dist', 'cli', 'event-design.js');
/** A line of a JavaScript stack trace: what a user must never see. */
const STACK_LINE = /^\s+at .*\(/m;

export interface CliFuzzOptions {
  batches: number;
  timeoutMs: number;
  stopAt: number;
  progress?: (message: string) => void;
}

/**
 * Runs `event-design check --format json` on folders of mutated files: it must exit 0 (clean) or
 * 1 (findings), print JSON that parses, never a stack trace, within the time limit.
 */
export async function fuzzCli(random: SeededRandom, seeds: readonly SeedFile[], options: CliFuzzOptions, report: FuzzReport) {
  for (let batch = 0; batch < options.batches && Date.now() < options.stopAt; batch++) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-fuzz-cli-'));
    try {
      const files = writeBatch(random, seeds, folder);
      report.note({ index: batch, kind: 'cli-batch', detail: [...files.entries()].map(([file, applied]) => [file, applied]) });
      const started = Date.now();
      const result = await runCli(folder, options.timeoutMs);
      report.cliBatches++;
      report.slowestCliMs = Math.max(report.slowestCliMs, Date.now() - started);
      const inputs = () => new Map([...files.keys()].map((file) => [file, fs.readFileSync(path.join(folder, file))] as const));
      const fail = (kind: 'cli-exit-code' | 'cli-json' | 'cli-stack-trace' | 'cli-timeout', message: string) => report.fail({ kind, opIndex: batch, method: 'cli check', message }, inputs, { stderr: result.stderr.slice(-4000) });
      if (result.timedOut) fail('cli-timeout', `no result within ${options.timeoutMs} ms`);
      else if (result.status !== 0 && result.status !== 1) fail('cli-exit-code', `exit code ${result.status} (signal ${result.signal}); stderr: ${result.stderr.slice(-1500)}`);
      else {
        try {
          JSON.parse(result.stdout);
        } catch (error) {
          fail('cli-json', `stdout is not JSON (${(error as Error).message}): ${result.stdout.slice(0, 300)}`);
        }
      }
      if (STACK_LINE.test(result.stderr)) fail('cli-stack-trace', `stderr has a stack trace: ${result.stderr.slice(0, 1500)}`);
      options.progress?.(`  CLI batch ${batch + 1}/${options.batches}: exit ${result.status} in ${Date.now() - started} ms`);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
}

/** A handful of seed files, most of them mutated, keeping their folders so `$ref`s between them resolve. */
function writeBatch(random: SeededRandom, seeds: readonly SeedFile[], folder: string): Map<string, string[]> {
  const chosen = new Map<string, SeedFile>();
  for (let count = random.between(3, 10); count > 0; count--) {
    const seed = random.pick(seeds);
    chosen.set(seed.path, seed);
  }
  const written = new Map<string, string[]>();
  const paths = [...chosen.keys()].sort();
  for (const file of paths) {
    const seed = chosen.get(file)!;
    const mutated = random.chance(0.8) ? mutate(seed.text, random, { path: file, neighbours: paths.filter((other) => other !== file), donors: [] }) : { text: seed.text, applied: [] };
    const target = path.join(folder, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, encodeForDisk(mutated.text));
    written.set(file, mutated.applied);
  }
  return written;
}

interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runCli(folder: string, timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, 'check', '--format', 'json', folder], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), timedOut });
    });
  });
}
