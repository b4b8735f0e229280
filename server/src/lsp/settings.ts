import { SEVERITY_SETTINGS, type SeveritySetting } from '../engine/findings/finding';
import { DEFAULT_SETTINGS, type EngineSettings } from '../engine/engine';
import type { BaselineSpec } from '../engine/host';
import { ruleById } from '../engine/rules';
import { parseBaselineSetting } from '../node/gitBaselines';

/** What the editor's `eventDesign.*` settings say, normalised; the only place that reads them. */
export interface ServerSettings {
  engine: EngineSettings;
  /** Milliseconds after the last edit before the fast checks run. */
  fastDelay: number;
  /** Milliseconds after the last edit before the full AsyncAPI validation runs. */
  fullDelay: number;
  /** Validate while typing; when false, only on open and save. */
  validateOnType: boolean;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** What changes are judged against (`eventDesign.compatibility.baseline`). */
  baseline: BaselineSpec;
  /** Milliseconds an editor request may take before it is answered with an error (`eventDesign.limits.requestTimeout`). */
  requestTimeout: number;
  /** Milliseconds each check phase of a file may take before it reports `check-timeout` (`eventDesign.limits.checkTimeout`). */
  checkTimeout: number;
  /** Whose problems are published (`eventDesign.diagnostics.workspace`): every workspace file's, or the open files' only. */
  workspaceDiagnostics: 'all' | 'openFiles';
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  engine: DEFAULT_SETTINGS,
  fastDelay: 80,
  fullDelay: 500,
  validateOnType: true,
  logLevel: 'info',
  baseline: { kind: 'ref', ref: 'HEAD' },
  requestTimeout: 5_000,
  checkTimeout: 20_000,
  workspaceDiagnostics: 'all',
};

/** Turns whatever the client sent into settings, keeping defaults for anything missing or wrong. */
export function normaliseSettings(raw: unknown, workspaceFolders: string[], trusted: boolean): ServerSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const references = (section.references ?? {}) as Record<string, unknown>;
  const validation = (section.validation ?? {}) as Record<string, unknown>;
  const compatibility = (section.compatibility ?? {}) as Record<string, unknown>;
  const limits = (section.limits ?? {}) as Record<string, unknown>;
  const diagnostics = (section.diagnostics ?? {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (section.rules && typeof section.rules === 'object') {
    for (const [id, severity] of Object.entries(section.rules as Record<string, unknown>)) {
      if (ruleById(id) && typeof severity === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(severity)) rules[id] = severity as SeveritySetting;
    }
  }
  return {
    engine: {
      maxFileSize: positiveNumber(section.maxFileSize, DEFAULT_SETTINGS.maxFileSize),
      // Untrusted workspaces never reach the network, whatever their settings say.
      allowRemoteRefs: trusted && references.allowRemote === true,
      defaultRules: rules,
      workspaceFolders,
    },
    fastDelay: positiveNumber(validation.fastDelay, DEFAULT_SERVER_SETTINGS.fastDelay),
    fullDelay: positiveNumber(validation.delay, DEFAULT_SERVER_SETTINGS.fullDelay),
    validateOnType: validation.onType !== false,
    logLevel: ['error', 'warn', 'info', 'debug'].includes(String(section.logLevel)) ? (section.logLevel as ServerSettings['logLevel']) : 'info',
    baseline: parseBaselineSetting(typeof compatibility.baseline === 'string' ? compatibility.baseline : undefined),
    requestTimeout: positiveNumber(limits.requestTimeout, DEFAULT_SERVER_SETTINGS.requestTimeout, 1),
    checkTimeout: positiveNumber(limits.checkTimeout, DEFAULT_SERVER_SETTINGS.checkTimeout, 1),
    workspaceDiagnostics: diagnostics.workspace === 'openFiles' ? 'openFiles' : 'all',
  };
}

function positiveNumber(value: unknown, fallback: number, minimum = 0) {
  return typeof value === 'number' && Number.isFinite(value) && value >= minimum ? value : fallback;
}
