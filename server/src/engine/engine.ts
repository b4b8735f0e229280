import { checkMessageExamples } from './asyncapi/messageExamples';
import { BudgetedCancellation, Deadline, DeadlineExceededError, formatBudget, throwIfStopped, type Cancellation } from './cancellation';
import { isDocumentRule, type DocumentRule, type Fix, type RuleContext, type RuleFinding, type WorkspaceEdits } from './discipline/documentRule';
import { KeptMessageViews, messageViews } from './discipline/messageView';
import { MessageRuleMemo } from './discipline/messageRuleMemo';
import { KeptResults } from './schemas/recordedReads';
import { activeDocumentRules, runDocumentRules } from './discipline/runRules';
import { applySuppressions } from './discipline/suppressions';
import type { ParserDiagnostic, ParserSnapshot } from './asyncapi/parserValidation';
import { wordParserValueFinding } from './asyncapi/parserValueWording';
import { isSharedByDistinctMessages } from './asyncapi/messageIdUniqueness';
import { linearPattern } from './schemas/linearPattern';
import { checkStructure, dropCombinatorNoise, isSupportedAsyncApiVersion } from './asyncapi/structure';
import { EntrywiseValidation } from './asyncapi/entrywiseValidation';
import { severityFor } from './config/config';
import { ConfigResolver } from './config/configResolver';
import { compareSeverity, sortFindings, type Finding, type PathFinding, type Severity } from './findings/finding';
import type { BaselineSpec, EngineHost } from './host';
import { checkBreaks } from './breaks/checkBreaks';
import { breakingReasonOf, mergeFixes, withoutBreakingFixes, type FixVerdictInput } from './breaks/fixVerdict';
import { readDocumentMeaning, type DocumentMeaning } from './compatibility';
import { checkContracts, type ContractReport } from './contracts/checkContracts';
import { EventFlow } from './graph/eventFlow';
import { checkReferences, type RefCheckResult } from './references/refChecks';
import { collectRefSites, resolveRef, valueAtPath } from './references/refSites';
import { ruleById, ruleForParserCode, type RuleDefinition } from './rules';
import { checkAvroSchema } from './schemas/avroChecks';
import { checkProtoSchema, filePlacement } from './protobuf/protoChecks';
import { loadProtoSchema } from './protobuf/protoSchema';
import { checkProtobufPayloads, loadPayloadSchema, PROTOBUF_SCHEMA_FORMATS, protobufPayloadSites, protobufSourceOf } from './protobuf/protobufPayloads';
import type { SchemaSource } from './schemas/bundle';
import { checkJsonSchemaFile, withoutRepeatedNotes } from './schemas/jsonSchemaChecks';
import { deepestNodeOnPath, isPathPrefix, pathOfNode, rangeOfPath, samePath, type JsonPath } from './text/paths';
import { childString, nestingOf, type SyntaxProblem, type TreeNode } from './text/tree';
import { dialectOf, type FileKind } from './workspace/fileKind';
import { FileStore, type LoadedFile } from './workspace/fileStore';
import { applyEdits } from './edits/applyEdits';
import { diffEdit } from './edits/documentEdits';
import { parseSource } from './text/parse';
import { SourceFile } from './text/sourceFile';
import { WorkspaceIndex } from './workspace/workspaceIndex';

/** The largest document (in characters, about 300 channels) whose quick fixes are each judged by the compatibility engine. */
const MAX_JUDGED_DOCUMENT = 1_000_000;

/** Settings the engine honours; the hosts normalise their own configuration into this. */
export interface EngineSettings {
  /** Files larger than this (in UTF-16 code units, about bytes) are not checked. */
  maxFileSize: number;
  /** Remote `$ref`s are fetched through the host only when this is true. */
  allowRemoteRefs: boolean;
  /** Rule severities used where no `.event-design.yaml` governs a file. */
  defaultRules: Record<string, import('./findings/finding').SeveritySetting>;
  /** Workspace folder URIs: the search for a configuration file stops at them. */
  workspaceFolders: string[];
}

export const DEFAULT_SETTINGS: EngineSettings = {
  maxFileSize: 5 * 1024 * 1024,
  allowRemoteRefs: false,
  defaultRules: {},
  workspaceFolders: [],
};

// Cancellation lives beside the deadlines; most callers know it from here.
export { CancelledError, type Cancellation } from './cancellation';

/** How long a check may take; without a limit it takes what it takes. */
export interface CheckLimits {
  /** Milliseconds on the host's clock for the check (checkFast), or for fast and full check together (checkFile). */
  timeoutMs?: number;
}

/** The contract report of one index generation, with the files it read. */
export interface ContractState {
  report: ContractReport;
  files: Map<string, LoadedFile>;
}

/** What one check of one file found, in that file and in the files it references. */
export interface CheckResult {
  uri: string;
  version: number;
  /** Findings grouped by the file they are in. */
  findings: Map<string, Finding[]>;
  /** Every file the check read; a change to any of them makes the result stale. */
  dependencies: string[];
  /** Whether the document would be handed to the full parser validation. */
  wantsFullValidation: boolean;
  /** The check stopped at its deadline (the findings say `check-timeout`): nothing more runs on it. */
  timedOut?: boolean;
}

/** The state between the fast and the full check of an AsyncAPI document. */
interface FastState {
  file: LoadedFile;
  closure: Map<string, LoadedFile>;
  refs: Map<string, RefCheckResult>;
  pathFindings: Map<string, PathFinding[]>;
  /** Remote documents that could not be fetched for the full validation, by address. */
  remoteFailures?: Map<string, string>;
  /** What the full validation says of them, by file. */
  remoteFindings: Map<string, PathFinding[]>;
  /** Where each fetched remote document is referenced first: its problems are shown there. */
  remoteSites: Map<string, { uri: string; path: JsonPath }>;
  /** What the document rules found, for their fixes. */
  ruleFindings: RuleFinding[];
  /** What the last compatibility check found, for its fixes. */
  breakFindings?: PathFinding[];
  read: SchemaSource;
}

/**
 * Deeper documents are not checked past their syntax: schema validators and the parser recurse,
 * and no real document nests this deep.
 */
const MAX_NESTING = 256;

/** How many files one document may pull in through references. */
const MAX_CLOSURE_FILES = 500;
/** Fixes make other fixes possible, a few rounds deep (a channel, then what goes inside it); ten settle every document seen. */
const MAX_FIX_ROUNDS = 10;
/** Fixes of one rule that overlap those already taken, in a row, after which its other findings wait for the next round. */
const OVERLAPS_BEFORE_NEXT_ROUND = 3;
const BINARY_SNIFF_LENGTH = 8192;

/**
 * The analysis engine: knows the workspace's files, their kinds and how they refer to each
 * other, and checks them. It touches nothing outside itself except through its host.
 */
export class Engine {
  readonly files: FileStore;
  readonly index = new WorkspaceIndex();
  private readonly configs: ConfigResolver;
  private readonly fastStates = new Map<string, { version: number; state: FastState }>();
  /**
   * Per AsyncAPI document, what its checks of each message found, kept while the message reads the
   * same content, and which entries its structure check found valid.
   */
  private readonly keptChecks = new Map<string, { rules: MessageRuleMemo; views: KeptMessageViews; examples: KeptResults<PathFinding[]>; structure: EntrywiseValidation }>();
  /** The baseline of the last compatibility check, to check again for a fix. */
  private baselineSpec: BaselineSpec | undefined;
  /** File versions already in the index. */
  private indexed = new WeakSet<LoadedFile>();
  private flow?: EventFlow;
  /** The cross-service contracts of one index generation. */
  private contractState?: { generation: number; value: Promise<ContractState> };

  constructor(
    private readonly host: EngineHost,
    private settings: EngineSettings = DEFAULT_SETTINGS,
  ) {
    this.files = new FileStore(host, (uri) => this.sizeLimitFor(uri));
    this.configs = new ConfigResolver(this.files, settings.workspaceFolders);
  }

