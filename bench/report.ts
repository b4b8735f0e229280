import type { EngineResult, ParserResult, SpectralResult } from './inProcess';
import type { LspResult } from './lspBench';
import { bytes, ms, ratio, type Summary } from './stats';
import { fastDelayAfter } from '../server/src/lsp/validationScheduler';

export interface SizeResult {
  channels: number;
  bytes: number;
  lines: number;
  /** 1-based lines of the measured edits. */
  editLines: number[];
  lsp?: LspResult;
  engine?: EngineResult;
  parser?: ParserResult;
  spectral?: SpectralResult;
  errors: Record<string, string>;
}

/** The server's longest debounce before the fast check (server/src/lsp/settings.ts, fastDelay). */
export const FAST_DELAY_MS = 80;

const MIN_DEBOUNCE_NOTE = `${fastDelayAfter(0, FAST_DELAY_MS)}–${FAST_DELAY_MS} ms`;

/** The debounce the server uses after an edit whose checks cost what the engine's did. */
function debounceFor(engineMs: number | undefined) {
  return engineMs === undefined ? undefined : fastDelayAfter(engineMs, FAST_DELAY_MS);
}
/** The debounce before the full validation (settings.ts, fullDelay; eventDesign.validation.delay). */
export const FULL_DELAY_MS = 500;

/** ../shared/notes/performance-anchors.md (2 cores, Node 20), for reference only. */
export const ANCHORS: Record<number, { parser: number; spectral: number; yamlLanguageServer: number; yamlParse: number }> = {
  10: { parser: 529, spectral: 337, yamlLanguageServer: 288, yamlParse: 22 },
  100: { parser: 937, spectral: 904, yamlLanguageServer: 476, yamlParse: 208 },
  1000: { parser: 5695, spectral: 5769, yamlLanguageServer: 4042, yamlParse: 2293 },
  5000: { parser: 32600, spectral: 29973, yamlLanguageServer: 26062, yamlParse: 12226 },
};

export interface Target {
  name: string;
  channels: number;
  measured?: number;
  limit?: number;
  verdict: 'PASS' | 'FAIL' | 'n/a';
  note: string;
}

/**
 * The foundation issue's targets: the edit's diagnostic within 1/5 of the parser's time at 100
 * channels (the parser measured in this same run) and within 500 ms at 1,000.
 */
export function targetsOf(results: SizeResult[]): Target[] {
  const at = (channels: number) => results.find((result) => result.channels === channels);
  const hundred = at(100);
  const thousand = at(1000);
  const editAt100 = hundred?.lsp?.editToDiagnostic?.median;
  const parserAt100 = hundred?.parser?.warm?.median;
  const editAt1000 = thousand?.lsp?.editToDiagnostic?.median;
  return [
    {
      name: 'edit → diagnostic ≤ 1/5 of @asyncapi/parser parse, at 100 channels',
      channels: 100,
      measured: editAt100,
      limit: parserAt100 !== undefined ? parserAt100 / 5 : undefined,
      verdict: editAt100 === undefined || parserAt100 === undefined ? 'n/a' : editAt100 <= parserAt100 / 5 ? 'PASS' : 'FAIL',
      note: !hundred ? 'size 100 not run' : editAt100 === undefined || parserAt100 === undefined ? 'a measurement failed' : `ratio ${ratio(editAt100 / parserAt100)} (target ≤ 0.20×); against the anchor parser time (${ms(ANCHORS[100]!.parser)}) the limit would be ${ms(ANCHORS[100]!.parser / 5)}`,
    },
    {
      name: 'edit → diagnostic ≤ 500 ms, at 1,000 channels',
      channels: 1000,
      measured: editAt1000,
      limit: 500,
      verdict: editAt1000 === undefined ? 'n/a' : editAt1000 <= 500 ? 'PASS' : 'FAIL',
      note: !thousand ? 'size 1000 not run' : editAt1000 === undefined ? 'a measurement failed' : `${ms(editAt1000)}, with up to ${FAST_DELAY_MS} ms of the server's debounce`,
    },
  ];
}

type Row = [string, ...string[]] | 'rule' | { section: string };

/** Peak sampled RSS per phase of the server run, in the order the phases happen. */
function phaseRows(results: SizeResult[]): Row[] {
  const names: string[] = [];
  for (const result of results) for (const name of Object.keys(result.lsp?.memory.phasePeaks ?? {})) if (!names.includes(name)) names.push(name);
  return names.map((name) => [`  peak RSS during ${name}`, ...results.map((result) => bytes(result.lsp?.memory.phasePeaks[name]))]);
}

