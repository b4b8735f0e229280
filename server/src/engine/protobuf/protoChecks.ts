import type { FindingLocation, PathFinding } from '../findings/finding';
import type { SourceFile } from '../text/sourceFile';
import { fieldTypeName, type ProtoSchema } from './protoSchema';
import { MAX_FIELD_NUMBER, type ProtoEnum, type ProtoFile, type ProtoMessage, type Reserved, type Span } from './protoSource';

/** Places a span of the checked text; a finding in an AsyncAPI document shifts it into its block scalar. */
export interface ProtoPlacement {
  at(span: Span): Pick<PathFinding, 'path' | 'at'>;
  /** Related information at another span of the same text, when the host can place it. */
  related?(span: Span, message: string): FindingLocation | undefined;
}

/** Offsets into the file itself: a `.proto` file has no JSON path, so every finding is `at` its span. */
export function filePlacement(source: SourceFile): ProtoPlacement {
  return {
    at: (span) => ({ path: [], at: { offset: span.offset, length: span.length } }),
    related: (span, message) => ({ uri: source.uri, range: source.rangeAt(span.offset, span.length), message }),
  };
}

const IMPLEMENTATION_RESERVED = { from: 19_000, to: 19_999 };

/**
 * The problems protoc would report on the main file of a schema (and a few it would not but
 * Buf and the registries do), each at the span it concerns.
 */
export function checkProtoSchema(schema: ProtoSchema, placement: ProtoPlacement): PathFinding[] {
  const file = schema.main.file;
  const findings: PathFinding[] = [];
  const report = (ruleId: string, span: Span, message: string, related?: { span: Span; message: string }) => {
    const location = related && placement.related?.(related.span, related.message);
    findings.push({ ruleId, message, ...placement.at(span), ...(location ? { related: [location] } : {}) });
  };
  if (file.problem) {
    report('protobuf-syntax', file.problem.span, file.problem.message);
    return findings;
  }
  for (const declared of schema.unresolvedImports) {
    report('protobuf-import-unresolved', declared.pathSpan, `No file "${declared.path}" next to this file or in a folder above it, and it is not a well-known type: the types it defines are unknown here`);
  }
  const checker = new ProtoFileChecker(schema, file, report);
  checker.checkScope(file.messages, file.enums, file.package?.name ?? '');
  for (const message of file.messages) checker.checkMessage(message);
  for (const enumType of file.enums) checker.checkEnum(enumType);
  for (const { field, scope } of file.extensionFields) checker.checkFieldType(field.type, field.map?.valueType, field.map ? field.map.valueSpan : field.typeSpan, scope);
  return findings;
}

type Report = (ruleId: string, span: Span, message: string, related?: { span: Span; message: string }) => void;

class ProtoFileChecker {
  /** A type of an import that did not resolve would be reported unknown too: that is one problem, reported once. */
  private readonly typesMayBeMissing: boolean;

  constructor(
    private readonly schema: ProtoSchema,
    private readonly file: ProtoFile,
    private readonly report: Report,
  ) {
    this.typesMayBeMissing = schema.unresolvedImports.length > 0;
  }

  /** Names defined in one scope: messages, enums and (C++ scoping) the values of its enums. */
  checkScope(messages: ProtoMessage[], enums: ProtoEnum[], scope: string, fields: ProtoMessage['fields'] = []) {
    const seen = new Map<string, Span>();
    const define = (name: string, span: Span, what: string) => {
      const earlier = seen.get(name);
      if (earlier) this.report('protobuf-duplicate-name', span, `"${name}" is already defined in ${scope || 'this file'}: ${what} needs a name of its own`, { span: earlier, message: `"${name}" is first defined here` });
      else seen.set(name, span);
    };
    for (const field of fields) define(field.name, field.nameSpan, 'a field');
    for (const message of messages) define(message.name, message.nameSpan, 'a message');
    for (const enumType of enums) define(enumType.name, enumType.nameSpan, 'an enum');
    // Enum values are siblings of their enum in C++ and most generated code.
    for (const enumType of enums) for (const value of enumType.values) define(value.name, value.nameSpan, `the value of enum ${enumType.name}`);
  }

  checkFieldType(type: string, mapValue: string | undefined, span: Span, scope: string) {
    const named = mapValue ?? type;
    if (this.typesMayBeMissing || fieldTypeName(this.schema, named, scope) !== undefined) return;
    this.report('protobuf-unknown-type', span, `Unknown type "${named}": no message or enum of that name is defined here, in ${scope || 'the file'} or a scope around it, or in an imported file`);
  }

