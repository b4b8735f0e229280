import { checkAgainstVersions, describeBufBreak, describeChange, diffAsyncApiDocuments, diffAvroSchemas, diffJsonSchemas, diffProtobufSchemas, isCompatibilityMode, modeForRole, type CompatibilityMode, type CompatibilityPolicy, type Direction, type JudgedChange, type MessageRole, type SchemaChange } from '../compatibility';
import { compatibilityFor, relativePath, type EventDesignConfig } from '../config/config';
import type { FindingLocation, PathFinding } from '../findings/finding';
import type { BaselineSpec, BaselineVersion, EngineHost } from '../host';
import { valueAtPath } from '../references/refSites';
import { parseSource } from '../text/parse';
import { pathToPointer, rangeOfPath } from '../text/paths';
import { formatOf, SourceFile } from '../text/sourceFile';
import type { ParsedTree } from '../text/tree';
import type { BreakData } from './breakData';
import type { FileKind } from '../workspace/fileKind';
import type { LoadedFile } from '../workspace/fileStore';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { ContractReport } from '../contracts/checkContracts';
import { loadProtoSchema, type ProtoSchema } from '../protobuf/protoSchema';
import { baselineUriOf, parseBaselineUri } from './baselineUris';
import { workspaceRoles } from './schemaRoles';

/** How far back transitive modes look. */
const MAX_HISTORY = 20;

export interface BreaksInput {
  host: EngineHost;
  spec: BaselineSpec;
  file: LoadedFile;
  kind: FileKind;
  /** The current versions of the file and every file it references. */
  closure: Map<string, LoadedFile>;
  index: WorkspaceIndex;
  config: EventDesignConfig;
  /** The consumers in the workspace of what a file sends (of one message, when named). */
  consumersOf?: ContractReport['consumersOf'];
  /** False to leave out what to do (when judging a fix, whose title says it). */
  advise?: boolean;
}

/** What to do about a break whose change kind has no advice of its own. */
const WHAT_TO_DO = 'Undo it (a quick fix does), or, if it is intended, publish it as a new major version beside the old one and accept the break.';

interface ParsedBaseline {
  version: BaselineVersion;
  uri: string;
  source: SourceFile;
  tree: ParsedTree;
}

/**
 * Compares a file with its baseline version and reports every change that breaks, or may break,
 * the other side of its messages, under the mode its use implies (what a service sends must stay
 * readable by its consumers: FORWARD; what it receives must still read what producers send:
 * BACKWARD; both: FULL).
 */
