import { convert } from '@asyncapi/converter';
import type { Range } from 'vscode-languageserver-types';
import { Document, parseDocument } from 'yaml';
import { checkStructure } from '../asyncapi/structure';
import { describeChange, diffAsyncApiDocuments } from '../compatibility';
import { isJsonObject, type JsonObject } from '../compatibility/jsonValues';
import { detectIndentUnit, detectJsonFormatting, quoteStyleOf } from '../edits/documentEdits';
import { parseSource } from '../text/parse';
import { pathToPointer, rangeOfPath, type Anchor, type JsonPath } from '../text/paths';
import { SourceFile, type TextFormat } from '../text/sourceFile';
import type { ParsedTree } from '../text/tree';
import { carryPresentation } from './carryPresentation';
import { convertedPathOf } from './convertedPaths';

/** One side of a difference: the path, and where that is in the text; `uri` only for a place in another file (one the document references). */
export interface ConversionPlace {
  uri?: string;
  path: JsonPath;
  pointer: string;
  range?: Range;
}

/** Something that did not survive the conversion, as the AsyncAPI diff sees it. */
export interface ConversionDifference {
  kind: string;
  /** One sentence, as `event-design compat` words it. */
  message: string;
  old: ConversionPlace;
  new: ConversionPlace;
}

export interface ConversionResult {
  /** `converted`: `text` holds the 3.0 document; `up-to-date`: already 3.x, nothing to do; `refused`: `errors` say why. */
  status: 'converted' | 'up-to-date' | 'refused';
  /** The version the document declared. */
  fromVersion?: string;
  text?: string;
  /** What the AsyncAPI diff finds between the document and its conversion: each one did not survive as it was. */
  differences: ConversionDifference[];
  /**
   * Where the converted document is not valid AsyncAPI 3.0 (its own text against the 3.0 JSON
   * Schema): the converter carries protocol bindings over as they were, and some binding versions
   * changed their fields with 3.0.
   */
  problems: ConversionProblem[];
  errors: string[];
  /** What else the conversion could not keep (comments, the converter's own warnings), and what it did on top of the converter. */
  notes: string[];
}

export interface ConversionProblem {
  ruleId: string;
  message: string;
  place: ConversionPlace;
}

export interface ConversionOptions {
  /** Reads a file the document references (parsed), so that the diff can follow `$ref`s into it. */
  readDocument?: (uri: string) => unknown;
}

/**
 * Converts an AsyncAPI 2.x document to 3.0.0 with `@asyncapi/converter`, writes it in the file's
 * own format and style (YAML keeps the comments whose nodes have a known new place), then
 * compares the old and the new document by meaning with the AsyncAPI diff: every change it
 * reports is something the conversion did not carry over. Never throws: a document the converter
 * cannot take comes back `refused`, with the reason.
 */
export function convertToAsyncApi3(text: string, uri: string, format: TextFormat, options: ConversionOptions = {}): ConversionResult {
  const refused = (error: string, fromVersion?: string): ConversionResult => ({ status: 'refused', ...(fromVersion ? { fromVersion } : {}), differences: [], problems: [], errors: [error], notes: [] });
  const source = new SourceFile(uri, text, 0, format === 'unknown' ? 'yaml' : format);
  const tree = parseSource(source);
  const syntaxError = tree.problems.find((problem) => problem.severity === 'error');
  if (syntaxError) {
    const position = source.positionAt(syntaxError.offset);
    return refused(`The document does not parse (line ${position.line + 1}, column ${position.character + 1}: ${syntaxError.message}).`);
  }
  const value = tree.value();
  const version = isJsonObject(value) ? value.asyncapi : undefined;
  if (typeof version !== 'string') return refused('This is not an AsyncAPI document: it has no `asyncapi` version.');
  if (/^3\./.test(version)) return { status: 'up-to-date', fromVersion: version, differences: [], problems: [], errors: [], notes: [`The document is already AsyncAPI ${version}: there is nothing to convert.`] };
  if (!/^2\./.test(version)) return refused(`AsyncAPI ${version} cannot be converted here: only 2.x documents are (the difference check reads 2.x and 3.x).`, version);

  const notes: string[] = [];
  let converted: JsonObject;
  try {
    converted = withConverterWarnings(notes, () => convert(structuredClone(value) as { asyncapi: string }, '3.0.0')) as JsonObject;
  } catch (error) {
    return refused(`The AsyncAPI converter refused the document: ${error instanceof Error ? error.message : String(error)}`, version);
  }
  const relinked = relinkRemoteOperationMessages(converted);
  if (relinked > 0) notes.push(`${relinked} operation message reference${relinked === 1 ? '' : 's'} to another file now point${relinked === 1 ? 's' : ''} at the channel's message (3.0 requires it; the converter copies the remote reference).`);

  const written = source.format === 'yaml' ? writeYaml(source, value, converted, notes) : writeJson(source, converted);
  const newSource = new SourceFile(uri, written, 1, source.format);
  const newTree = parseSource(newSource);
  const newValue = newTree.value();
  const diff = diffAsyncApiDocuments({ root: value, uri }, { root: newValue, uri }, { readDocument: options.readDocument });
  const place = (location: { uri?: string; path: JsonPath }, file: SourceFile, fileTree: ParsedTree, anchor?: Anchor): ConversionPlace => {
    const elsewhere = location.uri !== undefined && location.uri !== uri;
    return { ...(elsewhere ? { uri: location.uri } : { range: rangeOfPath(file, fileTree.root, location.path, anchor) }), path: location.path, pointer: pathToPointer(location.path) };
  };
  const differences = diff.changes.map(({ change }) => ({ kind: change.kind, message: describeChange(change), old: place(change.old, source, tree), new: place(change.new, newSource, newTree) }));
  const problems = checkStructure('3.0.0', newValue).map((finding) => ({ ruleId: finding.ruleId, message: finding.message, place: place({ path: finding.path }, newSource, newTree, finding.anchor) }));
  return { status: 'converted', fromVersion: version, text: written, differences, problems, errors: [], notes };
}

