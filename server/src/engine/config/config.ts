import Ajv, { type ErrorObject } from 'ajv';
import { minimatch } from 'minimatch';
import configSchema from '../../../../schemas/event-design.schema.json';
import { isBufCategory, type ProtobufRules } from '../compatibility/bufRules';
import { SEVERITY_SETTINGS, type PathFinding, type SeveritySetting } from '../findings/finding';
import { RULES, ruleById, type RuleCategory } from '../rules';
import type { ParsedTree } from '../text/tree';
import { editDistance } from '../text/editDistance';

/** One `overrides` entry of a configuration file. */
export interface ConfigOverride {
  files: string[];
  excludedFiles: string[];
  categories: Partial<Record<RuleCategory, SeveritySetting>>;
  rules: Record<string, SeveritySetting>;
}

export type Preset = 'recommended' | 'strict' | 'all' | 'cloudevents';

const CATEGORIES: readonly RuleCategory[] = ['syntax', 'validity', 'references', 'schemas', 'configuration', 'discipline', 'compatibility', 'contracts'];

/** A configuration file, normalised. Later issues add keys here and in the JSON Schema. */
export interface EventDesignConfig {
  /** URI of the folder the file sits in; globs are relative to it. Undefined for the defaults. */
  folderUri?: string;
  extends: Preset[];
  /** A severity for all the rules of a category (`categories: { discipline: off }`). */
  categories: Partial<Record<RuleCategory, SeveritySetting>>;
  rules: Record<string, SeveritySetting>;
  /** Options per rule id (`rules: { id: { severity, …options } }`). */
  ruleOptions: Record<string, Record<string, unknown>>;
  overrides: ConfigOverride[];
  maxFileSize?: number;
  compatibility: CompatibilityConfig;
}

/** How changes are judged against the baseline (docs/compatibility.md). */
export interface CompatibilityConfig {
  policy?: 'strict' | 'lenient';
  defaultMode?: string;
  modes: Array<{ files: string[]; mode?: string; perspective?: 'application' | 'client' }>;
  /** Fingerprints of breaks the team accepted. */
  accepted: string[];
  /** Whose rules judge `.proto` changes; the registry's when absent. */
  protobuf?: ProtobufRules;
}

export const EMPTY_CONFIG: EventDesignConfig = { extends: [], categories: {}, rules: {}, ruleOptions: {}, overrides: [], compatibility: { modes: [], accepted: [] } };

let validateConfig: ReturnType<Ajv['compile']> | undefined;

/**
 * Reads a parsed `.event-design.yaml`. Problems become `config-invalid` findings in that file;
 * whatever could be understood still applies, and the defaults cover the rest.
 */
export function readConfig(tree: ParsedTree, folderUri: string): { config: EventDesignConfig; problems: PathFinding[] } {
  const problems: PathFinding[] = [];
  const value = tree.value();
  const config: EventDesignConfig = { folderUri, extends: [], categories: {}, rules: {}, ruleOptions: {}, overrides: [], compatibility: { modes: [], accepted: [] } };
  if (value === undefined || value === null) return { config, problems };
  validateConfig ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  if (!validateConfig(value)) {
    for (const error of clearestPerPlace(validateConfig.errors ?? [])) {
      const path = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      if (extra !== undefined) path.push(extra);
      problems.push({ ruleId: 'config-invalid', message: describeConfigError(error.message ?? 'is invalid', extra, error.params), path, anchor: extra !== undefined ? 'key' : 'auto' });
    }
  }
  if (typeof value !== 'object' || Array.isArray(value)) return { config, problems };
  const raw = value as Record<string, unknown>;
  const presets = typeof raw.extends === 'string' ? [raw.extends] : Array.isArray(raw.extends) ? raw.extends : [];
  config.extends = presets.filter((preset): preset is Preset => ['recommended', 'strict', 'all', 'cloudevents'].includes(String(preset)));
  config.categories = readCategories(raw.categories);
  config.compatibility = readCompatibility(raw.compatibility, problems);
  config.rules = readSeverities(raw.rules, ['rules'], problems, tree, config.ruleOptions);
  if (typeof raw.maxFileSize === 'number' && raw.maxFileSize >= 1024) config.maxFileSize = raw.maxFileSize;
  if (Array.isArray(raw.overrides)) {
    raw.overrides.forEach((entry: unknown, index) => {
      if (!entry || typeof entry !== 'object') return;
      const override = entry as Record<string, unknown>;
      const files = globList(override.files);
      if (files.length === 0) return;
      config.overrides.push({ files, excludedFiles: globList(override.excludedFiles), categories: readCategories(override.categories), rules: readSeverities(override.rules, ['overrides', index, 'rules'], problems, tree) });
    });
  }
  return { config, problems: dedupeByPath(problems) };
}