export async function checkBreaks(input: BreaksInput): Promise<PathFinding[]> {
  const { host, spec, file, kind } = input;
  if (!host.baseline || (kind.kind !== 'asyncapi' && kind.kind !== 'json-schema' && kind.kind !== 'avro' && kind.kind !== 'protobuf')) return [];
  const key = specKey(spec);
  const rootBaseline = await readBaseline(host, spec, file.uri, key);
  if (!rootBaseline) return [];
  if (kind.kind === 'protobuf') return checkProtobufBreaks(input, rootBaseline);
  // Referenced files at the baseline too: each version reads its own versions of them.
  const baselines = new Map<string, ParsedBaseline>([[rootBaseline.uri, rootBaseline]]);
  for (const uri of input.closure.keys()) {
    if (uri === file.uri) continue;
    const baseline = await readBaseline(host, spec, uri, key);
    if (baseline) baselines.set(baseline.uri, baseline);
  }
  // An earlier commit's references (transitive modes) are read at the baseline: reading each
  // commit's own version of every referenced file would cost a git read per file and commit.
  const atBaseline = (uri: string) => {
    const parsed = parseBaselineUri(uri);
    return parsed ? baselines.get(baselineUriOf(parsed.fileUri, key)) : undefined;
  };
  const readDocument = (uri: string) => (baselines.get(uri) ?? atBaseline(uri))?.tree.value() ?? input.closure.get(uri)?.tree.value();
  const settings = compatibilityFor(file.uri, input.config);
  const policy: CompatibilityPolicy = input.config.compatibility.policy ?? 'strict';
  const defaultMode = asMode(input.config.compatibility.defaultMode) ?? 'BACKWARD';
  const fixedMode = asMode(settings.mode);
  const perspective = settings.perspective === 'client' ? swapRole : (role: MessageRole | undefined) => role;
  const roles = workspaceRoles(input.index);
  let judged: JudgedChange[];
  if (kind.kind === 'asyncapi') {
    const options = {
      policy,
      defaultMode,
      schemaIds: input.index.schemaIds,
      readDocument,
      roleOfSchema: (location: { uri?: string }) => (location.uri && !location.uri.startsWith('event-design-baseline:') ? roles.ofFile(location.uri) : undefined),
      modeFor: (role: MessageRole | undefined) => fixedMode ?? modeForRole(perspective(role), defaultMode),
    };
    const earlier = [{ root: rootBaseline.tree.value(), uri: rootBaseline.uri }];
    // Transitive: against every committed version too (the files it references are read at the baseline).
    if ((fixedMode ?? defaultMode).endsWith('_TRANSITIVE') && host.history) {
      for (const version of (await host.history(file.uri, MAX_HISTORY)).slice(1)) earlier.push({ root: parseVersion(file.uri, version).value(), uri: baselineUriOf(file.uri, version.label) });
    }
    judged = earlier.flatMap((older) => diffAsyncApiDocuments(older, { root: file.tree.value(), uri: file.uri }, options).changes);
  } else {
    const mode = fixedMode ?? modeForRole(perspective(roles.ofFile(file.uri)), defaultMode);
    const diff = (older: { root: unknown; uri: string }, newer: { root: unknown; uri: string }) =>
      kind.kind === 'avro' ? diffAvroSchemas(older, newer) : diffJsonSchemas(older, newer, { readDocument, schemaIds: input.index.schemaIds });
    const earlier = [{ root: rootBaseline.tree.value(), uri: rootBaseline.uri }];
    if (mode.endsWith('_TRANSITIVE') && host.history) {
      for (const version of (await host.history(file.uri, MAX_HISTORY)).slice(1)) {
        // Named by its commit, so that the related location opens that very version.
        earlier.push({ root: parseVersion(file.uri, version).value(), uri: baselineUriOf(file.uri, version.label) });
      }
    }
    const result = checkAgainstVersions({ root: file.tree.value(), uri: file.uri }, earlier, mode, policy, diff);
    judged = result.checks.flatMap((check) => check.result.changes);
  }
  return toFindings(judged, input, baselines, rootBaseline);
}

/**
 * A `.proto` file against its baseline: imports resolve in each version (the baseline's through
 * the host, for the files the current version reaches); the mode comes from the file's role, if
 * the index gives one, else the default.
 */
async function checkProtobufBreaks(input: BreaksInput, rootBaseline: ParsedBaseline): Promise<PathFinding[]> {
  const { host, spec, file } = input;
  const readCurrent = async (uri: string) => input.closure.get(uri)?.source.text;
  const readAtBaseline = async (uri: string) => {
    const fileUri = parseBaselineUri(uri)?.fileUri;
    return fileUri && input.closure.has(fileUri) ? (await host.baseline!(fileUri, spec))?.text : undefined;
  };
  const current = { schema: await loadProtoSchema(file.uri, file.source.text, readCurrent), uri: file.uri };
  if (current.schema.main.file.problem) return [];
  const earlier: Array<{ schema: ProtoSchema; uri: string }> = [{ schema: await loadProtoSchema(rootBaseline.uri, rootBaseline.source.text, readAtBaseline), uri: rootBaseline.uri }];
  const settings = compatibilityFor(file.uri, input.config);
  const defaultMode = asMode(input.config.compatibility.defaultMode) ?? 'BACKWARD';
  const role = workspaceRoles(input.index).ofFile(file.uri);
  const mode = asMode(settings.mode) ?? modeForRole(settings.perspective === 'client' ? swapRole(role) : role, defaultMode);
  const baselines = new Map([[rootBaseline.uri, rootBaseline]]);
  if (mode.endsWith('_TRANSITIVE') && host.history) {
    for (const version of (await host.history(file.uri, MAX_HISTORY)).slice(1)) {
      const uri = baselineUriOf(file.uri, version.label);
      const source = new SourceFile(uri, version.text, 0, 'unknown');
      baselines.set(uri, { version, uri, source, tree: parseSource(source) });
      earlier.push({ schema: await loadProtoSchema(uri, version.text, readAtBaseline), uri });
    }
  }
  const result = checkAgainstVersions(current, earlier.filter((older) => !older.schema.main.file.problem), mode, input.config.compatibility.policy ?? 'strict', diffProtobufSchemas, input.config.compatibility.protobuf);
  return toFindings(result.checks.flatMap((check) => check.result.changes), input, baselines, rootBaseline);
}

