/**
 * A `.proto` file read into a model that keeps the position of everything a finding or a
 * compatibility change can point at. protobufjs's parser stops at the first problem, treats
 * duplicate numbers as fatal and keeps only a line, so the engine reads the grammar itself
 * (proto2, proto3; `edition` files are read with proto2's field rules) and judges the model.
 */

/** Where something is in the text: offsets into the source the model was read from. */
export interface Span {
  offset: number;
  length: number;
}

export type ProtoSyntax = 'proto2' | 'proto3' | 'editions';
export type FieldLabel = 'optional' | 'required' | 'repeated';

export interface ProtoField {
  name: string;
  nameSpan: Span;
  number: number;
  numberSpan: Span;
  /** The type as written (`string`, `Address`, `.shop.Money`); a map field has `map<K,V>`. */
  type: string;
  typeSpan: Span;
  map?: { keyType: string; valueType: string; valueSpan: Span };
  label?: FieldLabel;
  /** The whole statement, options included. */
  span: Span;
  /** The `oneof` the field is in. */
  oneof?: string;
  /** A proto2 `group`: its type is the nested message of the same name. */
  group?: boolean;
  deprecated?: boolean;
  /** The `json_name` option, when the field sets one. */
  jsonName?: string;
  /** The proto2 `default` option, as written. */
  defaultValue?: string;
}

export interface ProtoOneof {
  name: string;
  nameSpan: Span;
  span: Span;
}

export interface ReservedRange {
  from: number;
  /** Inclusive; `max` is 536,870,911 for fields and 2,147,483,647 for enums. */
  to: number;
  span: Span;
}

export interface Reserved {
  ranges: ReservedRange[];
  names: Array<{ name: string; span: Span }>;
}

export interface ProtoEnumValue {
  name: string;
  nameSpan: Span;
  number: number;
  numberSpan: Span;
  span: Span;
}

export interface ProtoEnum {
  kind: 'enum';
  name: string;
  nameSpan: Span;
  span: Span;
  fullName: string;
  values: ProtoEnumValue[];
  allowAlias: boolean;
  reserved: Reserved;
}

export interface ProtoMessage {
  kind: 'message';
  name: string;
  nameSpan: Span;
  span: Span;
  fullName: string;
  fields: ProtoField[];
  oneofs: ProtoOneof[];
  messages: ProtoMessage[];
  enums: ProtoEnum[];
  reserved: Reserved;
  extensions: ReservedRange[];
  /** The comment just above the declaration (the AsyncAPI parser reads `@RootNode` there). */
  comment?: string;
}

export type ProtoType = ProtoMessage | ProtoEnum;

export interface ProtoImport {
  path: string;
  /** The string literal, quotes included. */
  pathSpan: Span;
  span: Span;
  modifier?: 'public' | 'weak';
}

export interface SyntaxProblem {
  message: string;
  span: Span;
}

export interface ProtoFile {
  syntax: ProtoSyntax;
  /** The `syntax` or `edition` statement; none means proto2. */
  syntaxSpan?: Span;
  package?: { name: string; span: Span };
  imports: ProtoImport[];
  messages: ProtoMessage[];
  enums: ProtoEnum[];
  /** Field types of `extend` blocks, which must resolve too. */
  extensionFields: Array<{ field: ProtoField; scope: string }>;
  /** The first syntax error: what follows it is not read, as protoc reports. */
  problem?: SyntaxProblem;
}

export const MAX_FIELD_NUMBER = 536_870_911;
export const MAX_ENUM_NUMBER = 2_147_483_647;

type TokenKind = 'word' | 'number' | 'string' | 'symbol';

interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
  /** The comment that ends on the line before (or at) this token, for declarations. */
  comment?: string;
}

