import type { DocumentRule, Fix } from '../discipline/documentRule';
import { setValue } from '../edits/documentEdits';
import { resolveRef } from '../references/refSites';
import { nodeAtPath, pathToPointer } from '../text/paths';
import { childString } from '../text/tree';
import type { RuleDefinition } from './rule';
import { closestName } from '../text/editDistance';

/**
 * An empty but valid component of a kind, ready to be filled in; undefined for kinds whose
 * required fields cannot be guessed (a server's host, a security scheme's type, an operation's
 * channel and action, the URL of external documentation).
 */
export function componentSkeleton(kind: string, name: string, major: 2 | 3): Record<string, unknown> | undefined {
  switch (kind) {
    case 'messages':
      return { name, payload: { type: 'object' } };
    case 'schemas':
      return { type: 'object' };
    case 'channels':
      return major === 3 ? { address: addressFromName(name) } : {};
    case 'parameters':
      return major === 3 ? {} : { schema: { type: 'string' } };
    case 'correlationIds':
      return { location: '$message.header#/correlationId' };
    case 'replyAddresses':
      return major === 3 ? { location: '$message.header#/replyTo' } : undefined;
    case 'replies':
      return major === 3 ? {} : undefined;
    case 'tags':
      return major === 3 ? { name } : undefined;
    case 'messageTraits':
    case 'operationTraits':
    case 'serverVariables':
    case 'serverBindings':
    case 'channelBindings':
    case 'operationBindings':
    case 'messageBindings':
      return {};
    default:
      return undefined;
  }
}

/** `orderPlaced` → `order-placed`; names that already look like addresses are kept. */
export function addressFromName(name: string) {
  if (/[./\-_{}]/.test(name)) return name;
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

const SINGULAR: Record<string, string> = { messages: 'message', schemas: 'schema', channels: 'channel', parameters: 'parameter', correlationIds: 'correlation id', replyAddresses: 'reply address', replies: 'reply', tags: 'tag', messageTraits: 'message trait', operationTraits: 'operation trait', serverVariables: 'server variable' };

/**
 * The findings are made by the engine's reference checks (references/refChecks.ts), not by a
 * check of this rule; the engine finds them among the last fast check's findings for `fixes`.
 * `finding.path` is the path of the `$ref` string.
 */
export const unresolvedRef: RuleDefinition & Pick<DocumentRule, 'fixes'> = {
  id: 'unresolved-ref',
  defaultSeverity: 'error',
  rationale: 'A `$ref` points at a file or a JSON pointer that does not exist, so the definition it stands for is missing.',
  category: 'references',
  origin: 'event-design',
  parserCodes: ['invalid-ref'],
  async fixes(finding, context) {
    const uri = finding.uri ?? context.uri;
    const file = await context.fileAt(uri);
    const ref = file ? nodeAtPath(file.tree.root, finding.path) : undefined;
    if (!file || ref?.type !== 'string') return [];
    const text = String(ref.value);
    const target = resolveRef(text, uri, context.schemaIds, file.kind.kind === 'json-schema' ? childString(file.tree.root, '$id') : undefined);
    if (target.kind !== 'local' && target.kind !== 'file') return [];
    const targetUri = target.kind === 'file' ? target.uri : uri;
    const targetFile = await context.fileAt(targetUri);
    // Only `#/components/<kind>/<name>` that is missing itself: a missing file, or a pointer
    // below an existing component, is not something a new empty component would mend.
    if (!targetFile || target.path.length !== 3 || target.path[0] !== 'components' || nodeAtPath(targetFile.tree.root, target.path)) return [];
    const [, kind, name] = target.path as [string, string, string];
    const existing = nodeAtPath(targetFile.tree.root, ['components', kind]);
    if (existing && existing.type !== 'object') return [];
    const fixes: Fix[] = [];
    const names = (existing?.children ?? []).map((property) => String(property.children?.[0]?.value));
    const closest = closestName(name, names);
    if (closest) {
      const hash = text.indexOf('#');
      const replacement = `${text.slice(0, hash)}#${pathToPointer(['components', kind, closest])}`;
      const edits = setValue({ source: file.source, root: file.tree.root }, finding.path, replacement);
      fixes.push({ title: `Change the reference to '${replacement}' (the existing ${SINGULAR[kind] ?? kind} "${closest}")`, edits: new Map([[uri, edits]]), preferred: true });
    }
    const major = targetFile.kind.kind === 'asyncapi' ? targetFile.kind.major : context.major;
    const skeleton = componentSkeleton(kind, name, major);
    if (skeleton) {
      const edits = setValue({ source: targetFile.source, root: targetFile.tree.root }, target.path, skeleton);
      const where = targetUri === uri ? '' : ` in ${decodeURIComponent(targetUri.slice(targetUri.lastIndexOf('/') + 1))}`;
      fixes.push({ title: `Create the missing ${SINGULAR[kind] ?? kind} "${name}" under components.${kind}${where}`, edits: new Map([[targetUri, edits]]), preferred: fixes.length === 0 });
    }
    return fixes;
  },
};
