import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'vscode-uri';
import { convertToAsyncApi3, type ConversionPlace, type ConversionResult } from '../../engine/convert/convertToAsyncApi3';
import { parseSource } from '../../engine/text/parse';
import { formatOf, SourceFile } from '../../engine/text/sourceFile';
import { ArgumentReader, UsageError, type CliCommand, type CommandIo } from '../argumentReader';
import { displayPath } from '../formatters/paths';

type ConvertFormat = 'text' | 'json';

/** The version of the JSON report's shape; it changes only when the shape does. */
export const CONVERT_JSON_VERSION = 1;

export interface ConvertArguments {
  file: string;
  out?: string;
  write: boolean;
  force: boolean;
  format: ConvertFormat;
}

export function parseConvertArguments(args: readonly string[]): ConvertArguments | 'help' {
  const shared = { paths: [] as string[] };
  let out: string | undefined;
  let write = false;
  let force = false;
  let format: ConvertFormat = 'text';
  const reader = new ArgumentReader(args);
  for (let flag = reader.next(); flag !== undefined; flag = reader.next()) {
    switch (flag) {
      case '--out':
      case '-o':
        out = reader.value();
        break;
      case '--write':
      case '-w':
        write = true;
        break;
      case '--force':
        force = true;
        break;
      case '--format':
      case '-f':
        format = reader.choice(['text', 'json'] as const);
        break;
      default:
        if (reader.shared(flag, shared) === 'help') return 'help';
    }
  }
  if (shared.paths.length !== 1) throw new UsageError(`convert takes one file (got ${shared.paths.length})`);
  if (out !== undefined && write) throw new UsageError('--out and --write cannot go together: --write replaces the file itself');
  return { file: shared.paths[0]!, ...(out !== undefined ? { out } : {}), write, force, format };
}

/** A file the document references, parsed, so that the proof can follow `$ref`s into it; unreadable ones stay unresolved. */
function referencedFileReader(): (uri: string) => unknown {
  const cache = new Map<string, unknown>();
  return (uri) => {
    if (cache.has(uri)) return cache.get(uri);
    let value: unknown;
    try {
      const file = URI.parse(uri).fsPath;
      if (uri.startsWith('file:') && fs.statSync(file).isFile()) {
        const text = fs.readFileSync(file, 'utf8');
        const source = new SourceFile(uri, text, 0, formatOf(uri, text) === 'unknown' ? 'yaml' : formatOf(uri, text));
        value = parseSource(source).value();
      }
    } catch {
      value = undefined;
    }
    cache.set(uri, value);
    return value;
  };
}

function describePlace(place: ConversionPlace, fallback: string, cwd: string): string {
  const file = place.uri !== undefined ? displayPath(place.uri, cwd) : fallback;
  return place.range ? `${file}:${place.range.start.line + 1}:${place.range.start.character + 1}` : `${file}#${place.pointer}`;
}

