import { ClampedTextDocument } from '../../server/src/lsp/clampedTextDocument';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LspTestClient } from '../lsp/lspClient';
import { FuzzReport } from './fuzzReport';
import { encodeForDisk, mutate } from './mutators';
import { processTreeResidentKb } from './processMemory';
import type { SeededRandom } from './seededRandom';
import type { SeedFile } from './seedWorkspace';

export interface LspFuzzOptions {
  operations: number;
  /** The operation loop stops here even if `operations` are not done. */
  stopAt: number;
  requestDeadlineMs: number;
  /** How long the server may take to be idle again when the fuzzer pauses like a user. */
  idleDeadlineMs: number;
  memoryLimitKb: number;
  maxInFlight: number;
  /** True once the user asked to stop (Ctrl+C): the run ends and reports what it has. */
  interrupted?: () => boolean;
  progress?: (message: string) => void;
}

interface OpenDocument {
  uri: string;
  document: TextDocument;
}

/** What an answer of `method` must be like, beyond arriving in time. */
type RequestCheck = (result: unknown) => string | undefined;

interface RequestPlan {
  method: string;
  params: unknown;
  file?: string;
  check?: RequestCheck;
  /** Params no editor sends: an invalid-params error is the right answer. */
  malformed?: boolean;
  /** What the operation log records when the params hold what the server said (diagnostics, lenses). */
  recorded?: unknown;
}

const MAX_OPEN_DOCUMENTS = 5;
/** The server rejects these codes by design (a rename it cannot do, a cancelled request). */
const EXPECTED_ERROR_CODES = new Set([-32800, -32801, -32802, -32803]);
const INVALID_PARAMS = -32602;
const MEMORY_SAMPLE_MS = 250;
/** Requests past their deadline in a row: the server is stuck, not slow, and is replaced. */
const WEDGED_AFTER_DEADLINES = 3;
const RENAME_NAMES = ['Renamed', 'x', '', ' ', 'with space', 'a/b', '#/x', '~1', '${x}', '..', 'é', 'n'.repeat(3000), '\u0000', 'a:b'];

/**
 * Drives the bundled language server as a hostile editor would: opens files of a temporary
 * workspace, edits them with mutators and random typing (ranges past the end too), writes
 * neighbours on disk, and sends every request the server advertises at random positions, the
 * published diagnostics to codeAction. Every choice comes from the seed; what it measures and
 * what fails goes to the report.
 */
export class LspFuzzer {
  private client!: LspTestClient;
  private capabilities: Record<string, unknown> = {};
  private readonly open = new Map<string, OpenDocument>();
  private readonly disk = new Map<string, string>();
  private readonly lenses = new Map<string, unknown[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private memoryTimer: NodeJS.Timeout | undefined;
  private memoryFailed = false;
  private status: { state: string; pending: number } | undefined;
  private statusCount = 0;
  private readonly statusWaiters: Array<() => void> = [];
  private newFiles = 0;
  private opIndex = 0;
  private exitReported = false;
  private consecutiveDeadlines = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly seeds: readonly SeedFile[],
    private readonly workspace: string,
    private readonly options: LspFuzzOptions,
    private readonly report: FuzzReport,
  ) {
    for (const seed of seeds) this.disk.set(seed.path, seed.text);
  }

  async run() {
    await this.start();
    try {
      for (this.opIndex = 0; this.opIndex < this.options.operations && Date.now() < this.options.stopAt && !this.options.interrupted?.(); this.opIndex++) {
        await this.step();
        if (!this.client.alive) await this.restart('exit');
        else if (this.consecutiveDeadlines >= WEDGED_AFTER_DEADLINES) await this.restart('wedged');
        if (this.opIndex % 500 === 499) this.options.progress?.(`  ${this.opIndex + 1} operations, ${this.report.failures.length} failures`);
      }
      await Promise.all(this.inFlight);
      // Ctrl+C reaches the server too: its exit then is no finding.
      if (!this.options.interrupted?.()) await this.finalCheck();
    } finally {
      await this.stop();
    }
  }

