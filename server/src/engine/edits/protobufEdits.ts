import type { BreakData } from '../breaks/breakData';
import { allTypes, parseProto, type ProtoMessage } from '../protobuf/protoSource';
import type { SourceFile } from '../text/sourceFile';
import type { TextEdit } from './documentEdits';
import type { Reversal } from './reverseChange';

const REMOVED_FIELD = /^protobuf-(field|required-field|oneof-field)-removed$/;
/** A field of a oneof goes back into its oneof, which the message-level insertion cannot do: only its number is reserved. */
const RESTORABLE_FIELD = /^protobuf-(field|required-field)-removed$/;
const TYPE_CHANGED = /^protobuf-field-(kind|scalar-type|named-type)-changed(-within-group)?$/;

/**
 * The text edits that take a `.proto` change back, by offsets (a `.proto` file has no JSON
 * tree): a removed field's declaration put back, a field's old type put back, or a removed
 * field's number and name reserved so that no later field reuses them.
 */
export function reverseProtobufChange(data: BreakData, source: SourceFile): Reversal[] {
  const reversals: Reversal[] = [];
  if (REMOVED_FIELD.test(data.kind) && data.oldText) {
    const message = messageAt(source, data.newPath[0]);
    const number = /=\s*(\d+)/.exec(data.oldText)?.[1];
    if (message && RESTORABLE_FIELD.test(data.kind)) {
      reversals.push({ title: `Restore the field "${data.subject ?? ''}"`.replace(' ""', ''), edits: [insertInMessage(source, message, data.oldText.trim())] });
    }
    if (message) {
      const reserve = reservation(message, number === undefined ? undefined : Number(number), data.subject);
      if (reserve) reversals.push({ title: `Reserve its ${reserve.what} (${reserve.text})`, edits: [insertInMessage(source, message, reserve.text)] });
    }
  }
  if (TYPE_CHANGED.test(data.kind) && data.oldText && data.newSpan) {
    const range = source.rangeAt(data.newSpan.offset, data.newSpan.length);
    reversals.push({ title: `Restore the old type (${data.oldText})`, edits: [{ range, newText: data.oldText }] });
  }
  return reversals;
}

/** The message of the current text a change's path names (its name inside the package). */
function messageAt(source: SourceFile, name: string | number | undefined): ProtoMessage | undefined {
  if (typeof name !== 'string') return undefined;
  const file = parseProto(source.text);
  const packageName = file.package?.name;
  const fullName = packageName ? `${packageName}.${name}` : name;
  return allTypes(file).find((type): type is ProtoMessage => type.kind === 'message' && type.fullName === fullName);
}

/** `reserved 4;` and `reserved "note";`, for whichever of the two the message does not reserve yet. */
function reservation(message: ProtoMessage, number: number | undefined, name: string | undefined): { what: string; text: string } | undefined {
  const statements: string[] = [];
  const what: string[] = [];
  if (number !== undefined && !message.reserved.ranges.some((range) => range.from <= number && number <= range.to)) {
    statements.push(`reserved ${number};`);
    what.push('number');
  }
  if (name && !message.reserved.names.some((entry) => entry.name === name)) {
    statements.push(`reserved "${name}";`);
    what.push('name');
  }
  return statements.length > 0 ? { what: what.join(' and '), text: statements.join(' ') } : undefined;
}

/** A statement as the message's last, on its own line, indented as the message's first member (or two spaces in). */
function insertInMessage(source: SourceFile, message: ProtoMessage, statement: string): TextEdit {
  const text = source.text;
  const close = message.span.offset + message.span.length - 1;
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  const messageIndent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', message.span.offset - 1) + 1))![0];
  const firstMember = message.fields[0]?.span.offset;
  const memberIndent = firstMember !== undefined ? /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', firstMember - 1) + 1))![0] : `${messageIndent}  `;
  // The closing brace on a line of its own: the statement goes on the line above it.
  if (text.slice(lineStart, close).trim() === '') {
    const at = source.positionAt(lineStart);
    return { range: { start: at, end: at }, newText: `${memberIndent}${statement}\n` };
  }
  const at = source.positionAt(close);
  return { range: { start: at, end: at }, newText: ` ${statement} ` };
}
