import { PARSER_SEVERITY, type ParserReport } from './report';
import { isPlainObject, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';
import { checkDeclaredVariables, urlVariables } from './urlVariables';

/** asyncapi2-server-variables on one server (root or component). */
export function checkV2ServerVariables(document: ResolvedDocument, report: ParserReport, server: ResolvedNode) {
  if (!isPlainObject(server.value) || typeof server.value.url !== 'string' || !isPlainObject(server.value.variables)) return;
  const used = urlVariables(server.value.url);
  if (used.length === 0) return;
  checkDeclaredVariables(document, report, 'asyncapi2-server-variables', document.child(server, 'variables')!, used, {
    missing: (names) => `Not all server's variables are described with "variables" object. Missed: ${names.join(', ')}.`,
    redundant: (name) => `Server's "variables" object has redundant defined "${name}" url variable.`,
  });
}

/** The recommended URL hints on one root server. */
export function checkV2ServerUrl(document: ResolvedDocument, report: ParserReport, server: ResolvedNode) {
  const url = document.child(server, 'url');
  if (!url || typeof url.value !== 'string') return;
  if (url.value.includes('{}')) report.add('asyncapi2-server-no-empty-variable', url, 'Server URL should not have empty variable substitution pattern.', PARSER_SEVERITY.warning);
  if (url.value.endsWith('/')) report.add('asyncapi2-server-no-trailing-slash', url, 'Server URL should not end with slash.', PARSER_SEVERITY.warning);
}

export function checkV2Servers(document: ResolvedDocument, report: ParserReport) {
  for (const [, server] of document.entries(document.child(document.root, 'servers'))) {
    checkV2ServerVariables(document, report, server);
    checkV2ServerUrl(document, report, server);
  }
  for (const [, server] of document.entries(document.at(['components', 'servers']))) checkV2ServerVariables(document, report, server);
}