  private uriOf(file: string) {
    return URI.file(path.join(this.workspace, file)).toString();
  }

  private async start() {
    this.client = new LspTestClient();
    this.exitReported = false;
    this.client.connection.onNotification('eventDesign/status', (params: { state: string; pending: number }) => {
      this.status = params;
      this.statusCount++;
      for (const wake of this.statusWaiters.splice(0)) wake();
    });
    this.client.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.client.connection.onRequest('workspace/semanticTokens/refresh', () => null);
    this.client.connection.onRequest('workspace/diagnostic/refresh', () => null);
    // A broken pipe after a crash must be reported as the crash, not thrown at the harness.
    this.client.connection.onError(() => undefined);
    const result = (await this.client.initialize(URI.file(this.workspace).toString())) as { capabilities: Record<string, unknown> };
    this.capabilities = result.capabilities;
    this.memoryTimer = setInterval(() => this.sampleMemory(), MEMORY_SAMPLE_MS);
    // Indexing the workspace is start-up, not an answer to anything the fuzzer sent.
    await this.waitForIdle(0);
  }

  private async stop() {
    clearInterval(this.memoryTimer);
    this.sampleMemory();
    await this.client.shutdown();
  }

  private sampleMemory() {
    const kb = processTreeResidentKb(this.client.pid);
    if (kb === undefined) return;
    this.report.peakMemoryKb = Math.max(this.report.peakMemoryKb, kb);
    if (kb > this.options.memoryLimitKb && !this.memoryFailed) {
      this.memoryFailed = true;
      this.report.fail({ kind: 'memory', opIndex: this.opIndex, message: `the server's process tree holds ${Math.round(kb / 1024)} MB (limit ${Math.round(this.options.memoryLimitKb / 1024)} MB)` }, () => this.inputs());
    }
  }

  /**
   * A server that exited, or stopped answering, is replaced so that the run goes on; the open
   * documents are opened again with their texts, so the operation sequence stays the seed's.
   */
  private async restart(reason: 'exit' | 'wedged') {
    if (reason === 'exit') this.reportExit();
    clearInterval(this.memoryTimer);
    this.client.kill();
    this.lenses.clear();
    this.inFlight.clear();
    this.consecutiveDeadlines = 0;
    this.report.serverRestarts++;
    await this.start();
    for (const open of this.open.values()) await this.client.open(open.uri, open.document.getText(), open.document.languageId, open.document.version);
  }

  private reportExit() {
    if (this.exitReported) return;
    this.exitReported = true;
    this.report.fail({ kind: 'server-exit', opIndex: this.opIndex, message: `the server exited; stderr: ${this.client.stderr.join('').slice(-3000)}` }, () => this.inputs());
  }

  /** The texts as the server sees them: files on disk, and open documents over them. */
  private inputs(focus?: string): Map<string, string | Buffer> {
    const inputs = new Map<string, string | Buffer>();
    const pristine = new Map(this.seeds.map((seed) => [seed.path, seed.text]));
    for (const [file, text] of this.disk) if (pristine.get(file) !== text) inputs.set(`disk/${file}`, encodeForDisk(text));
    for (const [file, open] of this.open) if (focus === undefined || file === focus || open.document.getText().length < 1_000_000) inputs.set(`open/${file}`, open.document.getText());
    return inputs;
  }

  // --- Operations --------------------------------------------------------------------------------

  private async step() {
    const started = Date.now();
    const kind = this.random.weighted<string>([
      ['open', this.open.size < MAX_OPEN_DOCUMENTS ? 6 : 0],
      ['mutate', this.open.size > 0 ? 18 : 0],
      ['type', this.open.size > 0 ? 16 : 0],
      ['replace', this.open.size > 0 ? 1 : 0],
      ['write-disk', 4],
      ['close', this.open.size > 0 ? 2 : 0],
      ['request', this.open.size > 0 ? 46 : 2],
      ['pause', 1],
      ['malformed', 1],
    ]);
    await this.perform(kind);
    this.report.timeOperation(kind, Date.now() - started);
  }