function summaryCell(summary: Summary | undefined, detail = true) {
  if (!summary) return '–';
  if (!detail || summary.n === 1) return ms(summary.median);
  return `${ms(summary.median)} [${ms(summary.min)}–${ms(summary.max)}]`;
}

function kb(value: number) {
  return value >= 1024 * 1024 ? `${(value / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(value / 1024)} KB`;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemory: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
}

export function printReport(machine: MachineInfo, results: SizeResult[], targets: Target[], profiles?: string) {
  const out: string[] = [];
  out.push('');
  out.push(`Machine: ${machine.cpus} cpus (${machine.cpuModel}), node ${machine.node}, ${machine.platform}, ${bytes(machine.totalMemory)} RAM`);
  out.push(`Load average (1/5/15 min): ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end`);
  if (Math.max(machine.loadAverageAtStart[0] ?? 0, machine.loadAverageAtEnd[0] ?? 0) > machine.cpus * 0.75) {
    out.push(`WARNING: the machine was busy (load above ${machine.cpus * 0.75} on ${machine.cpus} cpus): wall-clock times are inflated and noisy; trust the ratios and CPU times more than the absolutes.`);
  }
  out.push('Medians in ms; [min–max] over the edits/runs. Documents: test/support/syntheticAsyncApi.ts (AsyncAPI 3.0.0).');
  out.push('');
  const header: [string, ...string[]] = ['', ...results.map((result) => `${result.channels.toLocaleString('en-US')} ch (${kb(result.bytes)})`)];
  const each = (cell: (result: SizeResult) => string): string[] => results.map(cell);
  const rows: Row[] = [
    header,
    'rule',
    { section: 'Language server (dist/server/server.js --stdio), client-side wall clock' },
    ['edit send→sned → diagnostic on its line', ...each((r) => summaryCell(r.lsp?.editToDiagnostic))],
    ['revert → that diagnostic gone', ...each((r) => summaryCell(r.lsp?.revertToCleared))],
    ['typing 10 keys 50 ms apart: last key → diag.', ...each((r) => summaryCell(r.lsp?.typingLastKeyToDiagnostic))],
    ['edit → full validation done (idle)', ...each((r) => summaryCell(r.lsp?.editToFullDone))],
    ['open → first diagnostics (fast), cold', ...each((r) => ms(r.lsp?.coldOpen?.firstDiagnostics))],
    ['open → full diagnostics, cold (1st open)', ...each((r) => ms(r.lsp?.coldOpen?.fullDiagnostics))],
    ['open → full diagnostics, warm', ...each((r) => summaryCell(r.lsp?.warmOpenFull))],
    ['start → initialized / indexing folder', ...each((r) => (r.lsp ? `${ms(r.lsp.startupToInitialized)} / ${ms(r.lsp.indexing)}` : '–'))],
    ['server peak RSS (VmHWM, incl. worker)', ...each((r) => bytes(r.lsp?.memory.peakRss))],
    ['server RSS with the document open', ...each((r) => bytes(r.lsp?.memory.rssAfterOpen))],
    ...phaseRows(results),
    'rule',
    { section: 'Engine in-process (no LSP, no debounce), same edits' },
    ['setOpenDocument (lazy: parsed in checkFast)', ...each((r) => summaryCell(r.engine?.setOpenDocument))],
    ['checkFast (parse, index, structure, refs, examples)', ...each((r) => summaryCell(r.engine?.checkFast))],
    ['engine total per edit', ...each((r) => summaryCell(r.engine?.total))],
    ['engine total per edit, CPU time', ...each((r) => summaryCell(r.engine?.totalCpu))],
    ['engine, length-changing edit (send→sendx)', ...each((r) => summaryCell(r.engine?.lengthChangingTotal))],
    [`+ server debounce (about the check's cost, ${MIN_DEBOUNCE_NOTE})`, ...each((r) => ms(debounceFor(r.engine?.total?.median)))],
    ['= floor for edit → diagnostic', ...each((r) => ms(r.engine?.total ? r.engine.total.median + debounceFor(r.engine.total.median)! : undefined))],
    ['remainder (≈ LSP, sync, publish; ± noise)', ...each((r) => (r.lsp?.editToDiagnostic && r.engine?.total ? ms(r.lsp.editToDiagnostic.median - r.engine.total.median - debounceFor(r.engine.total.median)!) : '–'))],
    ['engine first open (full parse + check)', ...each((r) => (r.engine ? ms(r.engine.openSetDocument + r.engine.openCheckFast) : '–'))],
    'rule',
    { section: 'Reference tools in-process, warm (same text)' },
    ['@asyncapi/parser parse()', ...each((r) => summaryCell(r.parser?.warm))],
    ['Spectral asyncapi ruleset run()', ...each((r) => summaryCell(r.spectral?.warm))],
    'rule',
    { section: 'Ratios (this run)' },
    ['edit → diagnostic / parser', ...each((r) => (r.lsp?.editToDiagnostic && r.parser?.warm ? ratio(r.lsp.editToDiagnostic.median / r.parser.warm.median) : '–'))],
    ['edit → diagnostic / Spectral', ...each((r) => (r.lsp?.editToDiagnostic && r.spectral?.warm ? ratio(r.lsp.editToDiagnostic.median / r.spectral.warm.median) : '–'))],
    ['engine total / parser', ...each((r) => (r.engine?.total && r.parser?.warm ? ratio(r.engine.total.median / r.parser.warm.median) : '–'))],
    ['open → full (warm) / parser', ...each((r) => (r.lsp?.warmOpenFull && r.parser?.warm ? ratio(r.lsp.warmOpenFull.median / r.parser.warm.median) : '–'))],
    'rule',
    { section: 'Anchors (../shared/notes/performance-anchors.md), reference only' },
    ['parser (warm)', ...each((r) => ms(ANCHORS[r.channels]?.parser))],
    ['Spectral asyncapi ruleset (warm)', ...each((r) => ms(ANCHORS[r.channels]?.spectral))],
    ['yaml-language-server edit → diagnostics', ...each((r) => ms(ANCHORS[r.channels]?.yamlLanguageServer))],
  ];
  out.push(...formatTable(rows));
  out.push('');
  out.push('Targets (foundation issue):');
  for (const target of targets) {
    out.push(`  ${target.verdict.padEnd(4)}  ${target.name}: ${target.measured !== undefined ? ms(target.measured) : '–'}${target.limit !== undefined ? ` vs limit ${ms(target.limit)}` : ''} (${target.note})`);
  }
  const notes: string[] = [];
  for (const result of results) {
    if (result.lsp) {
      const used = result.lsp.probe;
      const tried = result.lsp.probesTried.map((probe) => `${probe.code}: ${probe.error ? `error (${probe.error.slice(0, 80)})` : probe.fastHadIt ? 'fast check already reports it (unusable)' : `parser-only ✓ ${ms(probe.openToFull)}${probe.cold ? ' cold' : ''}`}`).join('; ');
      notes.push(`${result.channels} ch: full-validation probe ${used.code} (${used.description}). Tried: ${tried}`);
      const messages = [...new Set(result.lsp.edits.map((edit) => edit.message))];
      notes.push(`${result.channels} ch: edit lines ${result.editLines.join(', ')}; the diagnostic: "${messages.join('" / "')}"`);
      notes.push(`${result.channels} ch: sampled peak RSS ${bytes(result.lsp.memory.sampledPeakRss)} (VmHWM ${bytes(result.lsp.memory.peakRss)})`);
    }
    if (result.engine && result.engine.found !== result.engine.edits.length) notes.push(`${result.channels} ch: the in-process engine found the edit's finding in only ${result.engine.found} of ${result.engine.edits.length} edits`);
    if (result.parser && (!result.parser.documentReturned || result.parser.codes.some((code) => code !== 'asyncapi-latest-version'))) notes.push(`${result.channels} ch: parser diagnostics on the generated document: ${result.parser.codes.join(', ')}${result.parser.documentReturned ? '' : ' (no document returned)'}`);
    if (result.parser) notes.push(`${result.channels} ch: parser first parse (new Parser, cold) ${ms(result.parser.first)}; Spectral first run ${ms(result.spectral?.first)}`);
    for (const [phase, error] of Object.entries(result.errors)) notes.push(`${result.channels} ch: ${phase} FAILED: ${error.slice(0, 300)}`);
  }
  if (profiles) notes.push(`CPU profiles of the server (main thread and worker): ${profiles}`);
  if (notes.length > 0) {
    out.push('');
    out.push('Notes:');
    for (const note of notes) out.push(`  - ${note}`);
  }
  console.log(out.join('\n'));
}

function formatTable(rows: Row[]): string[] {
  const cells = rows.filter((row): row is [string, ...string[]] => Array.isArray(row)).map((row) => row.map((cell, column) => (column === 0 ? `  ${cell}` : cell)));
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const total = widths.reduce((sum, width) => sum + width, 0) + 3 * (widths.length - 1);
  return rows.map((row) => {
    if (row === 'rule') return '-'.repeat(total);
    if (!Array.isArray(row)) return row.section;
    return row.map((cell, column) => (column === 0 ? `  ${cell}`.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('   ').trimEnd();
  });
}