class ProtoSyntaxError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/** Splits proto source into tokens; comments are dropped, the last one before a token kept on it. */
function tokenize(text: string): { tokens: Token[]; problem?: SyntaxProblem } {
  const tokens: Token[] = [];
  let comment: string | undefined;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      // A blank line between a comment and a declaration detaches the comment.
      if (char === '\n' && /^\s*\n/.test(text.slice(index + 1, index + 200))) comment = undefined;
      index++;
      continue;
    }
    if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index);
      const line = text.slice(index + 2, end === -1 ? text.length : end);
      comment = comment === undefined ? line : `${comment}\n${line}`;
      index = end === -1 ? text.length : end;
      continue;
    }
    if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2);
      if (end === -1) return { tokens, problem: { message: 'This comment is never closed (*/ is missing)', span: { offset: index, length: 2 } } };
      comment = text.slice(index + 2, end);
      index = end + 2;
      continue;
    }
    const start = index;
    let kind: TokenKind;
    if (/[A-Za-z_]/.test(char)) {
      while (index < text.length && /[A-Za-z0-9_]/.test(text[index]!)) index++;
      kind = 'word';
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(text[index + 1] ?? ''))) {
      // Decimal, hex, octal and floats; signs are symbols.
      while (index < text.length && (/[A-Za-z0-9_.]/.test(text[index]!) || (/[eE]/.test(text[index - 1]!) && /[+-]/.test(text[index]!) && !/^0[xX]/.test(text.slice(start, index))))) index++;
      kind = 'number';
    } else if (char === '"' || char === "'") {
      index++;
      while (index < text.length && text[index] !== char) {
        if (text[index] === '\n') return { tokens, problem: { message: 'This string is not closed on its line', span: { offset: start, length: index - start } } };
        index += text[index] === '\\' ? 2 : 1;
      }
      if (index >= text.length) return { tokens, problem: { message: 'This string is never closed', span: { offset: start, length: 1 } } };
      index++;
      kind = 'string';
    } else {
      index++;
      kind = 'symbol';
    }
    tokens.push({ kind, text: text.slice(start, index), offset: start, ...(comment !== undefined ? { comment } : {}) });
    comment = undefined;
  }
  return { tokens };
}

const SCALAR_TYPES = new Set(['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes']);
const MAP_KEY_TYPES = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string']);

export function isScalarType(type: string) {
  return SCALAR_TYPES.has(type);
}

/** Reads a `.proto` file; on a syntax error the model holds what came before it, and `problem`. */
export function parseProto(text: string): ProtoFile {
  const { tokens, problem } = tokenize(text);
  const reader = new ProtoParser(tokens, text.length);
  const file = reader.readFile();
  // A tokenizer problem lies after every token read, so it is the first error unless the parser stopped earlier.
  if (problem && (!file.problem || file.problem.span.offset > problem.span.offset)) file.problem = problem;
  return file;
}

class ProtoParser {
  private position = 0;
  private file: ProtoFile = { syntax: 'proto2', imports: [], messages: [], enums: [], extensionFields: [] };

  constructor(
    private readonly tokens: Token[],
    private readonly textLength: number,
  ) {}

  readFile(): ProtoFile {
    try {
      if (this.peekIs('syntax') || this.peekIs('edition')) this.readSyntax();
      while (!this.atEnd()) this.readTopLevel();
    } catch (error) {
      if (!(error instanceof ProtoSyntaxError)) throw error;
      this.file.problem = { message: error.message, span: error.span };
    }
    return this.file;
  }

  private get packagePrefix() {
    return this.file.package ? `${this.file.package.name}.` : '';
  }

  // --- token access -------------------------------------------------------------------------