  private perform(kind: string): Promise<void> {
    switch (kind) {
      case 'open':
        return this.openDocument();
      case 'mutate':
        return this.mutateDocument();
      case 'type':
        return this.typeInDocument();
      case 'replace':
        return this.replaceDocument();
      case 'write-disk':
        return this.writeDisk();
      case 'close':
        return this.closeDocument();
      case 'request':
        return this.request(this.planRequest());
      case 'pause':
        return this.pause();
      default:
        return this.request(this.planMalformedRequest());
    }
  }

  private pickOpen(): [string, OpenDocument] {
    const files = [...this.open.keys()].sort();
    const file = this.random.pick(files);
    return [file, this.open.get(file)!];
  }

  private neighboursOf(file: string) {
    return [...this.disk.keys()].filter((other) => other !== file).sort();
  }

  private mutationContext(file: string) {
    return { path: file, neighbours: this.neighboursOf(file), donors: this.seeds.map((seed) => seed.text) };
  }

  private async openDocument() {
    const closed = [...this.disk.keys()].filter((file) => !this.open.has(file)).sort();
    let file: string;
    let text: string;
    if (this.random.chance(0.3) || closed.length === 0) {
      const seed = this.random.pick(this.seeds);
      file = `${path.posix.dirname(seed.path)}/fuzz-${this.newFiles++}${path.posix.extname(seed.path)}`;
      const mutated = mutate(seed.text, this.random, this.mutationContext(file));
      this.report.countMutators(mutated.applied);
      text = mutated.text;
      this.report.record({ index: this.opIndex, kind: 'open-new', file, detail: mutated.applied });
      if (this.random.chance(0.5)) {
        this.disk.set(file, text);
        fs.mkdirSync(path.dirname(path.join(this.workspace, file)), { recursive: true });
        fs.writeFileSync(path.join(this.workspace, file), encodeForDisk(text));
      }
    } else {
      file = this.random.pick(closed);
      text = this.disk.get(file)!;
      this.report.record({ index: this.opIndex, kind: 'open', file });
    }
    const uri = this.uriOf(file);
    const languageId = /\.(json|avsc)$/.test(file) ? (file.endsWith('.avsc') ? 'avro' : 'json') : 'yaml';
    this.open.set(file, { uri, document: TextDocument.create(uri, languageId, 1, text) });
    await this.client.open(uri, text, languageId);
  }

  private async mutateDocument() {
    const [file, open] = this.pickOpen();
    const before = open.document.getText();
    const mutated = mutate(before, this.random, this.mutationContext(file));
    this.report.countMutators(mutated.applied);
    const change = minimalChange(open.document, mutated.text);
    this.report.record({ index: this.opIndex, kind: 'mutate', file, detail: { applied: mutated.applied, range: change.range, length: change.text.length } });
    await this.applyChange(open, [change]);
  }

  private async typeInDocument() {
    const [file, open] = this.pickOpen();
    const changes: Array<{ range: Range; text: string }> = [];
    for (let count = this.random.weighted([[1, 8], [2, 2], [5, 1]] as const); count > 0; count--) {
      const start = this.randomPosition(open.document);
      const end = this.random.chance(0.6) ? start : this.randomPosition(open.document);
      const [from, to] = comparePositions(start, end) <= 0 ? [start, end] : [end, start];
      const text = this.random.pick(['', 'a', ' ', '\n', '\n  ', ':', '- ', "'", '"', '{', '}', '[', ']', '$ref: ', '#/', '\t', '  ', 'channels:\n  x:\n    address: y\n', '\r\n', '€', '😀']);
      changes.push({ range: { start: from, end: to }, text });
    }
    this.report.record({ index: this.opIndex, kind: 'type', file, detail: changes });
    await this.applyChange(open, changes);
  }

