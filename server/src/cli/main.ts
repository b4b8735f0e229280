import { HELP, parseArguments, UsageError } from './arguments';
import { runCheck } from './checkCommand';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { countBySeverity } from './report';

declare const EVENT_DESIGN_VERSION: string | undefined;
const VERSION = typeof EVENT_DESIGN_VERSION === 'string' ? EVENT_DESIGN_VERSION : '0.1.0';

/** Runs the CLI; resolves to the exit code (the contract in docs/cli.md). */
export async function main(argv: string[], cwd: string, write: (text: string) => void, writeError: (text: string) => void, isTty: boolean): Promise<number> {
  try {
    const args = parseArguments(argv, isTty);
    if (args.command === 'help') {
      write(HELP);
      return 0;
    }
    if (args.command === 'version') {
      write(VERSION + '\n');
      return 0;
    }
    const report = await runCheck(args, cwd, VERSION);
    write(args.format === 'json' ? formatJson(report) : args.format === 'sarif' ? formatSarif(report) : formatStylish(report, args.color));
    const counts = countBySeverity(report.findings);
    if (report.internalErrors?.length) {
      for (const failure of report.internalErrors) writeError(`event-design: internal error while checking ${failure}\n`);
      return 2;
    }
    if (counts.error > 0) return 1;
    if (args.maxWarnings >= 0 && counts.warning > args.maxWarnings) {
      writeError(`event-design: ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, more than --max-warnings ${args.maxWarnings}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      writeError(`event-design: ${error.message}\nRun "event-design --help" for usage.\n`);
      return 2;
    }
    writeError(`event-design: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.cwd(), (text) => process.stdout.write(text), (text) => process.stderr.write(text), process.stdout.isTTY === true).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
