import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { breakAction, foreignOperationMessage, restoreAction, typeAfterAction, undeclaredAddressParameter, untypeAfterAction, type BenchDocument, type ParserOnlyProblem } from './documents';
import { LspSession, type ServerEvent } from './lspClient';
import { summarise, type Summary } from './stats';

export interface LspOptions {
  serverPath: string;
  /** A fresh folder for this size; the document is written into it (the workspace folder). */
  folder: string;
  /** Extra opens of the first probe after the probes, for the warm open → full diagnostics median. */
  reopens: number;
  timeoutMs: number;
  /** Typing bursts (keystrokes `typingGapMs` apart) to measure; 0 skips them. */
  typingBursts: number;
  typingKeys: number;
  typingGapMs: number;
  nodeArgs?: string[];
  log: (message: string) => void;
}

export interface EditSample {
  line: number;
  /** didChange sent → publishDiagnostics with the asyncapi-schema error on that line. */
  editToDiagnostic: number;
  /** didChange sent → the server reports idle again (the full validation of that version done). */
  editToFullDone: number;
  /** Revert sent → publishDiagnostics without the error. */
  revertToCleared: number;
  revertToFullDone: number;
  /** The diagnostic the server published for the edit. */
  message?: string;
}

export interface TypingSample {
  line: number;
  keys: number;
  gapMs: number;
  /** First keystroke sent → last keystroke sent. */
  typing: number;
  /** Last keystroke sent → publishDiagnostics with the asyncapi-schema error on that line. */
  lastKeyToDiagnostic: number;
  /** How many times the server published diagnostics for the document from the first keystroke on. */
  publishes: number;
}

export interface OpenSample {
  /** didOpen → first publishDiagnostics for the document (the fast check). */
  firstDiagnostics: number;
  /** didOpen → publishDiagnostics including the parser-only problem (the full validation). */
  fullDiagnostics: number;
  /** Whether the fast publish already had the parser-only problem (the probe would be invalid). */
  fastHadIt: boolean;
}

export interface LspResult {
  pid: number;
  startupToInitialized: number;
  indexing: number;
  probe: { code: string; description: string; lineOfDiagnostic?: number };
  /** The probes tried; the first whose diagnostic the fast check did not already make is used. */
  probesTried: Array<{ code: string; cold: boolean; fastHadIt?: boolean; fullHadIt?: boolean; openToFull?: number; error?: string }>;
  /** The first open of the server process (undefined if its probe was not usable). */
  coldOpen?: OpenSample;
  warmOpens: OpenSample[];
  warmOpenFull?: Summary;
  settleDiagnostics: number;
  edits: EditSample[];
  editToDiagnostic?: Summary;
  editToFullDone?: Summary;
  revertToCleared?: Summary;
  /** Typing bursts: the last keystroke → the diagnostic on that line. */
  typing: TypingSample[];
  typingLastKeyToDiagnostic?: Summary;
  memory: { peakRss?: number; sampledPeakRss: number; rssAfterOpen?: number; rssAtEnd?: number; phasePeaks: Record<string, number> };
  logs: string[];
}

const hasCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((diagnostic) => diagnostic.code === code);

/**
 * Everything measured through the real server for one document size: start-up, the time from
 * opening a document to its full validation (cold, then warm), and edit → diagnostic.
 */