  /** The configuration's size limit, else the settings'; a configuration file's own cannot depend on reading it. */
  private async sizeLimitFor(uri: string): Promise<number> {
    return isConfigUri(uri) ? this.settings.maxFileSize : ((await this.configs.configFor(uri)).maxFileSize ?? this.settings.maxFileSize);
  }

  updateSettings(settings: EngineSettings) {
    this.settings = settings;
    this.configs.setRoots(settings.workspaceFolders);
    // The size limit decides what is indexed.
    this.indexed = new WeakSet();
  }

  /** Compiles the AsyncAPI schema of a version ahead of the first check, which would otherwise pay for it. */
  warmUp(version: string) {
    checkStructure(version, {});
  }

  getSettings() {
    return this.settings;
  }

  /**
   * An editor opened or changed a file. Cheap on purpose (it runs on every keystroke): the text
   * is parsed and indexed when it is next checked or read.
   */
  setOpenDocument(uri: string, text: string, version: number): LoadedFile {
    const file = this.files.setOverlay(uri, text, version);
    if (isConfigUri(uri)) this.configs.clear();
    return file;
  }

  /** An editor closed a file; the disk content applies again. */
  async closeDocument(uri: string) {
    this.files.removeOverlay(uri);
    if (isConfigUri(uri)) this.configs.clear();
    await this.indexFile(uri);
  }

  /** A file changed, appeared or vanished on disk. */
  async fileChanged(uri: string) {
    this.files.invalidate(uri);
    if (isConfigUri(uri)) this.configs.clear();
    await this.indexFile(uri);
  }

  /** The host reads other files than before (the workspace was trusted): every disk read is redone. */
  fileAccessChanged() {
    this.files.forgetDiskFiles();
    this.indexed = new WeakSet();
  }

  /**
   * A deleted path that may be a folder: forgets every indexed file under it (a file watcher
   * reports the folder, not each file in it). Returns the files forgotten.
   */
  async folderDeleted(uri: string): Promise<string[]> {
    const prefix = `${uri.replace(/\/$/, '')}/`;
    const under = [...this.index.all()].map((file) => file.uri).filter((candidate) => candidate.startsWith(prefix));
    for (const fileUri of under) await this.fileChanged(fileUri);
    return under;
  }

  /**
   * Brings the index up to date with the editors' unsaved text. Edits do not index eagerly (they
   * come with every keystroke); whoever reads the index for open files calls this first.
   */
  indexOpenDocuments() {
    for (const file of this.files.openFiles()) this.reindex(file);
  }

  /** Adds (or refreshes) one file in the workspace index. */
  async indexFile(uri: string) {
    const file = await this.files.get(uri);
    if (!file) {
      this.index.remove(uri);
      this.keptChecks.delete(uri);
      return;
    }
    this.reindex(file);
  }

  private reindex(file: LoadedFile) {
    if (this.indexed.has(file)) return;
    this.indexed.add(file);
    if (this.isTooLarge(file) || isBinary(file.source.text)) {
      this.index.update(file.uri, { kind: 'other' }, undefined);
      return;
    }
    this.index.update(file.uri, this.kindOf(file), file.tree.root);
  }

  /** A file's kind, including what the index knows: a file used as a payload schema is a schema. */
  kindOf(file: LoadedFile): FileKind {
    const kind = file.kind;
    if (kind.kind === 'other' && this.index.isReferencedSchema(file.uri) && file.source.format !== 'unknown') {
      return file.uri.toLowerCase().endsWith('.avsc') ? { kind: 'avro' } : { kind: 'json-schema', dialect: dialectOf(childString(file.tree.root, '$schema')) };
    }
    if (kind.kind === 'other' && looksLikeAsyncApi(file.source.text)) {
      return { kind: 'asyncapi', version: 'unknown', major: 3 };
    }
    return kind;
  }

  /** Above the size limit of the settings, or left unread above its configuration's. */
  private isTooLarge(file: LoadedFile) {
    return file.unreadSize !== undefined || file.size > this.settings.maxFileSize;
  }

  /** True when the engine has something to say about this file at all. */
  async isRelevant(uri: string): Promise<boolean> {
    const file = await this.files.get(uri);
    if (!file) return false;
    if (isConfigUri(uri) || /\.(avsc|proto)$/i.test(uri)) return true;
    // Unread, a file cannot say what it is: it is reported as too large.
    if (file.unreadSize !== undefined) return true;
    if (file.size > this.settings.maxFileSize) return looksLikeAsyncApi(file.source.text) || /\.schema\.(json|ya?ml)$/i.test(uri);
    return this.kindOf(file).kind !== 'other' || this.index.referrersOf(uri).length > 0;
  }

  /**
   * The fast check: syntax, the document's structure, references, schemas and examples. It never
   * runs the AsyncAPI parser, so it answers within milliseconds even for large documents.
   */
  checkFast(uri: string, token?: Cancellation, limits: CheckLimits = {}): Promise<CheckResult> {
    return this.checkFastWithin(uri, new BudgetedCancellation(token, this.deadlineOf(limits)));
  }

  private async checkFastWithin(uri: string, budget: BudgetedCancellation): Promise<CheckResult> {
    try {
      return await this.runFastChecks(uri, budget);
    } catch (error) {
      if (!(error instanceof DeadlineExceededError)) throw error;
      return this.timedOut(uri, 'the fast checks', error.deadline.budgetMs);
    }
  }

  private deadlineOf(limits: CheckLimits): Deadline | undefined {
    return limits.timeoutMs === undefined ? undefined : new Deadline(() => this.host.now(), limits.timeoutMs);
  }

  /**
   * What a check that ran out of time says: an error on the file (so CI never passes it silently),
   * with the findings made before the stop when there are any. Nothing of the stopped check is
   * kept for the full validation or the fixes.
   */
  async timedOut(uri: string, phase: string, budgetMs: number, before?: CheckResult): Promise<CheckResult> {
    this.fastStates.delete(uri);
    const file = await this.files.get(uri);
    const result: CheckResult = { uri, version: file?.source.version ?? 0, findings: new Map(before?.findings), dependencies: before?.dependencies ?? [uri], wantsFullValidation: false, timedOut: true };
    if (!file) return result;
    const finding: PathFinding = {
      ruleId: 'check-timeout',
      message: `The checks of this file took longer than ${formatBudget(budgetMs)} and stopped in ${phase}: what they did not reach is not checked (eventDesign.limits.checkTimeout in VS Code, --timeout on the command line)`,
      path: [],
    };
    const located = await this.locateAll({ ...result, findings: new Map() }, new Map([[uri, file]]), new Map([[uri, [finding]]]), { findings: [], opaquePaths: [], targets: new Map() });
    result.findings.set(uri, [...(located.findings.get(uri) ?? []), ...(result.findings.get(uri) ?? [])]);
    return result;
  }

