import { Parser } from '@asyncapi/parser';
import { Document, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { asyncapi } from '@stoplight/spectral-rulesets';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdit, breakAction, lengthenAction, lineStartsOf, restoreAction, unlengthenAction, type BenchDocument, type LineEdit } from './documents';
import { DEFAULT_SETTINGS, Engine } from '../server/src/engine/engine';
import { FileSystemHost } from '../server/src/node/fileSystemHost';
import { collectGarbage, summarise, type Summary } from './stats';

export interface EngineEditSample {
  line: number;
  /** engine.setOpenDocument: the incremental YAML parse and re-indexing (synchronous). */
  setOpenDocument: number;
  /** engine.checkFast: structure, references, examples, locating findings. */
  checkFast: number;
  total: number;
  /** Process CPU time (user + system) of setOpenDocument + checkFast: less sensitive to a busy machine. */
  totalCpu: number;
  revertTotal: number;
  /** The same line, `send` → `sendx`: everything after the edit moves by one character. */
  lengthChangingTotal: number;
  found: boolean;
}

export interface EngineResult {
  /** First open: a full (cold-cache) parse and fast check. */
  openSetDocument: number;
  openCheckFast: number;
  edits: EngineEditSample[];
  setOpenDocument?: Summary;
  checkFast?: Summary;
  total?: Summary;
  totalCpu?: Summary;
  revertTotal?: Summary;
  lengthChangingTotal?: Summary;
  /** How many of the edits produced the asyncapi-schema finding on their line. */
  found: number;
}

/**
 * The engine's fast check in this process, no LSP: the same edits as through the server, timed
 * as the server runs them (setOpenDocument on the change, checkFast after the debounce).
 */
export async function measureEngine(document: BenchDocument, folder: string): Promise<EngineResult> {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `synthetic-${document.channels}.yaml`);
  writeFileSync(file, document.text);
  const uri = pathToFileURL(file).toString();
  const engine = new Engine(new FileSystemHost(), { ...DEFAULT_SETTINGS, workspaceFolders: [pathToFileURL(folder).toString()] });
  let version = 1;
  let text = document.text;
  let lineStarts = lineStartsOf(text);

  let started = performance.now();
  engine.setOpenDocument(uri, text, version);
  const openSetDocument = performance.now() - started;
  started = performance.now();
  const opened = await engine.checkFast(uri);
  const openCheckFast = performance.now() - started;
  // The discipline rules' information findings on the document's design gaps may stay.
  const openFindings = [...opened.findings.values()].flat().filter((finding) => finding.severity === 'error' || finding.severity === 'warning');
  if (openFindings.length > 0) throw new Error(`the generated document is not clean for the engine: ${openFindings.slice(0, 3).map((finding) => `${finding.ruleId}: ${finding.message}`).join('; ')}`);

  const step = async (edit: LineEdit) => {
    text = applyEdit(text, lineStarts, edit);
    lineStarts = lineStartsOf(text);
    version++;
    const cpu = process.cpuUsage();
    const before = performance.now();
    engine.setOpenDocument(uri, text, version);
    const parsed = performance.now();
    const result = await engine.checkFast(uri);
    const checked = performance.now();
    const cpuUsed = process.cpuUsage(cpu);
    const found = [...result.findings.values()].flat().some((finding) => finding.ruleId === 'asyncapi-schema' && finding.range.start.line === edit.line);
    return { setOpenDocument: parsed - before, checkFast: checked - parsed, cpu: (cpuUsed.user + cpuUsed.system) / 1000, found };
  };

  // One unmeasured edit and revert first, like the warm-up edit through the server.
  await step(breakAction(document.warmUpLine));
  await step(restoreAction(document.warmUpLine));
  // Garbage is collected once, not before each edit: the server pays for its collections too.
  collectGarbage();
  const edits: EngineEditSample[] = [];
  for (const line of document.editLines) {
    const broken = await step(breakAction(line));
    const restored = await step(restoreAction(line));
    const lengthened = await step(lengthenAction(line));
    await step(unlengthenAction(line));
    edits.push({
      line,
      setOpenDocument: broken.setOpenDocument,
      checkFast: broken.checkFast,
      total: broken.setOpenDocument + broken.checkFast,
      totalCpu: broken.cpu,
      revertTotal: restored.setOpenDocument + restored.checkFast,
      lengthChangingTotal: lengthened.setOpenDocument + lengthened.checkFast,
      found: broken.found && lengthened.found,
    });
  }
  return {
    openSetDocument,
    openCheckFast,
    edits,
    setOpenDocument: summarise(edits.map((sample) => sample.setOpenDocument)),
    checkFast: summarise(edits.map((sample) => sample.checkFast)),
    total: summarise(edits.map((sample) => sample.total)),
    totalCpu: summarise(edits.map((sample) => sample.totalCpu)),
    revertTotal: summarise(edits.map((sample) => sample.revertTotal)),
    lengthChangingTotal: summarise(edits.map((sample) => sample.lengthChangingTotal)),
    found: edits.filter((sample) => sample.found).length,
  };
}

export interface ParserResult {
  /** The first parse of this process with a new Parser (ruleset build, JIT). */
  first: number;
  warm?: Summary;
  /** Diagnostic codes of the (valid) document, as a sanity check. */
  codes: string[];
  documentReturned: boolean;
}

/** @asyncapi/parser parse() of the same text: one Parser, parsed once, then `runs` times. */
export async function measureParser(text: string, runs: number): Promise<ParserResult> {
  const parser = new Parser();
  collectGarbage();
  const started = performance.now();
  const first = await parser.parse(text);
  const firstTime = performance.now() - started;
  const samples = await timeRunsWithGc(runs, () => parser.parse(text));
  return { first: firstTime, warm: summarise(samples), codes: [...new Set(first.diagnostics.map((diagnostic) => String(diagnostic.code)))], documentReturned: first.document !== undefined };
}

export interface SpectralResult {
  first: number;
  warm?: Summary;
  /** How many results the ruleset reported per code on the (valid) document. */
  codes: Record<string, number>;
}

/** Spectral with the AsyncAPI ruleset of @stoplight/spectral-rulesets on the same text. */
export async function measureSpectral(text: string, runs: number): Promise<SpectralResult> {
  const spectral = new Spectral();
  spectral.setRuleset(asyncapi as RulesetDefinition);
  collectGarbage();
  const started = performance.now();
  const results = await spectral.run(new Document(text, Parsers.Yaml));
  const first = performance.now() - started;
  const codes: Record<string, number> = {};
  for (const result of results) codes[String(result.code)] = (codes[String(result.code)] ?? 0) + 1;
  const samples = await timeRunsWithGc(runs, () => spectral.run(new Document(text, Parsers.Yaml)));
  return { first, warm: summarise(samples), codes };
}

/** `runs` timings of `work`, collecting garbage before each when node runs with --expose-gc. */
async function timeRunsWithGc(runs: number, work: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    collectGarbage();
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}
