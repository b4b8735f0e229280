import { fieldTypeName, type ProtoSchema } from '../protobuf/protoSchema';
import { allTypes, isScalarType, type ProtoEnum, type ProtoField, type ProtoMessage, type ProtoSyntax, type ProtoType, type Reserved, type ReservedRange, type Span } from '../protobuf/protoSource';
import type { ChangeLocation, SchemaChange } from './change';
import type { ProtobufChangeKind } from './protobufKinds';

/** One version of a `.proto` file, loaded with what its imports reach (to resolve type names). */
export interface ProtobufInput {
  schema: ProtoSchema;
  /** The file's URI; undefined for the input itself. */
  uri?: string;
}

/** A Protobuf change: its locations carry offset spans, and its paths name the message and field. */
export interface ProtobufChange extends SchemaChange {
  kind: ProtobufChangeKind;
  /** A removed field or enum value: what the new version reserves of it (Buf's `…_UNLESS_…_RESERVED` rules accept such a removal). */
  reserved?: { number: boolean; name: boolean };
  /** A reserved range or name of an enum, rather than of a message. */
  inEnum?: boolean;
  /** A renamed field whose JSON name changed with it (no `json_name` kept it). */
  jsonNameChanged?: boolean;
}

type ChangeDetails = Partial<Pick<ProtobufChange, 'subject' | 'oldValue' | 'newValue' | 'hazards' | 'reserved' | 'inEnum' | 'jsonNameChanged'>>;

/**
 * The differences between two versions of a `.proto` file, as Confluent's protobuf-provider
 * `SchemaDiff` names them: types matched by their name inside the package (so a package change
 * is one difference), fields by number, oneofs and enum values by name and number. Types of
 * imported files are not compared here: each file is compared as its own schema.
 */
export function diffProtobufSchemas(oldInput: ProtobufInput, newInput: ProtobufInput): ProtobufChange[] {
  return new ProtobufDiff(oldInput, newInput).run();
}

/** Scalar types that read each other's bytes: the groups of the Protobuf language guide, as Confluent groups them. */
function wireGroupOf(type: string): string {
  switch (type) {
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
    case 'bool':
      return 'varint';
    case 'sint32':
    case 'sint64':
      return 'zigzag';
    case 'string':
    case 'bytes':
      return 'length-delimited';
    case 'fixed32':
    case 'sfixed32':
      return 'fixed32';
    case 'fixed64':
    case 'sfixed64':
      return 'fixed64';
    default:
      return type;
  }
}

type TypeKind = 'scalar' | 'message' | 'map';

interface ResolvedType {
  kind: TypeKind;
  /** For a scalar: the scalar's name, or `enum` for an enum; for a message, its name inside its package. */
  name: string;
  group: string;
}

const FILE_START: Span = { offset: 0, length: 0 };

class ProtobufDiff {
  private readonly changes: ProtobufChange[] = [];
  private readonly oldPackage: string;
  private readonly newPackage: string;

  constructor(
    private readonly oldInput: ProtobufInput,
    private readonly newInput: ProtobufInput,
  ) {
    this.oldPackage = oldInput.schema.main.file.package?.name ?? '';
    this.newPackage = newInput.schema.main.file.package?.name ?? '';
  }

  run(): ProtobufChange[] {
    const oldFile = this.oldInput.schema.main.file;
    const newFile = this.newInput.schema.main.file;
    if (this.oldPackage !== this.newPackage) {
      this.add('protobuf-package-changed', this.at(['package'], oldFile.package?.span ?? FILE_START, 'old'), this.at(['package'], newFile.package?.span ?? FILE_START, 'new'), { oldValue: this.oldPackage || undefined, newValue: this.newPackage || undefined });
    }
    if (oldFile.syntax !== newFile.syntax) {
      this.add('protobuf-syntax-changed', this.at(['syntax'], oldFile.syntaxSpan ?? FILE_START, 'old'), this.at(['syntax'], newFile.syntaxSpan ?? FILE_START, 'new'), { oldValue: oldFile.syntax, newValue: newFile.syntax });
    }
    const oldTypes = this.typesByLocalName(allTypes(oldFile), this.oldPackage);
    const newTypes = this.typesByLocalName(allTypes(newFile), this.newPackage);
    for (const [name, oldType] of oldTypes) {
      const newType = newTypes.get(name);
      if (isInsideMissing(name, oldTypes, newTypes)) continue;
      if (!newType || newType.kind !== oldType.kind) {
        this.add(oldType.kind === 'message' ? 'protobuf-message-removed' : 'protobuf-enum-removed', this.at([name], oldType.nameSpan, 'old'), this.at(pathOf(parentOf(name)), this.parentSpan(newTypes, name), 'new'), { subject: name });
      }
    }
    for (const [name, newType] of newTypes) {
      const oldType = oldTypes.get(name);
      if (isInsideMissing(name, newTypes, oldTypes)) continue;
      if (!oldType || oldType.kind !== newType.kind) {
        this.add(newType.kind === 'message' ? 'protobuf-message-added' : 'protobuf-enum-added', this.at(pathOf(parentOf(name)), this.parentSpan(oldTypes, name), 'old'), this.at([name], newType.nameSpan, 'new'), { subject: name });
      } else if (oldType.kind === 'message' && newType.kind === 'message') this.compareMessages(name, oldType, newType);
      else if (oldType.kind === 'enum' && newType.kind === 'enum') this.compareEnums(name, oldType, newType);
    }
    const newOrder = newFile.messages.map((message) => message.name);
    oldFile.messages.forEach((message, index) => {
      const newIndex = newOrder.indexOf(message.name);
      if (newIndex !== -1 && newIndex !== index) {
        this.add('protobuf-message-moved', this.at([message.name], message.nameSpan, 'old'), this.at([message.name], newFile.messages[newIndex]!.nameSpan, 'new'), { subject: message.name, oldValue: index, newValue: newIndex });
      }
    });
    return this.changes;
  }

