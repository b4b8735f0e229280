import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
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

  constructor(serverModule = path.join(findRepoRoot(), 'dist', 'server', 'server.js')) {
    this.process = spawn(process.execPath, [serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    this.connection.listen();
  }

  get pid() {
    return this.process.pid!;
  }

  get alive() {
    return this.process.exitCode === null && !this.process.killed;
  }

  async initialize(workspaceFolder: string) {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: workspaceFolder,
      workspaceFolders: [{ uri: workspaceFolder, name: 'workspace' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions: { trusted: true },
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
