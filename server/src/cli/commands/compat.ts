import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  BUF_CATEGORIES,
  describeBufBreak,
  describeChange,
  detectSchemaFamily,
  diffAsyncApiDocuments,
  diffAvroSchemas,
  diffJsonSchemas,
  diffProtobufSchemas,
  isBufCategory,
  judgeChanges,
  type ChangeLocation,
  type CompatibilityMode,
  type CompatibilityPolicy,
  type JudgedChange,
  type ProtobufRules,
  type SchemaChange,
  type SchemaFamily,
} from '../../engine/compatibility';
import { baselineUriOf, parseBaselineUri } from '../../engine/breaks/baselineUris';
import { loadProtoSchema, type ProtoSchema } from '../../engine/protobuf/protoSchema';
import { parseSource } from '../../engine/text/parse';
import { pathToPointer, rangeOfPath } from '../../engine/text/paths';
import { formatOf, SourceFile } from '../../engine/text/sourceFile';
import type { ParsedTree } from '../../engine/text/tree';
import { GitError, GitRepository } from '../../node/gitRepository';
import { ArgumentReader, UsageError, type CliCommand, type CommandIo } from '../argumentReader';

type CompatFormat = 'stylish' | 'json';
const FORMATS: readonly CompatFormat[] = ['stylish', 'json'];
const MODES = ['backward', 'forward', 'full', 'none'] as const;

/** The version of the JSON output's shape; it changes only when the shape does. */
export const COMPAT_JSON_VERSION = 1;

export interface CompatArguments {
  old: string;
  new: string;
  mode: CompatibilityMode;
  /** False when --mode was not given: AsyncAPI documents then take each message's mode from its direction. */
  modeGiven: boolean;
  policy: CompatibilityPolicy;
  /** Whose rules judge `.proto` files: the registry's unless --protobuf-rules buf. */
  protobuf: ProtobufRules;
  format: CompatFormat;
  color: boolean;
}

export function parseCompatArguments(args: readonly string[], isTty: boolean): CompatArguments | 'help' {
  const shared = { paths: [] as string[], color: isTty && !process.env.NO_COLOR };
  let mode: CompatibilityMode = 'BACKWARD';
  let modeGiven = false;
  let policy: CompatibilityPolicy = 'strict';
  let format: CompatFormat = 'stylish';
  let protobufRules: 'registry' | 'buf' = 'registry';
  let bufCategory: string | undefined;
  const reader = new ArgumentReader(args);
  for (let flag = reader.next(); flag !== undefined; flag = reader.next()) {
    switch (flag) {
      case '--mode':
      case '-m':
        mode = reader.choice(MODES).toUpperCase() as CompatibilityMode;
        modeGiven = true;
        break;
      case '--lenient':
        policy = 'lenient';
        break;
      case '--protobuf-rules':
        protobufRules = reader.choice(['registry', 'buf'] as const);
        break;
      case '--buf-category':
        bufCategory = reader.value().toUpperCase();
        if (!isBufCategory(bufCategory)) throw new UsageError(`--buf-category must be one of ${BUF_CATEGORIES.join(', ')}, not "${bufCategory}"`);
        break;
      case '--format':
      case '-f':
        format = reader.choice(FORMATS);
        break;
      default:
        if (reader.shared(flag, shared) === 'help') return 'help';
    }
  }
  const { paths, color } = shared;
  if (paths.length !== 2) throw new UsageError(`compat takes two files, OLD and NEW (got ${paths.length})`);
  if (bufCategory !== undefined && protobufRules !== 'buf') throw new UsageError('--buf-category applies only with --protobuf-rules buf (the registry\'s rules have no categories)');
  const protobuf: ProtobufRules = protobufRules === 'buf' ? { rules: 'buf', category: isBufCategory(bufCategory) ? bufCategory : 'FILE' } : { rules: 'registry' };
  return { old: paths[0]!, new: paths[1]!, mode, modeGiven, policy, protobuf, format, color };
}

