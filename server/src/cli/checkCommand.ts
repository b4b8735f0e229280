import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { applyEdits } from '../engine/edits/applyEdits';
import { DEFAULT_SETTINGS, Engine, isBinary } from '../engine/engine';
import { sortFindings, type Finding } from '../engine/findings/finding';
import type { EngineHost } from '../engine/host';
import { internalErrorFinding } from '../engine/rules/internalError';
import { discoverFiles } from '../node/fileDiscovery';
import { findProjectRoot } from '../node/projectRoot';
import { fetchRemoteDocument, FileSystemHost } from '../node/fileSystemHost';
import { ParserWorkerPool } from '../node/parserWorkerPool';
import { UsageError } from './argumentReader';
import type { OutputFormat } from './formatters/formatReport';
import { displayPath } from './formatters/paths';
import type { CheckReport, InternalError } from './report';

export interface CheckArguments {
  paths: string[];
  format: OutputFormat;
  maxWarnings: number;
  color: boolean;
  /** Fetch remote `$ref`s (http/https); off unless asked. */
  allowRemote: boolean;
  /** Apply the fixes that break nobody, then report what is left. */
  fix: boolean;
  /** Seconds each file's checks may take before they stop with `check-timeout`. */
  timeout: number;
  /** Say on stderr which project was analysed around the paths. */
  verbose: boolean;
}

/** The CLI reads more files than the editor indexes: CI wants all of them. */
const MAX_FILES = 100_000;
const PARSER_TIMEOUT_MS = 120_000;
const quietLogger = { warn: () => undefined, debug: () => undefined };
/** Fixes can make other fixes possible (or move them); a few rounds settle every document. */
const MAX_FIX_ROUNDS = 10;

/**
 * `--fix`: applies, round after round, every fix that breaks nobody, writes the files and
 * re-reads them, until nothing is left to fix. Breaking fixes are never applied here.
 */
async function applySafeFixes(engine: Engine, uris: string[], editable: (uri: string) => boolean): Promise<{ count: number; files: string[] }> {
  let count = 0;
  const changed = new Set<string>();
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    let progress = false;
    for (const uri of uris) {
      if (engine.kindOf((await engine.files.get(uri))!).kind !== 'asyncapi') continue;
      const { edits, titles } = await engine.safeFixes(uri, editable);
      if (titles.length === 0) continue;
      for (const [fileUri, fileEdits] of edits) {
        const file = await engine.files.get(fileUri);
        if (!file || fileEdits.length === 0) continue;
        await fs.writeFile(URI.parse(fileUri).fsPath, applyEdits(file.source, fileEdits), 'utf8');
        await engine.fileChanged(fileUri);
        changed.add(fileUri);
      }
      count += titles.length;
      progress = true;
    }
    if (!progress) break;
  }
  return { count, files: [...changed] };
}

/**
 * The candidate files under the given paths (the current folder by default), as every command
 * finds them: recursively, honouring .gitignore, skipping node_modules. Usage errors for paths
 * that do not exist or hold nothing.
 */
export async function collectFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const targets = paths.length > 0 ? paths : ['.'];
  const files: string[] = [];
  for (const target of targets) {
    const absolute = path.resolve(cwd, target);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new UsageError(`No such file or folder: ${target}`);
    if (stat.isFile()) {
      files.push(absolute);
      continue;
    }
    // Reading a named pipe waits for a writer, forever; devices and sockets are no documents either.
    if (!stat.isDirectory()) throw new UsageError(`${target} is not a regular file or a folder (a named pipe, a device or a socket is not read)`);
    const found = await discoverFiles(absolute, { maxFiles: MAX_FILES, respectGitignore: true, boundary: cwd });
    if (found.files.length === 0) throw new UsageError(`No YAML, JSON or Avro files under ${target}`);
    files.push(...found.files);
  }
  return files;
}

/**
 * An engine that has indexed every candidate file under the paths, as the editor indexes a
 * workspace: what the commands that look across documents (the graph, the contracts) start from.
 */
export async function loadWorkspace(paths: readonly string[], cwd: string, allowRemote = false): Promise<{ engine: Engine; uris: string[] }> {
  return indexedEngine(await collectFiles(paths, cwd), new FileSystemHost(allowRemote ? fetchRemoteDocument : undefined), allowRemote);
}

