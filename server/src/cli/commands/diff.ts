import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { sortFindings } from '../../engine/findings/finding';
import { internalErrorFinding } from '../../engine/rules/internalError';
import { FileSystemHost } from '../../node/fileSystemHost';
import { GitBaselines } from '../../node/gitBaselines';
import { GitRepository } from '../../node/gitRepository';
import { ArgumentReader, UsageError, type CliCommand, type CommandIo } from '../argumentReader';
import { collectFiles, FindingSet, indexedEngine } from '../checkCommand';
import { formatReport, OUTPUT_FORMATS, type OutputFormat } from '../formatters/formatReport';
import { writeInternalErrors, type CheckReport, type InternalError } from '../report';

interface DiffArguments {
  paths: string[];
  baseline?: string;
  format: OutputFormat;
  failOn: 'breaking' | 'any';
  color: boolean;
}

function parseDiffArguments(args: readonly string[], isTty: boolean): DiffArguments | 'help' {
  const result: DiffArguments = { paths: [], format: 'stylish', failOn: 'breaking', color: isTty && !process.env.NO_COLOR };
  const reader = new ArgumentReader(args);
  for (let flag = reader.next(); flag !== undefined; flag = reader.next()) {
    switch (flag) {
      case '--baseline':
      case '-b':
        result.baseline = reader.value();
        break;
      case '--format':
      case '-f':
        result.format = reader.choice(OUTPUT_FORMATS);
        break;
      case '--fail-on':
        result.failOn = reader.choice(['breaking', 'any'] as const);
        break;
      default:
        if (reader.shared(flag, result) === 'help') return 'help';
    }
  }
  if (!result.baseline) throw new UsageError('diff needs --baseline <ref> (the branch a pull request goes into, e.g. origin/main)');
  return result;
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'report compatibility breaks against the merge base with a git ref (for pull requests)',
  help: `Usage:
  event-design diff [paths...] --baseline <ref> [options]

  Compares every AsyncAPI document and schema (JSON Schema, Avro, .proto) under the paths (default: the current folder)
  with its version at the merge base of HEAD and <ref>, each message in the direction its use
  needs (what a service sends: FORWARD; what it receives: BACKWARD; both: FULL), following
  .event-design.yaml (compatibility: policy, modes, accepted breaks).

Options:
  -b, --baseline <ref>                          The branch or commit to compare with (required), e.g. origin/main.
  -f, --format <format>                         Output format (default: stylish): stylish, json, sarif, markdown (for a
                                                pull-request comment), junit, github (annotations) or gitlab (Code Quality).
  --fail-on <breaking|any>                      Exit 1 on breaks (default), or on breaks and warnings.
  --color / --no-color                          Force or disable colours.
  -h, --help                                    Show this help.

Exit codes: 0 no break, 1 breaks (or warnings with --fail-on any), 2 usage error, a baseline ref
that does not exist (fetch it first; see the message), not a git repository, or internal error.
`,
  async run(args, io: CommandIo) {
    const options = parseDiffArguments(args, io.isTty);
    if (options === 'help') {
      io.write(this.help);
      return 0;
    }
    const files = await collectFiles(options.paths, io.cwd);
    const repository = await GitRepository.containing(files[0] ?? io.cwd);
    if (!repository) throw new UsageError('diff compares with git history, but these files are not in a git repository');
    if (!(await repository.hasRef(options.baseline!))) {
      throw new UsageError(
        `The baseline ref "${options.baseline}" does not exist in this clone. A shallow CI clone lacks it: fetch it first, e.g. \`git fetch --no-tags origin ${options.baseline!.replace(/^origin\//, '')}:refs/remotes/${options.baseline!.includes('/') ? options.baseline : `origin/${options.baseline}`}\` or check out with full history (actions/checkout: fetch-depth: 0).`,
      );
    }
    const { engine, uris } = await indexedEngine(files, new FileSystemHost(undefined, new GitBaselines(() => true)));
    const spec = { kind: 'merge-base' as const, ref: options.baseline! };
    const checked: string[] = [];
    // A file named on the command line gets a verdict or an error, never silence: a folder's other files are skipped.
    const named = new Set(options.paths.map((given) => URI.file(path.resolve(io.cwd, given)).toString()));
    const unreadable: string[] = [];
    for (const uri of uris) {
      const file = await engine.files.get(uri);
      const kind = file ? engine.kindOf(file).kind : 'other';
      if (kind === 'asyncapi' || kind === 'json-schema' || kind === 'avro' || kind === 'protobuf') checked.push(uri);
      else if (named.has(uri)) unreadable.push(path.relative(io.cwd, URI.parse(uri).fsPath) || uri);
    }
    if (unreadable.length > 0) throw new UsageError(`${unreadable.join(', ')}: not an AsyncAPI document, a JSON Schema, an Avro schema or a Protobuf file, so diff cannot compare ${unreadable.length === 1 ? 'it' : 'them'}`);
    if (checked.length === 0) throw new UsageError('Nothing to compare: no AsyncAPI document or schema among the files');
    const internalErrors: InternalError[] = [];
    const found = new FindingSet();
    for (const uri of checked) {
      try {
        for (const list of (await engine.checkBreaks(uri, spec)).values()) found.add(list);
      } catch (error) {
        // One file the engine cannot compare must not hide the breaks of all the others.
        found.add([internalErrorFinding(uri, error)]);
        internalErrors.push({ uri, error });
      }
    }
    const report: CheckReport = { cwd: io.cwd, checkedFiles: checked, findings: sortFindings(found.findings), toolVersion: io.version, internalErrors };
    const heading = { title: `event-design: compatibility against ${options.baseline}`, errorNoun: 'compatibility break' };
    io.write(formatReport(report, options.format, { color: options.color, heading }));
    if (writeInternalErrors(report, io.writeError)) return 2;
    const breaks = found.findings.filter((finding) => finding.ruleId === 'compatibility-break' && finding.severity === 'error').length;
    const warnings = found.findings.length - breaks;
    return breaks > 0 || (options.failOn === 'any' && warnings > 0) ? 1 : 0;
  },
};
