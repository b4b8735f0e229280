import { sortFindings } from '../../engine/findings/finding';
import { ArgumentReader, UsageError, type CliCommand, type CommandIo } from '../argumentReader';
import { contractFindings, loadWorkspace } from '../checkCommand';
import { formatJson } from '../formatters/json';
import { formatSarif } from '../formatters/sarif';
import { formatStylish } from '../formatters/stylish';
import { countBySeverity, type CheckReport } from '../report';
import type { OutputFormat } from './check';

export interface ContractsArguments {
  paths: string[];
  format: OutputFormat;
  color: boolean;
}

const FORMATS: readonly OutputFormat[] = ['stylish', 'json', 'sarif'];

export function parseContractsArguments(args: readonly string[], isTty: boolean): ContractsArguments | 'help' {
  const result: ContractsArguments = { paths: [], format: 'stylish', color: isTty && !process.env.NO_COLOR };
  const reader = new ArgumentReader(args);
  for (let flag = reader.next(); flag !== undefined; flag = reader.next()) {
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--format':
      case '-f':
        result.format = reader.choice(FORMATS);
        break;
      case '--color':
        result.color = true;
        break;
      case '--no-color':
        result.color = false;
        break;
      default:
        if (ArgumentReader.isOption(flag)) reader.unknown(flag);
        result.paths.push(flag);
    }
  }
  return result;
}

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
  (warnings) and channels nobody consumes (information). No network.

Options:
  -f, --format <stylish|json|sarif>  Output format (default: stylish), as check writes it.
  --color / --no-color               Force or disable colours (default: on for terminals, off with NO_COLOR).
  -h, --help                         Show this help.

Exit codes: 0 every consumer can read what its producers send; 1 an incompatible pair (an error);
2 usage error, no AsyncAPI document found, or internal error.
`,
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    const options = parseContractsArguments(args, io.isTty);
    if (options === 'help') {
      io.write(this.help);
      return 0;
    }
    const { engine, uris } = await loadWorkspace(options.paths, io.cwd);
    const documents = engine.index.applications().map((application) => application.uri);
    if (documents.length === 0) throw new UsageError(`No AsyncAPI document among ${uris.length} file(s)`);
    const report: CheckReport = { cwd: io.cwd, checkedFiles: documents, findings: sortFindings(await contractFindings(engine)), toolVersion: io.version };
    io.write(options.format === 'json' ? formatJson(report) : options.format === 'sarif' ? formatSarif(report) : formatStylish(report, options.color));
    return countBySeverity(report.findings).error > 0 ? 1 : 0;
  },
};