  private async runFastChecks(uri: string, token: BudgetedCancellation): Promise<CheckResult> {
    const file = await this.files.get(uri);
    const result: CheckResult = { uri, version: file?.source.version ?? 0, findings: new Map(), dependencies: [uri], wantsFullValidation: false };
    if (!file || !(await this.isRelevant(uri))) return result;
    const pathFindings = new Map<string, PathFinding[]>([[uri, []]]);
    const own = pathFindings.get(uri)!;
    const text = file.source.text;
    if (isBinary(text)) {
      own.push({ ruleId: 'syntax', message: 'This file is not text (it contains NUL bytes), so it cannot be read as YAML or JSON', path: [] });
      return this.locateAll(result, new Map([[uri, file]]), pathFindings);
    }
    const maxFileSize = (await this.configs.configFor(uri)).maxFileSize ?? this.settings.maxFileSize;
    if (file.size > maxFileSize) {
      own.push({
        ruleId: 'file-too-large',
        message: `This file is ${formatSize(file.size)}, above the ${formatSize(maxFileSize)} limit (maxFileSize in .event-design.yaml, or eventDesign.maxFileSize in VS Code), so it is not checked: full validation needs about 140 times the file size in memory`,
        path: [],
        // At its start, without parsing it.
        at: { offset: 0, length: 0 },
      });
      return this.locateAll(result, new Map([[uri, file]]), pathFindings);
    }
    for (const problem of file.tree.problems) {
      own.push(syntaxFinding(problem));
    }
    this.reindex(file);
    const kind = this.kindOf(file);
    // On a broken text every other check reports follow-on errors of the syntax error.
    if (file.tree.problems.some((problem) => problem.severity === 'error')) {
      return this.locateAll(result, new Map([[uri, file]]), pathFindings);
    }
    const tooDeep = firstNodeDeeperThan(file.tree.root, MAX_NESTING);
    if (tooDeep) {
      own.push({
        ruleId: 'validation-incomplete',
        message: `This document nests more than ${MAX_NESTING} levels deep; only its syntax is checked`,
        path: [],
        at: { offset: tooDeep.offset, length: Math.min(tooDeep.length, 1) },
      });
      return this.locateAll(result, new Map([[uri, file]]), pathFindings);
    }
    const closure = await this.loadClosure(file, token);
    const refs = new Map<string, RefCheckResult>();
    const refContext = {
      load: (target: string) => this.loadForClosure(target, closure),
      schemaIds: this.index.schemaIds,
      allowRemote: this.settings.allowRemoteRefs,
      whyNotLoaded: (target: string) => this.whyNotLoaded(target),
      token,
    };
    throwIfStopped(token);
    const read = sourceFromClosure(closure);
    let ruleFindings: RuleFinding[] = [];
    switch (kind.kind) {
      case 'asyncapi': {
        const value = file.tree.value();
        if (!isSupportedAsyncApiVersion(kind.version)) {
          own.push({ ruleId: 'asyncapi-schema', message: `Unsupported AsyncAPI version "${kind.version}": event-design validates 2.0.0 to 2.6.0, 3.0.0 and 3.1.0`, path: ['asyncapi'] });
          break;
        }
        const refResult = await checkReferences(file, refContext);
        throwIfStopped(token);
        refs.set(uri, refResult);
        const opaque = refResult.opaquePaths;
        // What stands behind an unfetched remote reference is unknown: no follow-on errors there.
        own.push(...checkStructure(kind.version, value, this.keptChecksOf(uri).structure).filter((finding) => finding.ruleId !== 'asyncapi-schema' || !opaque.some((prefix) => isPathPrefix(prefix, finding.path))));
        own.push(...refResult.findings);
        throwIfStopped(token);
        const schemaFindings = checkMessageExamples(uri, value, kind.major, read, this.index.schemaIds, opaque, token, this.keptChecksOf(uri).examples);
        // A pattern that could not be checked is noted where it is written, maybe another file.
        for (const finding of schemaFindings) {
          if (finding.uri === undefined) own.push(finding);
          else pathFindings.set(finding.uri, [...(pathFindings.get(finding.uri) ?? []), finding]);
        }
        own.push(...(await checkProtobufPayloads(file, kind.major, async (target) => (await this.loadForClosure(target, closure))?.source.text)));
        throwIfStopped(token);
        // The AsyncAPI JSON Schema's own rules for Avro payloads say "must have property items,
        // size, symbols…" for one missing field type; the Avro check already said which node.
        const avroRoots = schemaFindings.filter((finding) => finding.ruleId === 'avro-schema-invalid').map((finding) => multiFormatSchemaRoot(finding.path));
        if (avroRoots.some((root) => root !== undefined)) {
          for (let index = own.length - 1; index >= 0; index--) {
            const finding = own[index]!;
            if (finding.ruleId === 'asyncapi-schema' && avroRoots.some((root) => root && isPathPrefix(root, finding.path))) own.splice(index, 1);
          }
        }
        throwIfStopped(token);
        ruleFindings = await this.checkDiscipline(file, kind, value, read, token);
        for (const finding of ruleFindings) {
          const target = finding.uri ?? uri;
          const list = pathFindings.get(target) ?? [];
          list.push(finding);
          pathFindings.set(target, list);
        }
        result.wantsFullValidation = true;
        break;
      }
      case 'json-schema': {
        own.push(...checkJsonSchemaFile(uri, file.tree.value(), kind.dialect, read, this.index.schemaIds));
        const refResult = await checkReferences(file, refContext);
        refs.set(uri, refResult);
        own.push(...refResult.findings);
        break;
      }
      case 'avro':
        if (file.tree.problems.length === 0) own.push(...checkAvroSchema(file.tree.value()));
        break;
      case 'protobuf': {
        const schema = await loadProtoSchema(uri, file.source.text, async (target) => (await this.loadForClosure(target, closure))?.source.text);
        own.push(...checkProtoSchema(schema, filePlacement(file.source)));
        break;
      }
      case 'config':
        own.push(...(await this.configs.problemsOf(uri)));
        break;
      case 'other': {
        // A fragment that AsyncAPI documents reference (shared messages, schemas, servers).
        const refResult = await checkReferences(file, refContext);
        refs.set(uri, refResult);
        own.push(...refResult.findings);
        break;
      }
    }
    throwIfStopped(token);
    // Problems inside referenced schema files are reported in those files, from here too: the
    // file may not be open, and this document depends on it.
    for (const [targetUri, target] of closure) {
      if (targetUri === uri) continue;
      throwIfStopped(token);
      const targetKind = this.kindOf(target);
      const findings: PathFinding[] = target.tree.problems.map(syntaxFinding);
      if (findings.length === 0 && targetKind.kind === 'json-schema') findings.push(...checkJsonSchemaFile(targetUri, target.tree.value(), targetKind.dialect, read, this.index.schemaIds));
      if (findings.length === 0 && targetKind.kind === 'avro') findings.push(...checkAvroSchema(target.tree.value()));
      if (targetKind.kind === 'protobuf') {
        const schema = await loadProtoSchema(targetUri, target.source.text, async (imported) => (await this.loadForClosure(imported, closure))?.source.text);
        findings.push(...checkProtoSchema(schema, filePlacement(target.source)));
      }
      if (findings.length > 0) pathFindings.set(targetUri, withoutRepeatedNotes([...(pathFindings.get(targetUri) ?? []), ...findings]));
    }
    result.dependencies = [...closure.keys()];
    this.fastStates.set(uri, { version: result.version, state: { file, closure, refs, pathFindings, remoteFindings: new Map(), remoteSites: new Map(), ruleFindings, read } });
    return this.locateAll(result, closure, pathFindings);
  }

  /** The context document rules see for a checked AsyncAPI document. */
  async ruleContext(file: LoadedFile, kind: Extract<FileKind, { kind: 'asyncapi' }>, value: unknown, read: SchemaSource, keptViews?: KeptMessageViews): Promise<Omit<RuleContext, 'options'> | undefined> {
    const application = this.index.get(file.uri)?.application;
    if (!application || !value || typeof value !== 'object') return undefined;
    const document = value as Record<string, unknown>;
    return {
      uri: file.uri,
      file,
      document,
      major: kind.major,
      version: kind.version,
      application,
      messages: messageViews(file.uri, document, application, read, this.index.schemaIds, keptViews),
      read,
      schemaIds: this.index.schemaIds,
      index: this.index,
    };
  }

  /** The event-design discipline rules (events as facts, event ids, ordering keys…). */
  private async checkDiscipline(file: LoadedFile, kind: Extract<FileKind, { kind: 'asyncapi' }>, value: unknown, read: SchemaSource, token?: Cancellation): Promise<RuleFinding[]> {
    const config = await this.configs.configFor(file.uri);
    const rules = activeDocumentRules(file.uri, config, this.settings.defaultRules);
    if (rules.length === 0) return [];
    const kept = this.keptChecksOf(file.uri);
    const context = await this.ruleContext(file, kind, value, read, kept.views);
    if (!context) return [];
    return runDocumentRules(rules, context, config, token, kept.rules);
  }

