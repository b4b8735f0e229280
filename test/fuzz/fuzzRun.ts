import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fuzzCli } from './cliFuzzer';
import { FuzzReport } from './fuzzReport';
import { LspFuzzer } from './lspFuzzer';
import { encodeForDisk } from './mutators';
import { SeededRandom } from './seededRandom';
import { loadSeedFiles } from './seedWorkspace';

export interface FuzzOptions {
  seed: number;
  operations: number;
  /** Wall-clock budget for the whole run; undefined: none. */
  minutes?: number;
  requestDeadlineMs: number;
  idleDeadlineMs: number;
  memoryLimitMb: number;
  maxInFlight: number;
  cliBatches: number;
  cliTimeoutMs: number;
  findingsDir: string;
  interrupted?: () => boolean;
  progress?: (message: string) => void;
}

export const DEFAULT_FUZZ_OPTIONS: Omit<FuzzOptions, 'seed' | 'findingsDir'> = {
  operations: 2000,
  requestDeadlineMs: 10_000,
  idleDeadlineMs: 60_000,
  memoryLimitMb: 1536,
  maxInFlight: 4,
  cliBatches: 2,
  cliTimeoutMs: 120_000,
};

/**
 * One fuzz run: the language server over a temporary copy of the seed workspace (a git
 * repository, so compatibility baselines are exercised), then the CLI on batches of mutated
 * files. The language server and the CLI phases draw from generators of their own, so changing
 * the number of operations leaves the CLI batches as they were.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const report = new FuzzReport(options.seed, options.findingsDir);
  const root = new SeededRandom(options.seed);
  const lspRandom = root.fork();
  const cliRandom = root.fork();
  // One AsyncAPI version's examples beside examples/: workspace-wide requests (graph, lenses,
  // symbols) cost what the workspace holds, and 40 files keep a run to minutes.
  const version = root.pick(['v2.6.0', 'v3.0.0', 'v3.1.0']);
  const seeds = loadSeedFiles().filter((seed) => seed.path.startsWith('examples/') || seed.path.startsWith(`corpus/${version}/`));
  const stopAt = options.minutes === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.minutes * 60_000;
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'event-design-fuzz-'));
  report.varyingPaths.push(workspace);
  try {
    for (const seed of seeds) {
      const target = path.join(workspace, seed.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, encodeForDisk(seed.text));
    }
    commitSeeds(workspace);
    const lspStopAt = options.minutes === undefined ? stopAt : Date.now() + options.minutes * 60_000 * 0.85;
    options.progress?.(`language server: ${options.operations} operations on ${seeds.length} seed files in ${workspace}`);
    await new LspFuzzer(lspRandom, seeds, workspace, { operations: options.operations, stopAt: lspStopAt, requestDeadlineMs: options.requestDeadlineMs, idleDeadlineMs: options.idleDeadlineMs, memoryLimitKb: options.memoryLimitMb * 1024, maxInFlight: options.maxInFlight, interrupted: options.interrupted, progress: options.progress }, report).run();
    options.progress?.(`CLI: ${options.cliBatches} batches`);
    if (!options.interrupted?.()) await fuzzCli(cliRandom, seeds, { batches: options.cliBatches, timeoutMs: options.cliTimeoutMs, stopAt, progress: options.progress }, report);
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  return report;
}

/** The seeds as HEAD, so that the server's git baselines have something to compare with. */
function commitSeeds(workspace: string) {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=fuzz', '-c', 'user.email=fuzz@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: workspace, stdio: 'ignore' });
  try {
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'seeds');
  } catch {
    // Without git the baselines are missing, which the server reports itself; the fuzzing goes on.
  }
}

/** The figures a run prints, one per line. */
export function summarise(report: FuzzReport): string[] {
  const lines = [
    `seed ${report.seed}: ${report.operations} operations, sequence digest ${report.sequenceDigest()}`,
    `requests by method (count, mean ms): ${[...report.requestsByMethod.entries()].sort(([left], [right]) => left.localeCompare(right)).map(([method, { count, totalMs }]) => `${method} ${count} (${Math.round(totalMs / count)})`).join(', ')}`,
    `slowest request: ${report.slowest.method} ${report.slowest.ms} ms (seed ${report.seed}, op ${report.slowest.opIndex})`,
    `peak memory of the server's process tree: ${Math.round(report.peakMemoryKb / 1024)} MB`,
    `CLI batches run: ${report.cliBatches} (slowest ${report.slowestCliMs} ms)`,
    `mutators applied: ${[...report.mutatorsUsed.entries()].sort(([left], [right]) => left.localeCompare(right)).map(([name, count]) => `${name} ${count}`).join(', ')}`,
    `seconds by operation kind: ${[...report.timeByOperation.entries()].sort(([, left], [, right]) => right - left).map(([kind, ms]) => `${kind} ${(ms / 1000).toFixed(1)}`).join(', ')}`,
    `server restarts (after an exit, or 3 missed deadlines in a row): ${report.serverRestarts}`,
    `failures: ${report.failures.length}`,
  ];
  const byKind = new Map<string, typeof report.failures>();
  for (const failure of report.failures) {
    const key = `${failure.kind} ${failure.method ?? ''}`.trim();
    byKind.set(key, [...(byKind.get(key) ?? []), failure]);
  }
  for (const [key, failures] of byKind) {
    const first = failures[0]!;
    lines.push(`  ${key} ×${failures.length}, first at seed ${first.seed} op ${first.opIndex}: ${first.message.slice(0, 300).replace(/\s+/g, ' ')}`);
    for (const saved of failures.filter((failure) => failure.savedTo)) lines.push(`    inputs: ${saved.savedTo}`);
  }
  return lines;
}
