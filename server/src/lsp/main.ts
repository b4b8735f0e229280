import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

declare const EVENT_DESIGN_VERSION: string | undefined;
const VERSION = typeof EVENT_DESIGN_VERSION === 'string' ? EVENT_DESIGN_VERSION : '0.1.0';

const HELP = `event-design-language-server: the Event Design language server, for any LSP editor.

Usage:
  event-design-language-server --stdio

  --stdio      speak LSP over standard input and output: what editors other than VS Code use
  --version    print the version
  --help       print this help

The VS Code extension starts the same server with --node-ipc; --socket=<port> and --pipe=<name>
work too, but --stdio is the one to use. Editor configurations: docs/editors.md.
`;

// The transport (IPC, stdio, socket, pipe) comes from the command line, as vscode-languageclient
// sets it; the library reads these arguments and throws, with a stack trace, if none is given.
const argv = process.argv.slice(2);
const hasTransport = argv.some((argument) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(argument));
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(HELP);
} else if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (!hasTransport) {
  process.stderr.write(`event-design-language-server: say how to talk to the editor, e.g. --stdio.\n\n${HELP}`);
  process.exitCode = 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
  startServer(connection);
}