  private atEnd() {
    return this.position >= this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private peekIs(text: string, ahead = 0) {
    return this.tokens[this.position + ahead]?.text === text;
  }

  private spanOf(token: Token | undefined): Span {
    return token ? { offset: token.offset, length: token.text.length } : { offset: this.textLength, length: 0 };
  }

  private fail(message: string, token = this.peek()): never {
    throw new ProtoSyntaxError(token ? `${message}, not "${token.text}"` : `${message}, but the file ends`, this.spanOf(token));
  }

  private next(): Token {
    const token = this.peek();
    if (!token) this.fail('Something more was expected');
    this.position++;
    return token;
  }

  private expect(text: string): Token {
    if (!this.peekIs(text)) this.fail(`Expected "${text}"`);
    return this.next();
  }

  private accept(text: string): boolean {
    if (!this.peekIs(text)) return false;
    this.position++;
    return true;
  }

  private name(what: string): Token {
    const token = this.peek();
    if (token?.kind !== 'word') this.fail(`Expected ${what}`);
    return this.next();
  }

  /** `a.b.C` or `.a.b.C`, as one string with its span. */
  private dottedName(what: string): { text: string; span: Span } {
    const first = this.peek();
    let text = '';
    if (this.accept('.')) text = '.';
    text += this.name(what).text;
    while (this.peekIs('.')) {
      this.position++;
      text += `.${this.name(what).text}`;
    }
    const last = this.tokens[this.position - 1]!;
    return { text, span: { offset: first!.offset, length: last.offset + last.text.length - first!.offset } };
  }

  private integer(what: string): { value: number; span: Span } {
    const sign = this.accept('-') ? -1 : 1;
    const token = this.peek();
    if (token?.kind !== 'number') this.fail(`Expected ${what}`);
    this.position++;
    const value = parseInteger(token.text);
    if (value === undefined) throw new ProtoSyntaxError(`"${token.text}" is not an integer`, this.spanOf(token));
    const start = sign < 0 ? this.tokens[this.position - 2]!.offset : token.offset;
    return { value: sign * value, span: { offset: start, length: token.offset + token.text.length - start } };
  }

  private stringLiteral(what: string): { value: string; span: Span } {
    const token = this.peek();
    if (token?.kind !== 'string') this.fail(`Expected ${what} (a quoted string)`);
    this.position++;
    let value = unquote(token.text);
    let end = token.offset + token.text.length;
    // Adjacent literals concatenate, as in C.
    while (this.peek()?.kind === 'string') {
      const more = this.next();
      value += unquote(more.text);
      end = more.offset + more.text.length;
    }
    return { value, span: { offset: token.offset, length: end - token.offset } };
  }

  private spanFrom(start: Token): Span {
    const last = this.tokens[this.position - 1] ?? start;
    return { offset: start.offset, length: last.offset + last.text.length - start.offset };
  }

  // --- statements ---------------------------------------------------------------------------

  private readSyntax() {
    const start = this.next();
    this.expect('=');
    const value = this.stringLiteral(start.text === 'syntax' ? 'the syntax, "proto2" or "proto3"' : 'an edition');
    if (start.text === 'syntax') {
      if (value.value !== 'proto2' && value.value !== 'proto3') throw new ProtoSyntaxError(`Unknown syntax "${value.value}": it is "proto2" or "proto3"`, value.span);
      this.file.syntax = value.value;
    } else {
      this.file.syntax = 'editions';
    }
    this.expect(';');
    this.file.syntaxSpan = this.spanFrom(start);
  }

  private readTopLevel() {
    // Edition 2024 marks a type's visibility before it.
    if ((this.peekIs('export') || this.peekIs('local')) && (this.peekIs('message', 1) || this.peekIs('enum', 1))) this.position++;
    const token = this.peek()!;
    switch (token.text) {
      case ';':
        this.position++;
        return;
      case 'syntax':
      case 'edition':
        this.fail('The syntax statement comes first in the file', token);
        return;
      case 'package': {
        this.position++;
        if (this.file.package) throw new ProtoSyntaxError('A file has one package statement', this.spanOf(token));
        const name = this.dottedName('a package name');
        this.expect(';');
        this.file.package = { name: name.text, span: name.span };
        return;
      }
      case 'import': {
        this.position++;
        const modifier = this.peekIs('public') || this.peekIs('weak') ? (this.next().text as 'public' | 'weak') : undefined;
        const path = this.stringLiteral('the path of the imported file');
        this.expect(';');
        this.file.imports.push({ path: path.value, pathSpan: path.span, span: this.spanFrom(token), ...(modifier ? { modifier } : {}) });
        return;
      }
      case 'option':
        this.readOption();
        return;
      case 'message':
        this.file.messages.push(this.readMessage(this.packagePrefix));
        return;
      case 'enum':
        this.file.enums.push(this.readEnum(this.packagePrefix));
        return;
      case 'service':
        this.readService();
        return;
      case 'extend':
        this.readExtend(this.file.package?.name ?? '');
        return;
      default:
        this.fail('Expected a top-level statement (message, enum, service, import, package, option, extend)', token);
    }
  }

  /** `option name = value;` — the engine reads no file option, so only its shape is checked. */
  private readOption() {
    this.expect('option');
    this.optionName();
    this.expect('=');
    this.optionValue();
    this.expect(';');
  }

  private optionName(): string {
    let text = '';
    do {
      if (this.accept('(')) {
        text += `(${this.dottedName('an option name').text})`;
        this.expect(')');
      } else {
        text += this.name('an option name').text;
      }
    } while (this.accept('.') && (text += '.'));
    return text;
  }

  /** A constant, or an aggregate `{ … }` in text format, skipped with its nesting. */
  private optionValue(): string {
    if (this.peekIs('{')) {
      let depth = 0;
      do {
        const token = this.next();
        if (token.text === '{') depth++;
        else if (token.text === '}') depth--;
      } while (depth > 0);
      return '{…}';
    }
    const sign = this.peekIs('-') || this.peekIs('+') ? this.next().text : '';
    const token = this.peek();
    if (!token || token.kind === 'symbol') this.fail('Expected an option value');
    if (token.kind === 'string') return this.stringLiteral('a value').value;
    this.position++;
    return sign + token.text;
  }

  /** `[name = value, …]` after a field or an enum value; returns the options read by name. */
  private fieldOptions(): Map<string, string> {
    const options = new Map<string, string>();
    if (!this.accept('[')) return options;
    do {
      const name = this.optionName();
      this.expect('=');
      options.set(name, this.optionValue());
    } while (this.accept(','));
    this.expect(']');
    return options;
  }

  private emptyReserved(): Reserved {
    return { ranges: [], names: [] };
  }

  private readMessage(prefix: string): ProtoMessage {
    const start = this.expect('message');
    const name = this.name('a message name');
    return this.readMessageBody(start, name, prefix);
  }

  private readMessageBody(start: Token, name: Token, prefix: string): ProtoMessage {
    const fullName = prefix + name.text;
    const message: ProtoMessage = {
      kind: 'message',
      name: name.text,
      nameSpan: this.spanOf(name),
      span: this.spanOf(start),
      fullName,
      fields: [],
      oneofs: [],
      messages: [],
      enums: [],
      reserved: this.emptyReserved(),
      extensions: [],
      ...(start.comment !== undefined ? { comment: start.comment } : {}),
    };
    this.expect('{');
    while (!this.accept('}')) {
      if (this.atEnd()) this.fail(`Expected "}" to close message ${name.text}`);
      this.readMessageElement(message, `${fullName}.`);
    }
    message.span = this.spanFrom(start);
    return message;
  }

  private readMessageElement(message: ProtoMessage, prefix: string, oneof?: string) {
    if ((this.peekIs('export') || this.peekIs('local')) && (this.peekIs('message', 1) || this.peekIs('enum', 1))) this.position++;
    const token = this.peek()!;
    switch (token.text) {
      case ';':
        this.position++;
        return;
      case 'option':
        this.readOption();
        return;
      case 'message':
        if (oneof) break;
        message.messages.push(this.readMessage(prefix));
        return;
      case 'enum':
        if (oneof) break;
        message.enums.push(this.readEnum(prefix));
        return;
      case 'reserved':
        if (oneof) break;
        this.readReserved(message.reserved, MAX_FIELD_NUMBER);
        return;
      case 'extensions': {
        if (oneof) break;
        this.position++;
        this.readRanges(message.extensions, MAX_FIELD_NUMBER);
        this.fieldOptions();
        this.expect(';');
        return;
      }
      case 'extend':
        if (oneof) break;
        this.readExtend(prefix.slice(0, -1));
        return;
      case 'oneof': {
        if (oneof) break;
        this.position++;
        const name = this.name('a oneof name');
        message.oneofs.push({ name: name.text, nameSpan: this.spanOf(name), span: this.spanOf(token) });
        this.expect('{');
        while (!this.accept('}')) {
          if (this.atEnd()) this.fail(`Expected "}" to close oneof ${name.text}`);
          this.readMessageElement(message, prefix, name.text);
        }
        message.oneofs.at(-1)!.span = this.spanFrom(token);
        return;
      }
    }
    message.fields.push(this.readField(message, prefix, oneof));
  }

  private readField(message: ProtoMessage, prefix: string, oneof: string | undefined): ProtoField {
    const start = this.peek()!;
    let label: FieldLabel | undefined;
    // `optional` etc. are labels only when a type follows; a type may be named `optional`.
    if ((start.text === 'optional' || start.text === 'required' || start.text === 'repeated') && (this.tokens[this.position + 1]?.kind === 'word' || this.peekIs('.', 1)) && !this.peekIs('=', 2)) {
      label = start.text;
      this.position++;
      if (oneof) throw new ProtoSyntaxError('Fields in a oneof have no label (optional, required, repeated)', this.spanOf(start));
    }
    if (this.peekIs('map') && this.peekIs('<', 1)) return this.readMapField(start, label, oneof);
    if (this.peekIs('group') && this.tokens[this.position + 1]?.kind === 'word' && !this.peekIs('=', 1)) return this.readGroup(start, message, prefix, label, oneof);
    const type = this.dottedName('a field type or a statement');
    return { ...this.fieldEnd(start, type.text, type.span), ...(label ? { label } : {}), ...(oneof ? { oneof } : {}) };
  }

  /** What every field ends with, `name = number [options];`, and the field it makes with its type. */
  private fieldEnd(start: Token, type: string, typeSpan: Span): ProtoField {
    const name = this.name('a field name');
    this.expect('=');
    const number = this.integer('a field number');
    const options = this.fieldOptions();
    this.expect(';');
    return {
      name: name.text,
      nameSpan: this.spanOf(name),
      number: number.value,
      numberSpan: number.span,
      type,
      typeSpan,
      span: this.spanFrom(start),
      ...(options.get('deprecated') === 'true' ? { deprecated: true } : {}),
      ...(options.has('json_name') ? { jsonName: options.get('json_name')! } : {}),
      ...(options.has('default') ? { defaultValue: options.get('default')! } : {}),
    };
  }

  private readMapField(start: Token, label: FieldLabel | undefined, oneof: string | undefined): ProtoField {
    const mapToken = this.next();
    if (label) throw new ProtoSyntaxError('A map field has no label', this.spanOf(start));
    if (oneof) throw new ProtoSyntaxError('A oneof cannot hold a map field', this.spanOf(mapToken));
    this.expect('<');
    const key = this.name('a map key type');
    if (!MAP_KEY_TYPES.has(key.text)) throw new ProtoSyntaxError(`A map key is an integer, bool or string type, not "${key.text}"`, this.spanOf(key));
    this.expect(',');
    const value = this.dottedName('a map value type');
    const close = this.expect('>');
    const field = this.fieldEnd(start, `map<${key.text},${value.text}>`, { offset: mapToken.offset, length: close.offset + 1 - mapToken.offset });
    return { ...field, map: { keyType: key.text, valueType: value.text, valueSpan: value.span } };
  }

  /** proto2 `group Name = n { … }`: a field named in lower case and a nested message. */
  private readGroup(start: Token, message: ProtoMessage, prefix: string, label: FieldLabel | undefined, oneof: string | undefined): ProtoField {
    const groupToken = this.next();
    const name = this.name('a group name');
    this.expect('=');
    const number = this.integer('a field number');
    this.fieldOptions();
    const nested = this.readMessageBody(groupToken, name, prefix);
    message.messages.push(nested);
    return {
      name: name.text.toLowerCase(),
      nameSpan: this.spanOf(name),
      number: number.value,
      numberSpan: number.span,
      type: name.text,
      typeSpan: this.spanOf(name),
      span: this.spanFrom(start),
      group: true,
      ...(label ? { label } : {}),
      ...(oneof ? { oneof } : {}),
    };
  }

  /** Names and ranges; protoc wants one kind per statement, but a mix says the same and is read. */
  private readReserved(reserved: Reserved, max: number) {
    this.expect('reserved');
    do {
      if (this.peek()?.kind === 'string') {
        const name = this.stringLiteral('a reserved name');
        reserved.names.push({ name: name.value, span: name.span });
      } else if (this.peek()?.kind === 'word') {
        // Editions write reserved names as identifiers.
        const name = this.name('a reserved name');
        reserved.names.push({ name: name.text, span: this.spanOf(name) });
      } else {
        this.readRange(reserved.ranges, max);
      }
    } while (this.accept(','));
    this.expect(';');
  }

  private readRanges(ranges: ReservedRange[], max: number) {
    do this.readRange(ranges, max);
    while (this.accept(','));
  }

  private readRange(ranges: ReservedRange[], max: number) {
    const from = this.integer('a number or a range (1 to 5)');
    let to = from.value;
    let end = from.span;
    if (this.accept('to')) {
      if (this.peekIs('max')) {
        end = this.spanOf(this.next());
        to = max;
      } else {
        const last = this.integer('the end of the range, a number or max');
        to = last.value;
        end = last.span;
      }
    }
    const span = { offset: from.span.offset, length: end.offset + end.length - from.span.offset };
    if (to < from.value) throw new ProtoSyntaxError(`This range ends (${to}) before it starts (${from.value})`, span);
    ranges.push({ from: from.value, to, span });
  }


  private readEnum(prefix: string): ProtoEnum {
    const start = this.expect('enum');
    const name = this.name('an enum name');
    const result: ProtoEnum = { kind: 'enum', name: name.text, nameSpan: this.spanOf(name), span: this.spanOf(start), fullName: prefix + name.text, values: [], allowAlias: false, reserved: this.emptyReserved() };
    this.expect('{');
    while (!this.accept('}')) {
      if (this.atEnd()) this.fail(`Expected "}" to close enum ${name.text}`);
      if (this.accept(';')) continue;
      if (this.peekIs('option')) {
        this.next();
        const option = this.optionName();
        this.expect('=');
        const value = this.optionValue();
        this.expect(';');
        if (option === 'allow_alias') result.allowAlias = value === 'true';
        continue;
      }
      if (this.peekIs('reserved')) {
        this.readReserved(result.reserved, MAX_ENUM_NUMBER);
        continue;
      }
      const valueName = this.name('an enum value name');
      this.expect('=');
      const number = this.integer('an enum value number');
      this.fieldOptions();
      this.expect(';');
      result.values.push({ name: valueName.text, nameSpan: this.spanOf(valueName), number: number.value, numberSpan: number.span, span: this.spanFrom(valueName) });
    }
    result.span = this.spanFrom(start);
    return result;
  }

  /** Services are read for their syntax only: compatibility and validity concern data. */
  private readService() {
    this.expect('service');
    this.name('a service name');
    this.expect('{');
    while (!this.accept('}')) {
      if (this.atEnd()) this.fail('Expected "}" to close the service');
      if (this.accept(';')) continue;
      if (this.peekIs('option')) {
        this.readOption();
        continue;
      }
      this.expect('rpc');
      this.name('an rpc name');
      this.rpcType();
      this.expect('returns');
      this.rpcType();
      if (this.accept('{')) {
        while (!this.accept('}')) {
          if (this.accept(';')) continue;
          this.readOption();
        }
      } else this.expect(';');
    }
  }

  private rpcType() {
    this.expect('(');
    this.accept('stream');
    this.dottedName('a message type');
    this.expect(')');
  }

  private readExtend(scope: string) {
    this.expect('extend');
    const extended = this.dottedName('the extended message');
    const holder: ProtoMessage = { kind: 'message', name: extended.text, nameSpan: extended.span, span: extended.span, fullName: extended.text, fields: [], oneofs: [], messages: [], enums: [], reserved: this.emptyReserved(), extensions: [] };
    this.expect('{');
    while (!this.accept('}')) {
      if (this.atEnd()) this.fail('Expected "}" to close the extend block');
      if (this.accept(';')) continue;
      holder.fields.push(this.readField(holder, `${scope}.`, undefined));
    }
    for (const field of holder.fields) this.file.extensionFields.push({ field, scope });
  }
}

function parseInteger(text: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[0-7]+$/.test(text)) return parseInt(text.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(text)) return Number(text);
  return undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\u0007', b: '\b', f: '\f', v: '\v', '?': '?' };

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, escape: string) => {
    if (escape[0] === 'x') return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return ESCAPES[escape] ?? escape;
  });
}

/** Every message and enum of a file, nested ones included, outermost first. */
export function allTypes(file: { messages: ProtoMessage[]; enums: ProtoEnum[] }): ProtoType[] {
  const result: ProtoType[] = [];
  const visit = (message: ProtoMessage) => {
    result.push(message);
    for (const nested of message.messages) visit(nested);
    result.push(...message.enums);
  };
  for (const message of file.messages) visit(message);
  result.push(...file.enums);
  return result;
}
