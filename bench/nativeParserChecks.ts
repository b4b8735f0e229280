/**
 * `node out/bench/nativeParserChecks.js [--sizes 100,1000] [--runs 5]`: the parser's checks made
 * natively (server/src/engine/asyncapi/nativeParserChecks) against @asyncapi/parser as the editor
 * runs it (`runParser`, every adopted rule on), on the generated AsyncAPI 3.0 documents. Each
 * measurement runs in its own process, so that its peak resident memory is its own. A
 * measurement, not a test: it prints a table and exits 0. See bench/README.md.
 */
import { fork } from 'node:child_process';
import { nativeParserDiagnostics, runNativeParserChecks } from '../server/src/engine/asyncapi/nativeParserChecks';
import { runParser, type ParserDiagnostic, type ParserSnapshot } from '../server/src/engine/asyncapi/parserValidation';
import { parseSource } from '../server/src/engine/text/parse';
import { SourceFile } from '../server/src/engine/text/sourceFile';
import { syntheticAsyncApi } from '../test/support/syntheticAsyncApi';
import { collectGarbage, round1, summarise } from './stats';

type Method = 'parser' | 'native' | 'native-on-tree';

const METHODS: Record<Method, string> = {
  parser: '@asyncapi/parser (runParser)',
  native: 'native, from the text (parse + checks)',
  'native-on-tree': 'native, on the parsed value (what the editor would run)',
};

interface Measurement {
  method: Method;
  channels: number;
  first: number;
  warmMedian?: number;
  /** Resident memory once the document is generated and the modules loaded, before any run. */
  baselineRssMb: number;
  peakRssMb: number;
  diagnostics: number;
  codes: string[];
}

async function measureInThisProcess(method: Method, channels: number, runs: number): Promise<Measurement> {
  const uri = 'file:///bench/asyncapi.yaml';
  const text = syntheticAsyncApi(channels);
  const snapshot: ParserSnapshot = { rootUri: uri, files: { [uri]: text } };
  const value = method === 'native-on-tree' ? parseSource(new SourceFile(uri, text, 1, 'yaml')).value() : undefined;
  const run = (): Promise<ParserDiagnostic[]> | ParserDiagnostic[] =>
    method === 'parser' ? runParser(snapshot) : method === 'native' ? runNativeParserChecks(snapshot) : nativeParserDiagnostics(uri, (read) => (read === uri ? value : undefined));
  collectGarbage();
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  let started = performance.now();
  const diagnostics = await run();
  const first = performance.now() - started;
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    collectGarbage();
    started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return {
    method,
    channels,
    first: round1(first),
    warmMedian: summarise(samples)?.median,
    baselineRssMb: round1(baselineRssMb),
    peakRssMb: round1(process.resourceUsage().maxRSS / 1024),
    diagnostics: diagnostics.length,
    codes: [...new Set(diagnostics.map((diagnostic) => diagnostic.code))].sort(),
  };
}

function measureInChild(method: Method, channels: number, runs: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', method, String(channels), String(runs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as Measurement));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${method} at ${channels} channels exited with ${code}`)));
  });
}

async function main(argv: string[]) {
  if (argv[0] === '--child') {
    const measurement = await measureInThisProcess(argv[1] as Method, Number(argv[2]), Number(argv[3]));
    process.send!(measurement, () => process.exit(0));
    return;
  }
  const option = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const sizes = (option('--sizes') ?? '100,1000').split(',').map(Number);
  const runs = Number(option('--runs') ?? 5);
  const rows: Measurement[] = [];
  for (const channels of sizes) {
    for (const method of Object.keys(METHODS) as Method[]) rows.push(await measureInChild(method, channels, channels >= 1000 ? Math.min(runs, 3) : runs));
  }
  console.log('channels  method                                                    first ms  warm median ms  RSS before MB  peak RSS MB  diagnostics');
  for (const row of rows) {
    console.log(
      `${String(row.channels).padStart(8)}  ${METHODS[row.method].padEnd(56)}  ${String(row.first).padStart(8)}  ${String(round1(row.warmMedian ?? NaN)).padStart(14)}  ${String(row.baselineRssMb).padStart(13)}  ${String(row.peakRssMb).padStart(11)}  ${row.diagnostics} (${row.codes.join(', ')})`,
    );
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