  private async replaceDocument() {
    const [file, open] = this.pickOpen();
    const seed = this.random.pick(this.seeds);
    const mutated = mutate(seed.text, this.random, this.mutationContext(file));
    this.report.countMutators(mutated.applied);
    this.report.record({ index: this.opIndex, kind: 'replace', file, detail: { from: seed.path, applied: mutated.applied } });
    await this.applyChange(open, [{ text: mutated.text }]);
  }

  private async applyChange(open: OpenDocument, changes: Array<{ range?: Range; text: string }>) {
    const version = open.document.version + 1;
    // The server's own update: each change placed inside the document, in order (see clampedTextDocument.ts).
    open.document = ClampedTextDocument.update(open.document, changes as Parameters<typeof TextDocument.update>[1], version);
    await this.client.change(open.uri, version, changes as Parameters<LspTestClient['change']>[2]);
  }

  private async writeDisk() {
    const files = [...this.disk.keys()].filter((file) => !this.open.has(file)).sort();
    if (files.length === 0) return this.report.record({ index: this.opIndex, kind: 'write-disk-none' });
    const file = this.random.pick(files);
    const target = path.join(this.workspace, file);
    const action = this.random.weighted<'change' | 'delete'>([['change', 9], ['delete', 1]]);
    if (action === 'delete') {
      this.disk.delete(file);
      fs.rmSync(target, { force: true });
      this.report.record({ index: this.opIndex, kind: 'delete-disk', file });
      return this.client.filesChanged([{ uri: this.uriOf(file), type: 3 }]);
    }
    const mutated = mutate(this.disk.get(file)!, this.random, this.mutationContext(file));
    this.report.countMutators(mutated.applied);
    this.disk.set(file, mutated.text);
    fs.writeFileSync(target, encodeForDisk(mutated.text));
    this.report.record({ index: this.opIndex, kind: 'write-disk', file, detail: mutated.applied });
    return this.client.filesChanged([{ uri: this.uriOf(file), type: 2 }]);
  }

  private async closeDocument() {
    const [file, open] = this.pickOpen();
    this.open.delete(file);
    this.lenses.delete(open.uri);
    this.report.record({ index: this.opIndex, kind: 'close', file });
    await this.client.close(open.uri);
  }

  /**
   * A user's pause: every open document should be checked (fast checks, then full validation)
   * before the deadline. Opening a scratch document makes the server report its status even
   * when nothing else was scheduled; it reports idle once no document is pending.
   */
  private async pause() {
    this.report.record({ index: this.opIndex, kind: 'pause' });
    await Promise.all(this.inFlight);
    const marker = this.statusCount;
    const probe = this.uriOf('.fuzz-pause-probe.json');
    const idle = this.waitForIdle(marker);
    await this.client.open(probe, '{}', 'json');
    const settled = await idle;
    await this.client.close(probe);
    if (!settled) this.report.fail({ kind: 'not-idle', opIndex: this.opIndex, message: `the server was not idle ${this.options.idleDeadlineMs} ms after the last edit; last status ${JSON.stringify(this.status)}` }, () => this.inputs());
  }

