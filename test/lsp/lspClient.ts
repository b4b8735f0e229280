import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Position, PublishDiagnosticsParams, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * The bundled language server in its own process, driven over JSON-RPC on stdio, as an editor
 * drives it. Tests wait on its notifications, never on time.
 */
export class LspTestClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: Array<() => void> = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** Every publishDiagnostics, in order. */
  readonly published: PublishDiagnosticsParams[] = [];

  constructor(serverModule = path.join(findRepoRoot(), 'dist', 'server', 'server.js')) {
    this.process = spawn(process.execPath, [serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      for (const wake of this.logWaiters.splice(0)) wake();
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.listen();
    this.process.stdout!.on('data', (chunk: Buffer) => this.readRawResponses(chunk));
  }

  private readonly logWaiters: Array<() => void> = [];

  /** Resolves with the first log message (past or future) that matches `pattern`. */
  async waitForLog(pattern: RegExp): Promise<string> {
    for (;;) {
      const found = this.logs.find((message) => pattern.test(message));
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => this.logWaiters.push(resolve));
    }
  }

  /** The `eventDesign` settings the client answers `workspace/configuration` with. */
  settings: Record<string, unknown> = {};

  // --- Raw frames, for what a well-behaved client library never sends --------------------------

  private rawOutput = Buffer.alloc(0);
  private readonly rawWaiters = new Map<string, (response: { result?: unknown; error?: { code: number; message: string } }) => void>();
  private rawId = 0;

  /**
   * Sends a request as written (`null` parameters, an array…), and with `cancel` its
   * `$/cancelRequest` in the same write, so that the server reads both before it can answer.
   * Resolves with the server's response, read beside the connection (which does not know the id).
   */
  requestRaw(method: string, params: unknown, options: { cancel?: boolean } = {}): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
    const id = `raw-${++this.rawId}`;
    const frame = (message: object) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    };
    const answered = new Promise<{ result?: unknown; error?: { code: number; message: string } }>((resolve) => this.rawWaiters.set(id, resolve));
    const frames = [frame({ id, method, params })];
    if (options.cancel) frames.push(frame({ method: '$/cancelRequest', params: { id } }));
    this.process.stdin!.write(Buffer.concat(frames));
    return answered;
  }

  private readRawResponses(chunk: Buffer) {
    if (this.rawWaiters.size === 0) return;
    this.rawOutput = Buffer.concat([this.rawOutput, chunk]);
    for (;;) {
      const headerEnd = this.rawOutput.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.rawOutput.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.rawOutput.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.rawOutput.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as { id?: unknown; result?: unknown; error?: { code: number; message: string } };
      this.rawOutput = this.rawOutput.subarray(headerEnd + 4 + length);
      const waiter = typeof message.id === 'string' ? this.rawWaiters.get(message.id) : undefined;
      if (waiter) {
        this.rawWaiters.delete(message.id as string);
        waiter(message);
      }
    }
  }

  get pid() {
    return this.process.pid!;
  }

  get alive() {
    return this.process.exitCode === null && !this.process.killed;
  }

  async initialize(workspaceFolder: string, options: { trusted?: boolean } = {}) {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: workspaceFolder,
      workspaceFolders: [{ uri: workspaceFolder, name: 'workspace' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions: { trusted: options.trusted ?? true },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, languageId = uri.endsWith('.json') ? 'json' : 'yaml', version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string) {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  filesChanged(changes: Array<{ uri: string; type: 1 | 2 | 3 }>) {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  current(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri);
  }

  /** Resolves with the diagnostics of `uri` once `accept` holds for them; rejects after `timeoutMs`. */
  waitFor(uri: string, accept: (diagnostics: Diagnostic[]) => boolean, what: string, timeoutMs = 60_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what} on ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri)?.map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.code} ${diagnostic.message}`))}; stderr: ${this.stderr.join('').slice(-2000)}`)), timeoutMs);
      const check = () => {
        const current = this.diagnostics.get(uri);
        if (current && accept(current)) {
          clearTimeout(timer);
          resolve(current);
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  // --- Navigation requests (test/lsp/navigation.test.ts) ----------------------------------------

  private statusWaiters: Array<() => void> = [];
  private lastStatus: { state: string; indexedFiles: number; baselines?: string } | undefined;
  /** How many `workspace/codeLens/refresh` requests the server sent. */
  codeLensRefreshes = 0;

  /**
   * Records the server's `eventDesign/status` notifications and answers its code-lens refresh
   * requests. Call before `initialize`, so that no notification is missed.
   */
  watchServerRequests() {
    this.connection.onNotification('eventDesign/status', (params: { state: string; indexedFiles: number; baselines?: string }) => {
      this.lastStatus = params;
      for (const wake of this.statusWaiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshes++;
      for (const wake of this.statusWaiters.splice(0)) wake();
      return null;
    });
  }

  /** Resolves once `accept` holds for the last status (or refresh count); rejects after `timeoutMs`. */
  waitForServer(accept: (status: { state: string; indexedFiles: number; baselines?: string } | undefined, refreshes: number) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last status: ${JSON.stringify(this.lastStatus)}, refreshes: ${this.codeLensRefreshes}`)), timeoutMs);
      const check = () => {
        if (accept(this.lastStatus, this.codeLensRefreshes)) {
          clearTimeout(timer);
          resolve();
        } else this.statusWaiters.push(check);
      };
      check();
    });
  }

  /** Any request by method name, for the navigation features' requests. */
  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  definition(uri: string, position: Position) {
    return this.request<unknown[]>('textDocument/definition', { textDocument: { uri }, position });
  }

  references(uri: string, position: Position, includeDeclaration = false) {
    return this.request<Array<{ uri: string; range: Range }>>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration } });
  }

  hover(uri: string, position: Position) {
    return this.request<{ contents: { kind: string; value: string }; range?: Range } | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  completion(uri: string, position: Position) {
    return this.request<{ isIncomplete: boolean; items: Array<{ label: string; textEdit?: { range: Range; newText: string } }> }>('textDocument/completion', { textDocument: { uri }, position });
  }

  documentSymbols(uri: string) {
    return this.request<Array<{ name: string; kind: number; children?: unknown[] }>>('textDocument/documentSymbol', { textDocument: { uri } });
  }

  workspaceSymbols(query: string) {
    return this.request<Array<{ name: string; kind: number; containerName?: string; location: { uri: string; range?: Range } }>>('workspace/symbol', { query });
  }

  codeLenses(uri: string) {
    return this.request<Array<{ range: Range; data?: unknown; command?: { title: string; command: string; arguments?: unknown[] } }>>('textDocument/codeLens', { textDocument: { uri } });
  }

  resolveCodeLens<T extends object>(lens: T) {
    return this.request<T & { command?: { title: string; command: string; arguments?: unknown[] } }>('codeLens/resolve', lens);
  }

  prepareRename(uri: string, position: Position) {
    return this.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri }, position });
  }

  rename(uri: string, position: Position, newName: string) {
    return this.request<{ changes?: Record<string, Array<{ range: Range; newText: string }>> } | null>('textDocument/rename', { textDocument: { uri }, position, newName });
  }

  semanticTokens(uri: string, range?: Range) {
    return range
      ? this.request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri }, range })
      : this.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
  }

  /** Ends a server that no longer answers, without asking it. */
  kill() {
    this.connection.dispose();
    if (this.alive) this.process.kill('SIGKILL');
  }

  async shutdown() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may be gone already.
    }
    this.connection.dispose();
    if (this.alive) this.process.kill();
  }
}
