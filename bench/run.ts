/**
 * `npm run bench`: the language server's edit → diagnostic latency and time to full validation on
 * generated AsyncAPI 3.0 documents, next to the engine's own cost and to @asyncapi/parser and
 * Spectral on the same text, in one run. Prints a table and writes .bench-results/latest.json.
 * Not a test: it exits 0 whatever the numbers, non-zero only when a measurement could not be made.
 * See bench/README.md.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchDocument } from './documents';
import { runGraphBench } from './graph';
import { runWorkspaceBench } from './workspace';
import { measureEngine, measureParser, measureSpectral, type EngineResult, type ParserResult, type SpectralResult } from './inProcess';
import { measureLsp, type LspResult } from './lspBench';
import { printReport, targetsOf, type SizeResult } from './report';
import { REPO_ROOT, SERVER_BUNDLE } from './serverModules';

interface Options {
  sizes: number[];
  edits?: number;
  runs?: number;
  reopens?: number;
  typing: number;
  cpuProf: boolean;
  out: string;
  timeoutMs: number;
}

/** A typing burst: this many keystrokes, this far apart (a brisk typist: 20 characters a second). */
const TYPING_KEYS = 10;
const TYPING_GAP_MS = 50;

const USAGE = `usage: node out/bench/run.js [--sizes 10,100,1000] [--edits N] [--runs N] [--reopens N] [--typing N] [--cpu-prof] [--out FILE]
  --sizes     channel counts of the generated documents (default 10,100,1000)
  --edits     measured edits per size through the server and in-process (default 7, 5 from 1,000 channels)
  --runs      warm runs of @asyncapi/parser and Spectral per size (default 7 / 5 / 3 by size)
  --reopens   extra warm opens for open → full diagnostics, besides the second probe's (default 2, 1 from 1,000 channels)
  --typing    typing bursts per size (10 keystrokes 50 ms apart; default 3, 0 skips them)
  --cpu-prof  run the server with --cpu-prof; profiles go to .bench-results/profiles/<channels>/
  --out       where to write the JSON results (default .bench-results/latest.json)`;

/** A mistake on the command line: reported without a stack. */
class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const options: Options = { sizes: [10, 100, 1000], typing: 3, cpuProf: false, out: path.join(REPO_ROOT, '.bench-results', 'latest.json'), timeoutMs: 180_000 };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++index];
      if (next === undefined) throw new UsageError(`${name} needs a value\n${USAGE}`);
      return next;
    };
    const count = () => {
      const parsed = Number(value());
      if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`${name} needs a positive whole number\n${USAGE}`);
      return parsed;
    };
    switch (name) {
      case '--sizes':
        options.sizes = value().split(',').map((size) => Number(size.trim()));
        if (options.sizes.some((size) => !Number.isInteger(size) || size < 2)) throw new UsageError(`--sizes needs channel counts of at least 2, like 10,100\n${USAGE}`);
        break;
      case '--edits':
        options.edits = count();
        break;
      case '--runs':
        options.runs = count();
        break;
      case '--reopens':
        options.reopens = count();
        break;
      case '--typing': {
        const parsed = Number(value());
        if (!Number.isInteger(parsed) || parsed < 0) throw new UsageError(`--typing needs a whole number\n${USAGE}`);
        options.typing = parsed;
        break;
      }
      case '--cpu-prof':
        options.cpuProf = true;
        break;
      case '--out':
        options.out = path.resolve(value());
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
      default:
        throw new UsageError(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return options;
}

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemory: os.totalmem(),
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    loadAverageAtEnd: [] as number[],
  };
}

async function main() {
  // `run.js graph [--quick]`: the event-flow graph's model and layout (bench/graph.ts).
  if (process.argv[2] === 'graph') return runGraphBench(process.argv.slice(3));
  // `run.js workspace [--services=N]`: 300 documents sharing channels (bench/workspace.ts).
  if (process.argv[2] === 'workspace') return runWorkspaceBench(process.argv.slice(3));
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(SERVER_BUNDLE)) throw new UsageError(`${SERVER_BUNDLE} is missing: run \`npm run build\` first (npm run bench does)`);
  const startedAt = new Date();
  const info = machine();
  const workRoot = mkdtempSync(path.join(os.tmpdir(), 'event-design-bench-'));
  const results: SizeResult[] = [];
  const failures: string[] = [];
  log(`event-design bench: sizes ${options.sizes.join(', ')} channels; ${info.cpus} cpus, node ${info.node}; work folder ${workRoot}`);
  try {
    for (const channels of options.sizes) {
      const large = channels >= 1000;
      const edits = options.edits ?? (large ? 5 : 7);
      const runs = options.runs ?? (channels >= 1000 ? 3 : channels >= 100 ? 5 : 7);
      const reopens = options.reopens ?? (large ? 1 : 2);
      const document = benchDocument(channels, edits);
      const result: SizeResult = { channels, bytes: Buffer.byteLength(document.text), lines: document.lines.length, editLines: document.editLines.map((line) => line + 1), errors: {} };
      results.push(result);
      log(`\n${channels} channels (${result.bytes.toLocaleString('en-US')} bytes, ${result.lines.toLocaleString('en-US')} lines)`);

      const attempt = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
        const started = performance.now();
        log(`  ${name}…`);
        try {
          const value = await work();
          log(`  ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
          return value;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          result.errors[name] = message;
          failures.push(`${channels} channels, ${name}: ${message}`);
          log(`  ${name} FAILED: ${message}`);
          return undefined;
        }
      };

      const profileDir = path.join(REPO_ROOT, '.bench-results', 'profiles', String(channels));
      if (options.cpuProf) mkdirSync(profileDir, { recursive: true });
      result.lsp = await attempt<LspResult>('language server', () =>
        measureLsp(document, {
          serverPath: SERVER_BUNDLE,
          folder: path.join(workRoot, `lsp-${channels}`),
          reopens,
          timeoutMs: options.timeoutMs,
          typingBursts: options.typing,
          typingKeys: TYPING_KEYS,
          typingGapMs: TYPING_GAP_MS,
          nodeArgs: options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
          log,
        }),
      );
      result.engine = await attempt<EngineResult>('engine in-process', () => measureEngine(document, path.join(workRoot, `engine-${channels}`)));
      result.parser = await attempt<ParserResult>('@asyncapi/parser', () => measureParser(document.text, runs));
      result.spectral = await attempt<SpectralResult>('Spectral asyncapi ruleset', () => measureSpectral(document.text, runs));
    }
  } finally {
    rmSync(workRoot, { recursive: true, force: true });
  }

  info.loadAverageAtEnd = os.loadavg().map((load) => Math.round(load * 100) / 100);
  const targets = targetsOf(results);
  printReport(info, results, targets, options.cpuProf ? path.join(REPO_ROOT, '.bench-results', 'profiles') : undefined);
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, JSON.stringify({ startedAt: startedAt.toISOString(), durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000), machine: info, options, targets, sizes: results, failures }, null, 2) + '\n');
  console.log(`\nJSON: ${path.relative(process.cwd(), options.out) || options.out}`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} measurement(s) failed:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
