import { PARSER_SEVERITY, type ParserReport } from './report';
import { isPlainObject, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';
import { v2Operations } from './v2Walk';

const OAUTH2_FLOWS = ['implicit', 'password', 'clientCredentials', 'authorizationCode'];

/** The scheme names and, for OAuth2 schemes, their scopes: the context a security requirement is checked in. */
export interface SecuritySchemes {
  names: string[];
  scopesOf(name: string): string[] | undefined;
}

export function securitySchemesOf(document: ResolvedDocument): SecuritySchemes {
  const schemes = document.at(['components', 'securitySchemes']);
  const value = isPlainObject(schemes?.value) ? schemes.value : {};
  return {
    names: Object.keys(value),
    scopesOf(name) {
      const scheme = value[name];
      if (!isPlainObject(scheme) || scheme.type !== 'oauth2') return undefined;
      const flows = isPlainObject(scheme.flows) ? scheme.flows : {};
      const scopes = OAUTH2_FLOWS.flatMap((flow) => (isPlainObject(flows[flow]) ? Object.keys(((flows[flow] as Record<string, unknown>).scopes ?? {}) as object) : []));
      return [...new Set(scopes)];
    },
  };
}

/**
 * asyncapi2-server-security and asyncapi2-operation-security: one requirement object (scheme
 * name → scopes). The parser skips a requirement that is not an object of string lists.
 */
export function checkSecurityRequirement(document: ResolvedDocument, report: ParserReport, code: string, objectType: 'Server' | 'Operation', requirement: ResolvedNode, schemes: SecuritySchemes) {
  if (!isPlainObject(requirement.value)) return;
  const entries = Object.entries(requirement.value);
  if (!entries.every(([, scopes]) => Array.isArray(scopes) && scopes.every((scope) => typeof scope === 'string'))) return;
  for (const [name, scopes] of entries) {
    const at = document.child(requirement, name)!;
    if (!schemes.names.includes(name)) report.add(code, at, `${objectType} must not reference an undefined security scheme.`);
    const available = schemes.scopesOf(name);
    if (!available) continue;
    (scopes as string[]).forEach((scope, index) => {
      if (!available.includes(scope)) report.add(code, document.child(at, index)!, `Non-existing security scope for the specified security scheme. Available: [${available.join(', ')}]`);
    });
  }
}

/**
 * asyncapi2-unused-securityScheme: a fold over the root file as written (references not
 * followed), as the parser runs it.
 */
export function checkUnusedSecuritySchemes(document: ResolvedDocument, report: ParserReport) {
  const root = document.unresolved;
  if (!isPlainObject(root) || !isPlainObject(root.components)) return;
  const schemes = root.components.securitySchemes;
  if (!isPlainObject(schemes)) return;
  const used = new Set<string>();
  const addUses = (holder: unknown) => {
    if (!isPlainObject(holder) || !Array.isArray(holder.security)) return;
    for (const requirement of holder.security) if (isPlainObject(requirement)) for (const name of Object.keys(requirement)) used.add(name);
  };
  if (isPlainObject(root.servers)) Object.values(root.servers).forEach(addUses);
  if (isPlainObject(root.channels)) {
    for (const channel of Object.values(root.channels)) {
      if (!isPlainObject(channel)) continue;
      addUses(channel.subscribe);
      addUses(channel.publish);
    }
  }
  for (const name of Object.keys(schemes)) {
    if (!used.has(name)) report.add('asyncapi2-unused-securityScheme', { uri: document.rootUri, at: ['components', 'securitySchemes', name] }, 'Potentially unused security scheme has been detected in AsyncAPI document.', PARSER_SEVERITY.info);
  }
}

/** The security requirements of root servers and of channel operations, each checked against the schemes. */
export function checkV2SecurityRequirements(document: ResolvedDocument, report: ParserReport) {
  const schemes = securitySchemesOf(document);
  for (const [, server] of document.entries(document.child(document.root, 'servers'))) {
    for (const requirement of document.items(document.child(server, 'security'))) checkSecurityRequirement(document, report, 'asyncapi2-server-security', 'Server', requirement, schemes);
  }
  for (const operation of v2Operations(document, ['channels'])) {
    for (const requirement of document.items(document.child(operation, 'security'))) checkSecurityRequirement(document, report, 'asyncapi2-operation-security', 'Operation', requirement, schemes);
  }
}