/** Where a version comes from: a file on disk, or a file at a git revision (`git:REF:PATH`). */
interface VersionSpec {
  display: string;
  file: string;
  ref?: string;
}

/** `git:REF:PATH` splits at the first colon after `git:` (a revision has no colon); the rest is the path. */
export function parseVersionSpec(spec: string, cwd: string): VersionSpec {
  if (!spec.startsWith('git:')) return { display: spec, file: path.resolve(cwd, spec) };
  const rest = spec.slice(4);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) throw new UsageError(`"${spec}" is not git:REF:PATH (for example git:HEAD:schemas/order.json)`);
  return { display: spec, ref: rest.slice(0, colon), file: path.resolve(cwd, rest.slice(colon + 1)) };
}

class CompatError extends Error {}

interface LoadedFile {
  uri: string;
  display: string;
  source: SourceFile;
  tree: ParsedTree;
  value: unknown;
}

const MAX_REFERENCED_FILES = 256;

/**
 * Reads one version and the files its `$ref`s reach, from disk or from git. A git version's
 * files get `event-design-baseline:` URIs, so that both versions of the same path stay apart.
 */
class VersionLoader {
  readonly files = new Map<string, LoadedFile>();
  private repository: Promise<GitRepository | undefined> | undefined;

  constructor(
    readonly spec: VersionSpec,
    private readonly cwd: string,
  ) {}

  uriOf(file: string): string {
    const fileUri = pathToFileURL(file).href;
    return this.spec.ref === undefined ? fileUri : baselineUriOf(fileUri, this.spec.ref);
  }

  private fileOf(uri: string): string | undefined {
    try {
      if (this.spec.ref === undefined) return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
      const baseline = parseBaselineUri(uri);
      return baseline?.label === this.spec.ref ? fileURLToPath(baseline.fileUri) : undefined;
    } catch {
      return undefined;
    }
  }

  private displayOf(file: string) {
    const relative = path.relative(this.cwd, file) || path.basename(file);
    return this.spec.ref === undefined ? relative : `git:${this.spec.ref}:${relative}`;
  }

  private async readText(file: string): Promise<string> {
    if (this.spec.ref !== undefined) return this.readAtRef(this.spec.ref, file);
    try {
      // Reading a named pipe waits for a writer, forever: only regular files are read.
      if ((await fs.stat(file)).isFile()) return await fs.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CompatError(code === 'ENOENT' ? `No such file: ${this.displayOf(file)}` : `Cannot read ${this.displayOf(file)}: ${(error as Error).message}`);
    }
    throw new CompatError(`${this.displayOf(file)} is not a regular file (a folder, a named pipe, a device or a socket is not read)`);
  }

  private async readAtRef(ref: string, file: string): Promise<string> {
    // One repository per version: the one holding the file named on the command line.
    this.repository ??= GitRepository.containing(this.spec.file);
    const repository = await this.repository;
    if (!repository) throw new CompatError(`${this.spec.display}: ${this.cwd} is not inside a git repository (or git is not installed)`);
    let text: string | undefined;
    try {
      text = await repository.show(ref, file);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      throw new CompatError(`${this.spec.display}: ${error.kind === 'unknown-ref' ? `git has no revision "${ref}" (a shallow clone may need: git fetch origin ${ref})` : error.message}`);
    }
    if (text === undefined) throw new CompatError(`${this.spec.display}: ${path.relative(this.cwd, file).split(path.sep).join('/')} does not exist at ${ref}`);
    return text;
  }

  private parse(file: string, text: string): LoadedFile {
    const uri = this.uriOf(file);
    const source = new SourceFile(uri, text, 0, formatOf(file, text) === 'unknown' ? 'yaml' : formatOf(file, text));
    const tree = parseSource(source);
    return { uri, display: this.displayOf(file), source, tree, value: tree.value() };
  }

