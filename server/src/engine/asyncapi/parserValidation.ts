import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { OpenAPISchemaParser } from '@asyncapi/openapi-schema-parser';
import { Parser } from '@asyncapi/parser';
import { URI } from 'vscode-uri';
import { asyncapiParserRules } from '../rules/asyncapiParserRules';

/**
 * Everything a full validation reads, gathered up front: the root document and every file its
 * references reach, as text. The parser reads nothing else, so a run is a pure function of its
 * snapshot and can run in a worker thread, in the CLI, or in a test, alike.
 */
export interface ParserSnapshot {
  rootUri: string;
  /** URI → text to give the parser (remote references already replaced, see prepareForParser). */
  files: Record<string, string>;
  /**
   * URI → the plain value of that text, where the engine has it already: the full validation's
   * worker takes these (about 10 ms to pass a 1,000-channel document) rather than parsing the
   * text again, and keeps no parse tree of its own.
   */
  values?: Record<string, unknown>;
}

/** A parser diagnostic, located by file and JSON path (its own ranges are not used). */
export interface ParserDiagnostic {
  uri: string;
  path: Array<string | number>;
  code: string;
  message: string;
  /** The parser's severity: 0 error, 1 warning, 2 information, 3 hint. */
  severity: number;
}

let sharedParser: { parser: Parser; files: Map<string, string> } | undefined;

/** One parser per process: building its Spectral ruleset costs more than a small parse. */
function parserFor(): { parser: Parser; files: Map<string, string> } {
  if (!sharedParser) {
    const files = new Map<string, string>();
    const read = async (uri: { toString(): string }) => {
      const text = files.get(uri.toString());
      if (text === undefined) throw new Error(`File not found: ${uri.toString()}`);
      return text;
    };
    // Remote references never reach the network from here: the engine has replaced them, or
    // fetched them through the host when the user allowed it.
    const remote = async (uri: { toString(): string }) => {
      const text = files.get(uri.toString());
      if (text === undefined) throw new Error(`Remote reference not fetched: ${uri.toString()}`);
      return text;
    };
    const parser = new Parser({
      // Every rule of the parser's that we adopt runs, the ones its ruleset marks non-recommended
      // too (asyncapi-info-license-url): whether a finding is shown is decided by `severityFor`,
      // from the rule table and .event-design.yaml, so a severity set there must find a result.
      ruleset: { extends: [], rules: Object.fromEntries(asyncapiParserRules.map((rule) => [rule.id, true])) },
      __unstable: {
        resolver: {
          cache: false,
          resolvers: [
            { schema: 'file', order: 1, read },
            { schema: 'https', order: 1, read: remote },
            { schema: 'http', order: 1, read: remote },
          ],
        },
      },
    });
    parser.registerSchemaParser(AvroSchemaParser());
    parser.registerSchemaParser(OpenAPISchemaParser());
    sharedParser = { parser, files };
  }
  return sharedParser;
}

/** The name the parser sees for a file: a path for `file:` URIs (its resolver wants paths). */
function parserNameOf(uri: string) {
  return uri.startsWith('file:') ? URI.parse(uri).path : uri;
}

let queue: Promise<unknown> = Promise.resolve();

/** Validates a snapshot with @asyncapi/parser. Runs one at a time: the parser's resolver is shared. */
export function runParser(snapshot: ParserSnapshot): Promise<ParserDiagnostic[]> {
  const run = queue.then(() => runParserNow(snapshot));
  queue = run.catch(() => undefined);
  return run;
}

async function runParserNow(snapshot: ParserSnapshot): Promise<ParserDiagnostic[]> {
  const { parser, files } = parserFor();
  const uriByName = new Map<string, string>();
  files.clear();
  for (const [uri, text] of Object.entries(snapshot.files)) {
    const name = parserNameOf(uri);
    files.set(name, text);
    uriByName.set(name, uri);
  }
  const rootName = parserNameOf(snapshot.rootUri);
  const rootText = files.get(rootName);
  if (rootText === undefined) return [];
  try {
    const { diagnostics } = await parser.parse(rootText, { source: rootName });
    return diagnostics.map((diagnostic) => ({
      uri: (diagnostic.source && uriByName.get(diagnostic.source)) ?? snapshot.rootUri,
      path: [...(diagnostic.path ?? [])] as Array<string | number>,
      code: String(diagnostic.code ?? 'asyncapi-parser'),
      message: diagnostic.message,
      severity: diagnostic.severity,
    }));
  } finally {
    files.clear();
  }
}
