/**
 * Custom messages between the extension client and the language server, declared once and
 * imported by both sides. Only plain data crosses: no functions, no classes.
 */

/** What the server is doing, for the status bar. */
export interface ServerStatus {
  state: 'starting' | 'indexing' | 'validating' | 'idle';
  /** Documents waiting for or under validation. */
  pending: number;
  /** Files in the workspace index. */
  indexedFiles: number;
  /** A short human message, when there is something to say (index truncated, worker crashed…). */
  message?: string;
}

export namespace StatusNotification {
  export const method = 'eventDesign/status';
  export type Params = ServerStatus;
}

/** The client tells the server that the user trusted the workspace (it starts untrusted). */
export namespace WorkspaceTrustNotification {
  export const method = 'eventDesign/workspaceTrusted';
  export interface Params {
    trusted: boolean;
  }
}

/** What the client passes when it starts the server. */
export interface InitializationOptions {
  /** `vscode.workspace.isTrusted`: untrusted workspaces never reach the network or run processes. */
  trusted: boolean;
  /** Absolute URI of the extension package: rule docs are at `docs/rules/<id>.md` below it. */
  packageRootUri?: string;
}

export function isServerStatus(value: unknown): value is ServerStatus {
  if (!value || typeof value !== 'object') return false;
  const status = value as Partial<ServerStatus>;
  return typeof status.state === 'string' && typeof status.pending === 'number' && typeof status.indexedFiles === 'number';
}