  /** A `.proto` version, with the files its imports reach in the same version; it must read without a syntax error. */
  async loadProto(): Promise<{ schema: ProtoSchema; uri: string; display: string; source: SourceFile }> {
    const uri = this.uriOf(this.spec.file);
    const source = new SourceFile(uri, await this.readText(this.spec.file), 0, 'unknown');
    const schema = await loadProtoSchema(uri, source.text, async (imported) => {
      const file = this.fileOf(imported);
      return file === undefined ? undefined : this.readText(file).catch(() => undefined);
    });
    const problem = schema.main.file.problem;
    if (problem) {
      const position = source.positionAt(problem.span.offset);
      throw new CompatError(`${this.spec.display}:${position.line + 1}:${position.character + 1}: ${problem.message}`);
    }
    return { schema, uri, display: this.displayOf(this.spec.file), source };
  }

  /** The version itself: it must exist and parse. */
  async loadMain(): Promise<LoadedFile> {
    const text = await this.readText(this.spec.file);
    const loaded = this.parse(this.spec.file, text);
    const problem = loaded.tree.problems.find((candidate) => candidate.severity === 'error');
    if (problem) {
      const position = loaded.source.positionAt(problem.offset);
      throw new CompatError(`${this.spec.display}:${position.line + 1}:${position.character + 1}: ${problem.message}`);
    }
    if (loaded.value === undefined) throw new CompatError(`${this.spec.display} is empty`);
    this.files.set(loaded.uri, loaded);
    await this.loadReferences(loaded);
    return loaded;
  }

  /** Files reached through `$ref`s, breadth first; one that cannot be read stays unresolved (and is reported as such). */
  private async loadReferences(start: LoadedFile) {
    const queue = [start];
    while (queue.length > 0 && this.files.size < MAX_REFERENCED_FILES) {
      const current = queue.shift()!;
      for (const ref of externalRefs(current.value)) {
        let target: string;
        try {
          const url = new URL(ref, current.uri);
          url.hash = '';
          target = url.href;
        } catch {
          continue;
        }
        const file = this.fileOf(target);
        if (!file || this.files.has(target)) continue;
        let text: string;
        try {
          text = await this.readText(file);
        } catch {
          continue;
        }
        const loaded = this.parse(file, text);
        if (loaded.tree.problems.some((problem) => problem.severity === 'error')) continue;
        this.files.set(loaded.uri, loaded);
        queue.push(loaded);
      }
    }
  }
}

function externalRefs(value: unknown): string[] {
  const refs = new Set<string>();
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length > 0 && visited++ < 1_000_000) {
    const current = stack.pop();
    if (Array.isArray(current)) stack.push(...current);
    else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current as Record<string, unknown>)) {
        if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) refs.add(child);
        else stack.push(child);
      }
    }
  }
  return [...refs];
}

interface LocatedChange {
  judged: JudgedChange<SchemaChange & { mode?: CompatibilityMode }>;
  old: PositionedLocation;
  new: PositionedLocation;
}

interface PositionedLocation {
  file: string;
  pointer: string;
  line?: number;
  column?: number;
}

export interface CompatReport {
  family: SchemaFamily;
  mode: CompatibilityMode;
  /** False for AsyncAPI documents compared without --mode: each change has its own. */
  modeApplies: boolean;
  policy: CompatibilityPolicy;
  /** For `.proto` files judged by Buf's rules: the category. */
  bufCategory?: string;
  compatible: boolean;
  old: string;
  new: string;
  changes: LocatedChange[];
}