  private typesByLocalName(types: ProtoType[], packageName: string): Map<string, ProtoType> {
    return new Map(types.map((type) => [localName(type.fullName, packageName), type]));
  }

  /** Where something that is missing in one version would be: its parent message there, else the file's start. */
  private parentSpan(types: Map<string, ProtoType>, name: string): Span {
    return types.get(parentOf(name))?.nameSpan ?? FILE_START;
  }

  private compareEnums(name: string, oldEnum: ProtoEnum, newEnum: ProtoEnum) {
    const newByNumber = new Map<number, ProtoEnum['values'][number]>();
    for (const value of newEnum.values) if (!newByNumber.has(value.number)) newByNumber.set(value.number, value);
    const oldNumbers = new Set<number>();
    for (const value of oldEnum.values) {
      if (oldNumbers.has(value.number)) continue;
      oldNumbers.add(value.number);
      const updated = newByNumber.get(value.number);
      if (!updated) {
        const reserved = { number: isInRanges(newEnum.reserved.ranges, value.number), name: newEnum.reserved.names.some((entry) => entry.name === value.name) };
        this.add('protobuf-enum-value-removed', this.at([name, value.name], value.span, 'old'), this.at([name], newEnum.nameSpan, 'new'), { subject: value.name, reserved });
      }
      else if (updated.name !== value.name) this.add('protobuf-enum-value-changed', this.at([name, value.name], value.nameSpan, 'old'), this.at([name, updated.name], updated.nameSpan, 'new'), { subject: updated.name, oldValue: value.name, newValue: updated.name });
    }
    for (const [number, value] of newByNumber) {
      if (!oldNumbers.has(number)) this.add('protobuf-enum-value-added', this.at([name], oldEnum.nameSpan, 'old'), this.at([name, value.name], value.span, 'new'), { subject: value.name });
    }
    this.compareReserved(name, oldEnum, newEnum);
  }

  /**
   * Reserved number ranges and names released or added: a range counts as kept while the other
   * version's ranges still cover every number of it, however they are split.
   */
  private compareReserved(name: string, older: { reserved: Reserved; nameSpan: Span }, newer: { reserved: Reserved; nameSpan: Span }) {
    const inEnum = 'values' in older ? { inEnum: true } : {};
    for (const range of older.reserved.ranges) {
      if (!isCovered(range, newer.reserved.ranges)) this.add('protobuf-reserved-removed', this.at([name], range.span, 'old'), this.at([name], newer.nameSpan, 'new'), { subject: rangeText(range), ...inEnum });
    }
    for (const range of newer.reserved.ranges) {
      if (!isCovered(range, older.reserved.ranges)) this.add('protobuf-reserved-added', this.at([name], older.nameSpan, 'old'), this.at([name], range.span, 'new'), { subject: rangeText(range), ...inEnum });
    }
    const names = (reserved: Reserved) => new Set(reserved.names.map((entry) => entry.name));
    const [oldNames, newNames] = [names(older.reserved), names(newer.reserved)];
    for (const entry of older.reserved.names) {
      if (!newNames.has(entry.name)) this.add('protobuf-reserved-removed', this.at([name], entry.span, 'old'), this.at([name], newer.nameSpan, 'new'), { subject: entry.name, ...inEnum });
    }
    for (const entry of newer.reserved.names) {
      if (!oldNames.has(entry.name)) this.add('protobuf-reserved-added', this.at([name], older.nameSpan, 'old'), this.at([name], entry.span, 'new'), { subject: entry.name, ...inEnum });
    }
  }