/**
 * The converter reports what it drops from a parameter's schema through `console.warn`: those
 * sentences are the user's to read, in the result, not on the host's standard error.
 */
function withConverterWarnings<T>(notes: string[], run: () => T): T {
  const original = console.warn;
  console.warn = (...args: unknown[]) => notes.push(args.map(String).join(' ').replace(/\s*\n\s*/g, ' '));
  try {
    return run();
  } finally {
    console.warn = original;
  }
}

/**
 * An operation whose 2.x message was a `$ref` to another file gets a copy of that reference from
 * the converter, but a 3.0 operation may only point at its channel's messages: point it at the
 * channel's message that holds the same reference. Returns how many were relinked.
 */
function relinkRemoteOperationMessages(document: JsonObject): number {
  let relinked = 0;
  const operations = isJsonObject(document.operations) ? document.operations : {};
  const channels = isJsonObject(document.channels) ? document.channels : {};
  for (const operation of Object.values(operations)) {
    if (!isJsonObject(operation) || !Array.isArray(operation.messages) || !isJsonObject(operation.channel) || typeof operation.channel.$ref !== 'string') continue;
    const channelRef = operation.channel.$ref;
    const channelId = /^#\/channels\/([^/]+)$/.exec(channelRef)?.[1];
    const channel = channelId === undefined ? undefined : channels[channelId.replace(/~1/g, '/').replace(/~0/g, '~')];
    const messages = isJsonObject(channel) && isJsonObject(channel.messages) ? channel.messages : {};
    operation.messages = operation.messages.map((message) => {
      const ref = isJsonObject(message) ? message.$ref : undefined;
      if (typeof ref !== 'string' || ref.startsWith('#')) return message;
      const key = Object.keys(messages).find((candidate) => isJsonObject(messages[candidate]) && (messages[candidate] as JsonObject).$ref === ref);
      if (key === undefined) return message;
      relinked++;
      return { $ref: `${channelRef}/messages/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` };
    });
  }
  return relinked;
}

function writeJson(source: SourceFile, converted: JsonObject): string {
  const formatting = detectJsonFormatting(source.text);
  const indent = formatting.insertSpaces ? ' '.repeat(formatting.tabSize ?? 2) : '\t';
  const text = JSON.stringify(converted, null, indent);
  const eol = formatting.eol ?? '\n';
  return (eol === '\n' ? text : text.replace(/\n/g, eol)) + (/\r?\n$/.test(source.text) ? eol : '');
}

function writeYaml(source: SourceFile, original: unknown, converted: JsonObject, notes: string[]): string {
  // Shared objects are written out each time: an anchor the author did not write would surprise.
  const target = new Document(converted, { aliasDuplicateObjects: false });
  const { lost } = carryPresentation(parseDocument(source.text), target, convertedPathOf(original, converted));
  if (lost.length > 0) {
    const shown = lost.slice(0, 5).map((path) => pathToPointer(path) || '/');
    notes.push(`${lost.length} comment${lost.length === 1 ? '' : 's'} could not be kept: ${lost.length === 1 ? 'its node has' : 'their nodes have'} no place in the 3.0 document (${shown.join(', ')}${lost.length > shown.length ? ', …' : ''}).`);
  }
  const text = target.toString({ indent: detectIndentUnit(source.text), lineWidth: 0, singleQuote: quoteStyleOf(source) === 'single' });
  return source.text.includes('\r\n') ? text.replace(/\n/g, '\r\n') : text;
}