export async function runCompat(options: CompatArguments, cwd: string): Promise<CompatReport> {
  const oldSpec = parseVersionSpec(options.old, cwd);
  const newSpec = parseVersionSpec(options.new, cwd);
  const oldLoader = new VersionLoader(oldSpec, cwd);
  const newLoader = new VersionLoader(newSpec, cwd);
  if (isProto(oldSpec) || isProto(newSpec)) return runProtobufCompat(options, oldLoader, newLoader);
  const oldFile = await oldLoader.loadMain();
  const newFile = await newLoader.loadMain();
  const files = new Map([...oldLoader.files, ...newLoader.files]);
  const readDocument = (uri: string) => files.get(uri)?.value;

  const family = knownFamily(oldFile, oldSpec);
  const newFamily = knownFamily(newFile, newSpec);
  if (family !== newFamily) throw new CompatError(`${oldSpec.display} is ${describeFamily(family)} and ${newSpec.display} is ${describeFamily(newFamily)}: they cannot be compared`);

  let judged: JudgedChange<SchemaChange & { mode?: CompatibilityMode }>[];
  let compatible: boolean;
  const oldInput = { root: oldFile.value, uri: oldFile.uri };
  const newInput = { root: newFile.value, uri: newFile.uri };
  if (family === 'asyncapi') {
    const result = diffAsyncApiDocuments(oldInput, newInput, { readDocument, policy: options.policy, ...(options.modeGiven ? { modeFor: () => options.mode } : {}) });
    judged = result.changes;
    compatible = result.compatible;
  } else {
    const changes = family === 'avro' ? diffAvroSchemas(oldInput, newInput) : diffJsonSchemas(oldInput, newInput, { readDocument });
    const result = judgeChanges(changes, options.mode, options.policy);
    judged = result.changes;
    compatible = result.compatible;
  }

  const locate = (location: ChangeLocation, fallback: LoadedFile): PositionedLocation => {
    const file = (location.uri !== undefined ? files.get(location.uri) : undefined) ?? fallback;
    const pointer = pathToPointer(location.path);
    const range = rangeOfPath(file.source, file.tree.root, location.path);
    return { file: file.display, pointer, line: range.start.line + 1, column: range.start.character + 1 };
  };
  const located = judged.map((item) => ({ judged: item, old: locate(item.change.old, oldFile), new: locate(item.change.new, newFile) }));
  located.sort((a, b) => a.new.file.localeCompare(b.new.file) || (a.new.line ?? 0) - (b.new.line ?? 0) || (a.new.column ?? 0) - (b.new.column ?? 0) || a.judged.change.kind.localeCompare(b.judged.change.kind));
  return { family, mode: options.mode, modeApplies: family !== 'asyncapi' || options.modeGiven, policy: options.policy, compatible, old: oldSpec.display, new: newSpec.display, changes: located };
}

function isProto(spec: VersionSpec) {
  return /\.proto$/i.test(spec.file);
}

/** Two `.proto` versions: located by offsets, since a `.proto` file has no JSON tree. */
async function runProtobufCompat(options: CompatArguments, oldLoader: VersionLoader, newLoader: VersionLoader): Promise<CompatReport> {
  for (const [spec, other] of [
    [oldLoader.spec, newLoader.spec],
    [newLoader.spec, oldLoader.spec],
  ] as const) {
    if (!isProto(spec)) throw new CompatError(`${other.display} is a Protobuf file and ${spec.display} is not: they cannot be compared`);
  }
  const oldVersion = await oldLoader.loadProto();
  const newVersion = await newLoader.loadProto();
  const result = judgeChanges(diffProtobufSchemas(oldVersion, newVersion), options.mode, options.policy, options.protobuf);
  const locate = (location: ChangeLocation, version: typeof oldVersion): PositionedLocation => {
    const position = version.source.positionAt(location.span?.offset ?? 0);
    return { file: version.display, pointer: pathToPointer(location.path), line: position.line + 1, column: position.character + 1 };
  };
  const changes = result.changes.map((judged) => ({ judged, old: locate(judged.change.old, oldVersion), new: locate(judged.change.new, newVersion) }));
  changes.sort((a, b) => (a.new.line ?? 0) - (b.new.line ?? 0) || (a.new.column ?? 0) - (b.new.column ?? 0) || a.judged.change.kind.localeCompare(b.judged.change.kind));
  const buf = options.protobuf.rules === 'buf' ? { bufCategory: options.protobuf.category } : {};
  return { family: 'protobuf', mode: options.mode, modeApplies: true, policy: options.policy, ...buf, compatible: result.compatible, old: oldLoader.spec.display, new: newLoader.spec.display, changes };
}

