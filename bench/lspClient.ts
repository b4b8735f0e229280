import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import type { LineEdit } from './documents';

/** Something the server sent, with the time it arrived (performance.now()). */
export type ServerEvent =
  | { seq: number; at: number; kind: 'diagnostics'; uri: string; diagnostics: Diagnostic[] }
  | { seq: number; at: number; kind: 'status'; state: string; pending: number; indexedFiles: number }
  | { seq: number; at: number; kind: 'log'; type: number; message: string };

export interface ServerOptions {
  serverPath: string;
  workspaceFolder: string;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

/** Reads a process's memory counters from /proc (Linux). VmHWM is the peak resident set. */
export function processMemory(pid: number): { rss?: number; hwm?: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return {};
  }
}

/**
 * A minimal LSP client for the bundled server over stdio: it records every diagnostics and
 * status notification with its arrival time, and waits for conditions on them.
 */
export class LspSession {
  readonly events: ServerEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly child: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly stderr: string[] = [];
  private exited: { code: number | null; signal: string | null } | undefined;
  private sampler: NodeJS.Timeout | undefined;
  private seq = 0;
  /** The largest VmRSS seen by sampling (cross-check for VmHWM). */
  sampledPeakRss = 0;
  /** The largest sampled VmRSS in each phase the caller names (see `phase`). */
  readonly phasePeaks: Record<string, number> = {};
  private currentPhase = 'start';
  readonly versions = new Map<string, number>();

  constructor(options: ServerOptions) {
    this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: options.workspaceFolder,
      // BENCH_SERVER_NODE_OPTIONS, when set, replaces NODE_OPTIONS for the server only.
      env: process.env.BENCH_SERVER_NODE_OPTIONS === undefined ? process.env : { ...process.env, NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS },
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.stderr.push(chunk);
      if (this.stderr.length > 200) this.stderr.shift();
    });
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.notify();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.push({ kind: 'diagnostics', uri: params.uri, diagnostics: params.diagnostics });
    });
    this.connection.onNotification('eventDesign/status', (params: { state: string; pending: number; indexedFiles: number }) => {
      this.push({ kind: 'status', state: params.state, pending: params.pending, indexedFiles: params.indexedFiles });
    });
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      this.push({ kind: 'log', type: params.type, message: params.message });
    });
    // Requests a client must answer; with configuration pull off, none should come but these.
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    this.connection.listen();
    this.sampler = setInterval(() => {
      const { rss } = processMemory(this.pid);
      if (rss === undefined) return;
      if (rss > this.sampledPeakRss) this.sampledPeakRss = rss;
      if (rss > (this.phasePeaks[this.currentPhase] ?? 0)) this.phasePeaks[this.currentPhase] = rss;
    }, 50);
  }

  /** Names what happens from now on, for the per-phase memory peaks. */
  phase(name: string) {
    this.currentPhase = name;
    const { rss } = this.memory();
    if (rss !== undefined && rss > (this.phasePeaks[name] ?? 0)) this.phasePeaks[name] = rss;
  }

  get pid() {
    return this.child.pid!;
  }

  get nextSeq() {
    return this.seq;
  }

  memory() {
    return processMemory(this.pid);
  }

  private push(event: ServerEvent extends infer E ? (E extends ServerEvent ? Omit<E, 'seq' | 'at'> : never) : never) {
    this.events.push({ ...event, seq: this.seq++, at: performance.now() } as ServerEvent);
    this.notify();
  }

  private notify() {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The first event at or after `fromSeq` that satisfies `predicate`. */
  waitFor<T extends ServerEvent>(fromSeq: number, predicate: (event: ServerEvent) => event is T, timeoutMs: number, what: string): Promise<T>;
  waitFor(fromSeq: number, predicate: (event: ServerEvent) => boolean, timeoutMs: number, what: string): Promise<ServerEvent>;
  waitFor(fromSeq: number, predicate: (event: ServerEvent) => boolean, timeoutMs: number, what: string): Promise<ServerEvent> {
    return new Promise((resolve, reject) => {
      let checked = fromSeq;
      const check = () => {
        for (; checked < this.events.length; checked++) {
          const event = this.events[checked]!;
          if (predicate(event)) {
            done();
            resolve(event);
            return;
          }
        }
        if (this.exited) {
          done();
          reject(new Error(`the server exited (code ${this.exited.code}, signal ${this.exited.signal}) while waiting for ${what}${this.stderrTail()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.stderrTail()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Waits until the server says it has nothing pending (fast and full checks all done). */
  waitIdle(fromSeq: number, timeoutMs: number, what = 'the server to become idle') {
    return this.waitFor(fromSeq, (event): event is Extract<ServerEvent, { kind: 'status' }> => event.kind === 'status' && event.state === 'idle' && event.pending === 0, timeoutMs, what);
  }

  /** Diagnostics for `uri` at or after `fromSeq` that satisfy `predicate`. */
  waitDiagnostics(fromSeq: number, uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, timeoutMs: number, what: string) {
    return this.waitFor(fromSeq, (event): event is Extract<ServerEvent, { kind: 'diagnostics' }> => event.kind === 'diagnostics' && event.uri === uri && predicate(event.diagnostics), timeoutMs, what);
  }

  async initialize(rootUri: string) {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'event-design-bench' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: false, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: { synchronization: { didSave: true }, publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
      },
      initializationOptions: { trusted: false },
    });
    await this.connection.sendNotification('initialized', {});
  }

  async open(uri: string, text: string) {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  async change(uri: string, edit: LineEdit) {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: edit.line, character: edit.startCharacter }, end: { line: edit.line, character: edit.endCharacter } }, text: edit.newText }],
    });
  }

  async close(uri: string) {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Asks the server to shut down and exit; kills it if it does not within `timeoutMs`. */
  async stop(timeoutMs = 15_000) {
    clearInterval(this.sampler);
    this.sampler = undefined;
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), timeoutMs);
        await this.connection.sendNotification('exit');
      } catch {
        // Killed below.
      }
      await withTimeout(new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve()))), timeoutMs).catch(() => {
        this.child.kill('SIGKILL');
      });
    }
    this.connection.dispose();
  }

  logMessages() {
    return this.events.filter((event): event is Extract<ServerEvent, { kind: 'log' }> => event.kind === 'log').map((event) => event.message);
  }

  private stderrTail() {
    const text = this.stderr.join('').trim();
    return text ? `; server stderr: ${text.slice(-2000)}` : '';
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