  checkMessage(message: ProtoMessage) {
    const proto3 = this.file.syntax === 'proto3';
    this.checkScope(message.messages, message.enums, message.fullName, message.fields);
    const byNumber = new Map<number, Span>();
    for (const field of message.fields) {
      if (!field.group) this.checkFieldType(field.type, field.map?.valueType, field.map ? field.map.valueSpan : field.typeSpan, message.fullName);
      if (proto3 && field.label === 'required') this.report('protobuf-syntax', field.span, `proto3 has no required fields: "${field.name}" is optional on the wire whatever the label says`);
      if (this.file.syntax === 'proto2' && !field.label && !field.oneof && !field.map) this.report('protobuf-syntax', field.typeSpan, `A proto2 field needs a label: optional, required or repeated`);
      this.checkNumber(field.number, field.numberSpan, `Field "${field.name}"`);
      const earlier = byNumber.get(field.number);
      if (earlier) this.report('protobuf-field-number', field.numberSpan, `Field number ${field.number} is already used in ${message.name}: two fields cannot share a number on the wire`, { span: earlier, message: `${field.number} is first used here` });
      else byNumber.set(field.number, field.numberSpan);
      this.checkReserved(message.reserved, field.number, field.numberSpan, field.name, field.nameSpan, `field`);
      const extension = message.extensions.find((range) => field.number >= range.from && field.number <= range.to);
      if (extension) this.report('protobuf-field-number', field.numberSpan, `Field number ${field.number} is in the extension range ${describeRange(extension)} of ${message.name}`, { span: extension.span, message: 'The extension range' });
    }
    this.checkReservedRanges(message.reserved, 'field');
    for (const nested of message.messages) this.checkMessage(nested);
    for (const enumType of message.enums) this.checkEnum(enumType);
  }

  private checkNumber(number: number, span: Span, what: string) {
    if (number < 1 || number > MAX_FIELD_NUMBER) this.report('protobuf-field-number', span, `${what}: field numbers go from 1 to ${MAX_FIELD_NUMBER}, not ${number}`);
    else if (number >= IMPLEMENTATION_RESERVED.from && number <= IMPLEMENTATION_RESERVED.to) this.report('protobuf-field-number', span, `${what}: numbers 19000 to 19999 are reserved for the Protocol Buffers implementation, and protoc rejects ${number}`);
  }

  private checkReserved(reserved: Reserved, number: number, numberSpan: Span, name: string, nameSpan: Span, what: 'field' | 'enum value') {
    const range = reserved.ranges.find((candidate) => number >= candidate.from && number <= candidate.to);
    if (range) this.report('protobuf-reserved', numberSpan, `${number} is reserved (${describeRange(range)}): a ${what} that once had it was removed, and reusing it would misread old data`, { span: range.span, message: 'Reserved here' });
    const reservedName = reserved.names.find((candidate) => candidate.name === name);
    if (reservedName) this.report('protobuf-reserved', nameSpan, `The name "${name}" is reserved: a ${what} that once had it was removed, and JSON and text formats would confuse the two`, { span: reservedName.span, message: 'Reserved here' });
  }

  private checkReservedRanges(reserved: Reserved, what: 'field' | 'enum value') {
    for (const [index, range] of reserved.ranges.entries()) {
      const overlapping = reserved.ranges.slice(0, index).find((earlier) => range.from <= earlier.to && earlier.from <= range.to);
      if (overlapping) this.report('protobuf-reserved', range.span, `This reserved range overlaps ${describeRange(overlapping)}`, { span: overlapping.span, message: 'The other range' });
      if (what === 'field' && (range.from < 1 || range.to > MAX_FIELD_NUMBER)) this.report('protobuf-field-number', range.span, `Field numbers go from 1 to ${MAX_FIELD_NUMBER}: this range reaches outside them`);
    }
  }

  checkEnum(enumType: ProtoEnum) {
    const first = enumType.values[0];
    if (!first) {
      this.report('protobuf-enum-value', enumType.nameSpan, `Enum ${enumType.name} has no value: an enum needs at least one`);
      return;
    }
    if (this.file.syntax === 'proto3' && first.number !== 0) this.report('protobuf-enum-value', first.numberSpan, `In proto3 the first value of an enum is 0, the default of every field of type ${enumType.name}: not ${first.number}`);
    const byNumber = new Map<number, { name: string; span: Span }>();
    let aliased = false;
    for (const value of enumType.values) {
      const earlier = byNumber.get(value.number);
      if (earlier) {
        aliased = true;
        if (!enumType.allowAlias) this.report('protobuf-enum-value', value.numberSpan, `${value.name} repeats the number ${value.number} of ${earlier.name}: an alias needs "option allow_alias = true;" in enum ${enumType.name}`, { span: earlier.span, message: `${earlier.name} = ${value.number}` });
      } else byNumber.set(value.number, { name: value.name, span: value.span });
      this.checkReserved(enumType.reserved, value.number, value.numberSpan, value.name, value.nameSpan, 'enum value');
    }
    if (enumType.allowAlias && !aliased) this.report('protobuf-enum-value', enumType.nameSpan, `Enum ${enumType.name} sets allow_alias but no two values share a number: protoc rejects that; remove the option`);
    this.checkReservedRanges(enumType.reserved, 'enum value');
  }
}

function describeRange(range: { from: number; to: number }) {
  return range.from === range.to ? String(range.from) : `${range.from} to ${range.to === MAX_FIELD_NUMBER ? 'max' : range.to}`;
}