/** A file compat cannot read as a schema it knows gets no verdict: a pass on it would be false. */
function knownFamily(file: LoadedFile, spec: VersionSpec): SchemaFamily {
  const family = detectSchemaFamily(file.value, spec.file);
  if (family === undefined) throw new CompatError(`${spec.display} is not ${READABLE_FAMILIES}: compat cannot compare it`);
  return family;
}

const READABLE_FAMILIES = 'a JSON Schema, an Avro schema, a Protobuf file (.proto) or an AsyncAPI document';

function describeFamily(family: SchemaFamily) {
  return family === 'asyncapi' ? 'an AsyncAPI document' : family === 'avro' ? 'an Avro schema' : family === 'protobuf' ? 'a Protobuf file' : 'a JSON Schema';
}

export function formatCompatJson(report: CompatReport, toolVersion: string): string {
  return (
    JSON.stringify(
      {
        version: COMPAT_JSON_VERSION,
        tool: { name: 'event-design', version: toolVersion },
        format: report.family,
        mode: report.modeApplies ? report.mode : 'per-message',
        policy: report.policy,
        ...(report.bufCategory ? { protobufRules: 'buf', bufCategory: report.bufCategory } : {}),
        compatible: report.compatible,
        old: report.old,
        new: report.new,
        summary: {
          changes: report.changes.length,
          breaking: report.changes.filter((item) => !item.judged.compatible).length,
          warnings: report.changes.filter((item) => item.judged.warnings.length > 0).length,
        },
        changes: report.changes.map(({ judged, old, new: after }) => ({
          kind: judged.change.kind,
          compatible: judged.compatible,
          ...(judged.breaks.length > 0 ? { breaks: judged.breaks } : {}),
          ...(judged.buf && judged.buf.rules.length > 0 ? { bufRules: judged.buf.rules } : {}),
          ...(report.modeApplies ? {} : { mode: judged.mode }),
          message: describeChange(judged.change),
          old,
          new: after,
          ...(judged.change.negated ? { negated: true } : {}),
          ...(judged.warnings.length > 0 ? { warnings: judged.warnings.map((warning) => warning.message) } : {}),
          ...(judged.advice ? { advice: judged.advice } : {}),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

const STYLES = { red: ['\u001b[31m', '\u001b[39m'], yellow: ['\u001b[33m', '\u001b[39m'], dim: ['\u001b[90m', '\u001b[39m'], bold: ['\u001b[1m', '\u001b[22m'], underline: ['\u001b[4m', '\u001b[24m'] } as const;

/** Changes grouped by the file they are in (in the new version), one line each with the old position below. */
export function formatCompatStylish(report: CompatReport, color: boolean): string {
  const paint = (style: keyof typeof STYLES, text: string) => (color ? STYLES[style][0] + text + STYLES[style][1] : text);
  const modeText = `${report.modeApplies ? report.mode : 'mode per message direction'}${report.bufCategory ? `, Buf ${report.bufCategory}` : ''}`;
  const lines = [`${report.old} → ${report.new} (${report.family}, ${modeText}, ${report.policy})`, ''];
  const byFile = new Map<string, LocatedChange[]>();
  for (const item of report.changes) byFile.set(item.new.file, [...(byFile.get(item.new.file) ?? []), item]);
  for (const [file, items] of byFile) {
    lines.push(paint('underline', file));
    const width = Math.max(...items.map((item) => `${item.new.line}:${item.new.column}`.length));
    for (const { judged, old, new: after } of items) {
      const label = !judged.compatible ? paint('red', 'breaking') : judged.warnings.length > 0 ? paint('yellow', 'warning ') : paint('dim', 'ok      ');
      const position = `${after.line}:${after.column}`;
      const mode = report.modeApplies ? '' : ` [${judged.mode}]`;
      lines.push(`  ${paint('dim', position.padEnd(width))}  ${label}  ${describeChange(judged.change)}${mode}  ${paint('dim', judged.change.kind)}`);
      const indent = ' '.repeat(width + 14);
      lines.push(`${indent}${paint('dim', `at ${after.pointer || '/'}; was ${old.file}:${old.line}:${old.column}`)}`);
      if (judged.buf && !judged.compatible) lines.push(`${indent}${describeBufBreak(judged.buf)}`);
      for (const warning of judged.warnings) lines.push(`${indent}${paint('yellow', '⚠')} ${warning.message}`);
      if (judged.advice) lines.push(`${indent}${judged.advice}`);
    }
    lines.push('');
  }
  const breaking = report.changes.filter((item) => !item.judged.compatible).length;
  const warnings = report.changes.filter((item) => item.judged.warnings.length > 0).length;
  const total = report.changes.length;
  const counts = `${breaking} breaking change${breaking === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${total} change${total === 1 ? '' : 's'} in all`;
  if (total === 0) lines.push(paint('bold', `✔ No changes (${modeText}, ${report.policy})`));
  else lines.push(paint('bold', breaking > 0 ? paint('red', `✖ Incompatible: ${counts} (${modeText}, ${report.policy})`) : `✔ Compatible: ${counts} (${modeText}, ${report.policy})`));
  return lines.join('\n') + '\n';
}

export const compatCommand: CliCommand = {
  name: 'compat',
  summary: 'check whether a new version of a schema or AsyncAPI document is compatible with an old one',
  help: `Usage:
  event-design compat OLD NEW [options]

  Compares two versions of a JSON Schema (JSON or YAML), an Avro schema (.avsc), a Protobuf file
  (.proto, by Confluent Schema Registry's rules) or an AsyncAPI document and says which changes
  break readers or writers, in the schema-registry model:
  BACKWARD = a reader on NEW reads data written with OLD, FORWARD = the reverse, FULL = both.
  Either file may be git:REF:PATH (for example git:HEAD:schemas/order.json or
  git:origin/main:asyncapi.yaml), read with git show; PATH is relative to the current folder.
  $refs to other files (and a .proto file's imports) are followed, in the same version.

  For AsyncAPI documents without --mode, each message is checked in its direction: FORWARD for
  messages the application sends, BACKWARD for those it receives, FULL for both.

Options:
  -m, --mode <backward|forward|full|none>  Compatibility mode (default: backward).
  --lenient                                Confluent's LENIENT policy for JSON Schema: optional
                                           properties added to open content models are compatible.
  --protobuf-rules <registry|buf>          Whose rules judge .proto files: Confluent Schema Registry's (default,
                                           per mode) or Buf's breaking rules (a break in every mode).
  --buf-category <FILE|PACKAGE|WIRE_JSON|WIRE>
                                           With --protobuf-rules buf, Buf's category (default: FILE).
  -f, --format <stylish|json>              Output format (default: stylish). JSON is documented in docs/compatibility.md.
  --color / --no-color                     Force or disable colours.
  -h, --help                               Show this help.

Exit codes: 0 compatible, 1 incompatible, 2 a usage error, a file that cannot be read or parsed, or an internal error.
`,
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    const options = parseCompatArguments(args, io.isTty);
    if (options === 'help') {
      io.write(this.help);
      return 0;
    }
    let report: CompatReport;
    try {
      report = await runCompat(options, io.cwd);
    } catch (error) {
      if (error instanceof CompatError) {
        io.writeError(`event-design: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
    io.write(options.format === 'json' ? formatCompatJson(report, io.version) : formatCompatStylish(report, options.color));
    return report.compatible ? 0 : 1;
  },
};
