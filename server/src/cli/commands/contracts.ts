import { sortFindings, type Finding } from '../../engine/findings/finding';
import { UsageError, type CliCommand, type CommandIo } from '../argumentReader';
import { CONTRACTS_STEP, contractFindings, loadWorkspace } from '../checkCommand';
import type { CheckReport, InternalError } from '../report';
import { parseCheckArguments, writeReport } from './check';

export const contractsCommand: CliCommand = {
  name: 'contracts',
  summary: 'check that the producers and consumers of each channel agree on its messages',
  help: `Usage:
  event-design contracts [paths...] [options]

  Reads every AsyncAPI document under the given files or folders (default: the current folder),
  as check does, and compares, channel by channel, what each service sends with what each other
  service says it receives: the consumer's payload and headers schemas must read everything the
  producer's may hold (JSON Schema and Avro); replies the other way round. Also reports one
  message name with different schemas in two services, consumers of messages nobody sends
  (warnings) and channels nobody consumes (information).

Options:
  -f, --format <format>              Output format (default: stylish), as check writes it: stylish, json, sarif,
                                     markdown, junit, github or gitlab.
  --max-warnings <n>                 Exit 1 when there are more than n warnings (default: -1, no limit).
  --color / --no-color               Force or disable colours (default: on for terminals, off with NO_COLOR).
  --allow-remote                     Fetch remote (http/https) $refs of the schemas (default: never).
  -h, --help                         Show this help.

Exit codes: 0 every consumer can read what its producers send; 1 an incompatible pair (an error),
or more warnings than --max-warnings; 2 usage error, no AsyncAPI document found, or internal error.
`,
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    const options = parseCheckArguments(args, io.isTty);
    if (options === 'help') {
      io.write(this.help);
      return 0;
    }
    if (options.fix) throw new UsageError('contracts has no --fix: its fixes are decisions (which side changes), made in the editor');
    const { engine, uris } = await loadWorkspace(options.paths, io.cwd, options.allowRemote);
    const documents = engine.index.applications().map((application) => application.uri);
    if (documents.length === 0) throw new UsageError(`No AsyncAPI document among ${uris.length} file(s)`);
    let findings: Finding[] = [];
    const internalErrors: InternalError[] = [];
    try {
      findings = await contractFindings(engine);
    } catch (error) {
      internalErrors.push({ step: CONTRACTS_STEP, error });
    }
    const report: CheckReport = { cwd: io.cwd, checkedFiles: documents, findings: sortFindings(findings), toolVersion: io.version, internalErrors };
    return writeReport(report, options, { title: 'event-design: contracts between services', errorNoun: 'incompatible pair' }, io);
  },
};
