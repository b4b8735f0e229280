import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
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
  /** Where diagnostics that no single document's check makes are published (merged per file). */
  diagnostics: DiagnosticsCollector;
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
