import specs from '@asyncapi/specs';
import { PARSER_SEVERITY, type ParserReport } from './report';
import { isPlainObject, type ResolvedDocument } from './resolvedDocument';

export const SPEC_VERSIONS = Object.keys(specs.schemas as Record<string, object>);
/** The newest version the parser's bundled specs know. */
export const LATEST_VERSION = SPEC_VERSIONS[SPEC_VERSIONS.length - 1]!;

/**
 * The spec version whose rules apply, as the parser decides it: `major.minor.patch` with a
 * `major.minor` the specs know (a patch the specs have never heard of still selects the rules).
 * Undefined when none applies: then only `asyncapi-is-asyncapi` runs.
 */
export function rulesVersionOf(document: unknown): { major: number; minor: number } | undefined {
  if (!isPlainObject(document) || !('asyncapi' in document)) return undefined;
  const written = String(document.asyncapi);
  const match = /^(\d+)\.(\d+)\.(0|[1-9][0-9]*)$/.exec(written);
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return SPEC_VERSIONS.includes(`${major}.${minor}.0`) ? { major, minor } : undefined;
}

/** asyncapi-is-asyncapi and asyncapi-latest-version. */
export function checkDocumentVersion(document: ResolvedDocument, report: ParserReport, appliesRules: boolean) {
  const value = document.root.value;
  if (!isPlainObject(value) || typeof value.asyncapi !== 'string') {
    report.add('asyncapi-is-asyncapi', document.root, 'This is not an AsyncAPI document. The "asyncapi" field as string is missing.');
  } else if (!SPEC_VERSIONS.includes(value.asyncapi)) {
    report.add('asyncapi-is-asyncapi', document.root, `Version "${value.asyncapi}" is not supported. Please use "${LATEST_VERSION}" (latest) version of the specification.`);
  }
  if (!appliesRules) return;
  const version = document.child(document.root, 'asyncapi');
  if (version && version.value !== LATEST_VERSION) {
    report.add('asyncapi-latest-version', version, `The latest version of AsyncAPi is not used. It is recommended update to the "${LATEST_VERSION}" version.`, PARSER_SEVERITY.info);
  }
}