/**
 * Where a value fails a `oneOf` (a severity, or an object with options), ajv reports every
 * branch; the user needs the one sentence that says what is allowed there.
 */
function clearestPerPlace(errors: ErrorObject[]): ErrorObject[] {
  const rank = (error: ErrorObject) => ['enum', 'additionalProperties', 'required', 'pattern', 'minLength', 'minimum', 'minItems', 'type', 'oneOf', 'anyOf'].indexOf(error.keyword) >>> 0;
  const best = new Map<string, ErrorObject>();
  for (const error of errors) {
    const place = error.keyword === 'additionalProperties' ? `${error.instancePath}/${String((error.params as { additionalProperty?: string }).additionalProperty)}` : error.instancePath;
    const current = best.get(place);
    if (!current || rank(error) < rank(current)) best.set(place, error);
  }
  return [...best.values()];
}

function readCompatibility(value: unknown, problems: PathFinding[]): CompatibilityConfig {
  const result: CompatibilityConfig = { modes: [], accepted: [] };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return result;
  const raw = value as Record<string, unknown>;
  if (raw.policy === 'strict' || raw.policy === 'lenient') result.policy = raw.policy;
  if (typeof raw.defaultMode === 'string') result.defaultMode = raw.defaultMode.toUpperCase();
  if (Array.isArray(raw.modes)) {
    for (const entry of raw.modes) {
      if (!entry || typeof entry !== 'object') continue;
      const { files, mode, perspective } = entry as Record<string, unknown>;
      const globs = globList(files);
      if (globs.length === 0) continue;
      result.modes.push({ files: globs, ...(typeof mode === 'string' ? { mode: mode.toUpperCase() } : {}), ...(perspective === 'client' || perspective === 'application' ? { perspective } : {}) });
    }
  }
  if (Array.isArray(raw.accepted)) result.accepted = raw.accepted.filter((item): item is string => typeof item === 'string');
  const protobuf = readProtobufRules(raw.protobuf, problems);
  if (protobuf) result.protobuf = protobuf;
  return result;
}

/** `protobuf: { rules, bufCategory }`; a category without `rules: buf` would silently do nothing, so it is reported. */
function readProtobufRules(value: unknown, problems: PathFinding[]): ProtobufRules | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { rules, bufCategory } = value as Record<string, unknown>;
  if (rules === 'buf') return { rules: 'buf', category: isBufCategory(bufCategory) ? bufCategory : 'FILE' };
  if (bufCategory !== undefined) {
    problems.push({ ruleId: 'config-invalid', message: 'bufCategory applies only with `rules: buf` (the registry\'s rules have no categories): add `rules: buf`, or remove bufCategory', path: ['compatibility', 'protobuf', 'bufCategory'], anchor: 'key', severity: 'warning' });
  }
  return rules === 'registry' ? { rules: 'registry' } : undefined;
}

/** The compatibility settings for one file: its mode override and perspective, from the globs. */
export function compatibilityFor(fileUri: string, config: EventDesignConfig): { mode?: string; perspective?: 'application' | 'client' } {
  const result: { mode?: string; perspective?: 'application' | 'client' } = {};
  const relative = config.folderUri ? relativePath(config.folderUri, fileUri) : undefined;
  if (relative === undefined) return result;
  for (const entry of config.compatibility.modes) {
    if (!matchesAny(relative, entry.files)) continue;
    if (entry.mode) result.mode = entry.mode;
    if (entry.perspective) result.perspective = entry.perspective;
  }
  return result;
}

function readCategories(value: unknown): Partial<Record<RuleCategory, SeveritySetting>> {
  const result: Partial<Record<RuleCategory, SeveritySetting>> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return result;
  for (const [category, severity] of Object.entries(value as Record<string, unknown>)) {
    if (CATEGORIES.includes(category as RuleCategory) && (SEVERITY_SETTINGS as readonly unknown[]).includes(severity)) result[category as RuleCategory] = severity as SeveritySetting;
  }
  return result;
}