export async function measureLsp(document: BenchDocument, options: LspOptions): Promise<LspResult> {
  const { folder, timeoutMs, log } = options;
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `synthetic-${document.channels}.yaml`);
  writeFileSync(file, document.text);
  const uri = pathToFileURL(file).toString();
  const rootUri = pathToFileURL(folder).toString();

  const session = new LspSession({ serverPath: options.serverPath, workspaceFolder: folder, nodeArgs: options.nodeArgs });
  try {
    const started = performance.now();
    session.phase('start + index');
    const statusSeq = session.nextSeq;
    await session.initialize(rootUri);
    const initialized = performance.now();
    // The server indexes the workspace folder (reads and parses the document from disk) first.
    await session.waitFor(statusSeq, (event) => event.kind === 'status' && event.state === 'idle' && event.indexedFiles > 0, timeoutMs, 'the workspace index');
    const indexed = performance.now();

    // 1. Open → full diagnostics. The document opened has a problem only the parser finds, so
    // its diagnostic appearing means the full validation's result was published. Every probe is
    // tried (the first open of the process is the cold one); the first probe whose diagnostic
    // the fast check does not already make is used for the warm re-opens. Each open uses a new
    // URI beside the document (not on disk), so closing one never races with the next.
    const probes: ParserOnlyProblem[] = [foreignOperationMessage(document), undeclaredAddressParameter(document)];
    const probesTried: LspResult['probesTried'] = [];
    let probe: ParserOnlyProblem | undefined;
    let coldOpen: OpenSample | undefined;
    let probeLine: number | undefined;
    let opens = 0;
    // Warm opens: every usable probe after the first open, then `reopens` more of the first probe.
    const warmOpens: OpenSample[] = [];
    const probeUri = () => pathToFileURL(path.join(folder, `opened-${++opens}.yaml`)).toString();
    session.phase('opens → full validation');
    for (const candidate of probes) {
      const first = opens === 0;
      const probeDocument = probeUri();
      try {
        const sample = await openUntilFull(session, probeDocument, candidate, timeoutMs);
        probesTried.push({ code: candidate.code, fastHadIt: sample.open.fastHadIt, fullHadIt: true, openToFull: sample.open.fullDiagnostics, cold: first });
        if (!sample.open.fastHadIt) {
          if (first) coldOpen = sample.open;
          else warmOpens.push(sample.open);
        }
        if (!probe && !sample.open.fastHadIt) {
          probe = candidate;
          probeLine = sample.line;
        }
      } catch (error) {
        probesTried.push({ code: candidate.code, error: error instanceof Error ? error.message : String(error), cold: first });
      }
      await closeAndSettle(session, probeDocument, timeoutMs);
      log(`    probe ${candidate.code}: ${JSON.stringify(probesTried[probesTried.length - 1])}`);
    }
    if (!probe) throw new Error(`no parser-only problem produced a full-validation diagnostic that the fast check lacked: ${JSON.stringify(probesTried)}`);
    for (let index = 0; index < options.reopens; index++) {
      const probeDocument = probeUri();
      const sample = await openUntilFull(session, probeDocument, probe, timeoutMs);
      warmOpens.push(sample.open);
      await closeAndSettle(session, probeDocument, timeoutMs);
      log(`    open → full diagnostics (warm ${index + 1}/${options.reopens}): ${Math.round(sample.open.fullDiagnostics)} ms`);
    }

    // 2. The valid document, settled: its fast and full checks done, no error or warning (the
    // discipline rules' information findings on its design gaps stay, and their cost is measured).
    session.phase('open valid document');
    let seq = session.nextSeq;
    const opened = performance.now();
    await session.open(uri, document.text);
    const idleAfterOpen = await session.waitIdle(seq, timeoutMs, 'the valid document to be fully validated');
    // The document is on disk, so the workspace diagnostics published its findings at indexing; the
    // server never republishes an unchanged set, so opening it may publish nothing new.
    const clean = session.events.filter((event): event is Extract<ServerEvent, { kind: 'diagnostics' }> => event.kind === 'diagnostics' && event.uri === uri).pop();
    if (!clean || clean.diagnostics.some(isProblem)) throw new Error(`the valid document has errors or warnings: ${JSON.stringify(clean?.diagnostics.filter(isProblem).slice(0, 3))}`);
    const settleDiagnostics = (clean.at > opened ? clean.at : idleAfterOpen.at) - opened;
    const rssAfterOpen = session.memory().rss;

    // 3. Edits: break one `action: send`, wait for its diagnostic and for the full validation,
    // then revert and wait until everything is clean and idle again.
    session.phase('edits');
    const warmUp = await editOnce(session, uri, document.warmUpLine, timeoutMs);
    log(`    warm-up edit → diagnostic: ${Math.round(warmUp.editToDiagnostic)} ms (not counted)`);
    const edits: EditSample[] = [];
    for (const line of document.editLines) {
      const sample = await editOnce(session, uri, line, timeoutMs);
      edits.push(sample);
      log(`    edit line ${line + 1} → diagnostic ${Math.round(sample.editToDiagnostic)} ms, → full done ${Math.round(sample.editToFullDone)} ms; revert → cleared ${Math.round(sample.revertToCleared)} ms`);
    }
    // 4. Typing: `typingKeys` keystrokes `typingGapMs` apart, each its own didChange, the last
    // one leaving the value invalid (`sendxxxx…`). Every keystroke is an edit the server handles.
    session.phase('typing');
    const typing: TypingSample[] = [];
    for (let index = 0; index < options.typingBursts; index++) {
      const line = document.editLines[index % document.editLines.length]!;
      const sample = await typeBurst(session, uri, line, options.typingKeys, options.typingGapMs, timeoutMs);
      typing.push(sample);
      log(`    typing ${sample.keys} keys ${sample.gapMs} ms apart on line ${line + 1}: last key → diagnostic ${Math.round(sample.lastKeyToDiagnostic)} ms`);
    }
    const memoryAtEnd = session.memory();
    return {
      pid: session.pid,
      startupToInitialized: initialized - started,
      indexing: indexed - initialized,
      probe: { code: probe.code, description: probe.description, lineOfDiagnostic: probeLine },
      probesTried,
      coldOpen,
      warmOpens,
      warmOpenFull: summarise(warmOpens.map((sample) => sample.fullDiagnostics)),
      settleDiagnostics,
      edits,
      editToDiagnostic: summarise(edits.map((sample) => sample.editToDiagnostic)),
      editToFullDone: summarise(edits.map((sample) => sample.editToFullDone)),
      revertToCleared: summarise(edits.map((sample) => sample.revertToCleared)),
      typing,
      typingLastKeyToDiagnostic: summarise(typing.map((sample) => sample.lastKeyToDiagnostic)),
      memory: { peakRss: memoryAtEnd.hwm, sampledPeakRss: session.sampledPeakRss, rssAfterOpen, rssAtEnd: memoryAtEnd.rss, phasePeaks: session.phasePeaks },
      logs: session.logMessages().slice(-50),
    };
  } finally {
    await session.stop();
  }
}

