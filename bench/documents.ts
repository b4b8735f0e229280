import { syntheticAsyncApi } from '../test/support/syntheticAsyncApi';

/** One generated document and the edits the benchmark makes in it. */
export interface BenchDocument {
  channels: number;
  text: string;
  lines: string[];
  /** Lines of the edits, `    action: send` of operations in the middle half of the document. */
  editLines: number[];
  /** One more such line, for warm-up edits that are not measured. */
  warmUpLine: number;
}

/** A one-line edit as the LSP describes it (0-based line, UTF-16 columns) and as text. */
export interface LineEdit {
  line: number;
  startCharacter: number;
  endCharacter: number;
  newText: string;
}

const SEND_LINE = '    action: send';
const SEND_VALUE_COLUMN = SEND_LINE.indexOf('send');

export function benchDocument(channels: number, edits: number): BenchDocument {
  const text = syntheticAsyncApi(channels);
  const lines = text.split('\n');
  const sendLines: number[] = [];
  lines.forEach((line, index) => {
    if (line === SEND_LINE) sendLines.push(index);
  });
  // The middle half of the operations; fewer operations than edits → reuse lines in turn.
  const from = Math.floor(sendLines.length / 4);
  const to = Math.max(from + 1, Math.ceil((sendLines.length * 3) / 4));
  const middle = sendLines.slice(from, to);
  const editLines: number[] = [];
  for (let index = 0; index < edits; index++) {
    const position = middle.length <= edits ? index % middle.length : Math.floor(((index + 0.5) * middle.length) / edits);
    editLines.push(middle[position]!);
  }
  const warmUpLine = sendLines.find((line) => !editLines.includes(line)) ?? sendLines[0]!;
  return { channels, text, lines, editLines, warmUpLine };
}

/** `action: send` → `action: sned`: a schema error (not one of send/receive) on that line only. */
export function breakAction(line: number): LineEdit {
  return { line, startCharacter: SEND_VALUE_COLUMN, endCharacter: SEND_VALUE_COLUMN + 4, newText: 'sned' };
}

/** `action: send` → `action: sendx`: the same error, but the text after it moves by one character. */
export function lengthenAction(line: number): LineEdit {
  return { line, startCharacter: SEND_VALUE_COLUMN + 4, endCharacter: SEND_VALUE_COLUMN + 4, newText: 'x' };
}

export function unlengthenAction(line: number): LineEdit {
  return { line, startCharacter: SEND_VALUE_COLUMN + 4, endCharacter: SEND_VALUE_COLUMN + 5, newText: '' };
}

/** One typed character appended to the `action: send` value (`sendx`, `sendxx`, …): each keystroke is an edit. */
export function typeAfterAction(line: number, typedSoFar: number): LineEdit {
  const column = SEND_VALUE_COLUMN + 4 + typedSoFar;
  return { line, startCharacter: column, endCharacter: column, newText: 'x' };
}

/** Removes what `typeAfterAction` typed. */
export function untypeAfterAction(line: number, typed: number): LineEdit {
  return { line, startCharacter: SEND_VALUE_COLUMN + 4, endCharacter: SEND_VALUE_COLUMN + 4 + typed, newText: '' };
}

export function restoreAction(line: number): LineEdit {
  return { line, startCharacter: SEND_VALUE_COLUMN, endCharacter: SEND_VALUE_COLUMN + 4, newText: 'send' };
}

/** Applies a one-line edit to text (the in-process engine gets whole texts, as the server does). */
export function applyEdit(text: string, lineStarts: number[], edit: LineEdit): string {
  const start = lineStarts[edit.line]! + edit.startCharacter;
  const end = lineStarts[edit.line]! + edit.endCharacter;
  return text.slice(0, start) + edit.newText + text.slice(end);
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) starts.push(index + 1);
  return starts;
}

/**
 * Problems only the full (@asyncapi/parser) validation finds: the fast checks (structure against
 * the JSON Schema, references, examples) accept them. Each returns the changed text, the rule
 * code the server reports and the line the diagnostic should be on.
 */
export interface ParserOnlyProblem {
  code: string;
  text: string;
  description: string;
}

/** An operation whose `messages` lists a message of another channel (spec 3.0 semantic rule). */
export function foreignOperationMessage(document: BenchDocument): ParserOnlyProblem {
  const middle = Math.floor(document.channels / 2);
  const other = (middle + 1) % Math.max(2, document.channels);
  const name = entity(middle);
  const otherName = entity(other);
  const from = `  publish${capitalise(name)}Updated:\n    action: send\n    summary: Announce that a ${name} changed.\n    channel:\n      $ref: '#/channels/${name}Updated'\n    messages:\n      - $ref: '#/channels/${name}Updated/messages/${name}Updated'\n`;
  const to = from.replace(`- $ref: '#/channels/${name}Updated/messages/${name}Updated'`, `- $ref: '#/channels/${otherName}Updated/messages/${otherName}Updated'`);
  if (!document.text.includes(from)) throw new Error('The synthetic document changed shape: cannot place the parser-only problem');
  return { code: 'asyncapi3-operation-messages-from-referred-channel', text: document.text.replace(from, to), description: `operation publish${capitalise(name)}Updated lists a message of channel ${otherName}Updated` };
}

/** A channel address parameter that `parameters` does not declare (spec 3.0 semantic rule). */
export function undeclaredAddressParameter(document: BenchDocument): ParserOnlyProblem {
  const name = entity(Math.floor(document.channels / 2));
  const from = `    address: 'commerce.${name}.{${name}Id}.updated'`;
  if (!document.text.includes(from)) throw new Error('The synthetic document changed shape: cannot place the parser-only problem');
  return { code: 'asyncapi3-channel-parameters', text: document.text.replace(from, `    address: 'commerce.${name}.{${name}Id}.{region}.updated'`), description: `channel ${name}Updated uses an undeclared {region} parameter` };
}

// The generator's naming (test/support/syntheticAsyncApi.ts).
function entity(index: number) {
  return `entity${index.toString().padStart(4, '0')}`;
}

function capitalise(text: string) {
  return text[0]!.toUpperCase() + text.slice(1);
}
