/**
 * Whether the connection's output is still being written. With `--stdio`, a 4 MB
 * publishDiagnostics (a 1,000-channel document's findings) goes into the pipe in pieces, and each
 * next piece is written from the event loop: a long task started meanwhile (a forced garbage
 * collection, the contracts of the workspace) holds the rest of the message back for its whole
 * length, and the editor sees the diagnostics that much later. (VS Code's IPC channel takes a
 * message at once; there, nothing is ever pending.)
 */
export function outputPending(output: NodeJS.WritableStream & { writableNeedDrain: boolean } = process.stdout): boolean {
  return output.writableNeedDrain;
}

/**
 * Resolves once the output written so far has gone out: after the immediate in which the
 * connection encodes and writes the messages sent before (vscode-jsonrpc writes from an
 * immediate), and after the pipe drained.
 */
export async function outputWritten(output: NodeJS.WritableStream & { writableNeedDrain: boolean } = process.stdout): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (outputPending(output)) await new Promise((resolve) => output.once('drain', resolve));
}
