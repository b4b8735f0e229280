import type { SeveritySetting } from '../findings/finding';

export type RuleCategory = 'syntax' | 'validity' | 'references' | 'schemas' | 'configuration' | 'discipline' | 'compatibility' | 'contracts';

/**
 * What the registry knows of a rule. Checks that come from a library (the AsyncAPI parser, ajv,
 * avsc) are adopted under a stable id of ours, so that a library upgrade never renames a rule
 * in users' configuration files.
 */
export interface RuleDefinition {
  /** Stable, kebab-case; used in configuration files, suppressions and diagnostics' `code`. */
  readonly id: string;
  readonly defaultSeverity: SeveritySetting;
  /** One line: what the rule checks and why it matters. */
  readonly rationale: string;
  readonly category: RuleCategory;
  /** Who performs the check. */
  readonly origin: 'event-design' | '@asyncapi/parser' | 'ajv' | 'avsc';
  /** Diagnostic codes of @asyncapi/parser that this rule reports. */
  readonly parserCodes?: readonly string[];
  /** Its severity under `extends: strict`, when stricter than the default. */
  readonly strictSeverity?: SeveritySetting;
  /** A rule that is off unless this preset is extended (`extends: cloudevents`). */
  readonly enabledBy?: 'cloudevents';
}