  /**
   * What the full validation of a document needs, gathered from the last fast check of the same
   * version; undefined when there is nothing to validate.
   */
  async prepareFullCheck(uri: string): Promise<ParserSnapshot | undefined> {
    const entry = this.fastStates.get(uri);
    if (!entry) return undefined;
    const { file, closure, refs } = entry.state;
    if (entry.version !== file.source.version) return undefined;
    const files: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const failures = (entry.state.remoteFailures = new Map());
    for (const [fileUri, loaded] of closure) {
      const opaque = [...(refs.get(fileUri)?.opaquePaths ?? (await checkReferences(loaded, { load: (target) => this.loadForClosure(target, closure), schemaIds: this.index.schemaIds, allowRemote: this.settings.allowRemoteRefs })).opaquePaths)];
      if (this.settings.allowRemoteRefs) {
        // Fetched through the host (the user allowed it); what cannot be fetched stays unknown.
        for (const site of collectRefSites(loaded.tree.root)) {
          const target = resolveRef(site.ref, loaded.uri, this.index.schemaIds);
          if (target.kind !== 'remote') continue;
          const address = target.url.split('#')[0]!;
          if (!(address in files)) {
            const failure = await this.fetchInto(files, address);
            if (failure) failures.set(address, failure);
          }
          if (!entry.state.remoteSites.has(address)) entry.state.remoteSites.set(address, { uri: fileUri, path: pathOfNode(site.valueNode) });
          if (failures.has(address)) {
            opaque.push(site.ownerPath);
            const list = entry.state.remoteFindings.get(fileUri) ?? [];
            list.push({ ruleId: 'remote-ref', message: `Could not fetch ${address}: ${failures.get(address)}. Its content is not checked.`, path: pathOfNode(site.valueNode), severity: 'warning' });
            entry.state.remoteFindings.set(fileUri, list);
          }
        }
      }
      const value = opaque.length === 0 ? loaded.tree.value() : withPlaceholders(loaded.tree.value(), opaque);
      files[fileUri] = opaque.length === 0 ? loaded.source.text : JSON.stringify(value);
      values[fileUri] = value;
    }
    return { rootUri: uri, files, values };
  }