  /** Resolves true once a status after the `marker`-th says idle, false after the idle deadline. */
  private waitForIdle(marker: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.options.idleDeadlineMs);
      const check = () => {
        if ((this.statusCount > marker && this.status?.state === 'idle' && this.status.pending === 0) || !this.client.alive) {
          clearTimeout(timer);
          resolve(true);
        } else this.statusWaiters.push(check);
      };
      check();
    });
  }

  // --- Requests ----------------------------------------------------------------------------------

  /** Somewhere interesting in the text most of the time (a `$ref`, a key), anywhere otherwise, past the end sometimes. */
  private randomPosition(document: TextDocument): Position {
    const roll = this.random.next();
    const text = document.getText();
    if (roll < 0.1) return { line: document.lineCount - 1 + this.random.between(0, 3), character: this.random.between(0, 200) };
    if (roll < 0.55 && text.length > 0) {
      const needle = this.random.pick(['$ref', '#/', 'channel', 'message', 'payload', ':', 'operations', 'schemas', 'address', '{']);
      const occurrences: number[] = [];
      for (let at = text.indexOf(needle); at !== -1 && occurrences.length < 200; at = text.indexOf(needle, at + 1)) occurrences.push(at);
      const draw = this.random.below(1_000_000);
      const jitter = this.random.between(-2, 12);
      if (occurrences.length > 0) return document.positionAt(Math.max(0, occurrences[draw % occurrences.length]! + jitter));
    }
    return document.positionAt(this.random.below(text.length + 1));
  }

  private randomRange(document: TextDocument): Range {
    const start = this.randomPosition(document);
    const end = this.random.chance(0.5) ? start : this.randomPosition(document);
    return comparePositions(start, end) <= 0 ? { start, end } : { start: end, end: start };
  }

  /** The requests the server advertised in `initialize`, and its own `eventDesign/*` ones. */
  private advertisedMethods(): string[] {
    const capabilities = this.capabilities;
    const methods: string[] = [];
    if (capabilities.hoverProvider) methods.push('textDocument/hover');
    if (capabilities.completionProvider) methods.push('textDocument/completion');
    if (capabilities.definitionProvider) methods.push('textDocument/definition');
    if (capabilities.referencesProvider) methods.push('textDocument/references');
    if (capabilities.documentSymbolProvider) methods.push('textDocument/documentSymbol');
    if (capabilities.codeActionProvider) methods.push('textDocument/codeAction');
    if (capabilities.codeLensProvider) methods.push('textDocument/codeLens');
    if ((capabilities.codeLensProvider as { resolveProvider?: boolean } | undefined)?.resolveProvider) methods.push('codeLens/resolve');
    if (capabilities.renameProvider) methods.push('textDocument/rename');
    if ((capabilities.renameProvider as { prepareProvider?: boolean } | undefined)?.prepareProvider) methods.push('textDocument/prepareRename');
    const semantic = capabilities.semanticTokensProvider as { full?: unknown; range?: unknown } | undefined;
    if (semantic?.full) methods.push('textDocument/semanticTokens/full');
    if (semantic?.range) methods.push('textDocument/semanticTokens/range');
    if (capabilities.workspaceSymbolProvider) methods.push('workspace/symbol');
    methods.push('eventDesign/graph', 'eventDesign/baselineContent');
    return methods;
  }

  private planRequest(): RequestPlan {
    const methods = this.advertisedMethods();
    const documentless = ['workspace/symbol', 'eventDesign/graph', 'eventDesign/baselineContent'];
    const method = this.open.size === 0 ? this.random.pick(documentless) : this.random.pick(methods);
    if (method === 'workspace/symbol') return { method, params: { query: this.random.pick(['', 'order', 'Order', '*', '#/', '.*', 'a'.repeat(5000), '\u0000', 'é']) } };
    if (method === 'eventDesign/graph') {
      const params: Record<string, unknown> = { options: { collapse: this.random.pick(['auto', 'always', 'never']), expandedServices: this.random.chance(0.3) ? ['service:unknown', ''] : [] } };
      if (this.random.chance(0.3)) params.knownGeneration = this.random.below(50);
      return { method, params };
    }
    if (method === 'eventDesign/baselineContent') return this.planBaselineContent();
    const [file, open] = this.pickOpen();
    const textDocument = { uri: open.uri };
    const document = open.document;
    switch (method) {
      case 'textDocument/documentSymbol':
      case 'textDocument/codeLens':
      case 'textDocument/semanticTokens/full':
        return { method, file, params: { textDocument } };
      case 'textDocument/semanticTokens/range':
        return { method, file, params: { textDocument, range: this.randomRange(document) } };
      case 'textDocument/references':
        return { method, file, params: { textDocument, position: this.randomPosition(document), context: { includeDeclaration: this.random.chance(0.5) } } };
      case 'textDocument/rename':
        return { method, file, params: { textDocument, position: this.randomPosition(document), newName: this.random.pick(RENAME_NAMES) } };
      case 'textDocument/codeAction':
        return this.planCodeAction(file, open);
      case 'codeLens/resolve': {
        const draw = this.random.below(1_000_000);
        const known = this.lenses.get(open.uri) ?? [];
        const lens = known.length > 0 ? known[draw % known.length] : { range: this.randomRange(document), data: { uri: open.uri, element: 'channel', path: ['channels', 'nope'] } };
        return { method, file, params: lens, recorded: { draw } };
      }
      default:
        return { method, file, params: { textDocument, position: this.randomPosition(document) } };
    }
  }

  /** The diagnostics the server published for the document, one or all of them, as an editor sends them. */
  private planCodeAction(file: string, open: OpenDocument): RequestPlan {
    const draw = this.random.below(1_000_000);
    const mode = this.random.weighted<'one' | 'all' | 'fix-all' | 'none'>([['one', 6], ['all', 2], ['fix-all', 2], ['none', 1]]);
    const fallbackRange = this.randomRange(open.document);
    const published: Diagnostic[] = this.client.current(open.uri) ?? [];
    const chosen = published.length > 0 ? published[draw % published.length]! : undefined;
    const params = (() => {
      const textDocument = { uri: open.uri };
      if (mode === 'fix-all') return { textDocument, range: fallbackRange, context: { diagnostics: [], only: ['source.fixAll'] } };
      if (mode === 'all') return { textDocument, range: chosen?.range ?? fallbackRange, context: { diagnostics: published } };
      if (mode === 'one' && chosen) return { textDocument, range: chosen.range, context: { diagnostics: [chosen], only: ['quickfix'] } };
      return { textDocument, range: fallbackRange, context: { diagnostics: [] } };
    })();
    return { method: 'textDocument/codeAction', file, params, recorded: { mode, draw, fallbackRange } };
  }

  /** Baseline versions inside the workspace, and paths outside it, which must never be read. */
  private planBaselineContent(): RequestPlan {
    const files = [...this.disk.keys()].sort();
    const inside = files.length > 0 ? path.join(this.workspace, this.random.pick(files)) : this.workspace;
    const outside = this.random.pick(['/etc/passwd', '/etc/hostname', `${this.workspace}/../../etc/passwd`, '/proc/self/environ']);
    const label = this.random.pick(['HEAD', 'saved', 'merge-base:main', '--output=/tmp/x', 'HEAD~999']);
    if (this.random.chance(0.5)) return { method: 'eventDesign/baselineContent', params: { uri: `event-design-baseline:/${encodeURIComponent(label)}${inside}` } };
    return {
      method: 'eventDesign/baselineContent',
      params: { uri: `event-design-baseline:/${encodeURIComponent(label)}${outside}` },
      check: (result) => (result && typeof result === 'object' && 'text' in result ? `returned the content of ${outside}, outside the workspace folder` : undefined),
    };
  }

  /** Requests an editor would never send: the server must answer them with an error or nothing, not an internal error. */
  private planMalformedRequest(): RequestPlan {
    const method = this.random.pick(this.advertisedMethods());
    const uri = this.open.size > 0 ? this.pickOpen()[1].uri : this.uriOf('missing.yaml');
    const params = this.random.pick<unknown>([
      null,
      {},
      { textDocument: { uri } },
      { textDocument: { uri }, position: { line: -1, character: -5 } },
      { textDocument: { uri }, position: { line: 1e9, character: 1e9 } },
      { textDocument: { uri: 'untitled:nothing' }, position: { line: 0, character: 0 } },
      { textDocument: { uri: 'file:///etc/passwd' }, position: { line: 0, character: 0 } },
      { textDocument: { uri }, position: { line: 'a', character: null } },
      { textDocument: { uri }, range: { start: { line: 5, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [{ range: null, message: 1 }] } },
      { options: null },
      { uri: 42 },
    ]);
    return { method, params, malformed: true };
  }

  private async request(plan: RequestPlan) {
    this.report.record({ index: this.opIndex, kind: 'request', file: plan.file, detail: { method: plan.method, params: plan.recorded ?? plan.params } });
    while (this.inFlight.size >= this.options.maxInFlight) await Promise.race(this.inFlight);
    const opIndex = this.opIndex;
    const client = this.client;
    const current = () => client === this.client && client.alive;
    const started = Date.now();
    let settled = false;
    const answered = (async () => {
      try {
        const result = await client.connection.sendRequest(plan.method, plan.params);
        const lensUri = (plan.params as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri;
        if (plan.method === 'textDocument/codeLens' && Array.isArray(result) && typeof lensUri === 'string') this.lenses.set(lensUri, result);
        const problem = plan.check?.(result);
        if (problem) this.report.fail({ kind: 'read-outside-workspace', opIndex, method: plan.method, message: problem }, () => this.inputs(plan.file), plan);
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (!current()) return;
        if (code !== undefined && (EXPECTED_ERROR_CODES.has(code) || (code === INVALID_PARAMS && plan.malformed))) return;
        this.report.fail({ kind: 'error-response', opIndex, method: plan.method, message: `answered ${code}: ${(error as Error).message}` }, () => this.inputs(plan.file), plan);
      } finally {
        settled = true;
        if (current()) this.consecutiveDeadlines = 0;
        this.report.countRequest(plan.method, Date.now() - started, opIndex);
      }
    })();
    const deadline = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (!settled && current()) this.consecutiveDeadlines++;
        if (!settled && current()) this.report.fail({ kind: 'deadline', opIndex, method: plan.method, message: `no answer within ${this.options.requestDeadlineMs} ms` }, () => this.inputs(plan.file), plan);
        resolve();
      }, this.options.requestDeadlineMs);
      void answered.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.inFlight.add(deadline);
    void deadline.then(() => this.inFlight.delete(deadline));
  }

  /** After the run the server must still be alive and answer a hover in time. */
  private async finalCheck() {
    if (!this.client.alive) return this.reportExit();
    const file = 'examples/orders/asyncapi.yaml';
    const uri = this.uriOf(file);
    const text = this.disk.get(file) ?? 'asyncapi: 3.0.0\n';
    if (!this.open.has(file)) await this.client.open(uri, text);
    const started = Date.now();
    const hover = await Promise.race([this.client.hover(uri, { line: 0, character: 2 }).then(() => true, () => false), new Promise<false>((resolve) => setTimeout(() => resolve(false), this.options.requestDeadlineMs))]);
    this.report.countRequest('textDocument/hover', Date.now() - started, this.opIndex);
    if (!hover) this.report.fail({ kind: 'final-hover', opIndex: this.opIndex, method: 'textDocument/hover', message: `the final hover was not answered within ${this.options.requestDeadlineMs} ms` }, () => this.inputs());
  }
}

function comparePositions(left: Position, right: Position) {
  return left.line !== right.line ? left.line - right.line : left.character - right.character;
}

/** The smallest single edit that turns the document's text into `next`: what an editor sends. */
function minimalChange(document: TextDocument, next: string): { range: Range; text: string } {
  const before = document.getText();
  let prefix = 0;
  const shorter = Math.min(before.length, next.length);
  while (prefix < shorter && before.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
  return { range: { start: document.positionAt(prefix), end: document.positionAt(before.length - suffix) }, text: next.slice(prefix, next.length - suffix) };
}
