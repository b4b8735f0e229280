import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  ErrorCodes,
  ParameterStructures,
  RequestType,
  ResponseError,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { ClampedTextDocument } from './clampedTextDocument';
import { URI } from 'vscode-uri';
import { Engine } from '../engine/engine';
import { fetchRemoteDocument, FileAccess, FileSystemHost } from '../node/fileSystemHost';
import { discoverFiles } from '../node/fileDiscovery';
import { GitBaselines } from '../node/gitBaselines';
import { StatusNotification, WorkspaceTrustNotification, type InitializationOptions, type ServerStatus } from '../protocol';
import { DiagnosticsCollector } from './diagnosticsCollector';
import type { FeatureContext } from './features/feature';
import { FEATURES } from './features';
import { ParserWorkerPool } from '../node/parserWorkerPool';
import { startMemoryGuard } from './memoryGuard';
import { paramsProblem, REQUEST_PARAMS } from './requestParams';
import { describeError, runSafe, runSafeNotification, type Logger } from './runSafe';
import { DEFAULT_SERVER_SETTINGS, normaliseSettings, type ServerSettings } from './settings';
import { ValidationScheduler } from './validationScheduler';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';

/** How many files the workspace index reads at start-up before it says it stopped. */
const MAX_INDEXED_FILES = 5000;
/** The AsyncAPI versions whose schemas are compiled ahead of a check that needs them, one at a time. */
const WARM_UP_VERSIONS = ['3.0.0', '3.1.0', '2.6.0'];

export interface ServerRuntime {
  /** Where the rule docs live: the extension package root (its `docs/rules/` folder). */
  packageRootUri?: string;
  /** The validation worker module; by default beside the server module. */
  workerPath?: string;
}

/**
 * The parser needs about 140 times a document's size (performance-anchors.md): 768 MB covers the
 * 5 MB default size limit (a larger document is reported as too large to validate fully). A larger
 * heap limit only lets garbage pile up before V8 collects it: the fuzz tier saw the server's
 * process tree pass 3 GB with a 4 GB limit, and 1.5 GB now and then with 1 GB.
 */
const EDITOR_PARSER_HEAP_MB = 768;
/** How long after the last change the memory guard may pause the thread (a typist's pause, longer than between two keys). */
const QUIET_BEFORE_COLLECTING_MS = 300;

/**
 * The language server: one engine, fed by the editor's documents and file events, answering
 * with diagnostics. Every handler goes through runSafe, so no document can stop the server.
 */
