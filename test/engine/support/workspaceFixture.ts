import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DEFAULT_SETTINGS, Engine, type EngineSettings } from '../../../server/src/engine/engine';
import type { Finding } from '../../../server/src/engine/findings/finding';
import { ParserWorkerPool } from '../../../server/src/node/parserWorkerPool';
import { MemoryHost } from './memoryHost';

/** A folder of files loaded into an in-memory engine, as a workspace. */
export interface LoadedWorkspace {
  engine: Engine;
  host: MemoryHost;
  rootUri: string;
  uris: string[];
  uriOf(relative: string): string;
}

export function listFiles(folder: string): string[] {
  const result: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else result.push(full);
    }
  };
  walk(folder);
  return result.sort();
}

export async function loadWorkspace(folder: string, settings: Partial<EngineSettings> = {}, exclude: (relative: string) => boolean = () => false): Promise<LoadedWorkspace> {
  const host = new MemoryHost();
  const rootUri = URI.file(folder).toString();
  const uris: string[] = [];
  for (const file of listFiles(folder)) {
    const relative = path.relative(folder, file).split(path.sep).join('/');
    if (exclude(relative)) continue;
    const uri = URI.file(file).toString();
    host.files.set(uri, fs.readFileSync(file, 'utf8'));
    uris.push(uri);
  }
  const engine = new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [rootUri], ...settings });
  for (const uri of uris) await engine.indexFile(uri);
  return { engine, host, rootUri, uris, uriOf: (relative) => `${rootUri}/${relative}` };
}

/**
 * The parser runs in a worker in tests too: a document that sends it into an endless loop must
 * fail the test, not freeze the test runner.
 */
let sharedPool: ParserWorkerPool | undefined;
export function parserPool(): ParserWorkerPool {
  sharedPool ??= new ParserWorkerPool({ warn: () => undefined, debug: () => undefined }, { maxHeapMb: 2048, timeoutMs: 30_000 });
  return sharedPool;
}

export async function disposeParserPool() {
  await sharedPool?.dispose();
  sharedPool = undefined;
}

/** Checks every relevant file (fast and full) and returns the de-duplicated findings. */
export async function checkWorkspace(workspace: LoadedWorkspace): Promise<Finding[]> {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const uri of workspace.uris) {
    if (!(await workspace.engine.isRelevant(uri))) continue;
    const result = await workspace.engine.checkFile(uri, (snapshot) => parserPool().run(snapshot));
    for (const list of result.findings.values()) {
      for (const finding of list) {
        const key = describeFinding(finding, workspace.rootUri);
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(finding);
      }
    }
  }
  return findings.sort((a, b) => describeFinding(a, workspace.rootUri).localeCompare(describeFinding(b, workspace.rootUri), 'en', { numeric: true }));
}

/** `file:line:column severity rule message`, 1-based, as fixtures write expectations. */
export function describeFinding(finding: Finding, rootUri: string): string {
  const file = finding.uri.startsWith(rootUri + '/') ? decodeURIComponent(finding.uri.slice(rootUri.length + 1)) : finding.uri;
  return `${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.severity} ${finding.ruleId} ${finding.message}`;
}
