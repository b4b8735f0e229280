import type { DocumentRule } from '../discipline/documentRule';
import { setValue } from '../edits/documentEdits';

/** Semantic Versioning 2.0.0, as its specification writes the grammar. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A semantic version that keeps what the old one said, for the fix: `2` → `2.0.0`, `v1.2` → `1.2.0`. */
export function suggestSemver(version: string): string | undefined {
  // `1.2`, `v2`, and date versions such as `2024-03` (→ 2024.3.0, calendar versioning in SemVer form).
  const numbers = /^v?\d/.test(version.trim()) ? version.trim().replace(/^v/, '').split(/[^0-9]+/).filter((part) => part !== '').slice(0, 3).map(Number) : [];
  if (numbers.length === 0) return undefined;
  while (numbers.length < 3) numbers.push(0);
  return numbers.join('.');
}

export const infoVersionSemver: DocumentRule = {
  id: 'info-version-semver',
  defaultSeverity: 'warning',
  strictSeverity: 'error',
  rationale: 'info.version is the version of the contract: semantic versions tell consumers at a glance whether a change can break them (major) or not (minor, patch).',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    const info = context.document.info as Record<string, unknown> | undefined;
    const version = info?.version;
    if (version === undefined || version === null) return [];
    const text = String(version);
    if (SEMVER.test(text)) return [];
    const suggestion = suggestSemver(text);
    return [
      {
        ruleId: this.id,
        message: `info.version "${text}" is not a semantic version (MAJOR.MINOR.PATCH)${suggestion ? `; for example "${suggestion}"` : ''}: consumers cannot tell a breaking release from a compatible one`,
        path: ['info', 'version'],
        data: suggestion ? { suggestion } : undefined,
      },
    ];
  },
  fixes(finding, context) {
    const suggestion = finding.data?.suggestion;
    if (typeof suggestion !== 'string') return [];
    const file = { source: context.file.source, root: context.file.tree.root };
    return [{ title: `Set info.version to "${suggestion}"`, edits: new Map([[context.uri, setValue(file, ['info', 'version'], suggestion)]]), preferred: true }];
  },
};