  private compareMessages(name: string, oldMessage: ProtoMessage, newMessage: ProtoMessage) {
    const oldByNumber = new Map(oldMessage.fields.map((field) => [field.number, field]));
    const newByNumber = new Map(newMessage.fields.map((field) => [field.number, field]));
    const oldOneofs = new Set(oldMessage.oneofs.map((oneof) => oneof.name));
    const newOneofs = new Set(newMessage.oneofs.map((oneof) => oneof.name));
    for (const oneof of oldMessage.oneofs) {
      if (!newOneofs.has(oneof.name)) this.add('protobuf-oneof-removed', this.at([name, oneof.name], oneof.nameSpan, 'old'), this.at([name], newMessage.nameSpan, 'new'), { subject: oneof.name });
    }
    for (const oneof of newMessage.oneofs) {
      if (!oldOneofs.has(oneof.name)) this.add('protobuf-oneof-added', this.at([name], oldMessage.nameSpan, 'old'), this.at([name, oneof.name], oneof.nameSpan, 'new'), { subject: oneof.name });
    }
    this.compareOneofMoves(name, oldMessage, newMessage, 'to');
    this.compareOneofMoves(name, newMessage, oldMessage, 'out');
    for (const [number, oldField] of oldByNumber) {
      const newField = newByNumber.get(number);
      if (newField) {
        this.compareFields(name, oldMessage, newMessage, oldField, newField);
        continue;
      }
      const oldPlace = this.at([name, oldField.name], oldField.span, 'old');
      const newPlace = this.at([name], newMessage.nameSpan, 'new');
      const reserved = { number: isNumberReserved(newMessage, number), name: newMessage.reserved.names.some((entry) => entry.name === oldField.name) };
      if (oldField.oneof && newOneofs.has(oldField.oneof)) this.add('protobuf-oneof-field-removed', oldPlace, newPlace, { subject: oldField.name, reserved });
      else if (oldField.label === 'required') this.add('protobuf-required-field-removed', oldPlace, newPlace, { subject: oldField.name, reserved });
      else {
        const hazards = reserved.number && reserved.name ? undefined : [{ id: 'field-number-not-reserved' as const, direction: 'backward' as const }, { id: 'field-number-not-reserved' as const, direction: 'forward' as const }];
        this.add('protobuf-field-removed', oldPlace, newPlace, { subject: oldField.name, reserved, ...(hazards ? { hazards } : {}) });
      }
    }
    for (const [number, newField] of newByNumber) {
      if (oldByNumber.has(number)) continue;
      const oldPlace = this.at([name], oldMessage.nameSpan, 'old');
      const newPlace = this.at([name, newField.name], newField.span, 'new');
      if (newField.oneof && oldOneofs.has(newField.oneof)) this.add('protobuf-oneof-field-added', oldPlace, newPlace, { subject: newField.name });
      else if (newField.label === 'required') this.add('protobuf-required-field-added', oldPlace, newPlace, { subject: newField.name });
      else this.add('protobuf-field-added', oldPlace, newPlace, { subject: newField.name });
    }
    this.compareReserved(name, oldMessage, newMessage);
  }

  /**
   * Fields that end up in one `oneof` of `to` from more than one place of `from` (separate
   * fields, other oneofs): data that set several of them keeps only one. Old → new names the
   * move into a oneof; new → old, the reverse move out of one.
   */
  private compareOneofMoves(name: string, from: ProtoMessage, to: ProtoMessage, direction: 'to' | 'out') {
    const fromByNumber = new Map(from.fields.map((field) => [field.number, field]));
    const [fromVersion, toVersion] = direction === 'to' ? (['old', 'new'] as const) : (['new', 'old'] as const);
    for (const oneof of to.oneofs) {
      const origins = new Set<string>();
      let separateFields = 0;
      for (const field of to.fields) {
        const before = field.oneof === oneof.name ? fromByNumber.get(field.number) : undefined;
        if (!before) continue;
        if (before.oneof) origins.add(`oneof:${before.oneof}`);
        else {
          origins.add(`field:${field.number}`);
          separateFields++;
        }
      }
      if (origins.size < 2) continue;
      const multiple = separateFields > 1;
      const kind: ProtobufChangeKind =
        direction === 'to' ? (multiple ? 'protobuf-multiple-fields-moved-to-oneof' : 'protobuf-field-moved-to-existing-oneof') : multiple ? 'protobuf-multiple-fields-moved-out-of-oneof' : 'protobuf-field-moved-out-of-existing-oneof';
      const inOneof = this.at([name, oneof.name], oneof.nameSpan, toVersion);
      const inMessage = this.at([name], from.nameSpan, fromVersion);
      if (direction === 'to') this.add(kind, inMessage, inOneof, { subject: oneof.name });
      else this.add(kind, inOneof, inMessage, { subject: oneof.name });
    }
  }

