import { SourceFile, formatOf } from '../../text/sourceFile';
import { parseSource } from '../../text/parse';
import type { ParserDiagnostic, ParserSnapshot } from '../parserValidation';
import { checkChannelKeys, checkChannelServers } from './channelServers';
import { checkDocumentVersion, rulesVersionOf } from './documentVersion';
import { checkRecommendedMetadata } from './recommendedHints';
import { checkReferencePlacement, checkResolvedStructure, type KeptStructure } from './resolvedStructure';
import { ParserReport } from './report';
import { ResolvedDocument, type ValueReader } from './resolvedDocument';
import { checkUnusedSecuritySchemes, checkV2SecurityRequirements } from './securityRequirements';
import { checkV2TagLists } from './tagUniqueness';
import { checkV2Channels } from './v2Channels';
import { checkV2Identifiers } from './v2Identifiers';
import { checkV2PayloadFormats } from './v2SchemaFormats';
import { checkV2SchemaValues } from './v2SchemaValues';
import { checkV2Servers } from './v2Servers';
import { checkV3Rules } from './v3Rules';

/**
 * The checks of @asyncapi/parser's ruleset, made natively on the document's plain values (root
 * and referenced files), worded and located as the parser does. Every rule runs, the ones the
 * parser does not recommend too, as `runParser` configures it.
 *
 * Not made here, because the engine drops the parser's version of them and reports its own
 * (`OWNED_ELSEWHERE` in engine.ts): `invalid-ref`, `asyncapi-unused-component`.
 */
export function nativeParserDiagnostics(rootUri: string, read: ValueReader, options: NativeCheckOptions = {}): ParserDiagnostic[] {
  const { checkpoint } = options;
  const document = new ResolvedDocument(rootUri, read, checkpoint);
  const report = new ParserReport();
  const version = rulesVersionOf(document.root.value);
  checkDocumentVersion(document, report, version !== undefined);
  if (version) {
    checkResolvedStructure(document, report, `${version.major}.${version.minor}.0`, options.kept);
    checkpoint?.();
    checkReferencePlacement(document, report, `${version.major}.${version.minor}.0`, options.kept);
    checkpoint?.();
  }
  if (version?.major === 2) {
    checkRecommendedMetadata(document, report);
    checkV2Servers(document, report);
    checkV2Channels(document, report);
    checkChannelServers(document, report, 'asyncapi2-channel-servers');
    checkChannelKeys(document, report, 'asyncapi2-channel-no-query-nor-fragment');
    checkV2SecurityRequirements(document, report);
    checkUnusedSecuritySchemes(document, report);
    checkV2Identifiers(document, report, { messageIdHint: version.minor >= 4 });
    checkV2TagLists(document, report);
    checkV2SchemaValues(document, report);
    checkV2PayloadFormats(document, report, String((document.root.value as { asyncapi: unknown }).asyncapi));
  } else if (version?.major === 3) {
    checkChannelServers(document, report, 'asyncapi3-channel-servers');
    checkChannelKeys(document, report, 'asyncapi3-channel-no-query-nor-fragment');
    checkV3Rules(document, report);
  }
  return report.diagnostics;
}

export interface NativeCheckOptions {
  /** What earlier runs on the same document kept, to re-check only what changed (`NativeCheckSession`). */
  kept?: KeptStructure;
  /** Called between the costly steps; throws to stop the checks (a newer edit wants the worker). */
  checkpoint?: () => void;
}

/** A drop-in for `runParser`: the same snapshot in, the parser's diagnostics out, natively. */
export function runNativeParserChecks(snapshot: ParserSnapshot): ParserDiagnostic[] {
  const values = new Map<string, unknown>();
  const read: ValueReader = (uri) => {
    if (!values.has(uri)) {
      const text = snapshot.files[uri];
      // A fetched remote document has no telling name: YAML reads JSON too.
      const format = formatOf(uri, text);
      values.set(uri, text === undefined ? undefined : parseSource(new SourceFile(uri, text, 0, format === 'unknown' ? 'yaml' : format)).value());
    }
    return values.get(uri);
  };
  return nativeParserDiagnostics(snapshot.rootUri, read);
}
