import type { Connection, ResponseError, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { Cancellation } from '../../engine/cancellation';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../../engine/engine';
import type { DiagnosticsCollector } from '../diagnosticsCollector';
import type { Logger } from '../runSafe';
import type { ServerSettings } from '../settings';

/** What a language feature may use of the server. */
export interface FeatureContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  engine: Engine;
  logger: Logger;
  settings(): ServerSettings;
  /** URI of the extension package, for links to the rule docs. */
  packageRootUri(): string;
  /** Whether the user trusts the workspace: no processes or network otherwise. */
  trusted(): boolean;
  /**
   * Answers the requests of `method`. Their parameters are checked first against the shape
   * `requestParams.ts` declares for the method (InvalidParams otherwise, before any handler
   * runs); then `work` runs through runSafe within `eventDesign.limits.requestTimeout` (the check
   * timeout for `budget: 'check'`: work over the whole workspace, like the graph). `work` gets a
   * token that turns true when the client cancels or the time runs out. `fallback` answers when
   * `work` fails (or is made from the parameters, e.g. the lens a resolve got).
   */
  onRequest<P, R>(method: string, fallback: R | ((params: P) => R), work: (params: P, token: Cancellation) => Promise<R | ResponseError<void>> | R | ResponseError<void>, options?: { budget?: 'request' | 'check' }): void;
  /** Where diagnostics that no single document's check makes are published (merged per file). */
  diagnostics: DiagnosticsCollector;
  /** Resolves once no open document waits for its fast checks (which re-index it). */
  fastChecksDone(): Promise<void>;
  /**
   * Runs `dispose` when the client shuts the server down. (The connection keeps one shutdown
   * handler: a feature that set its own would replace the server's.)
   */
  onShutdown(dispose: () => void): void;
}

/**
 * One language feature (code actions, navigation, the event-flow graph…): it declares its
 * capabilities and registers its handlers. server.ts lists the features; a feature touches
 * nothing else of the server.
 */
export interface LanguageFeature {
  readonly name: string;
  capabilities?(): Partial<ServerCapabilities>;
  register(context: FeatureContext): void;
}