function describeConfigError(message: string, extra: string | undefined, params: unknown) {
  if (extra !== undefined) return `Unknown key "${extra}" in the event-design configuration`;
  const allowed = (params as { allowedValues?: unknown[] }).allowedValues;
  if (allowed) return `Must be one of: ${allowed.join(', ')}`;
  return message[0]!.toUpperCase() + message.slice(1);
}

function readSeverities(value: unknown, path: (string | number)[], problems: PathFinding[], tree: ParsedTree, options?: Record<string, Record<string, unknown>>): Record<string, SeveritySetting> {
  const result: Record<string, SeveritySetting> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return result;
  for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
    const isObject = !!setting && typeof setting === 'object' && !Array.isArray(setting);
    const severity = isObject ? (setting as Record<string, unknown>).severity : setting;
    if (isObject && options && ruleById(id)) {
      const { severity: _severity, ...ruleOptions } = setting as Record<string, unknown>;
      options[id] = ruleOptions;
    }
    if (!ruleById(id)) {
      const suggestion = closestRuleId(id);
      problems.push({
        ruleId: 'config-invalid',
        message: `Unknown rule "${id}"${suggestion ? `. Did you mean "${suggestion}"?` : ''}`,
        path: [...path, id],
        anchor: 'key',
        severity: 'warning',
      });
      continue;
    }
    // A bad severity has been reported by the schema check; an object without one keeps the default.
    if (typeof severity === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(severity)) result[id] = severity as SeveritySetting;
  }
  return result;
}

function globList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.length > 0) : [];
}

function dedupeByPath(problems: PathFinding[]) {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify(problem.path) + problem.message;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function closestRuleId(id: string): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const rule of RULES) {
    const distance = editDistance(id, rule.id);
    if (!best || distance < best.distance) best = { id: rule.id, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(id.length / 3)) ? best.id : undefined;
}

/**
 * The severity of a rule for one file: the rule's default, then the fallback rules (editor
 * settings, used only where no configuration file governs), then the file's `rules`, then every
 * matching override in order.
 */
export function severityFor(ruleId: string, fileUri: string, config: EventDesignConfig, fallbackRules: Record<string, SeveritySetting>): SeveritySetting {
  let severity = presetSeverity(ruleId, config.extends);
  const category = ruleById(ruleId)?.category;
  if (category && config.categories[category]) severity = config.categories[category]!;
  if (!config.folderUri && fallbackRules[ruleId]) severity = fallbackRules[ruleId]!;
  if (config.rules[ruleId]) severity = config.rules[ruleId]!;
  if (config.folderUri && config.overrides.length > 0) {
    const relative = relativePath(config.folderUri, fileUri);
    if (relative !== undefined) {
      for (const override of config.overrides) {
        const setting = override.rules[ruleId] ?? (category ? override.categories[category] : undefined);
        if (!setting) continue;
        if (matchesAny(relative, override.files) && !matchesAny(relative, override.excludedFiles)) severity = setting;
      }
    }
  }
  return severity;
}

/** A rule's severity under the presets a configuration extends, in order. */
function presetSeverity(ruleId: string, presets: readonly Preset[]): SeveritySetting {
  const rule = ruleById(ruleId);
  let severity: SeveritySetting = rule?.defaultSeverity ?? 'warning';
  if (rule?.enabledBy && !presets.includes(rule.enabledBy) && !presets.includes('all')) return 'off';
  for (const preset of presets) {
    if (preset === 'strict' && rule?.strictSeverity) severity = rule.strictSeverity;
    if (preset === 'all' && (severity === 'off' || severity === 'hint')) severity = 'warning';
    if (preset === 'cloudevents' && rule?.enabledBy === 'cloudevents' && severity === 'off') severity = 'warning';
  }
  return severity;
}

function matchesAny(relative: string, globs: string[]) {
  return globs.some((glob) => minimatch(relative, glob, { dot: true, matchBase: !glob.includes('/') }));
}

/** `file:///a/b` + `file:///a/b/c/d.yaml` → `c/d.yaml`; undefined when not inside. */
export function relativePath(folderUri: string, fileUri: string): string | undefined {
  const folder = folderUri.endsWith('/') ? folderUri : folderUri + '/';
  if (!fileUri.startsWith(folder)) return undefined;
  return decodeURIComponent(fileUri.slice(folder.length));
}