export function startServer(connection: Connection, runtime: ServerRuntime = {}) {
  const documents = new TextDocuments(ClampedTextDocument);
  let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  let trusted = false;
  let workspaceFolders: string[] = [];
  let supportsConfigurationPull = false;
  let indexing: Promise<void> = Promise.resolve();
  let indexedFiles = 0;
  let statusMessage: string | undefined;
  let baselineAvailability: ServerStatus['baselines'];
  let state: ServerStatus['state'] = 'starting';

  const logger: Logger = {
    error: (message) => connection.console.error(message),
    warn: (message) => (settings.logLevel !== 'error' ? connection.console.warn(message) : undefined),
    info: (message) => (settings.logLevel === 'info' || settings.logLevel === 'debug' ? connection.console.info(message) : undefined),
    debug: (message) => (settings.logLevel === 'debug' ? connection.console.log(message) : undefined),
  };

  // The engine asks for remote documents only when settings.engine.allowRemoteRefs is on, which
  // normaliseSettings never allows in an untrusted workspace; the check here is the second lock.
  // Git (for compatibility baselines) runs only in trusted workspaces.
  const baselines = new GitBaselines(() => trusted);
  // Untrusted workspaces are read only inside their folders (FileAccess says why, and what then).
  const access = new FileAccess(() => workspaceFolders, () => trusted);
  const engine = new Engine(new FileSystemHost((url) => (settings.engine.allowRemoteRefs ? fetchRemoteDocument(url) : Promise.reject(new Error('remote references are not allowed'))), baselines, access), settings.engine);
  const pool = new ParserWorkerPool(logger, { workerPath: runtime.workerPath, maxHeapMb: EDITOR_PARSER_HEAP_MB, timeoutMs: 180_000 });
  const collector = new DiagnosticsCollector((uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }));
  let packageRootUri = runtime.packageRootUri ?? URI.file(path.resolve(__dirname, '..', '..')).toString();

  /** When a document last changed: the memory guard does not pause the thread while someone types. */
  let lastChange = performance.now();
  const sendStatus = () => {
    const pending = scheduler.pending + workspaceDiagnostics.pending;
    const current: ServerStatus['state'] = state === 'indexing' ? 'indexing' : pending > 0 ? 'validating' : 'idle';
    void connection.sendNotification(StatusNotification.method, { state: current, pending, indexedFiles, message: statusMessage, baselines: baselineAvailability } satisfies StatusNotification.Params);
  };
  // The status bar names the baseline (HEAD…) only where git can give one.
  const refreshBaselineAvailability = async () => {
    baselineAvailability = await baselines.availability(workspaceFolders);
    sendStatus();
  };
  const scheduler = new ValidationScheduler(engine, collector, pool, () => settings, () => packageRootUri, logger, sendStatus);
  const workspaceDiagnostics = new WorkspaceDiagnostics(engine, collector, pool, scheduler, () => settings, () => packageRootUri, logger, sendStatus);

  const refreshSettings = async () => {
    let raw: unknown;
    if (supportsConfigurationPull) {
      try {
        raw = await connection.workspace.getConfiguration('eventDesign');
      } catch (error) {
        logger.warn(`Could not read the eventDesign settings: ${describeError(error)}`);
      }
    }
    settings = normaliseSettings(raw, workspaceFolders, trusted);
    engine.updateSettings(settings.engine);
  };

  const indexWorkspace = async () => {
    state = 'indexing';
    sendStatus();
    let truncated = false;
    for (const folder of workspaceFolders) {
      const uri = URI.parse(folder);
      if (uri.scheme !== 'file') continue;
      const found = await discoverFiles(uri.fsPath, { maxFiles: MAX_INDEXED_FILES - indexedFiles, respectGitignore: true });
      truncated ||= found.truncated;
      for (const file of found.files) {
        // A document opened meanwhile is checked before the next file is read.
        await scheduler.whenIdle(true);
        await engine.indexFile(URI.file(file).toString());
        indexedFiles++;
      }
    }
    statusMessage = truncated ? `Indexed the first ${MAX_INDEXED_FILES} files only` : undefined;
    if (truncated) logger.warn(`The workspace has more than ${MAX_INDEXED_FILES} candidate files; only the first ones are indexed.`);
    logger.info(`Indexed ${indexedFiles} files in ${workspaceFolders.length} workspace folder(s).`);
    state = 'idle';
    scheduler.scheduleAll();
    workspaceDiagnostics.start();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    trusted = options.trusted === true;
    if (options.packageRootUri) packageRootUri = options.packageRootUri;
    workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    supportsConfigurationPull = params.capabilities.workspace?.configuration === true;
    settings = normaliseSettings(undefined, workspaceFolders, trusted);
    engine.updateSettings(settings.engine);
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    for (const feature of FEATURES) Object.assign(capabilities, feature.capabilities?.());
    return { capabilities, serverInfo: { name: 'event-design', version: '0.1.0' } };
  });

  const shutdownTasks: Array<() => void> = [];
  const featureContext: FeatureContext = {
    connection,
    documents,
    engine,
    logger,
    settings: () => settings,
    packageRootUri: () => packageRootUri,
    trusted: () => trusted,
    onRequest: (method, fallback, work, options) => {
      if (!(method in REQUEST_PARAMS)) throw new Error(`declare the parameters of ${method} in requestParams.ts`);
      // By name: an array of parameters is InvalidParams in the JSON-RPC layer already.
      connection.onRequest(new RequestType<unknown, unknown, void>(method, ParameterStructures.byName), (params: unknown, token) => {
        const problem = paramsProblem(method, params);
        if (problem) return new ResponseError<void>(ErrorCodes.InvalidParams, `Invalid params for ${method}: ${problem}`);
        const timeoutMs = options?.budget === 'check' ? settings.checkTimeout : settings.requestTimeout;
        const answer = typeof fallback === 'function' ? (fallback as (params: unknown) => unknown)(params) : fallback;
        return runSafe(logger, method, answer, token, (budget) => work(params as never, budget), timeoutMs);
      });
    },
    diagnostics: collector,
    fastChecksDone: () => scheduler.whenIdle(true),
    onShutdown: (dispose) => shutdownTasks.push(dispose),
  };
  for (const feature of FEATURES) feature.register(featureContext);
  shutdownTasks.push(startMemoryGuard((message) => logger.debug(message), () => performance.now() - lastChange > QUIET_BEFORE_COLLECTING_MS));

  connection.onInitialized(() => {
    runSafeNotification(logger, 'initialized', async () => {
      if (supportsConfigurationPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'eventDesign' });
      await refreshSettings();
      // The documents the editor opens with the window are checked before anything else starts:
      // their first diagnostics must not wait for the parser's worker, the index or the warm-up.
      // (The editor sends their didOpen while the settings are being asked for.)
      await scheduler.whenIdle(true);
      pool.warmUp();
      indexing = indexWorkspace();
      await indexing;
      await refreshBaselineAvailability();
      // Compiling an AsyncAPI schema costs about a second: pay it now rather than at a keystroke,
      // one version at a time, each after whatever an open document waits for.
      for (const version of WARM_UP_VERSIONS) {
        await scheduler.whenIdle(true);
        await new Promise((resolve) => setImmediate(resolve));
        runSafeNotification(logger, 'warm-up', () => engine.warmUp(version));
      }
      sendStatus();
    });
  });

  connection.onDidChangeConfiguration(() => {
    runSafeNotification(logger, 'configuration change', async () => {
      await refreshSettings();
      scheduler.scheduleAll();
      workspaceDiagnostics.recheckAll();
    });
  });

  connection.onNotification(WorkspaceTrustNotification.method, (params: WorkspaceTrustNotification.Params) => {
    runSafeNotification(logger, 'workspace trust', async () => {
      trusted = params?.trusted === true;
      // Files refused before are readable now (or the other way round).
      engine.fileAccessChanged();
      await refreshSettings();
      scheduler.scheduleAll();
      workspaceDiagnostics.recheckAll();
      await refreshBaselineAvailability();
    });
  });

  documents.onDidOpen(({ document }) => {
    runSafeNotification(logger, 'open', () => {
      engine.setOpenDocument(document.uri, document.getText(), document.version);
      scheduler.schedule(document.uri, true);
      scheduler.dependencyChanged(document.uri);
      workspaceDiagnostics.openedOrClosed(document.uri);
    });
  });

  documents.onDidChangeContent(({ document }) => {
    runSafeNotification(logger, 'change', () => {
      lastChange = performance.now();
      engine.setOpenDocument(document.uri, document.getText(), document.version);
      if (settings.validateOnType || !scheduler.isOpen(document.uri)) scheduler.schedule(document.uri);
      scheduler.dependencyChanged(document.uri);
      workspaceDiagnostics.changed(document.uri);
    });
  });

  documents.onDidSave(({ document }) => {
    runSafeNotification(logger, 'save', () => {
      if (!settings.validateOnType) scheduler.schedule(document.uri, true);
    });
  });

  documents.onDidClose(({ document }) => {
    runSafeNotification(logger, 'close', async () => {
      scheduler.close(document.uri);
      await engine.closeDocument(document.uri);
      scheduler.dependencyChanged(document.uri);
      workspaceDiagnostics.openedOrClosed(document.uri);
    });
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    runSafeNotification(logger, 'file change', async () => {
      for (const change of changes) {
        if (documents.get(change.uri)) continue;
        const known = engine.index.get(change.uri) !== undefined;
        await engine.fileChanged(change.uri);
        const changed = [change.uri];
        if (change.type === FileChangeType.Deleted) {
          // A folder's deletion comes as one event for the folder (the client watches deletions of anything).
          const removed = known ? [] : await engine.folderDeleted(change.uri);
          changed.push(...removed);
          indexedFiles = Math.max(0, indexedFiles - removed.length - (known ? 1 : 0));
          for (const uri of changed) workspaceDiagnostics.deleted(uri);
        } else if (change.type === FileChangeType.Created && !known) {
          indexedFiles++;
        }
        if (change.uri.endsWith('/.event-design.yaml')) {
          scheduler.scheduleAll();
          workspaceDiagnostics.recheckAll();
        } else {
          for (const uri of changed) scheduler.dependencyChanged(uri);
          if (change.type !== FileChangeType.Deleted) workspaceDiagnostics.changed(change.uri);
        }
      }
    });
  });

  connection.onShutdown(async () => {
    for (const dispose of shutdownTasks) dispose();
    await pool.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return { engine, indexing: () => indexing };
}