  private compareFields(name: string, oldMessage: ProtoMessage, newMessage: ProtoMessage, oldField: ProtoField, newField: ProtoField) {
    const place = (span: (field: ProtoField) => Span) => [this.at([name, oldField.name], span(oldField), 'old'), this.at([name, newField.name], span(newField), 'new')] as const;
    const jsonNameChanged = jsonNameOf(oldField) !== jsonNameOf(newField);
    if (oldField.name !== newField.name) this.add('protobuf-field-renamed', ...place((field) => field.nameSpan), { subject: newField.name, oldValue: oldField.name, newValue: newField.name, ...(jsonNameChanged ? { jsonNameChanged } : {}) });
    else if (jsonNameChanged) this.add('protobuf-field-json-name-changed', ...place((field) => field.span), { subject: newField.name, oldValue: jsonNameOf(oldField), newValue: jsonNameOf(newField) });
    if (oldField.defaultValue !== newField.defaultValue) this.add('protobuf-field-default-changed', ...place((field) => field.span), { subject: newField.name, oldValue: oldField.defaultValue, newValue: newField.defaultValue });
    if (oldField.oneof !== newField.oneof) this.add('protobuf-field-oneof-changed', ...place((field) => field.span), { subject: newField.name, oldValue: oldField.oneof, newValue: newField.oneof });
    const [oldTypePlace, newTypePlace] = place((field) => field.typeSpan);
    const oldRequired = oldField.label === 'required';
    const newRequired = newField.label === 'required';
    if (oldRequired !== newRequired) this.add(newRequired ? 'protobuf-required-field-added' : 'protobuf-required-field-removed', ...place((field) => field.span), { subject: newField.name });
    else if (!oldField.map && !newField.map && oldField.oneof === newField.oneof) {
      // Scalar label changes have kinds of their own (compareTypes); a message field's, and presence, have none in the registry.
      const oldCardinality = this.cardinalityOf(oldField, oldMessage, 'old');
      const newCardinality = this.cardinalityOf(newField, newMessage, 'new');
      const oldKind = this.resolve(oldField.type, oldMessage, 'old', oldField.group).kind;
      const sameKind = oldKind === this.resolve(newField.type, newMessage, 'new', newField.group).kind;
      const repeatedChanged = (oldCardinality === 'repeated') !== (newCardinality === 'repeated');
      if (oldCardinality !== newCardinality && sameKind && (!repeatedChanged || oldKind === 'message')) this.add('protobuf-field-cardinality-changed', ...place((field) => field.span), { subject: newField.name, oldValue: oldCardinality, newValue: newCardinality });
    }
    if (oldField.map || newField.map) {
      if (!oldField.map || !newField.map) {
        this.add('protobuf-field-kind-changed', oldTypePlace, newTypePlace, { subject: newField.name, oldValue: oldField.type, newValue: newField.type });
        return;
      }
      this.compareTypes(newField.name, oldTypePlace, newTypePlace, this.resolve(oldField.map.keyType, oldMessage, 'old'), this.resolve(newField.map.keyType, newMessage, 'new'), false);
      this.compareTypes(newField.name, oldTypePlace, newTypePlace, this.resolve(oldField.map.valueType, oldMessage, 'old'), this.resolve(newField.map.valueType, newMessage, 'new'), false);
      return;
    }
    const labelChanged = (oldField.label === 'repeated') !== (newField.label === 'repeated');
    this.compareTypes(newField.name, oldTypePlace, newTypePlace, this.resolve(oldField.type, oldMessage, 'old', oldField.group), this.resolve(newField.type, newMessage, 'new', newField.group), labelChanged);
  }

  private compareTypes(subject: string, oldPlace: ChangeLocation, newPlace: ChangeLocation, oldType: ResolvedType, newType: ResolvedType, labelChanged: boolean) {
    const values = { subject, oldValue: oldType.name, newValue: newType.name };
    if (oldType.kind !== newType.kind) this.add('protobuf-field-kind-changed', oldPlace, newPlace, values);
    else if (oldType.kind === 'message') {
      if (oldType.name !== newType.name) this.add('protobuf-field-named-type-changed', oldPlace, newPlace, values);
    } else if (oldType.group !== newType.group) this.add('protobuf-field-scalar-type-changed', oldPlace, newPlace, values);
    else {
      if (oldType.name !== newType.name) this.add('protobuf-field-scalar-type-changed-within-group', oldPlace, newPlace, values);
      if (labelChanged) this.add(oldType.group === 'length-delimited' ? 'protobuf-field-string-or-bytes-label-changed' : 'protobuf-field-numeric-label-changed', oldPlace, newPlace, { subject });
    }
  }

