/**
 * `npm run fuzz`: the fuzz tier. Drives the bundled language server and CLI with mutated AsyncAPI
 * documents and schemas, from a seed it prints; `--seed N` replays a run. See test/fuzz/README.md.
 */
import * as path from 'node:path';
import { findRepoRoot } from '../grammar/repoRoot';
import { DEFAULT_FUZZ_OPTIONS, runFuzz, summarise, type FuzzOptions } from './fuzzRun';

const USAGE = `usage: node out/test/fuzz/run.js [--seed N] [--ops N] [--minutes M] [--deadline MS] [--memory MB] [--cli-batches N] [--findings DIR]
  --seed         the seed (default: a random one, printed); the same seed replays the same operations
  --ops          language server operations (default ${DEFAULT_FUZZ_OPTIONS.operations}; with --minutes alone, no limit)
  --minutes      stop after this many minutes, whatever --ops says
  --deadline     milliseconds each request may take (default ${DEFAULT_FUZZ_OPTIONS.requestDeadlineMs})
  --idle         milliseconds the server may take to settle after edits (default ${DEFAULT_FUZZ_OPTIONS.idleDeadlineMs})
  --memory       MB the server's process tree may hold (default ${DEFAULT_FUZZ_OPTIONS.memoryLimitMb})
  --in-flight    requests sent without waiting for their answers (default ${DEFAULT_FUZZ_OPTIONS.maxInFlight})
  --cli-batches  CLI runs on folders of mutated files (default: one per 2,000 operations, at least ${DEFAULT_FUZZ_OPTIONS.cliBatches})
  --cli-timeout  milliseconds each CLI run may take (default ${DEFAULT_FUZZ_OPTIONS.cliTimeoutMs})
  --findings     where the inputs of failures are written (default .fuzz-findings/)`;

class UsageError extends Error {}

function parseArgs(argv: string[]): FuzzOptions {
  const values = new Map<string, number | string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = inline ?? argv[++index];
    if (!name.startsWith('--') || value === undefined) throw new UsageError(`${name} needs a value\n${USAGE}`);
    if (name === '--findings') {
      values.set(name, value);
      continue;
    }
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0) throw new UsageError(`${name} needs a number\n${USAGE}`);
    values.set(name, number);
  }
  const known = ['--seed', '--ops', '--minutes', '--deadline', '--idle', '--memory', '--in-flight', '--cli-batches', '--cli-timeout', '--findings'];
  for (const name of values.keys()) if (!known.includes(name)) throw new UsageError(`unknown option ${name}\n${USAGE}`);
  const number = (name: string) => values.get(name) as number | undefined;
  const minutes = number('--minutes');
  const operations = number('--ops') ?? (minutes !== undefined ? Number.MAX_SAFE_INTEGER : DEFAULT_FUZZ_OPTIONS.operations);
  return {
    seed: Math.floor(number('--seed') ?? Math.floor(Math.random() * 2 ** 31)),
    operations,
    minutes,
    requestDeadlineMs: number('--deadline') ?? DEFAULT_FUZZ_OPTIONS.requestDeadlineMs,
    idleDeadlineMs: number('--idle') ?? DEFAULT_FUZZ_OPTIONS.idleDeadlineMs,
    memoryLimitMb: number('--memory') ?? DEFAULT_FUZZ_OPTIONS.memoryLimitMb,
    maxInFlight: Math.max(1, number('--in-flight') ?? DEFAULT_FUZZ_OPTIONS.maxInFlight),
    cliBatches: number('--cli-batches') ?? Math.max(DEFAULT_FUZZ_OPTIONS.cliBatches, Math.ceil(Math.min(operations, 1e6) / 2000)),
    cliTimeoutMs: number('--cli-timeout') ?? DEFAULT_FUZZ_OPTIONS.cliTimeoutMs,
    findingsDir: path.resolve((values.get('--findings') as string | undefined) ?? path.join(findRepoRoot(), '.fuzz-findings')),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  console.log(`fuzz seed ${options.seed} (replay: npm run fuzz -- --seed ${options.seed} --ops ${options.operations === Number.MAX_SAFE_INTEGER ? '<N>' : options.operations})`);
  const started = Date.now();
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    console.log('interrupted: finishing the operation in progress, then the figures');
  });
  const report = await runFuzz({ ...options, interrupted: () => interrupted, progress: (message) => console.log(message) });
  console.log(`\n--- fuzz results (${Math.round((Date.now() - started) / 1000)} s) ---`);
  for (const line of summarise(report)) console.log(line);
  if (report.failures.length > 0) console.log(`\nreplay: npm run fuzz -- --seed ${options.seed} --ops ${report.operations}; inputs under ${options.findingsDir}`);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 3;
  }
});