/** The differences, problems and notes, one line each, for standard error. */
function formatFindings(result: ConversionResult, display: string, convertedDisplay: string, cwd: string): string {
  const lines: string[] = [];
  for (const difference of result.differences) {
    lines.push(`${describePlace(difference.new, convertedDisplay, cwd)}  lost  ${difference.message}  ${difference.kind}`);
    lines.push(`    was ${describePlace(difference.old, display, cwd)} (${difference.old.pointer || '/'})`);
  }
  for (const problem of result.problems) lines.push(`${describePlace(problem.place, convertedDisplay, cwd)}  invalid  ${problem.message}  ${problem.ruleId}`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  const lost = result.differences.length;
  const invalid = result.problems.length;
  if (result.status === 'converted') {
    lines.push(
      lost + invalid === 0
        ? `✔ ${display}: converted from AsyncAPI ${result.fromVersion} to 3.0.0; the AsyncAPI diff finds nothing lost`
        : `✖ ${display}: converted from AsyncAPI ${result.fromVersion} to 3.0.0 with ${lost} difference${lost === 1 ? '' : 's'} by meaning and ${invalid} place${invalid === 1 ? '' : 's'} not valid in 3.0`,
    );
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

function formatJson(result: ConversionResult, display: string, written: string | undefined, io: CommandIo): string {
  const place = (item: ConversionPlace) => ({ file: item.uri !== undefined ? displayPath(item.uri, io.cwd) : display, pointer: item.pointer, ...(item.range ? { line: item.range.start.line + 1, column: item.range.start.character + 1 } : {}) });
  const report = {
    version: CONVERT_JSON_VERSION,
    tool: { name: 'event-design', version: io.version },
    file: display,
    status: result.status,
    ...(result.fromVersion ? { from: result.fromVersion } : {}),
    ...(result.status === 'converted' ? { to: '3.0.0' } : {}),
    ...(written !== undefined ? { written } : result.text !== undefined ? { document: result.text } : {}),
    differences: result.differences.map((difference) => ({ kind: difference.kind, message: difference.message, old: place(difference.old), new: place(difference.new) })),
    problems: result.problems.map((problem) => ({ ruleId: problem.ruleId, message: problem.message, at: place(problem.place) })),
    notes: result.notes,
    errors: result.errors,
  };
  return JSON.stringify(report, null, 2) + '\n';
}

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'convert an AsyncAPI 2.x document to 3.0, and say by meaning what did not survive',
  help: `Usage:
  event-design convert FILE [--out FILE | --write [--force]] [--format text|json]

  Converts an AsyncAPI 2.x document (YAML or JSON) to 3.0.0 with the AsyncAPI converter, in the
  file's own format and style (YAML keeps its comments where their nodes went), then compares the
  old and the new document by meaning with the AsyncAPI diff of event-design compat: every change
  it finds (an operation's direction, a channel's address or parameters, a message, a payload, a
  binding, a security requirement) did not survive the conversion as it was. It also says where
  the result is not valid AsyncAPI 3.0 (bindings are carried over as they were).

  The converted document goes to standard output; the differences, problems and notes to
  standard error. Files the document references are read to compare what they hold, never converted.

Options:
  -o, --out <file>         Write the converted document to this file.
  -w, --write              Replace FILE with the converted document; refused when something did
                           not survive, unless --force.
  --force                  With --write: replace the file even when something did not survive.
  -f, --format <text|json> json: one report on standard output, the document in "document" (or the
                           path in "written"); see docs/cli.md.
  -h, --help               Show this help.

Exit codes: 0 converted with nothing lost, or already AsyncAPI 3.x (nothing to do); 1 something
did not survive or the result is not valid 3.0 (the document is still printed or written, except
by --write without --force); 2 usage error, a file that cannot be read, parsed or converted
(AsyncAPI 1.x, a document the converter refuses), or an internal error.
`,
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    const options = parseConvertArguments(args);
    if (options === 'help') {
      io.write(this.help);
      return 0;
    }
    const file = path.resolve(io.cwd, options.file);
    const display = path.relative(io.cwd, file).split(path.sep).join('/') || path.basename(file);
    let text: string;
    try {
      // Reading a named pipe waits for a writer, forever: only regular files are read.
      if (!fs.statSync(file).isFile()) throw new Error('not a regular file');
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      io.writeError(`event-design: cannot read ${display}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}\n`);
      return 2;
    }
    const uri = pathToFileURL(file).href;
    const result = convertToAsyncApi3(text, uri, formatOf(file, text), { readDocument: referencedFileReader() });
    const lost = result.differences.length + result.problems.length > 0;

    let written: string | undefined;
    let refusedWrite = false;
    if (result.text !== undefined && (options.out !== undefined || options.write)) {
      refusedWrite = options.write && lost && !options.force;
      if (!refusedWrite) {
        const target = options.out !== undefined ? path.resolve(io.cwd, options.out) : file;
        fs.writeFileSync(target, result.text, 'utf8');
        written = path.relative(io.cwd, target).split(path.sep).join('/');
      }
    }

    if (options.format === 'json') io.write(formatJson(result, display, written, io));
    else {
      if (result.text !== undefined && written === undefined && !refusedWrite) io.write(result.text);
      // Places in the new document are in the text written, not in FILE as it was.
      io.writeError(formatFindings(result, display, written ?? `${display} (converted)`, io.cwd));
      for (const error of result.errors) io.writeError(`event-design: ${display}: ${error}\n`);
    }
    if (refusedWrite) io.writeError(`event-design: ${display} was not replaced: something did not survive the conversion (see above). --force replaces it anyway; --out writes the result elsewhere.\n`);
    if (result.status === 'refused') return 2;
    return lost ? 1 : 0;
  },
};