/** An engine on `host` that has indexed the files (each once). */
export async function indexedEngine(files: readonly string[], host: EngineHost, allowRemote = false): Promise<{ engine: Engine; uris: string[] }> {
  const engine = new Engine(host, { ...DEFAULT_SETTINGS, allowRemoteRefs: allowRemote, workspaceFolders: [] });
  const uris = [...new Set(files)].map((file) => URI.file(file).toString());
  for (const uri of uris) await engine.indexFile(uri);
  return { engine, uris };
}

export const CONTRACTS_STEP = 'the contracts between services';

/** Every finding once, however many documents reach it. */
export class FindingSet {
  private readonly seen = new Set<string>();
  readonly findings: Finding[] = [];

  add(list: Iterable<Finding>) {
    for (const finding of list) {
      const key = `${finding.uri}|${finding.ruleId}|${finding.range.start.line}:${finding.range.start.character}|${finding.message}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.findings.push(finding);
    }
  }
}

/** The contract findings of every service indexed, by file. */
export async function contractFindings(engine: Engine): Promise<Finding[]> {
  const found = new FindingSet();
  for (const byFile of (await engine.checkContracts()).values()) for (const list of byFile.values()) found.add(list);
  return found.findings;
}

/**
 * Why none of the files is one the engine checks. An empty or binary file is named as such: whoever
 * passed it (or a folder of them) learns what is wrong with it, not only that it is not a document.
 */
async function whyNothingToCheck(engine: Engine, uris: readonly string[], cwd: string): Promise<string> {
  const empty: string[] = [];
  const binary: string[] = [];
  for (const uri of uris) {
    const text = (await engine.files.get(uri))?.source.text;
    if (text?.trim() === '') empty.push(displayPath(uri, cwd));
    else if (text !== undefined && isBinary(text)) binary.push(displayPath(uri, cwd));
  }
  if (uris.length === 1 && empty.length === 1) return `${empty[0]} is empty`;
  if (uris.length === 1 && binary.length === 1) return `${binary[0]} is a binary file, not YAML, JSON or Avro text`;
  const named = (label: string, files: string[]) => (files.length === 0 ? [] : [`${label}: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ` and ${files.length - 5} more` : ''}`]);
  const details = [...named('empty', empty), ...named('binary', binary)];
  return `no AsyncAPI document, schema or .event-design.yaml among ${uris.length} file(s)${details.length ? ` (${details.join('; ')})` : ''}`;
}

/**
 * What `check` analyses: the project around the given paths (`findProjectRoot`), so that findings
 * that depend on usage are known, and which of its files are reported: those under the paths.
 */
interface Project {
  engine: Engine;
  roots: string[];
  /** The candidate files under the given paths, as URIs. */
  requested: string[];
  /** Whether a file is under one of the given paths: only its findings are reported, only it is fixed. */
  isReported: (uri: string) => boolean;
  /** How many files of the roots were indexed (the given ones, and those that can refer to them). */
  indexed: number;
}

/**
 * A file outside the given paths matters to them only when it is an AsyncAPI document (a user,
 * or the other side of a contract), refers to other files, or names a schema by `$id`: the rest
 * of a large repository is read but not parsed.
 */
const MAY_USE_OR_NAME = /asyncapi|\$ref|\$?id["']?\s*:/;

async function loadProject(paths: readonly string[], cwd: string, allowRemote: boolean): Promise<Project> {
  const targets = (paths.length > 0 ? paths : ['.']).map((target) => path.resolve(cwd, target));
  const requestedFiles = await collectFiles(paths, cwd);
  const roots: string[] = [];
  for (const target of targets) {
    const root = await findProjectRoot(target);
    if (!roots.includes(root)) roots.push(root);
  }
  // A root inside another is analysed with it.
  const outermost = roots.filter((root) => !roots.some((other) => other !== root && isUnder(root, other)));
  const files = new Set(requestedFiles);
  for (const root of outermost) {
    // A file outside any project is its own root: there is nothing around it to discover.
    if (!(await fs.stat(root).then((stat) => stat.isDirectory(), () => false))) continue;
    for (const file of (await discoverFiles(root, { maxFiles: MAX_FILES, respectGitignore: true, boundary: root })).files) files.add(file);
  }
  const engine = new Engine(new FileSystemHost(allowRemote ? fetchRemoteDocument : undefined), { ...DEFAULT_SETTINGS, allowRemoteRefs: allowRemote, workspaceFolders: [] });
  const requested = [...new Set(requestedFiles)].map((file) => URI.file(file).toString());
  const requestedSet = new Set(requested);
  let indexed = 0;
  for (const file of files) {
    const uri = URI.file(file).toString();
    if (!requestedSet.has(uri)) {
      const text = (await engine.files.get(uri))?.source.text;
      if (text === undefined || !MAY_USE_OR_NAME.test(text)) {
        engine.files.invalidate(uri);
        continue;
      }
    }
    await engine.indexFile(uri);
    indexed++;
  }
  const isReported = (uri: string) => uri.startsWith('file:') && targets.some((target) => isUnder(URI.parse(uri).fsPath, target));
  return { engine, roots: outermost, requested, isReported, indexed };
}

/** `file` is `folder` or inside it. */
function isUnder(file: string, folder: string) {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Analyses the project around the given paths with the same engine as the editor, and reports
 * the findings in the files under those paths, with the contracts between the services found
 * (as the editor shows them). The files checked are the given ones and those that use them.
 */
export async function runCheck(args: CheckArguments, cwd: string, toolVersion: string, log: (line: string) => void = () => undefined): Promise<CheckReport> {
  const { engine, roots, requested, isReported, indexed } = await loadProject(args.paths, cwd, args.allowRemote);
  const requestedSet = new Set(requested);
  // The documents that reach a given file say things in it (a schema's findings depend on its use).
  const users = new Set<string>();
  for (const uri of requested) for (const user of engine.index.dependentsOf(uri)) if (!requestedSet.has(user)) users.add(user);
  const toCheck = [...requested, ...[...users].sort()];
  log(`analysed ${roots.map((root) => displayPath(URI.file(root).toString(), cwd) || '.').join(', ')} (the project root${roots.length === 1 ? '' : 's'}): ${indexed} file(s) indexed, ${requested.length} under the given paths, ${users.size} more checked because they use them`);
  const fixed = args.fix ? await applySafeFixes(engine, toCheck, isReported) : undefined;
  const checked: string[] = [];
  const skipped: string[] = [];
  const internalErrors: InternalError[] = [];
  const found = new FindingSet();
  // The parser runs in a worker even here: a document it cannot finish must not hang CI.
  const pool = new ParserWorkerPool(quietLogger, { maxHeapMb: 4096, timeoutMs: PARSER_TIMEOUT_MS });
  try {
    for (const uri of toCheck) {
      const reported = requestedSet.has(uri);
      if (!(await engine.isRelevant(uri))) {
        if (reported) skipped.push(uri);
        continue;
      }
      if (reported) checked.push(uri);
      let result;
      try {
        result = await engine.checkFile(uri, (snapshot, remainingMs) => pool.run(snapshot, remainingMs === undefined ? undefined : AbortSignal.timeout(remainingMs)), { timeoutMs: args.timeout * 1000 });
      } catch (error) {
        // One file the engine cannot handle must not hide the findings of all the others.
        if (reported) {
          found.add([internalErrorFinding(uri, error)]);
          internalErrors.push({ uri, error });
        } else {
          internalErrors.push({ step: `${displayPath(uri, cwd)} (it uses files under the given paths)`, error });
        }
        continue;
      }
      for (const list of result.findings.values()) found.add(list.filter((finding) => isReported(finding.uri)));
      engine.forget(uri);
    }
  } finally {
    await pool.dispose();
  }
  if (checked.length === 0) throw new UsageError(`Nothing to check: ${await whyNothingToCheck(engine, requested, cwd)}`);
  try {
    found.add((await contractFindings(engine)).filter((finding) => isReported(finding.uri)));
  } catch (error) {
    internalErrors.push({ step: CONTRACTS_STEP, error });
  }
  return { cwd, checkedFiles: checked, skippedFiles: skipped, findings: sortFindings(found.findings), toolVersion, internalErrors, fixed };
}
