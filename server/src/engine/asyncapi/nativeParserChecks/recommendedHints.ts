import type { JsonPath } from '../../text/paths';
import { PARSER_SEVERITY, type ParserReport } from './report';
import { isPlainObject, type ResolvedDocument } from './resolvedDocument';

/** The parser's recommended "should have" rules on the document's metadata (2.x only). */
const MISSING_FIELDS: ReadonlyArray<{ code: string; path: JsonPath; message: string }> = [
  { code: 'asyncapi-id', path: ['id'], message: 'AsyncAPI document should have "id" field.' },
  { code: 'asyncapi-defaultContentType', path: ['defaultContentType'], message: 'AsyncAPI document should have "defaultContentType" field.' },
  { code: 'asyncapi-info-description', path: ['info', 'description'], message: 'Info "description" should be present and non-empty string.' },
  { code: 'asyncapi-info-contact', path: ['info', 'contact'], message: 'Info object should have "contact" object.' },
  { code: 'asyncapi-info-license', path: ['info', 'license'], message: 'Info object should have "license" object.' },
  { code: 'asyncapi-info-license-url', path: ['info', 'license', 'url'], message: 'License object should have "url" field.' },
  { code: 'asyncapi2-tags', path: ['tags'], message: 'AsyncAPI object should have non-empty "tags" array.' },
];

const CONTACT_FIELDS = ['name', 'url', 'email'];

/** Metadata hints: id, defaultContentType, info, contact, licence, tags, servers. */
export function checkRecommendedMetadata(document: ResolvedDocument, report: ParserReport) {
  for (const { code, path, message } of MISSING_FIELDS) reportFalsy(document, report, code, path, message);
  const contact = document.at(['info', 'contact']);
  if (contact) {
    for (const field of CONTACT_FIELDS) reportFalsy(document, report, 'asyncapi-info-contact-properties', ['info', 'contact', field], 'Contact object should have "name", "url" and "email" fields.');
  }
  const servers = document.at(['servers']);
  if (!servers || !isPlainObject(servers.value) || Object.keys(servers.value).length === 0) {
    report.add('asyncapi-servers', servers ?? document.root, 'AsyncAPI document should have non-empty "servers" object.', PARSER_SEVERITY.warning);
  }
}

/** The parser's `truthy`: the finding sits on the value, or on the nearest part of its path that exists. */
function reportFalsy(document: ResolvedDocument, report: ParserReport, code: string, path: JsonPath, message: string) {
  const node = document.at(path);
  if (node && node.value) return;
  report.add(code, node ?? document.closest(path), message, PARSER_SEVERITY.warning);
}