function toFindings(judged: JudgedChange[], input: BreaksInput, baselines: Map<string, ParsedBaseline>, root: ParsedBaseline): PathFinding[] {
  const findings: PathFinding[] = [];
  const accepted = new Set(input.config.compatibility.accepted);
  const seen = new Set<string>();
  for (const item of judged) {
    if (item.compatible && item.warnings.length === 0) continue;
    const change = item.change;
    const newUri = change.new.uri && !change.new.uri.startsWith('event-design-baseline:') ? change.new.uri : input.file.uri;
    const fingerprint = fingerprintOf(change, newUri, input.config);
    if (accepted.has(fingerprint) || seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    const oldUri = change.old.uri ?? root.uri;
    const baseline = baselines.get(oldUri) ?? root;
    const oldRange = change.old.span ? baseline.source.rangeAt(change.old.span.offset, change.old.span.length) : rangeOfPath(baseline.source, baseline.tree.root, change.old.path);
    const related: FindingLocation[] = [{ uri: oldUri, range: oldRange, message: `Before (${baseline.version.label})` }];
    const data: BreakData = {
      kind: change.kind,
      fingerprint,
      oldUri,
      oldPath: [...change.old.path],
      newPath: [...change.new.path],
      ...(change.subject !== undefined ? { subject: change.subject } : {}),
      ...(change.oldValue !== undefined ? { oldValue: change.oldValue } : {}),
      ...(change.newValue !== undefined ? { newValue: change.newValue } : {}),
      ...(change.old.span ? { oldSpan: change.old.span, oldText: baseline.source.text.slice(change.old.span.offset, change.old.span.offset + change.old.span.length) } : {}),
      ...(change.new.span ? { newSpan: change.new.span } : {}),
      ...(change.kind.includes('removed') && !change.old.span ? smallValue(valueAtPath(baseline.tree.value(), change.old.path).value) : {}),
    };
    // Consumers still reading with the old version are the ones a forward break hurts.
    const victims = !item.compatible && item.breaks.includes('forward') ? (input.consumersOf?.(newUri, (change as { message?: string }).message) ?? []) : [];
    for (const victim of victims) related.push({ ...victim.location, message: `Breaks ${victim.service.title}: ${victim.location.message}` });
    // A schema file does not say who sends it: point at the services whose messages use it.
    const senders = new Map(victims.flatMap((victim) => (victim.sentBy && victim.sentBy.service.uri !== input.file.uri ? [[victim.sentBy.service.id, victim.sentBy] as const] : [])));
    for (const sender of senders.values()) related.push({ ...sender.location, message: `Sent by ${sender.service.title}: ${sender.location.message}` });
    const impact = victims.length > 0 ? ` It breaks ${victims.length} consumer${victims.length === 1 ? '' : 's'} in this workspace: ${victims.map((victim) => victim.service.title).join(', ')}.` : '';
    // In a .proto file the path only names the place (the span locates it): the removed field's own name tells two removals apart for their fixes.
    const path = change.new.span && change.old.path.length > change.new.path.length ? change.old.path : change.new.path;
    const finding: PathFinding & { data: BreakData } = item.compatible
      ? { ruleId: 'compatibility-warning', message: `${describeChange(change)} ${item.warnings.map((warning) => warning.message).join(' ')}`, path, related, data }
      : { ruleId: 'compatibility-break', message: `${describeChange(change)} ${item.buf ? describeBufBreak(item.buf) : whoBreaks(item.breaks, item.mode)}${impact}${input.advise === false ? '' : ` ${item.advice ?? WHAT_TO_DO}`}`, path, related, data };
    // A .proto file has no JSON tree: its findings are placed by offset.
    if (change.new.span) finding.at = { ...change.new.span };
    if (newUri !== input.file.uri) finding.uri = newUri;
    findings.push(finding);
  }
  return findings;
}

/** Who a break hurts, in the reader's terms. */
function whoBreaks(breaks: Direction[], mode: CompatibilityMode): string {
  const parts: string[] = [];
  if (breaks.includes('forward')) parts.push('existing consumers, still reading with the old version, cannot read what is now written');
  if (breaks.includes('backward')) parts.push('messages written with the old version (by producers not yet updated, or still on the broker) no longer pass the new one');
  return `Under ${mode}: ${parts.join('; and ')}.`;
}

/** A stable name for a change, for `compatibility.accepted` in .event-design.yaml. */
export function fingerprintOf(change: SchemaChange, newUri: string, config: EventDesignConfig): string {
  const file = (config.folderUri ? relativePath(config.folderUri, newUri) : undefined) ?? newUri.slice(newUri.lastIndexOf('/') + 1);
  return `${file}: ${change.kind} at ${pathToPointer(change.new.path) || '/'}`;
}

async function readBaseline(host: EngineHost, spec: BaselineSpec, uri: string, key: string): Promise<ParsedBaseline | undefined> {
  const version = await host.baseline!(uri, spec);
  if (!version) return undefined;
  const baselineUri = baselineUriOf(uri, key);
  let parsed = parsedBaselines.get(baselineUri);
  if (parsed?.source.text !== version.text) {
    const source = new SourceFile(baselineUri, version.text, 0, formatOf(uri, version.text));
    parsed = { source, tree: parseSource(source) };
    if (parsedBaselines.size >= MAX_PARSED_BASELINES) parsedBaselines.delete(parsedBaselines.keys().next().value!);
  }
  // Most recently used last.
  parsedBaselines.delete(baselineUri);
  parsedBaselines.set(baselineUri, parsed);
  return { version, uri: baselineUri, ...parsed };
}

/**
 * The last baselines parsed, by their URI (file and baseline): "fix all" judges each round's fixes
 * against the same baseline, which a 100-channel document took 80 ms to parse every round. Few are
 * kept: a large document's tree is about 30 times its text.
 */
const parsedBaselines = new Map<string, { source: SourceFile; tree: ParsedTree }>();
const MAX_PARSED_BASELINES = 2;

function parseVersion(uri: string, version: BaselineVersion): ParsedTree {
  return parseSource(new SourceFile(uri, version.text, 0, formatOf(uri, version.text)));
}

export function specKey(spec: BaselineSpec): string {
  return spec.kind === 'saved' ? 'saved' : spec.kind === 'merge-base' ? `merge-base:${spec.ref}` : spec.ref;
}

function asMode(value: string | undefined): CompatibilityMode | undefined {
  return value && isCompatibilityMode(value) ? value : undefined;
}

function smallValue(value: unknown): { oldNode?: unknown } {
  if (value === undefined) return {};
  return JSON.stringify(value).length <= 20_000 ? { oldNode: value } : {};
}

function swapRole(role: MessageRole | undefined): MessageRole | undefined {
  return role === 'send' ? 'receive' : role === 'receive' ? 'send' : role;
}