async function openUntilFull(session: LspSession, uri: string, probe: ParserOnlyProblem, timeoutMs: number): Promise<{ open: OpenSample; line?: number }> {
  const seq = session.nextSeq;
  const started = performance.now();
  await session.open(uri, probe.text);
  const first = await session.waitDiagnostics(seq, uri, () => true, timeoutMs, 'the first diagnostics after opening');
  const full = await session.waitDiagnostics(seq, uri, hasCode(probe.code), timeoutMs, `the ${probe.code} diagnostic (full validation)`);
  await session.waitIdle(seq, timeoutMs);
  const found = full.diagnostics.find((diagnostic) => diagnostic.code === probe.code);
  return {
    open: { firstDiagnostics: first.at - started, fullDiagnostics: full.at - started, fastHadIt: first.seq === full.seq },
    line: found?.range.start.line,
  };
}

async function typeBurst(session: LspSession, uri: string, line: number, keys: number, gapMs: number, timeoutMs: number): Promise<TypingSample> {
  const onLine = (diagnostic: Diagnostic) => diagnostic.code === 'asyncapi-schema' && diagnostic.range.start.line === line;
  // The diagnostic underlines the value: only the one for the fully typed value ends here.
  const typedEnd = typeAfterAction(line, keys).startCharacter;
  const forTypedValue = (diagnostic: Diagnostic) => onLine(diagnostic) && diagnostic.range.end.line === line && diagnostic.range.end.character === typedEnd;
  let seq = session.nextSeq;
  const started = performance.now();
  let last = started;
  for (let key = 0; key < keys; key++) {
    if (key > 0) await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + key * gapMs - performance.now())));
    last = performance.now();
    await session.change(uri, typeAfterAction(line, key));
  }
  const broken = await session.waitDiagnostics(seq, uri, (diagnostics) => diagnostics.some(forTypedValue), timeoutMs, `an asyncapi-schema diagnostic on the typed value, line ${line + 1}`);
  const publishes = session.events.filter((event) => event.seq >= seq && event.kind === 'diagnostics' && event.uri === uri).length;
  // Undo at once (as a user fixing the typo would, cancelling the full validation), then settle.
  seq = session.nextSeq;
  await session.change(uri, untypeAfterAction(line, keys));
  await session.waitDiagnostics(seq, uri, (diagnostics) => !diagnostics.some(onLine), timeoutMs, `the diagnostic on line ${line + 1} to disappear after typing`);
  await session.waitIdle(seq, timeoutMs, 'the full validation after undoing the typing');
  return { line, keys, gapMs, typing: last - started, lastKeyToDiagnostic: broken.at - last, publishes };
}

async function closeAndSettle(session: LspSession, uri: string, timeoutMs: number) {
  const seq = session.nextSeq;
  await session.close(uri);
  await session.waitDiagnostics(seq, uri, (diagnostics) => diagnostics.length === 0, timeoutMs, "the closed document's diagnostics to be cleared");
  await session.waitIdle(seq, timeoutMs).catch(() => undefined);
}

async function editOnce(session: LspSession, uri: string, line: number, timeoutMs: number): Promise<EditSample> {
  const onLine = (diagnostic: Diagnostic) => diagnostic.code === 'asyncapi-schema' && diagnostic.range.start.line === line;
  let seq = session.nextSeq;
  let started = performance.now();
  await session.change(uri, breakAction(line));
  const broken = await session.waitDiagnostics(seq, uri, (diagnostics) => diagnostics.some(onLine), timeoutMs, `an asyncapi-schema diagnostic on line ${line + 1}`);
  const editToDiagnostic = broken.at - started;
  const idle = await session.waitIdle(seq, timeoutMs, 'the full validation after the edit');
  const editToFullDone = idle.at - started;

  seq = session.nextSeq;
  started = performance.now();
  await session.change(uri, restoreAction(line));
  const cleared = await session.waitDiagnostics(seq, uri, (diagnostics) => !diagnostics.some(onLine), timeoutMs, `the diagnostic on line ${line + 1} to disappear`);
  const revertToCleared = cleared.at - started;
  const idleAgain = await session.waitIdle(seq, timeoutMs, 'the full validation after the revert');
  return { line, editToDiagnostic, editToFullDone, revertToCleared, revertToFullDone: idleAgain.at - started, message: messageText(broken.diagnostics.find(onLine)?.message) };
}

function messageText(message: Diagnostic['message'] | undefined) {
  return message === undefined ? undefined : typeof message === 'string' ? message : message.value;
}

/** An error or a warning: what a valid document must not have (information and hints may stay). */
function isProblem(diagnostic: Diagnostic) {
  return diagnostic.severity === undefined || diagnostic.severity <= 2;
}