  /** Fetches a remote document into the snapshot; the reason when it cannot. */
  private async fetchInto(files: Record<string, string>, address: string): Promise<string | undefined> {
    if (!this.host.fetchRemote) return 'this host cannot fetch remote documents';
    try {
      files[address] = await this.host.fetchRemote(address);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * Merges the full validation's diagnostics into the fast findings of the same version: the
   * parser's findings are located in their own files, those the fast check already made are
   * dropped, and problems in referenced files are summarised at the `$ref` that leads to them.
   */
  async completeFullCheck(uri: string, version: number, diagnostics: ParserDiagnostic[]): Promise<CheckResult | undefined> {
    const entry = this.fastStates.get(uri);
    if (!entry || entry.version !== version) return undefined;
    const { closure, refs } = entry.state;
    const pathFindings = new Map<string, PathFinding[]>();
    for (const [fileUri, findings] of entry.state.pathFindings) pathFindings.set(fileUri, [...findings]);
    for (const [fileUri, findings] of entry.state.remoteFindings) pathFindings.set(fileUri, [...(pathFindings.get(fileUri) ?? []), ...findings]);
    // One finding per place: where the fast checks already found something (a meta-schema error
    // in a referenced schema file, say), the parser's word on the same node adds nothing.
    const fastPlaces = new Set<string>();
    const seen = new Set<string>();
    const ownValuePaths = new Map<string, JsonPath[]>();
    let hasUncheckedPatternProperties = false;
    for (const [fileUri, findings] of pathFindings) {
      for (const finding of findings) {
        fastPlaces.add(placeKey(fileUri, finding.path));
        seen.add(findingKey(fileUri, finding.ruleId, finding.path));
        if (finding.ruleId === 'pattern-not-checked' && finding.path.includes('patternProperties')) hasUncheckedPatternProperties = true;
        if (VALUES_CHECKED_BY_BOTH.has(finding.ruleId)) {
          const key = `${fileUri}\u0000${finding.ruleId}`;
          ownValuePaths.set(key, [...(ownValuePaths.get(key) ?? []), finding.path]);
        }
      }
    }
    const fromParser: Array<PathFinding & { uri: string }> = [];
    // Both check examples and defaults. The parser's word on a value gives way to ours: where ours
    // reported that value, or left it unknown because its pattern (or a `patternProperties` key
    // deciding what is "additional") is one RE2 cannot run and the parser's verdict is a
    // backtracking engine's. Elsewhere (2.x channel parameters, `payload: false`) it stands.
    const ownWordOnValue = (diagnostic: ParserDiagnostic, ruleId: string) =>
      (ownValuePaths.get(`${diagnostic.uri}\u0000${ruleId}`) ?? []).some((path) => isPathPrefix(path, diagnostic.path) || isPathPrefix(diagnostic.path, path)) ||
      failsUncheckablePattern(diagnostic.message) ||
      (hasUncheckedPatternProperties && / is not expected to be here$/.test(diagnostic.message));
    const repeatsAcrossDefinitions = (diagnostic: ParserDiagnostic) => {
      const file = entry.state.read(diagnostic.uri);
      const messageId = file && valueAtPath(file.value, diagnostic.path).value;
      return typeof messageId !== 'string' || isSharedByDistinctMessages(uri, entry.state.file.tree.value(), messageId, entry.state.read, this.index.schemaIds);
    };
    // With a broken reference, the parser validates a document with a hole in it: its structure
    // findings are follow-on errors of the reference, which the fast check already reports.
    const hasBrokenReferences = [...entry.state.pathFindings.values()].some((findings) => findings.some((finding) => finding.ruleId === 'unresolved-ref'));
    const avroRoots = (entry.state.pathFindings.get(uri) ?? []).filter((finding) => finding.ruleId === 'avro-schema-invalid').map((finding) => multiFormatSchemaRoot(finding.path));
    for (const diagnostic of diagnostics) {
      const rule = ruleForParserCode(diagnostic.code);
      const ruleId = rule?.id ?? 'asyncapi-parser';
      if (OWNED_ELSEWHERE.has(ruleId)) continue;
      if (VALUES_CHECKED_BY_BOTH.has(ruleId) && ownWordOnValue(diagnostic, ruleId)) continue;
      if (hasBrokenReferences && ruleId === 'asyncapi-schema') continue;
      if (ruleId === 'asyncapi-schema' && diagnostic.uri === uri && avroRoots.some((root) => root && isPathPrefix(root, diagnostic.path))) continue;
      const opaque = refs.get(diagnostic.uri)?.opaquePaths ?? [];
      if (opaque.some((prefix) => isPathPrefix(prefix, diagnostic.path))) continue;
      // The fast check owns the structure of what the document itself says: the parser's
      // validation of the resolved document repeats it, with the noise of every oneOf branch.
      // What it adds is structure seen through references (other files, or a path that runs
      // through a $ref), and that is kept.
      if (ruleId === 'asyncapi-schema' && diagnostic.uri === uri && isLiteralPath(entry.state.file, diagnostic.path)) continue;
      if (ruleId === 'asyncapi-schema' && fastPlaces.has(placeKey(diagnostic.uri, diagnostic.path))) continue;
      if (ruleId === 'asyncapi2-message-messageId-uniqueness' && !repeatsAcrossDefinitions(diagnostic)) continue;
      // The engine reads Protobuf payloads itself (protobuf/protobufPayloads.ts); the parser's
      // Protobuf schema parser is not registered, as it throws on a broken schema and so ends the
      // whole validation.
      if (PROTOBUF_SCHEMA_FORMATS.some((format) => diagnostic.message === `No schema parser registered for "${format}"`)) continue;
      // The parser's verdict on a whole custom-format schema, where the engine already pointed
      // at the node inside it (Avro schemas are checked by the engine, node by node).
      if (ruleId === 'asyncapi2-schemas' && [...fastPlaces].some((place) => place.startsWith(placeKey(diagnostic.uri, diagnostic.path)))) continue;
      const key = findingKey(diagnostic.uri, ruleId, diagnostic.path);
      if (seen.has(key)) continue;
      seen.add(key);
      // A problem inside a fetched remote document is shown at the reference to it.
      const remoteSite = closure.has(diagnostic.uri) ? undefined : entry.state.remoteSites.get(diagnostic.uri);
      fromParser.push({
        uri: remoteSite?.uri ?? (closure.has(diagnostic.uri) ? diagnostic.uri : uri),
        ruleId,
        message: remoteSite ? `In ${diagnostic.uri}: ${diagnostic.message}` : wordParserValueFinding(ruleId, diagnostic.path, diagnostic.message),
        path: remoteSite?.path ?? diagnostic.path,
        // A format no parser is registered for (RAML, Protobuf…) is not an error in the document:
        // the parser says so with a lower severity, and that is kept.
        severity: !rule || diagnostic.message.startsWith('No schema parser registered') ? parserSeverity(diagnostic.severity) : undefined,
        tags: ruleId === 'unused-component' ? ['unnecessary'] : undefined,
      });
    }
    for (const finding of fromParser) {
      const list = pathFindings.get(finding.uri) ?? [];
      list.push(finding);
      pathFindings.set(finding.uri, list);
    }
    // A vague "must match a schema in oneOf" is noise next to the precise error beneath it,
    // whichever of the two checks found which.
    for (const [fileUri, findings] of pathFindings) pathFindings.set(fileUri, dropCombinatorNoise(findings));
    const result: CheckResult = { uri, version, findings: new Map(), dependencies: [...closure.keys()], wantsFullValidation: false };
    return this.locateAll(result, closure, pathFindings, refs.get(uri));
  }

  /**
   * Fast and full check in one go, for the CLI and tests. With a time limit, `validate` is told
   * the milliseconds left (it stops the parser then); a check that runs out of time gives the
   * fast findings and `check-timeout`.
   */
  async checkFile(uri: string, validate?: (snapshot: ParserSnapshot, remainingMs?: number) => Promise<ParserDiagnostic[]>, limits: CheckLimits = {}): Promise<CheckResult> {
    const deadline = this.deadlineOf(limits);
    const fast = await this.checkFastWithin(uri, new BudgetedCancellation(undefined, deadline));
    if (!fast.wantsFullValidation || !validate) return fast;
    const snapshot = await this.prepareFullCheck(uri);
    if (!snapshot) return fast;
    let diagnostics: ParserDiagnostic[];
    try {
      diagnostics = await validate(snapshot, deadline?.remainingMs);
    } catch (error) {
      diagnostics = [{ uri, path: [], code: 'uncaught-error', message: `Full validation failed: ${error instanceof Error ? error.message : String(error)}`, severity: 1 }];
    }
    if (deadline?.passed) return this.timedOut(uri, 'the full validation', deadline.budgetMs, fast);
    return (await this.completeFullCheck(uri, fast.version, diagnostics)) ?? fast;
  }

  /**
   * Places findings of an earlier version again in the current text of their files, by path:
   * the full validation's findings stay useful while the next one runs. Findings whose path is
   * gone are dropped; findings without a path (syntax) cannot be placed and are dropped too.
   */
  relocate(findings: Finding[]): Finding[] {
    const result: Finding[] = [];
    for (const finding of findings) {
      if (!finding.path) continue;
      const file = this.files.peek(finding.uri);
      if (!file) {
        result.push(finding);
        continue;
      }
      const { depth } = deepestNodeOnPath(file.tree.root, finding.path);
      if (depth < finding.path.length) continue;
      result.push({ ...finding, range: rangeOfPath(file.source, file.tree.root, finding.path, finding.anchor) });
    }
    return result;
  }

  /**
   * The quick fixes for a finding of a document rule. `producerUri` is the document whose check
   * made the finding (the finding may be in a file it references).
   */
  async fixesFor(producerUri: string, ruleId: string, path: JsonPath, findingUri: string = producerUri, options: { judge?: boolean } = {}): Promise<Fix[]> {
    const rule = ruleById(ruleId) as (RuleDefinition & Partial<Pick<DocumentRule, 'fixes'>>) | undefined;
    if (!rule?.fixes) return [];
    let entry = this.fastStates.get(producerUri);
    const current = await this.files.get(producerUri);
    if (!entry || !current || entry.version !== current.source.version || entry.state.file !== current) {
      await this.checkFast(producerUri);
      entry = this.fastStates.get(producerUri);
    }
    if (!entry) return [];
    if (rule.category === 'compatibility' && entry && !entry.state.breakFindings && this.baselineSpec) {
      await this.checkBreaks(producerUri, this.baselineSpec);
      entry = this.fastStates.get(producerUri);
      if (!entry) return [];
    }
    // A document rule's own findings, or the findings of the engine's other checks (references,
    // schemas) for rules that only add fixes to them.
    const contractFindings = rule.category === 'contracts' ? ((await this.contracts()).report.findings.get(producerUri) ?? []) : [];
    const candidates: RuleFinding[] = isDocumentRule(rule)
      ? entry.state.ruleFindings
      : rule.category === 'contracts'
        ? contractFindings
      : [...(entry.state.pathFindings.get(findingUri) ?? []), ...(entry.state.breakFindings ?? []).filter((finding) => (finding.uri ?? producerUri) === findingUri)].map((finding) => ({ ...finding, uri: findingUri === producerUri ? undefined : findingUri }));
    const finding = candidates.find((candidate) => candidate.ruleId === ruleId && (candidate.uri ?? producerUri) === findingUri && samePath(candidate.path, path));
    const file = entry.state.file;
    const kind = this.kindOf(file);
    if (!finding) return [];
    // Schema files have no application: their fixes see the document and an empty model.
    const context =
      kind.kind === 'asyncapi'
        ? await this.ruleContext(file, kind, file.tree.value(), entry.state.read)
        : {
            uri: file.uri,
            file,
            document: (file.tree.value() ?? {}) as Record<string, unknown>,
            major: 3 as const,
            version: '',
            application: { uri: file.uri, asyncapiVersion: '', title: '', servers: [], channels: [], operations: [], componentMessages: [], schemaReferences: [] },
            messages: [],
            read: entry.state.read,
            schemaIds: this.index.schemaIds,
            index: this.index,
          };
    if (!context) return [];
    const config = await this.configs.configFor(producerUri);
    const closure = entry.state.closure;
    const configUri = config.folderUri ? `${config.folderUri}/.event-design.yaml` : this.settings.workspaceFolders[0] ? `${this.settings.workspaceFolders[0].replace(/\/$/, '')}/.event-design.yaml` : undefined;
    const fileAt = async (uri: string) => closure.get(uri) ?? (await this.files.get(uri));
    const fixes = await rule.fixes(finding, {
      ...context,
      options: config.ruleOptions[ruleId] ?? {},
      fileAt,
      ...(configUri ? { configTarget: { uri: configUri, name: '.event-design.yaml' } } : {}),
    });
    // A discipline fix changes a contract as any edit does: the compatibility engine says whether
    // it breaks the other side (the rule's own reason, when it gives one, is more specific).
    // Above a size, judging each fix (a whole-document diff) would hold the light bulb for seconds:
    // there the rules' own labels stand, and "fix all" still judges its rounds together.
    if (rule.category !== 'discipline' || options.judge === false || file.source.text.length > MAX_JUDGED_DOCUMENT) return fixes;
    return Promise.all(
      fixes.map(async (fix) => {
        if (fix.breaking) return fix;
        const breaking = await breakingReasonOf(fix, { host: this.host, closure, fileAt, index: this.index, config });
        return breaking ? { ...fix, breaking } : fix;
      }),
    );
  }

  /** The workspace's event-flow graph, kept per index generation (bring the index up to date first). */
  get eventFlow(): EventFlow {
    this.flow ??= new EventFlow(this);
    return this.flow;
  }

  /**
   * The cross-service contracts of the whole workspace: every producer's messages against every
   * consumer's on the same channel. Kept until the index changes; open documents are indexed
   * first, so unsaved text counts.
   */
  contracts(): Promise<ContractState> {
    this.indexOpenDocuments();
    const generation = this.index.generation;
    if (this.contractState?.generation !== generation) {
      const value = this.computeContracts();
      this.contractState = { generation, value };
      value.catch(() => {
        if (this.contractState?.value === value) this.contractState = undefined;
      });
    }
    return this.contractState.value;
  }

  private async computeContracts(): Promise<ContractState> {
    const model = await this.eventFlow.currentModel();
    const files = new Map<string, LoadedFile>();
    const documents: LoadedFile[] = [];
    for (const application of this.index.applications()) {
      const file = await this.files.get(application.uri);
      if (!file || this.isTooLarge(file)) continue;
      documents.push(file);
      for (const [uri, loaded] of await this.loadClosure(file)) files.set(uri, loaded);
      // The contracts compare Protobuf payloads with the types their imports define.
      const kind = this.kindOf(file);
      if (kind.kind !== 'asyncapi') continue;
      for (const site of protobufPayloadSites(file.tree.root, kind.major)) await loadPayloadSchema(protobufSourceOf(site, file.uri), file.uri, async (target) => (await this.loadForClosure(target, files))?.source.text);
    }
    const env = { readDocument: (uri: string) => files.get(uri)?.tree.value(), schemaIds: this.index.schemaIds };
    const meanings = new Map<string, DocumentMeaning>();
    for (const file of documents) meanings.set(file.uri, readDocumentMeaning({ root: file.tree.value(), uri: file.uri }, env));
    // One policy for the workspace: its root configuration's, else LENIENT (an open content
    // model in a producer's schema is read as "nothing else", as its consumers read it).
    const root = this.settings.workspaceFolders[0];
    const config = root ? await this.configs.configFor(`${root.replace(/\/$/, '')}/.event-design.yaml`) : undefined;
    const report = checkContracts({ model, meanings, files, env, policy: config?.compatibility.policy ?? 'lenient', workspaceFolders: this.settings.workspaceFolders });
    return { report, files };
  }

  /** The contract findings, located: by the document that reports them, then by the file they are in. */
  async checkContracts(): Promise<Map<string, Map<string, Finding[]>>> {
    const { report, files } = await this.contracts();
    const result = new Map<string, Map<string, Finding[]>>();
    for (const [documentUri, findings] of report.findings) {
      const byFile = new Map<string, PathFinding[]>();
      for (const finding of findings) {
        const target = finding.uri ?? documentUri;
        byFile.set(target, [...(byFile.get(target) ?? []), finding]);
      }
      const located = await this.locateAll({ uri: documentUri, version: 0, findings: new Map(), dependencies: [], wantsFullValidation: false }, files, byFile, { findings: [], opaquePaths: [], targets: new Map() });
      result.set(documentUri, located.findings);
    }
    return result;
  }

  /** A file at a baseline, through the host (undefined where there is none or git may not run). */
  baselineOf(uri: string, spec: BaselineSpec) {
    return this.host.baseline?.(uri, spec) ?? Promise.resolve(undefined);
  }

  /**
   * Changes against the baseline that break the other side of the document's (or schema's)
   * messages. Runs with the full validation: it reads the baseline through the host (git) and
   * diffs whole documents. Uses the closure of the last fast check of the same version.
   */
  async checkBreaks(uri: string, spec: BaselineSpec): Promise<Map<string, Finding[]>> {
    let entry = this.fastStates.get(uri);
    const current = await this.files.get(uri);
    if (!current) return new Map();
    if (!entry || entry.state.file !== current) {
      await this.checkFast(uri);
      entry = this.fastStates.get(uri);
    }
    const closure = entry?.state.closure ?? new Map([[uri, current]]);
    const kind = this.kindOf(current);
    const config = await this.configs.configFor(uri);
    this.baselineSpec = spec;
    // Who a break hurts: the consumers of what the file sends (a contract check that fails is only
    // a less informative message).
    const contracts = await this.contracts().catch(() => undefined);
    const findings = await checkBreaks({ host: this.host, spec, file: current, kind, closure, index: this.index, config, ...(contracts ? { consumersOf: contracts.report.consumersOf } : {}) });
    if (entry) entry.state.breakFindings = findings;
    const byFile = new Map<string, PathFinding[]>();
    for (const finding of findings) {
      const target = finding.uri ?? uri;
      byFile.set(target, [...(byFile.get(target) ?? []), finding]);
    }
    const result: CheckResult = { uri, version: current.source.version, findings: new Map(), dependencies: [...closure.keys()], wantsFullValidation: false };
    return (await this.locateAll(result, closure, byFile, { findings: [], opaquePaths: [], targets: new Map() })).findings;
  }

  /**
   * The fixes "fix all" applies to a document, round after round until none is left, as one edit
   * per file: so that fix-all run again changes nothing. A round's fixes can make others possible
   * (a dead-letter channel, then the operation's messages inside it); the later rounds run on a
   * scratch engine that sees the fixed texts, so editors and checks never see a text in between.
   * Only fixes whose every edit lies in a file `editable` accepts are taken (the CLI edits only
   * the files under the paths it was given).
   */
  async safeFixes(uri: string, editable: (uri: string) => boolean = () => true): Promise<{ edits: WorkspaceEdits; titles: string[] }> {
    const titles: string[] = [];
    const fixed = new Map<string, string>();
    let current: Engine = this;
    const unfixable = new Set<string>();
    for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
      const askedEveryFinding = unfixable.size === 0;
      const { edits, titles: taken } = await current.safeFixRound(uri, editable, unfixable);
      if (taken.length === 0) {
        // Done when a round that asked every finding for its fix took nothing.
        if (askedEveryFinding) break;
        unfixable.clear();
        continue;
      }
      titles.push(...taken);
      if (current === this) current = this.scratch();
      for (const [fileUri, fileEdits] of edits) {
        const file = await current.files.get(fileUri);
        if (!file) continue;
        const text = applyEdits(file.source, fileEdits);
        fixed.set(fileUri, text);
        current.setOpenDocument(fileUri, text, file.source.version + 1);
        await current.indexFile(fileUri);
      }
    }
    const edits: WorkspaceEdits = new Map();
    for (const [fileUri, text] of fixed) {
      const file = await this.files.get(fileUri);
      if (file) edits.set(fileUri, diffEdit(file.source, text));
    }
    return { edits, titles };
  }

  /**
   * An engine over the same host, settings and index whose files can be changed without
   * touching this one: it reads what this one reads (editors' unsaved text included).
   */
  private scratch(): Engine {
    const files = this.files;
    const readFile = async (uri: string) => (await files.get(uri))?.source.text;
    const host = new Proxy(this.host, {
      get: (target, key) => {
        if (key === 'readFile') return readFile;
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const engine = new Engine(host, this.settings);
    engine.index.copyFrom(this.index);
    engine.baselineSpec = this.baselineSpec;
    return engine;
  }

  /**
   * One round of "fix all": for each finding of a document rule, its first fix that breaks nobody
   * (the preferred one first). Fixes whose edits would overlap or touch one already taken wait for
   * the next round; so do all but the first when together they would leave a file parsing worse
   * than it does now.
   */
  private async safeFixRound(uri: string, editable: (uri: string) => boolean, unfixable: Set<string>): Promise<{ edits: WorkspaceEdits; titles: string[] }> {
    await this.checkFast(uri);
    const entry = this.fastStates.get(uri);
    const edits: WorkspaceEdits = new Map();
    const titles: string[] = [];
    if (!entry) return { edits, titles };
    const candidates: Fix[] = [];
    // Rounds stay cheap where a document has many findings of a kind (one per channel): a finding
    // with no safe fix in an earlier round is not asked again until a round takes nothing; and
    // once a rule's fixes overlapped those taken a few times in a row, its other findings wait
    // for the next round (fixes of one rule often all add to the same place: a dead-letter channel
    // at the end of `channels`). Every fix was recomputed each round before: 3.5 minutes for a
    // 100-channel document.
    const overlapsInARow = new Map<string, number>();
    for (const finding of entry.state.ruleFindings) {
      const key = findingKey(finding.uri ?? uri, finding.ruleId, finding.path);
      if (unfixable.has(key) || (overlapsInARow.get(finding.ruleId) ?? 0) >= OVERLAPS_BEFORE_NEXT_ROUND) continue;
      // Judged below, together: one compatibility diff per fix would be quadratic in the document.
      const fixes = await this.fixesFor(uri, finding.ruleId, finding.path, finding.uri ?? uri, { judge: false });
      const safe = [...fixes].sort((a, b) => Number(!!b.preferred) - Number(!!a.preferred)).find((fix) => !fix.breaking && !fix.manualOnly && [...fix.edits.keys()].every(editable));
      if (!safe) {
        unfixable.add(key);
        continue;
      }
      if (overlapsAny(edits, safe.edits)) {
        overlapsInARow.set(finding.ruleId, (overlapsInARow.get(finding.ruleId) ?? 0) + 1);
        continue;
      }
      overlapsInARow.delete(finding.ruleId);
      for (const [fileUri, fileEdits] of safe.edits) edits.set(fileUri, [...(edits.get(fileUri) ?? []), ...fileEdits]);
      candidates.push(safe);
    }
    const config = await this.configs.configFor(uri);
    const closure = entry.state.closure;
    const verdict: FixVerdictInput = { host: this.host, closure, fileAt: async (fileUri) => closure.get(fileUri) ?? (await this.files.get(fileUri)), index: this.index, config };
    let taken = await withoutBreakingFixes(candidates, verdict);
    // Together they must parse as well as the text does now; else one this round, and the rest after.
    if (taken.length > 1 && !(await this.parsesAsWell(mergeFixes(taken)))) taken = taken.slice(0, 1);
    return { edits: mergeFixes(taken), titles: taken.map((fix) => fix.title) };
  }

  /** Whether every file the edits touch still parses with no more syntax problems than now. */
  private async parsesAsWell(edits: WorkspaceEdits): Promise<boolean> {
    for (const [uri, list] of edits) {
      const file = await this.files.get(uri);
      if (!file) continue;
      const after = new SourceFile(uri, applyEdits(file.source, list), file.source.version + 1, file.source.format);
      if (parseSource(after).problems.length > file.tree.problems.length) return false;
    }
    return true;
  }

  /** Forgets what was kept for a document's full check and of its messages' checks. */
  forget(uri: string) {
    this.fastStates.delete(uri);
    this.keptChecks.delete(uri);
  }

  private keptChecksOf(uri: string) {
    let kept = this.keptChecks.get(uri);
    if (!kept) this.keptChecks.set(uri, (kept = { rules: new MessageRuleMemo(), views: new KeptMessageViews(), examples: new KeptResults(), structure: new EntrywiseValidation() }));
    return kept;
  }

  private async whyNotLoaded(uri: string): Promise<{ ruleId: string; reason: string } | undefined> {
    if ((await this.host.mayRead?.(uri)) === false) return { ruleId: 'ref-outside-workspace', reason: 'it is outside the workspace folders, and files there are read only in a trusted workspace' };
    const file = await this.files.get(uri);
    if (!file) return undefined;
    if (isBinary(file.source.text)) return { ruleId: 'unresolved-ref', reason: 'the file is not text' };
    if (this.isTooLarge(file)) {
      return { ruleId: 'file-too-large', reason: `the file is ${formatSize(file.size)}, above the ${formatSize(this.settings.maxFileSize)} size limit` };
    }
    return { ruleId: 'validation-incomplete', reason: `more than ${MAX_CLOSURE_FILES} files are referenced from here` };
  }

  private async loadForClosure(uri: string, closure: Map<string, LoadedFile>) {
    const known = closure.get(uri);
    if (known) return known;
    const file = await this.files.get(uri);
    if (file && closure.size < MAX_CLOSURE_FILES && !this.isTooLarge(file) && !isBinary(file.source.text)) closure.set(uri, file);
    return file && closure.has(uri) ? file : undefined;
  }

  /** The file and every file its references reach, transitively. */
  private async loadClosure(file: LoadedFile, token?: Cancellation): Promise<Map<string, LoadedFile>> {
    const closure = new Map<string, LoadedFile>([[file.uri, file]]);
    const queue = [file];
    while (queue.length > 0 && closure.size < MAX_CLOSURE_FILES) {
      throwIfStopped(token);
      const current = queue.shift()!;
      const idBase = current.kind.kind === 'json-schema' ? childString(current.tree.root, '$id') : undefined;
      for (const site of collectRefSites(current.tree.root)) {
        const target = resolveRef(site.ref, current.uri, this.index.schemaIds, idBase);
        if (target.kind !== 'file' || closure.has(target.uri)) continue;
        const loaded = await this.loadForClosure(target.uri, closure);
        if (loaded) queue.push(loaded);
      }
    }
    return closure;
  }

  /** Turns path findings into located findings, applying each file's configuration. */
  private async locateAll(result: CheckResult, files: Map<string, LoadedFile>, pathFindings: Map<string, PathFinding[]>, rootRefs?: RefCheckResult): Promise<CheckResult> {
    const located = new Map<string, Finding[]>();
    for (const [fileUri, findings] of pathFindings) {
      const file = files.get(fileUri) ?? (await this.files.get(fileUri));
      if (!file) continue;
      const config = await this.configs.configFor(fileUri);
      // A file above the size limit is never parsed, not even for its suppression comments.
      const tooLarge = file.size > (config.maxFileSize ?? this.settings.maxFileSize);
      const list: Finding[] = [];
      for (const finding of findings) {
        const severity = severityFor(finding.ruleId, fileUri, config, this.settings.defaultRules);
        if (severity === 'off') continue;
        list.push(locate(file, finding, finding.severity && compareSeverity(finding.severity, severity) > 0 ? finding.severity : severity));
      }
      located.set(fileUri, sortFindings(tooLarge ? list : applySuppressions(list, file.source.text, file.tree.root)));
    }
    await this.summariseReferencedProblems(result.uri, files, located, rootRefs);
    result.findings = located;
    return result;
  }

  /** One finding at each `$ref` into a file that has problems, saying how many and the first. */
  private async summariseReferencedProblems(rootUri: string, files: Map<string, LoadedFile>, located: Map<string, Finding[]>, rootRefs?: RefCheckResult) {
    const root = files.get(rootUri);
    const refs = rootRefs ?? this.fastStates.get(rootUri)?.state.refs.get(rootUri);
    if (!root || !refs) return;
    const config = await this.configs.configFor(rootUri);
    const severity = severityFor('ref-target-invalid', rootUri, config, this.settings.defaultRules);
    if (severity === 'off') return;
    const own = located.get(rootUri) ?? [];
    for (const [targetUri, site] of refs.targets) {
      const reachable = [targetUri, ...this.reachableFrom(targetUri, files)].filter((fileUri) => fileUri !== rootUri);
      // Validity problems only: a discipline finding in a shared file is not a broken target.
      const problems = reachable.flatMap((fileUri) => (located.get(fileUri) ?? []).filter((finding) => (finding.severity === 'error' || finding.severity === 'warning') && ruleById(finding.ruleId)?.category !== 'discipline'));
      if (problems.length === 0) continue;
      const first = problems[0]!;
      const name = first.uri.slice(first.uri.lastIndexOf('/') + 1);
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      own.push(
        locate(root, {
          ruleId: 'ref-target-invalid',
          message: `${decodeURIComponent(name)} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: line ${first.range.start.line + 1}: ${first.message}${more}`,
          path: site.path,
          related: problems.slice(0, 10).map((problem) => ({ uri: problem.uri, range: problem.range, message: problem.message })),
        }, severity),
      );
    }
    located.set(rootUri, sortFindings(own));
  }

  private reachableFrom(uri: string, files: Map<string, LoadedFile>): string[] {
    const seen = new Set<string>([uri]);
    const queue = [uri];
    while (queue.length > 0) {
      const current = files.get(queue.shift()!);
      if (!current) continue;
      for (const site of collectRefSites(current.tree.root)) {
        const target = resolveRef(site.ref, current.uri, this.index.schemaIds);
        if (target.kind === 'file' && !seen.has(target.uri) && files.has(target.uri)) {
          seen.add(target.uri);
          queue.push(target.uri);
        }
      }
    }
    seen.delete(uri);
    return [...seen];
  }
}

/**
 * Two fixes that touch the same or neighbouring lines are not applied in one round: each was
 * computed on the text without the other, and their edits would interleave (an insertion right
 * after a block another fix rewrote lands inside it). The next round recomputes.
 */
function overlapsAny(taken: WorkspaceEdits, candidate: WorkspaceEdits) {
  for (const [uri, edits] of candidate) {
    for (const edit of edits) {
      for (const other of taken.get(uri) ?? []) {
        if (edit.range.start.line <= other.range.end.line + 1 && other.range.start.line <= edit.range.end.line + 1) return true;
      }
    }
  }
  return false;
}

/**
 * Rules whose findings the engine makes itself, knowing more than the parser (unsaved text, `$id`
 * references, the whole workspace, Avro node by node): the parser's versions of them are dropped.
 */
const OWNED_ELSEWHERE = new Set(['unresolved-ref', 'avro-schema-invalid', 'unused-component']);
/** Value checks both make: the parser's finding stands unless ours is on the same value. */
const VALUES_CHECKED_BY_BOTH = new Set(['message-example-invalid', 'schema-examples-invalid', 'schema-default-invalid']);

/** A parser (ajv) message `… must match pattern "P"` for a pattern the engine's RE2 cannot run. */
function failsUncheckablePattern(message: string) {
  const pattern = /must match pattern "(.*)"$/.exec(message)?.[1];
  return pattern !== undefined && linearPattern(pattern, 'u').kind !== 'linear';
}

function placeKey(uri: string, path: JsonPath) {
  return `${uri}\u0000${path.join('\u0001')}`;
}

function findingKey(uri: string, ruleId: string, path: JsonPath) {
  return `${uri}\u0000${ruleId}\u0000${path.join('\u0001')}`;
}

function parserSeverity(severity: number): Severity {
  return severity === 0 ? 'error' : severity === 1 ? 'warning' : severity === 2 ? 'info' : 'hint';
}

function syntaxFinding(problem: SyntaxProblem): PathFinding {
  return { ruleId: 'syntax', message: problem.message, path: [], severity: problem.severity, at: { offset: problem.offset, length: problem.length } };
}

/** Locates a path finding in its file; syntax findings carry their own offsets. */
function locate(file: LoadedFile, finding: PathFinding, severity: Severity): Finding {
  const range = finding.at ? file.source.rangeAt(finding.at.offset, finding.at.length) : rangeOfPath(file.source, file.tree.root, finding.path, finding.anchor);
  const located: Finding = { ruleId: finding.ruleId, message: finding.message, uri: file.uri, range, severity };
  if (!finding.at) {
    located.path = finding.path;
    if (finding.anchor) located.anchor = finding.anchor;
  } else if (finding.path.length > 0) {
    // Placed by offset, named by a path (a .proto compatibility finding): the path finds its fixes; relocation drops it.
    located.path = finding.path;
  }
  if (finding.related) located.related = finding.related;
  if (finding.tags) located.tags = finding.tags;
  return located;
}

function sourceFromClosure(closure: Map<string, LoadedFile>): SchemaSource {
  return (uri) => {
    const file = closure.get(uri);
    if (!file) return undefined;
    if (file.kind.kind === 'protobuf') return { value: undefined, text: file.source.text };
    return { value: file.tree.value(), idBase: file.kind.kind === 'json-schema' ? childString(file.tree.root, '$id') : undefined };
  };
}

/**
 * Replaces each unfetched remote reference by a stand-in that the parser accepts: an empty
 * Avro record where an Avro schema is expected, an empty schema or object elsewhere.
 */
function withPlaceholders(value: unknown, opaquePaths: ReadonlyArray<ReadonlyArray<string | number>>): unknown {
  const copy = structuredClone(value);
  for (const path of opaquePaths) {
    if (path.length === 0) continue;
    let parent: unknown = copy;
    for (const segment of path.slice(0, -1)) parent = (parent as Record<string, unknown>)?.[String(segment)];
    if (!parent || typeof parent !== 'object') continue;
    const last = String(path[path.length - 1]);
    const format = String((parent as Record<string, unknown>).schemaFormat ?? '');
    // 3.x: { schemaFormat, schema: {$ref} }; 2.x: a message's schemaFormat beside payload: {$ref}.
    const isAvro = (last === 'schema' || last === 'payload') && format.includes('avro');
    (parent as Record<string, unknown>)[last] = isAvro ? { type: 'record', name: 'UnfetchedRemoteSchema', fields: [] } : {};
  }
  return copy;
}

/** True when the path exists in the file's own text, without passing through a `$ref`. */
function isLiteralPath(file: LoadedFile, path: JsonPath) {
  const { node, depth } = deepestNodeOnPath(file.tree.root, path);
  if (depth === path.length) return true;
  // The path stops at a node that is a reference: what lies beyond is another definition.
  return !(node?.type === 'object' && (node.children ?? []).some((property) => property.children?.[0]?.value === '$ref'));
}

/** `…/payload/schema` (or `…/headers/schema`, `components/schemas/X/schema`) of a multi-format schema. */
function multiFormatSchemaRoot(path: ReadonlyArray<string | number>): ReadonlyArray<string | number> | undefined {
  for (let index = 0; index < path.length - 1; index++) {
    const segment = path[index];
    if ((segment === 'payload' || segment === 'headers') && path[index + 1] === 'schema') return path.slice(0, index + 2);
    if (segment === 'schemas' && path[index - 1] === 'components' && path[index + 2] === 'schema') return path.slice(0, index + 3);
  }
  return undefined;
}


/** The first node found below `limit` levels of nesting, walking without recursion. */
function firstNodeDeeperThan(root: TreeNode | undefined, limit: number): TreeNode | undefined {
  // The kept nesting answers for every edit; the walk below only finds where a too-deep document is too deep.
  if (!root || nestingOf(root) <= limit) return undefined;
  // Two parallel stacks rather than one of pairs: a document this deep may be very large.
  const nodes: TreeNode[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return node;
    const children = node.children;
    if (!children) continue;
    const next = node.type === 'property' ? depth : depth + 1;
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      // Leaves cannot be deeper than their parent's limit check already allows.
      if (child.children === undefined && next <= limit) continue;
      nodes.push(child);
      depths.push(next);
    }
  }
  return undefined;
}

/** A text with a NUL byte near its start: a binary file, not YAML, JSON or Avro. */
export function isBinary(text: string) {
  return text.slice(0, BINARY_SNIFF_LENGTH).includes('\u0000');
}

function isConfigUri(uri: string) {
  return uri.endsWith('/.event-design.yaml');
}

/** A top-level `asyncapi:` key near the start, even when the rest does not parse. */
function looksLikeAsyncApi(text: string) {
  return /^\s*["']?asyncapi["']?\s*:/m.test(text.slice(0, 4096));
}

function formatSize(length: number) {
  if (length >= 1024 * 1024) return `${(length / (1024 * 1024)).toFixed(1)} MB`;
  return length >= 10 * 1024 ? `${Math.round(length / 1024)} KB` : `${length.toLocaleString('en')} bytes`;
}