  /** Buf's cardinalities of a singular field: `optional` with explicit presence (proto2, `optional`, messages, oneof members), `implicit` (plain proto3 scalars and enums). */
  private cardinalityOf(field: ProtoField, scope: ProtoMessage, version: 'old' | 'new'): 'repeated' | 'optional' | 'implicit' {
    if (field.label === 'repeated') return 'repeated';
    const syntax: ProtoSyntax = (version === 'old' ? this.oldInput : this.newInput).schema.main.file.syntax;
    const explicit = syntax !== 'proto3' || field.label === 'optional' || field.oneof !== undefined || this.resolve(field.type, scope, version, field.group).kind === 'message';
    return explicit ? 'optional' : 'implicit';
  }

  /** What a field's type is: a scalar (enums read as int32), a message (named inside its package), or unresolved (a message, as Confluent takes it). */
  private resolve(type: string, scope: ProtoMessage, version: 'old' | 'new', group?: boolean): ResolvedType {
    if (isScalarType(type)) return { kind: 'scalar', name: type, group: wireGroupOf(type) };
    const schema = version === 'old' ? this.oldInput.schema : this.newInput.schema;
    const fullName = group ? `${scope.fullName}.${type}` : fieldTypeName(schema, type, scope.fullName);
    const defined = fullName ? schema.types.get(fullName) : undefined;
    if (defined?.type.kind === 'enum') return { kind: 'scalar', name: localName(fullName!, defined.unit.file.package?.name ?? ''), group: 'varint' };
    if (!defined || !fullName) return { kind: 'message', name: type.replace(/^\./, ''), group: '' };
    return { kind: 'message', name: localName(fullName, defined.unit.file.package?.name ?? ''), group: '' };
  }

  private at(path: string[], span: Span, version: 'old' | 'new'): ChangeLocation {
    const uri = version === 'old' ? this.oldInput.uri : this.newInput.uri;
    return { ...(uri !== undefined ? { uri } : {}), path, span: { offset: span.offset, length: span.length } };
  }

  private add(kind: ProtobufChangeKind, old: ChangeLocation, updated: ChangeLocation, details: ChangeDetails = {}) {
    const change: ProtobufChange = { kind, old, new: updated };
    for (const key of Object.keys(details) as Array<keyof ChangeDetails>) if (details[key] !== undefined) (change as unknown as Record<string, unknown>)[key] = details[key];
    this.changes.push(change);
  }
}

function localName(fullName: string, packageName: string) {
  return packageName && fullName.startsWith(`${packageName}.`) ? fullName.slice(packageName.length + 1) : fullName;
}

/** A type nested in one the other version lacks: the outer type's change says it. */
function isInsideMissing(name: string, types: Map<string, ProtoType>, otherTypes: Map<string, ProtoType>) {
  const parent = parentOf(name);
  return parent !== '' && types.has(parent) && !otherTypes.has(parent);
}

function pathOf(typeName: string): string[] {
  return typeName ? [typeName] : [];
}

function parentOf(name: string) {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(0, dot);
}

export function isNumberReserved(message: ProtoMessage, number: number) {
  return isInRanges(message.reserved.ranges, number);
}

function isInRanges(ranges: readonly ReservedRange[], number: number) {
  return ranges.some((range) => range.from <= number && number <= range.to);
}

/** Whether `ranges` hold every number of `range`, together. */
function isCovered(range: ReservedRange, ranges: readonly ReservedRange[]) {
  let next = range.from;
  for (const candidate of [...ranges].sort((a, b) => a.from - b.from)) {
    if (candidate.from > next) break;
    next = Math.max(next, candidate.to + 1);
    if (next > range.to) return true;
  }
  return next > range.to;
}

function rangeText(range: ReservedRange) {
  return range.from === range.to ? String(range.from) : `${range.from} to ${range.to}`;
}

/** The key a field has in Protobuf JSON: its `json_name`, else its name in lowerCamelCase (as protoc derives it). */
function jsonNameOf(field: ProtoField): string {
  return field.jsonName ?? field.name.replace(/_+([a-z0-9]?)/gi, (_match, next: string) => next.toUpperCase());
}
